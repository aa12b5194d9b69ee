// The cross-process "one snapshot import at a time" lock: an exclusive flock on
// "<database>.import-lock" (0600, never deleted: removing a lock file races with its users).
// The kernel releases it when the process dies, so a crashed import never blocks the next.
#pragma once

#include <optional>
#include <string>

#include "engine/result.h"

namespace loyalty::store {

class ImportLock {
 public:
  // The lock, or nullopt when another import holds it. Errors: "cannot_open".
  [[nodiscard]] static Result<std::optional<ImportLock>> tryAcquire(const std::string& databasePath);

  ImportLock(ImportLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ImportLock& operator=(ImportLock&&) = delete;
  ImportLock(const ImportLock&) = delete;
  ImportLock& operator=(const ImportLock&) = delete;
  ~ImportLock();

 private:
  explicit ImportLock(int fd) noexcept : fd_(fd) {}
  int fd_;
};

}  // namespace loyalty::store
