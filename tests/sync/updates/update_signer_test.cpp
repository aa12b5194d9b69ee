// HQ's update signing key file: generated 0600 and never overwritten, reloaded to the same
// key, refused when others may read it or when it is not an Ed25519 PEM key.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include "updates_test_support.h"

using namespace updates_test;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "updates-signer-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

unsigned modeOf(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}

}  // namespace

TEST_CASE("A generated update key file is 0600, reloads to the same key and is never overwritten") {
  const TempDir dir;
  const std::string path = (dir.path / "update-signing.pem").string();
  const UpdateSigner created = take(UpdateSigner::loadOrGenerate(path, "hq-1"));
  CHECK(modeOf(path) == 0600U);
  const UpdateSigner loaded = take(UpdateSigner::loadOrGenerate(path, "hq-1"));
  CHECK(loaded.publicKey() == created.publicKey());
  auto again = UpdateSigner::generateKeyFile(path, "hq-1");
  REQUIRE_FALSE(again);
  CHECK(again.error().reason == "file_exists");
  CHECK(take(UpdateSigner::loadKeyFile(path, "hq-1")).publicKey() == created.publicKey());
  std::size_t leftovers = 0;
  for (const auto& entry : fs::directory_iterator(dir.path)) leftovers += entry.path() != path ? 1U : 0U;
  CHECK(leftovers == 0);  // no temporary files left behind
  // What the reloaded key signs, the created key's public half verifies.
  const TrustedUpdateKeys keys = take(TrustedUpdateKeys::create({created.trustedKey()}));
  const SignedMetadata update = take(loaded.sign(metadataFor(UpdateKind::bundle, 1, "b")));
  CHECK(decideUpdate(update, keys, {}, kStore, kNow).ok());
}

TEST_CASE("An update key file others may read, a missing one, or a non-Ed25519 one is refused") {
  const TempDir dir;
  const std::string path = (dir.path / "key.pem").string();
  CHECK(UpdateSigner::loadKeyFile(path, "hq-1").error().reason == "file_not_found");
  (void)take(UpdateSigner::generateKeyFile(path, "hq-1"));
  REQUIRE(::chmod(path.c_str(), 0640) == 0);
  CHECK(UpdateSigner::loadKeyFile(path, "hq-1").error().reason == "insecure_key_file");
  CHECK(UpdateSigner::loadOrGenerate(path, "hq-1").error().reason == "insecure_key_file");  // never replaced
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  CHECK(UpdateSigner::loadKeyFile(path, "hq-1").ok());

  const std::string garbage = (dir.path / "garbage.pem").string();
  {
    std::ofstream out(garbage);
    out << "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n";
  }
  REQUIRE(::chmod(garbage.c_str(), 0600) == 0);
  CHECK(UpdateSigner::loadKeyFile(garbage, "hq-1").error().reason == "bad_private_key");
  CHECK(UpdateSigner::loadKeyFile(dir.path.string(), "hq-1").error().reason == "not_a_file");

  // An RSA key in PKCS#8 PEM: readable, but not a key updates are signed with.
  const std::string rsa = (dir.path / "rsa.pem").string();
  EVP_PKEY* rsaKey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024});
  REQUIRE(rsaKey != nullptr);
  FILE* file = std::fopen(rsa.c_str(), "w");
  REQUIRE(file != nullptr);
  CHECK(PEM_write_PrivateKey(file, rsaKey, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  std::fclose(file);
  EVP_PKEY_free(rsaKey);
  REQUIRE(::chmod(rsa.c_str(), 0600) == 0);
  CHECK(UpdateSigner::loadKeyFile(rsa, "hq-1").error().reason == "not_ed25519_key");
}
