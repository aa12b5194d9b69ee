#include "api/bearer_token.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace loyalty::api {
namespace {

constexpr std::size_t kMaxFileBytes = kMaxTokenLength + 2;  // token, "\r\n"

bool sha256(std::string_view text, std::array<unsigned char, 32>& out) noexcept {
  unsigned int length = 0;
  return EVP_Digest(text.data(), text.size(), out.data(), &length, EVP_sha256(), nullptr) == 1 && length == out.size();
}

// Closes the descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

Error fileError(std::string reason, const std::filesystem::path& file, const std::string& what) {
  return makeError(ErrorCode::io_error, std::move(reason), "The API token file " + file.string() + " " + what);
}

std::string octalMode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

bool writeAll(int fd, std::string_view text) noexcept {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool isValidTokenText(std::string_view text) noexcept {
  if (text.size() < kMinTokenLength || text.size() > kMaxTokenLength) return false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    if (!plain) break;
  }
  if (i == 0) return false;
  for (; i < text.size(); ++i) {
    if (text[i] != '=') return false;
  }
  return true;
}

BearerToken BearerToken::fromSecret(std::string_view secret) {
  if (!isValidTokenText(secret)) throw std::invalid_argument("BearerToken: not a valid token");
  BearerToken token;
  if (!sha256(secret, token.digest_)) throw std::runtime_error("BearerToken: SHA-256 unavailable");
  return token;
}

bool BearerToken::matches(std::string_view presented) const noexcept {
  std::array<unsigned char, 32> digest{};
  if (!sha256(presented, digest)) return false;
  return CRYPTO_memcmp(digest.data(), digest_.data(), digest.size()) == 0;
}

Result<std::string> generateTokenSecret() {
  std::array<unsigned char, 32> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return makeError(ErrorCode::io_error, "random_unavailable", "OpenSSL could not produce random bytes for a token.");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string secret;
  secret.reserve(random.size() * 2);
  for (const unsigned char byte : random) {
    secret += kHex[byte >> 4];
    secret += kHex[byte & 0x0f];
  }
  OPENSSL_cleanse(random.data(), random.size());
  return secret;
}

Result<BearerToken> readTokenFile(const std::filesystem::path& file) {
  const FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT) return fileError("token_file_missing", file, "does not exist.");
    if (error == ELOOP) {
      return fileError("token_file_not_regular", file, "is a symbolic link; give the path of the file itself.");
    }
    return fileError("token_file_unreadable", file, std::string("cannot be opened: ") + std::strerror(error) + ".");
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return fileError("token_file_unreadable", file, std::string("cannot be examined: ") + std::strerror(errno) + ".");
  }
  if (!S_ISREG(info.st_mode)) return fileError("token_file_not_regular", file, "is not a regular file.");
  if (info.st_uid != ::geteuid()) {
    return fileError("token_file_owner", file,
                     "belongs to user id " + std::to_string(info.st_uid) + ", not to the agent's user (id " +
                         std::to_string(::geteuid()) + "); chown it to the agent's user.");
  }
  if ((info.st_mode & 077) != 0) {
    return fileError("token_file_permissions", file,
                     "has mode " + octalMode(info.st_mode) +
                         "; group and others must have no access. Run: chmod 600 " + file.string());
  }
  std::string text(kMaxFileBytes + 1, '\0');
  std::size_t size = 0;
  while (size < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + size, text.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fileError("token_file_unreadable", file, std::string("cannot be read: ") + std::strerror(errno) + ".");
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  text.resize(size);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (!isValidTokenText(text)) {
    OPENSSL_cleanse(text.data(), text.size());
    return makeError(ErrorCode::invalid_input, "token_file_malformed",
                     "The API token file " + file.string() + " must hold one token of " +
                         std::to_string(kMinTokenLength) + " to " + std::to_string(kMaxTokenLength) +
                         " characters (letters, digits, -._~+/ and trailing =) and nothing else; delete it to have "
                         "the agent create a new one.");
  }
  BearerToken token = BearerToken::fromSecret(text);
  OPENSSL_cleanse(text.data(), text.size());
  return token;
}

Result<BearerToken> loadOrCreateTokenFile(const std::filesystem::path& file) {
  const FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return readTokenFile(file);  // also a symlink: readTokenFile refuses it
    return fileError("token_file_create_failed", file,
                     std::string("cannot be created: ") + std::strerror(errno) + " (does its directory exist?).");
  }
  Result<std::string> secret = generateTokenSecret();
  if (!secret) {
    ::unlink(file.c_str());
    return secret.error();
  }
  // fchmod: the umask may have taken the owner's write bit; 0600 exactly, whatever it is.
  const bool written = ::fchmod(fd.get(), 0600) == 0 && writeAll(fd.get(), *secret) && writeAll(fd.get(), "\n") &&
                       ::fsync(fd.get()) == 0;
  OPENSSL_cleanse(secret->data(), secret->size());
  if (!written) {
    const int error = errno;
    ::unlink(file.c_str());  // a half-written token would be refused at every start
    return fileError("token_file_create_failed", file, std::string("cannot be written: ") + std::strerror(error) + ".");
  }
  // The directory entry must be durable too, or a power cut could lose a token the POS has.
  const FileDescriptor directory(::open(file.parent_path().empty() ? "." : file.parent_path().c_str(),
                                        O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() >= 0) ::fsync(directory.get());
  return readTokenFile(file);
}

}  // namespace loyalty::api
