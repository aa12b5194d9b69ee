#include "text_file.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace loyalty::ctl {
namespace {

Error fileError(const char* reason, std::string_view what, const std::string& path,
                const std::string& why) {
  return makeError(ErrorCode::io_error, reason,
                   "The " + std::string(what) + " file '" + path + "' " + why + ".");
}

}  // namespace

Result<std::string> readTextFile(const std::string& path, std::string_view what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return fileError("file_not_found", what, path, "does not exist");
  }
  if (!fs::is_regular_file(status)) {
    return fileError("not_a_file", what, path, "is not a regular file");
  }
  const auto size = fs::file_size(path, ec);
  if (ec) return fileError("file_unreadable", what, path, "cannot be read: " + ec.message());
  if (size > kMaxInputBytes) {
    return fileError("file_too_large", what, path, "is larger than 64 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fileError("file_unreadable", what, path, "cannot be opened");
  // Read in chunks rather than trusting the size: the file may change while it is read.
  std::string text;
  std::array<char, 65536> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) {
      return fileError("file_too_large", what, path, "is larger than 64 MiB");
    }
  }
  if (in.bad()) return fileError("file_unreadable", what, path, "could not be read to the end");
  return text;
}

}  // namespace loyalty::ctl
