#include "store/import_lock.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace loyalty::store {

Result<std::optional<ImportLock>> ImportLock::tryAcquire(const std::string& databasePath) {
  const std::string path = databasePath + ".import-lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return makeError(ErrorCode::io_error, "cannot_open",
                     "cannot open the import lock \"" + path + "\": " + std::strerror(errno) + ".");
  }
  int rc = 0;
  do {
    rc = ::flock(fd, LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return std::optional<ImportLock>();
    return makeError(ErrorCode::io_error, "cannot_open",
                     "cannot lock \"" + path + "\": " + std::strerror(error) + ".");
  }
  return std::optional<ImportLock>(ImportLock(fd));
}

ImportLock::~ImportLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace loyalty::store
