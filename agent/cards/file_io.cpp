#include "file_io.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace loyalty::cards {
namespace {

std::string systemReason(int error) { return std::strerror(error); }

Error writeFailed(const std::string& path, const std::string& step, int error) {
  return makeError(ErrorCode::io_error, "write_failed",
                   "Could not write '" + path + "' (" + step + ": " + systemReason(error) + ").");
}

// Closes a descriptor on every path out of a function.
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

bool writeAll(int fd, std::string_view content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

// The directory entry of a rename or link is durable only once the directory is synced.
void syncDirectoryOf(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  const Descriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

}  // namespace

Result<WrittenFile> writePrivateFile(const std::string& path, std::string_view content,
                                     ExistingFile existing) {
  if (path.empty()) return writeFailed(path, "no file name", ENOENT);
  std::vector<char> temp(path.begin(), path.end());
  const std::string suffix = ".tmp-XXXXXX";
  temp.insert(temp.end(), suffix.begin(), suffix.end());
  temp.push_back('\0');
  // mkstemp creates the file 0600 with O_EXCL: no other user can open it in between.
  Descriptor fd(::mkstemp(temp.data()));
  if (fd.get() < 0) return writeFailed(path, "create", errno);
  const std::string tempPath(temp.data());
  auto fail = [&](const char* step) {
    const int error = errno;
    ::unlink(tempPath.c_str());
    return writeFailed(path, step, error);
  };
  if (::fchmod(fd.get(), S_IRUSR | S_IWUSR) != 0) return fail("chmod");
  if (!writeAll(fd.get(), content)) return fail("write");
  if (::fsync(fd.get()) != 0) return fail("fsync");
  if (::close(fd.release()) != 0) return fail("close");

  if (existing == ExistingFile::replace) {
    if (::rename(tempPath.c_str(), path.c_str()) != 0) return fail("rename");
  } else {
    // link() fails with EEXIST instead of replacing: an existing key is never overwritten.
    if (::link(tempPath.c_str(), path.c_str()) != 0) {
      const int error = errno;
      ::unlink(tempPath.c_str());
      if (error == EEXIST) {
        return makeError(ErrorCode::io_error, "file_exists",
                         "'" + path + "' already exists; it was left untouched.");
      }
      return writeFailed(path, "link", error);
    }
    ::unlink(tempPath.c_str());
  }
  syncDirectoryOf(path);
  return WrittenFile{path, content.size()};
}

Result<std::string> readFileLimited(const std::string& path, std::size_t maxBytes,
                                    std::string_view what) {
  const std::string role(what);
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return makeError(ErrorCode::io_error, "file_not_found",
                       "The " + role + " file '" + path + "' does not exist.");
    }
    return makeError(ErrorCode::io_error, "file_unreadable",
                     "The " + role + " file '" + path + "' cannot be read: " +
                         systemReason(error) + ".");
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return makeError(ErrorCode::io_error, "not_a_file",
                     "The " + role + " path '" + path + "' is not a regular file.");
  }
  if (static_cast<std::uint64_t>(info.st_size) > maxBytes) {
    return makeError(ErrorCode::io_error, "file_too_large",
                     "The " + role + " file '" + path + "' is larger than " +
                         std::to_string(maxBytes) + " bytes.");
  }
  std::string content;
  content.resize(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  while (true) {
    if (done == content.size()) content.resize(done + 4096);  // the file may have grown
    const ssize_t n = ::read(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return makeError(ErrorCode::io_error, "file_unreadable",
                       "Reading the " + role + " file '" + path + "' failed: " +
                           systemReason(errno) + ".");
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
    if (done > maxBytes) {
      return makeError(ErrorCode::io_error, "file_too_large",
                       "The " + role + " file '" + path + "' is larger than " +
                           std::to_string(maxBytes) + " bytes.");
    }
  }
  content.resize(done);
  return content;
}

}  // namespace loyalty::cards
