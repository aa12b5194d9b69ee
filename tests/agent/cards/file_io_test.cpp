#include <catch2/catch.hpp>

#include <filesystem>

#include <sys/stat.h>

#include "card_test_support.h"
#include "cards/file_io.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

namespace {
unsigned modeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}
}  // namespace

TEST_CASE("file io: private files are 0600 and replaced atomically", "[cards][files]") {
  const std::string path = scratchPath("private.txt");
  std::filesystem::remove(path);
  REQUIRE(writePrivateFile(path, "first", ExistingFile::replace));
  CHECK(modeOf(path) == 0600U);
  auto written = writePrivateFile(path, "second!", ExistingFile::replace);
  REQUIRE(written);
  CHECK(written->bytes == 7);
  CHECK(readFileLimited(path, 100, "test").value() == "second!");
  CHECK(modeOf(path) == 0600U);
  // No temporary file is left behind.
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    if (entry.path().filename().string().rfind("private.txt", 0) == 0) ++entries;
  }
  CHECK(entries == 1);
}

TEST_CASE("file io: refusing mode never overwrites an existing file", "[cards][files]") {
  const std::string path = scratchPath("key.pem");
  std::filesystem::remove(path);
  REQUIRE(writePrivateFile(path, "key one", ExistingFile::refuse));
  auto again = writePrivateFile(path, "key two", ExistingFile::refuse);
  REQUIRE_FALSE(again);
  CHECK(again.error().reason == "file_exists");
  CHECK(readFileLimited(path, 100, "key").value() == "key one");
  CHECK(modeOf(path) == 0600U);
}

TEST_CASE("file io: reads are limited and name their problem", "[cards][files]") {
  const std::string path = scratchPath("limited.txt");
  REQUIRE(writePrivateFile(path, std::string(50, 'x'), ExistingFile::replace));
  CHECK(readFileLimited(path, 50, "test").value().size() == 50);
  CHECK(readFileLimited(path, 49, "test").error().reason == "file_too_large");
  CHECK(readFileLimited(scratchPath("missing.txt"), 10, "test").error().reason == "file_not_found");
  CHECK(readFileLimited(scratchPath(""), 10, "test").error().reason == "not_a_file");
  CHECK(writePrivateFile(scratchPath("missing-dir/x"), "x", ExistingFile::replace).error().reason ==
        "write_failed");
}
