// `loyaltyctl snapshot generate` and `snapshot import` through the real binary.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "process_runner.h"

using namespace loyalty::ctl::test;

namespace {

unsigned modeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777U;
}

ProcessResult generate(const std::string& out, const std::string& members, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"snapshot", "generate", "--members", members,  "--bundle", example("bundle.json"),
                                   "--store",  "berlin-01", "--out",    out,      "--created-at",
                                   "2026-03-01T04:00:00Z"};
  args.insert(args.end(), extra.begin(), extra.end());
  return runCtl(args);
}

ProcessResult import(const std::string& db, const std::string& file, const std::string& terminal = "till-1") {
  return runCtl({"snapshot", "import", "--db", db, "--terminal", terminal, file});
}

std::string scratch(const std::string& name) {
  const std::string path = writeTempFile(name, "");
  std::remove(path.c_str());
  return path;
}

}  // namespace

TEST_CASE("cli snapshot: generate is deterministic for a seed and writes private files", "[cli][snapshot]") {
  const std::string first = scratch("gen-a.ndjson");
  const std::string second = scratch("gen-b.ndjson");
  const std::string other = scratch("gen-c.ndjson");
  auto a = generate(first, "500", {"--seed", "11"});
  INFO(a.err);
  REQUIRE(a.exitCode == 0);
  CHECK(a.err.empty());
  CHECK(std::regex_search(a.out, std::regex("^ok: wrote snapshot version 1 for store berlin-01 to ")));
  CHECK(a.out.find("members 500, cards ") != std::string::npos);
  CHECK(a.out.find("private key written to " + first + ".card-key.pem") != std::string::npos);
  REQUIRE(generate(second, "500", {"--seed", "11"}).exitCode == 0);
  REQUIRE(generate(other, "500", {"--seed", "12"}).exitCode == 0);
  CHECK(readFile(first) == readFile(second));
  CHECK(readFile(first) != readFile(other));
  CHECK(modeOf(first) == 0600U);
  CHECK(modeOf(first + ".card-key.pem") == 0600U);
  CHECK(readFile(first + ".card-key.pem").rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);

  // With HQ's own key: its public half is in the file, and no key file is written.
  const std::string keyed = scratch("gen-keyed.ndjson");
  auto withKey = generate(keyed, "10", {"--card-key-private", first + ".card-key.pem", "--card-key-id", "hq-7"});
  REQUIRE(withKey.exitCode == 0);
  const auto publicOf = [](const std::string& out) {
    std::smatch match;
    REQUIRE(std::regex_search(out, match, std::regex("public ([A-Za-z0-9_-]{43})")));
    return match[1].str();
  };
  CHECK(publicOf(withKey.out) == publicOf(a.out));
  CHECK(readFile(keyed).find("\"key\":\"hq-7\"") != std::string::npos);
  CHECK_FALSE(std::ifstream(keyed + ".card-key.pem").good());
}

TEST_CASE("cli snapshot: generate refuses bad options", "[cli][snapshot][bad_input]") {
  const std::string out = scratch("bad-gen.ndjson");
  auto check = [](const ProcessResult& run, const std::string& reason) {
    INFO(run.err);
    CHECK(run.exitCode == 2);
    CHECK(run.err.rfind("error: " + reason + ": ", 0) == 0);
  };
  check(generate(out, "-5"), "invalid_option");
  check(generate(out, "ten"), "usage");
  check(runCtl({"snapshot", "generate", "--members", "5", "--bundle", example("bundle.json"), "--store", "paris-99",
                "--out", out}),
        "unknown_store");
  check(generate(out, "5", {"--card-key-private", writeTempFile("not-a-key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                                                                                  "-----END PRIVATE KEY-----\n")}),
        "not_an_ed25519_key");
  check(runCtl({"snapshot", "generate", "--members", "5", "--bundle", example("bundle.json"), "--store", "berlin-01",
                "--out", out, "--created-at", "tomorrow"}),
        "bad_instant");
  check(generate("/nonexistent/dir/s.ndjson", "5", {"--card-key-private", "/nonexistent/key.pem"}), "file_not_found");
  check(generate("/nonexistent/dir/s.ndjson", "5"), "file_unwritable");
  CHECK_FALSE(std::ifstream(out).good());
}

TEST_CASE("cli snapshot: import loads a generated file, once, and only whole", "[cli][snapshot]") {
  const std::string v1 = scratch("imp-v1.ndjson");
  const std::string v2 = scratch("imp-v2.ndjson");
  REQUIRE(generate(v1, "2000", {"--seed", "3"}).exitCode == 0);
  REQUIRE(generate(v2, "1500", {"--seed", "4", "--version", "2"}).exitCode == 0);
  const std::string db = scratch("imp.db");

  auto first = import(db, v1);
  INFO(first.err);
  REQUIRE(first.exitCode == 0);
  CHECK(std::regex_search(first.out, std::regex("^ok: imported snapshot version 1 for store berlin-01 \\(created "
                                                "2026-03-01T04:00:00Z\\)")));
  CHECK(first.out.find("members 2000, cards ") != std::string::npos);
  CHECK(std::regex_search(first.out, std::regex("bundle version 1 hash [0-9a-f]{64}")));
  CHECK(modeOf(db) == 0600U);

  auto again = import(db, v1);
  CHECK(again.exitCode == 2);
  CHECK(again.err.rfind("error: snapshot_not_newer: ", 0) == 0);

  // A truncated copy of version 2 is refused and version 1 stays.
  const std::string whole = readFile(v2);
  const std::string cut = writeTempFile("imp-cut.ndjson", whole.substr(0, whole.size() / 2));
  auto truncated = import(db, cut);
  CHECK(truncated.exitCode == 2);
  CHECK(truncated.out.empty());
  CHECK((truncated.err.rfind("error: truncated: ", 0) == 0 || truncated.err.rfind("error: malformed_json: ", 0) == 0));

  auto otherTerminal = import(db, v2, "till-2");
  CHECK(otherTerminal.exitCode == 2);
  CHECK(otherTerminal.err.rfind("error: terminal_mismatch: ", 0) == 0);
  auto wrongStore = runCtl({"snapshot", "import", "--db", db, "--terminal", "till-1", "--store", "vienna-01", v2});
  CHECK(wrongStore.err.rfind("error: wrong_store: ", 0) == 0);

  auto second = import(db, v2);
  REQUIRE(second.exitCode == 0);
  CHECK(second.out.find("version 2") != std::string::npos);
  CHECK(second.out.find("members 1500,") != std::string::npos);

  auto missing = runCtl({"snapshot", "import", "--db", db, "--terminal", "till-1", "/nonexistent/s.ndjson"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.rfind("error: file_not_found: ", 0) == 0);
  auto usage = runCtl({"snapshot", "import", "--db", db, v2});
  CHECK(usage.exitCode == 2);
  CHECK(usage.err.rfind("error: usage: ", 0) == 0);
}

TEST_CASE("cli snapshot: help lists the snapshot and ledger commands", "[cli][snapshot]") {
  auto help = runCtl({"--help"});
  CHECK(help.exitCode == 0);
  CHECK(help.out.find("snapshot") != std::string::npos);
  CHECK(help.out.find("ledger") != std::string::npos);
  auto generateHelp = runCtl({"snapshot", "generate", "--help"});
  CHECK(generateHelp.exitCode == 0);
  CHECK(generateHelp.out.find("--card-key-private") != std::string::npos);
}
