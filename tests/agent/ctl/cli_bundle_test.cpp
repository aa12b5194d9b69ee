// `loyaltyctl bundle check` through the real binary.
#include <catch2/catch.hpp>

#include <regex>

#include <nlohmann/json.hpp>

#include "process_runner.h"

using namespace loyalty::ctl::test;

namespace {

bool hasLineStartingWith(const std::string& text, const std::string& prefix) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    if (text.compare(pos, prefix.size(), prefix) == 0) return true;
    pos = text.find('\n', pos);
    if (pos == std::string::npos) break;
    ++pos;
  }
  return false;
}

}  // namespace

TEST_CASE("cli bundle check: the example bundle is ok", "[cli][bundle]") {
  auto run = runCtl({"bundle", "check", example("bundle.json")});
  CHECK(run.exitCode == 0);
  CHECK(run.err.empty());
  const std::regex expected("ok: bundle 1 hash [0-9a-f]{64}, 2 programs, [0-9]+ rules\n");
  CHECK(std::regex_match(run.out, expected));
}

TEST_CASE("cli bundle check: the hash ignores formatting, not content", "[cli][bundle]") {
  const auto document = nlohmann::json::parse(readFile(example("bundle.json")));
  const auto compact = writeTempFile("compact.json", document.dump());
  auto pretty = runCtl({"bundle", "check", example("bundle.json")});
  auto dense = runCtl({"bundle", "check", compact});
  REQUIRE(pretty.exitCode == 0);
  REQUIRE(dense.exitCode == 0);
  CHECK(pretty.out == dense.out);

  auto changed = document;
  changed["version"] = 2;
  auto other = runCtl({"bundle", "check", writeTempFile("v2.json", changed.dump())});
  REQUIRE(other.exitCode == 0);
  CHECK(other.out.rfind("ok: bundle 2 hash ", 0) == 0);
  CHECK(other.out.substr(other.out.find("hash")) != pretty.out.substr(pretty.out.find("hash")));
}

TEST_CASE("cli bundle check: a broken bundle lists every issue and exits 2", "[cli][bundle]") {
  auto document = nlohmann::json::parse(readFile(example("bundle.json")));
  document["unexpected_top_level"] = 1;
  document["programs"][0]["tiers"][1]["threshold"] = -5;
  document["programs"][0]["earning_rules"][0]["currency"] = "stars";
  document["stores"][0]["time_zone"] = "Europe/Atlantis";
  auto run = runCtl({"bundle", "check", writeTempFile("broken.json", document.dump(2))});
  CHECK(run.exitCode == 2);
  CHECK(run.signal == 0);
  CHECK(run.out.empty());
  CHECK(run.err.rfind("error: invalid_bundle: ", 0) == 0);
  CHECK(hasLineStartingWith(run.err, "/unexpected_top_level: unknown_field: "));
  CHECK(hasLineStartingWith(run.err, "/programs/0/tiers/1/threshold: "));
  CHECK(hasLineStartingWith(run.err, "/programs/0/earning_rules/0/currency: unknown_reference: "));
  CHECK(hasLineStartingWith(run.err, "/stores/0/time_zone: "));
}

TEST_CASE("cli bundle check: malformed, missing and empty files exit 2", "[cli][bundle]") {
  auto malformed = runCtl({"bundle", "check", writeTempFile("malformed.json", "{\"format\": 1,")});
  CHECK(malformed.exitCode == 2);
  CHECK(malformed.err.find("malformed_json") != std::string::npos);

  auto missing = runCtl({"bundle", "check", "/nonexistent/bundle.json"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.rfind("error: file_not_found: ", 0) == 0);

  auto directory = runCtl({"bundle", "check", std::string(LOYALTY_SOURCE_DIR)});
  CHECK(directory.exitCode == 2);
  CHECK(directory.err.rfind("error: not_a_file: ", 0) == 0);

  auto empty = runCtl({"bundle", "check", writeTempFile("empty.json", "")});
  CHECK(empty.exitCode == 2);
  CHECK(empty.err.find("invalid_bundle") != std::string::npos);

  auto deep = runCtl({"bundle", "check", writeTempFile("deep.json", std::string(100000, '['))});
  CHECK(deep.exitCode == 2);
  CHECK(deep.signal == 0);
}

TEST_CASE("cli bundle check: usage errors exit 2", "[cli][bundle]") {
  auto noFile = runCtl({"bundle", "check"});
  CHECK(noFile.exitCode == 2);
  CHECK(noFile.err.rfind("error: usage: ", 0) == 0);
  auto noAction = runCtl({"bundle"});
  CHECK(noAction.exitCode == 2);
  CHECK(noAction.err.rfind("error: usage: ", 0) == 0);
}
