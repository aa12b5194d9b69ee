// The bearer token and its file: constant-time matching through digests, the file's
// permission, owner and content checks, and creation at first start.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "api/bearer_token.h"
#include "api_test_support.h"

namespace loyalty::api::test {
namespace {

void writeFile(const std::filesystem::path& file, const std::string& text, mode_t mode) {
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
  }
  REQUIRE(::chmod(file.c_str(), mode) == 0);
}

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

mode_t modeOf(const std::filesystem::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

TEST_CASE("a token matches itself only", "[api][token]") {
  const BearerToken token = BearerToken::fromSecret(kToken);
  CHECK(token.matches(kToken));
  CHECK_FALSE(token.matches(""));
  CHECK_FALSE(token.matches(std::string(kToken) + "0"));
  CHECK_FALSE(token.matches(kToken.substr(0, kToken.size() - 1)));
  std::string upper(kToken);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK_FALSE(token.matches(upper));
}

TEST_CASE("token text follows RFC 6750 and is long enough", "[api][token]") {
  CHECK(isValidTokenText(kToken));
  CHECK(isValidTokenText("abcdefghijklmnopqrstuvwxyzABCD-._~+/=="));
  CHECK_FALSE(isValidTokenText("short"));
  CHECK_FALSE(isValidTokenText(std::string(31, 'a')));
  CHECK(isValidTokenText(std::string(32, 'a')));
  CHECK(isValidTokenText(std::string(512, 'a')));
  CHECK_FALSE(isValidTokenText(std::string(513, 'a')));
  CHECK_FALSE(isValidTokenText(std::string(40, 'a') + " b"));
  CHECK_FALSE(isValidTokenText(std::string(40, 'a') + "=b"));
  CHECK_FALSE(isValidTokenText(std::string(40, '=')));
  CHECK_THROWS_AS(BearerToken::fromSecret("short"), std::invalid_argument);
}

TEST_CASE("generated secrets are 64 hex characters and differ", "[api][token]") {
  const Result<std::string> first = generateTokenSecret();
  const Result<std::string> second = generateTokenSecret();
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->size() == 64);
  CHECK(first->find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(*first != *second);
}

TEST_CASE("loadOrCreateTokenFile creates a 0600 file once and reads it afterwards", "[api][token]") {
  TempDir dir;
  const std::filesystem::path file = dir / "api-token";
  const mode_t previous = ::umask(0077 | 0200);  // even a umask that takes the owner's write bit
  Result<BearerToken> created = loadOrCreateTokenFile(file);
  ::umask(previous);
  REQUIRE(created.ok());
  CHECK(modeOf(file) == 0600);
  const std::string text = readFile(file);
  REQUIRE(text.size() == 65);
  CHECK(text.back() == '\n');
  const std::string secret = text.substr(0, 64);
  CHECK(created->matches(secret));

  Result<BearerToken> again = loadOrCreateTokenFile(file);
  REQUIRE(again.ok());
  CHECK(again->matches(secret));
  CHECK(readFile(file) == text);  // not regenerated

  Result<BearerToken> read = readTokenFile(file);
  REQUIRE(read.ok());
  CHECK(read->matches(secret));
}

TEST_CASE("token files that are unsafe or wrong are refused with their reason", "[api][token]") {
  TempDir dir;
  const std::string token(kToken);

  CHECK(readTokenFile(dir / "absent").error().reason == "token_file_missing");
  CHECK(loadOrCreateTokenFile(dir / "no-dir" / "token").error().reason == "token_file_create_failed");

  for (const mode_t mode : {0644u, 0640u, 0604u, 0660u, 0606u}) {
    const auto file = dir / ("mode-" + std::to_string(mode));
    writeFile(file, token, mode);
    const Result<BearerToken> read = readTokenFile(file);
    INFO(mode);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().reason == "token_file_permissions");
    CHECK(read.error().message.find("chmod 600") != std::string::npos);
    // loadOrCreate refuses it too: an existing file is never replaced.
    CHECK(loadOrCreateTokenFile(file).error().reason == "token_file_permissions");
  }
  writeFile(dir / "read-only", token + "\r\n", 0400);
  CHECK(readTokenFile(dir / "read-only").ok());

  writeFile(dir / "target", token, 0600);
  std::filesystem::create_symlink(dir / "target", dir / "link");
  CHECK(readTokenFile(dir / "link").error().reason == "token_file_not_regular");
  CHECK(loadOrCreateTokenFile(dir / "link").error().reason == "token_file_not_regular");

  std::filesystem::create_directory(dir / "a-directory");
  CHECK(readTokenFile(dir / "a-directory").error().reason == "token_file_not_regular");
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK(readTokenFile(dir / "fifo").error().reason == "token_file_not_regular");

  for (const std::string& bad : {std::string{}, std::string("short\n"), token + "\n\n", token + " extra",
                                 "\n" + token, token + std::string(600, 'a')}) {
    writeFile(dir / "bad", bad, 0600);
    const Result<BearerToken> read = readTokenFile(dir / "bad");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().reason == "token_file_malformed");
    CHECK(read.error().code == ErrorCode::invalid_input);
    CHECK(read.error().message.find(token) == std::string::npos);  // never echoes file content
  }
}

TEST_CASE("a token file owned by another user is refused", "[api][token]") {
  if (::geteuid() != 0) {
    SUCCEED("needs root to give a file away; covered when the tests run as root");
    return;
  }
  TempDir dir;
  writeFile(dir / "token", std::string(kToken), 0600);
  REQUIRE(::chown((dir / "token").c_str(), 65534, 65534) == 0);
  const Result<BearerToken> read = readTokenFile(dir / "token");
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().reason == "token_file_owner");
}

}  // namespace
}  // namespace loyalty::api::test
