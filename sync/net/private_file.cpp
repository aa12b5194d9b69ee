#include "net/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace loyalty::net {
namespace {

constexpr std::size_t kMaxFileBytes = 1024 * 1024;

std::string errnoText() { return std::strerror(errno); }

// Closes a descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }
  int release() noexcept { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Error writeFailed(const std::string& path, const std::string& why) {
  return makeError(ErrorCode::io_error, "file_write_failed", "Cannot write " + path + ": " + why + ".");
}

}  // namespace

Result<std::string> readSmallFile(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return makeError(ErrorCode::io_error, "file_not_found", path + " does not exist.");
    return makeError(ErrorCode::io_error, "file_unreadable", "Cannot open " + path + ": " + errnoText() + ".");
  }
  std::string contents;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return makeError(ErrorCode::io_error, "file_unreadable", "Cannot read " + path + ": " + errnoText() + ".");
    }
    if (n == 0) break;
    contents.append(buffer, static_cast<std::size_t>(n));
    if (contents.size() > kMaxFileBytes) {
      return makeError(ErrorCode::io_error, "file_too_large", path + " is larger than 1 MiB; it is not a PEM file.");
    }
  }
  return contents;
}

Result<std::string> readPrivateFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return makeError(ErrorCode::io_error, "file_not_found", path + " does not exist.");
    return makeError(ErrorCode::io_error, "file_unreadable", "Cannot stat " + path + ": " + errnoText() + ".");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return makeError(ErrorCode::rejected, "key_file_permissions",
                     path + " is accessible by group or others; a private key must be mode 0600 (chmod 600 " + path +
                         ").");
  }
  return readSmallFile(path);
}

Result<Done> writeFileAtomically(const std::string& path, const std::string& contents, std::uint32_t mode) {
  const std::filesystem::path target(path);
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  std::string temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  // mkstemp creates the file 0600: a key is never readable by others, even for a moment.
  FileDescriptor fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) return writeFailed(path, errnoText());
  bool renamed = false;
  auto cleanup = [&] {
    if (!renamed) ::unlink(temporary.c_str());
  };
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = errnoText();
      cleanup();
      return writeFailed(path, why);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0 || ::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    const std::string why = errnoText();
    cleanup();
    return writeFailed(path, why);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = errnoText();
    cleanup();
    return writeFailed(path, why);
  }
  renamed = true;
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // best effort: the rename itself is durable on ext4/xfs
  return Done{};
}

}  // namespace loyalty::net
