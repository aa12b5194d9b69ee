#include "updates/update_signer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

namespace loyalty::updates {
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

class Descriptor {
 public:
  explicit Descriptor(int fd) noexcept : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }
  int release() noexcept { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Error ioError(std::string reason, const std::string& path, const std::string& what, int error) {
  return makeError(ErrorCode::io_error, std::move(reason),
                   "Update signing key '" + path + "': " + what + " (" + std::strerror(error) + ").");
}

Result<std::string> readKeyFile(const std::string& path) {
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    const int error = errno;
    return ioError(error == ENOENT ? "file_not_found" : "file_unreadable", path, "cannot open it", error);
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return ioError("file_unreadable", path, "cannot stat it", errno);
  if (!S_ISREG(info.st_mode)) {
    return makeError(ErrorCode::io_error, "not_a_file", "Update signing key '" + path + "' is not a regular file.");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return makeError(ErrorCode::rejected, "insecure_key_file",
                     "Update signing key '" + path + "' may be read or written by other users; make it mode 0600 "
                     "(chmod 600) and consider the key compromised if others could read it.");
  }
  if (static_cast<std::size_t>(info.st_size) > kMaxKeyFileBytes) {
    return makeError(ErrorCode::io_error, "file_too_large",
                     "Update signing key '" + path + "' is far larger than any PEM Ed25519 key.");
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      OPENSSL_cleanse(text.data(), text.size());
      return ioError("file_unreadable", path, "cannot read it", n < 0 ? errno : EIO);
    }
    done += static_cast<std::size_t>(n);
  }
  return text;
}

// mkstemp (0600, O_EXCL), write, fsync, then link() into place: link fails on an existing
// file, so a key is never overwritten, and a crash leaves no half-written key file.
std::optional<Error> writeKeyFile(const std::string& path, std::string& pem) {
  std::vector<char> temp(path.begin(), path.end());
  const std::string suffix = ".tmp-XXXXXX";
  temp.insert(temp.end(), suffix.begin(), suffix.end());
  temp.push_back('\0');
  Descriptor fd(::mkstemp(temp.data()));
  if (fd.get() < 0) return ioError("write_failed", path, "cannot create a temporary file", errno);
  const std::string tempPath(temp.data());
  auto fail = [&](const char* what) {
    const int error = errno;
    ::unlink(tempPath.c_str());
    return ioError(error == EEXIST ? "file_exists" : "write_failed", path, what, error);
  };
  if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0) return fail("cannot chmod");
  std::size_t done = 0;
  while (done < pem.size()) {
    const ssize_t n = ::write(fd.get(), pem.data() + done, pem.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail("cannot fsync");
  if (::close(fd.release()) != 0) return fail("cannot close");
  if (::link(tempPath.c_str(), path.c_str()) != 0) return fail("cannot move into place");
  ::unlink(tempPath.c_str());
  std::string dir = std::filesystem::path(path).parent_path().string();
  const Descriptor dirFd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dirFd.get() >= 0) ::fsync(dirFd.get());
  return std::nullopt;
}

}  // namespace

Result<UpdateSigner> UpdateSigner::loadKeyFile(const std::string& path, std::string keyId) {
  Result<std::string> pem = readKeyFile(path);
  if (!pem) return pem.error();
  Result<Ed25519SigningKey> key = Ed25519SigningKey::fromPem(*pem);
  OPENSSL_cleanse(pem->data(), pem->size());
  if (!key) return key.error();
  return UpdateSigner(std::move(key.value()), std::move(keyId));
}

Result<UpdateSigner> UpdateSigner::generateKeyFile(const std::string& path, std::string keyId) {
  Result<Ed25519SigningKey> key = Ed25519SigningKey::generate();
  if (!key) return key.error();
  Result<std::string> pem = key->toPem();
  if (!pem) return pem.error();
  std::optional<Error> written = writeKeyFile(path, *pem);
  OPENSSL_cleanse(pem->data(), pem->size());
  if (written) return std::move(*written);
  return UpdateSigner(std::move(key.value()), std::move(keyId));
}

Result<UpdateSigner> UpdateSigner::loadOrGenerate(const std::string& path, std::string keyId) {
  Result<UpdateSigner> loaded = loadKeyFile(path, keyId);
  if (loaded || loaded.error().reason != "file_not_found") return loaded;
  return generateKeyFile(path, std::move(keyId));
}

Result<SignedMetadata> UpdateSigner::sign(UpdateMetadata metadata) const {
  metadata.keyId = keyId_;
  SignedMetadata out{std::move(metadata), {}};
  // Refuse to sign what agents would refuse to read.
  Result<SignedMetadata> check = parseEnvelopeLine(envelopeLine(out));
  if (!check) return makeError(ErrorCode::invalid_input, "malformed", check.error().message);
  const std::string message = signedMessage(out.metadata);
  Result<SignatureBytes> signature =
      key_.sign(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(message.data()), message.size()));
  if (!signature) return signature.error();
  out.signature = *signature;
  return out;
}

Result<SignedMetadata> UpdateSigner::sign(UpdateMetadata metadata, const ContentDigest& content) const {
  metadata.contentHash = content.sha256;
  metadata.contentBytes = content.bytes;
  return sign(std::move(metadata));
}

}  // namespace loyalty::updates
