// Reading and writing the PEM files of the PKI. Private keys are written 0600 through a
// temporary file and a rename (a crash leaves the old key or the new one, never half of
// one), and a key file that group or others can read is refused when loaded, as ssh does.
#pragma once

#include <cstdint>
#include <string>

#include "engine/result.h"
#include "net/done.h"

namespace loyalty::net {

// Reads a whole file (at most 1 MiB: PEM files are small). Errors: io_error
// "file_not_found", "file_unreadable", "file_too_large".
[[nodiscard]] Result<std::string> readSmallFile(const std::string& path);

// Like readSmallFile, and refuses (rejected "key_file_permissions") a file whose mode lets
// group or others read or write it.
[[nodiscard]] Result<std::string> readPrivateFile(const std::string& path);

// Writes `contents` to `path` with the given mode (0600 for keys), atomically and durably:
// temporary file in the same directory, fsync, rename, fsync of the directory.
// Errors: io_error "file_write_failed".
[[nodiscard]] Result<Done> writeFileAtomically(const std::string& path, const std::string& contents,
                                               std::uint32_t mode = 0600);

}  // namespace loyalty::net
