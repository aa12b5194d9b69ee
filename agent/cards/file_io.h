// Whole-file reads with a size limit, and writes of files only their owner may read (keys,
// card images): mode 0600, written to a temporary file, synced, then moved into place, so a
// reader never sees half a file and a crash leaves either the old file or the new one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::cards {

enum class ExistingFile {
  replace,  // an existing file is replaced atomically
  refuse,   // an existing file is an error and stays untouched (private keys)
};

struct WrittenFile {
  std::string path;
  std::size_t bytes = 0;
};

// Errors: io_error "file_exists" (refuse), "write_failed" (with the system's reason).
[[nodiscard]] Result<WrittenFile> writePrivateFile(const std::string& path, std::string_view content,
                                                   ExistingFile existing);

// Errors: io_error "file_not_found", "not_a_file", "file_unreadable", "file_too_large".
// `what` names the file's role in sentences ("image", "private key").
[[nodiscard]] Result<std::string> readFileLimited(const std::string& path, std::size_t maxBytes,
                                                  std::string_view what);

}  // namespace loyalty::cards
