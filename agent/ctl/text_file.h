// Reading the command's input files into memory, with errors as values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::ctl {

// Inputs above this size are refused before they are read (the bundle format's own limit).
inline constexpr std::size_t kMaxInputBytes = 64U * 1024U * 1024U;

// Errors: io_error "file_not_found", "not_a_file", "file_unreadable", "file_too_large".
// `what` names the file's role in sentences ("bundle", "basket"...).
[[nodiscard]] Result<std::string> readTextFile(const std::string& path, std::string_view what);

}  // namespace loyalty::ctl
