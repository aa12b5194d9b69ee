// The terminal agent benchmark (issue 3): a generated snapshot of 1,000,000 members
// imported into a fresh database, the real loyalty-agent process, and the POS's view of
// it over the local API. Prints figures; asserts nothing about time. Commits are measured
// interleaved with the raw fsync floor of the same disk and SQLite alone (same directory,
// same run), so machine noise hits all three alike. docs/performance.md tells how to run it.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "agent_benchmark_phases.h"

namespace {

using namespace loyalty::bench;
namespace fs = std::filesystem;

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

double megabytes(std::uintmax_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

std::uintmax_t sizeOr0(const fs::path& path) {
  std::error_code ignored;
  const auto size = fs::file_size(path, ignored);
  return ignored ? 0 : size;
}

// Generates the snapshot unless this directory already holds one of this size and seed.
bool prepareSnapshot(const BenchOptions& options, BenchFigures& figures) {
  figures.snapshotPath = options.dir + "/snapshot-" + std::to_string(options.members) + "-s" +
                         std::to_string(options.seed) + ".ndjson";
  if (!options.regenerate && fs::exists(figures.snapshotPath) && fs::exists(figures.snapshotPath + ".card-key.pem")) {
    figures.generateSeconds = -1;  // reused
    return true;
  }
  std::printf("generating %lld members ...\n", static_cast<long long>(options.members));
  std::fflush(stdout);
  auto run = runTool(LOYALTYCTL_PATH, {"snapshot", "generate", "--members", std::to_string(options.members),
                                       "--bundle", std::string(LOYALTY_SOURCE_DIR) + "/config/examples/bundle.json",
                                       "--store", kStoreId, "--out", figures.snapshotPath, "--seed",
                                       std::to_string(options.seed)});
  if (!run || run->exitCode != 0) {
    std::fprintf(stderr, "snapshot generate failed: %s\n", run ? run->output.c_str() : run.error().message.c_str());
    return false;
  }
  figures.generateSeconds = run->seconds;
  return true;
}

// Imports into DIR/imported-N-sS.db (kept, so --reuse-import can skip the import next
// time) and copies that to the agent's database, so every run starts from the same state.
bool importSnapshot(const BenchOptions& options, BenchFigures& figures) {
  figures.databasePath = options.dir + "/agent.db";
  const std::string imported = options.dir + "/imported-" + std::to_string(options.members) + "-s" +
                               std::to_string(options.seed) + ".db";
  const bool reuse = options.reuseImport && fs::exists(imported) && !fs::exists(imported + "-wal");
  if (!reuse) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(imported + suffix);
    std::printf("importing into a fresh database ...\n");
    std::fflush(stdout);
    auto run = runTool(LOYALTYCTL_PATH, {"snapshot", "import", "--db", imported, "--terminal", kTerminalId,
                                         "--store", kStoreId, figures.snapshotPath});
    if (!run || run->exitCode != 0) {
      std::fprintf(stderr, "snapshot import failed: %s\n", run ? run->output.c_str() : run.error().message.c_str());
      return false;
    }
    figures.importSeconds = run->seconds;
  } else {
    figures.importSeconds = -1;
  }
  // The import closed its database, which checkpointed and removed the WAL: one file.
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(figures.databasePath + suffix);
  std::error_code copied;
  fs::copy_file(imported, figures.databasePath, copied);
  if (copied) {
    std::fprintf(stderr, "cannot copy %s: %s\n", imported.c_str(), copied.message().c_str());
    return false;
  }
  figures.snapshotMiB = megabytes(sizeOr0(figures.snapshotPath));
  figures.databaseMiB = megabytes(sizeOr0(figures.databasePath));
  return true;
}

std::string writeConfig(const BenchOptions& options) {
  const std::string path = options.dir + "/agent.json";
  std::ofstream out(path, std::ios::trunc);
  out << "{\"format\":1,\"terminalId\":\"" << kTerminalId << "\",\"storeId\":\"" << kStoreId
      << "\",\"databasePath\":\"agent.db\",\"tokenFile\":\"api-token\","
      << "\"listen\":{\"address\":\"127.0.0.1\",\"port\":0},\"lanes\":" << options.lanes << ",\"log\":{\"level\":\""
      << options.logLevel << "\"}}\n";
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Benchmarks the real loyalty-agent over its local API against a large snapshot; prints figures."};
  BenchOptions options;
  options.dir = std::string(LOYALTY_BINARY_DIR) + "/agent-bench";
  app.add_option("--members", options.members, "members in the generated snapshot")
      ->check(CLI::Range(std::int64_t{100}, std::int64_t{10'000'000}));
  app.add_option("--dir", options.dir, "work directory (snapshot, database); on the disk to measure");
  app.add_option("--quotes", options.quotes, "quote round trips")->check(CLI::Range(100, 10'000'000));
  app.add_option("--commits", options.commits, "commits (each next to one raw fsync and one SQLite commit)")
      ->check(CLI::Range(100, 1'000'000));
  app.add_option("--scans", options.scans, "card scans and member views")->check(CLI::Range(100, 10'000'000));
  app.add_option("--lookups", options.lookups, "in-process findCard+findMember pairs")
      ->check(CLI::Range(100, 100'000'000));
  app.add_option("--strace-commits", options.straceCommits, "commits counted under strace (0: skip)")
      ->check(CLI::Range(0, 100'000));
  app.add_option("--restarts", options.restarts, "extra cold starts after the load")->check(CLI::Range(0, 20));
  app.add_option("--lanes", options.lanes, "agent lanes")->check(CLI::Range(1, 64));
  app.add_option("--log-level", options.logLevel, "agent log level")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}));
  app.add_option("--seed", options.seed, "snapshot and workload seed");
  app.add_option("--agent", options.agentPath, "the loyalty-agent binary to measure (e.g. an older build, to compare)")
      ->check(CLI::ExistingFile);
  app.add_flag("--regenerate", options.regenerate, "generate the snapshot even if the directory has one");
  app.add_flag("--reuse-import", options.reuseImport,
               "start from the database an earlier run imported (skips the import and its figure)");
  CLI11_PARSE(app, argc, argv);

  std::error_code made;
  fs::create_directories(options.dir, made);
  options.dir = fs::absolute(options.dir).lexically_normal().string();
  BenchFigures figures;
  if (!prepareSnapshot(options, figures) || !importSnapshot(options, figures)) return 1;
  auto signer = loyalty::cards::CardSigner::fromPem(readText(figures.snapshotPath + ".card-key.pem"));
  if (!signer) {
    std::fprintf(stderr, "card key: %s\n", signer.error().message.c_str());
    return 1;
  }
  auto workload = AgentWorkload::load(std::string(LOYALTY_SOURCE_DIR) + "/config/examples/baskets", options.members,
                                      options.seed);
  if (!workload) {
    std::fprintf(stderr, "workload: %s\n", workload.error().message.c_str());
    return 1;
  }
  const std::string configPath = writeConfig(options);
  BenchRun run(options, configPath, workload.value(), signer.value(), figures);
  if (auto done = run.all(); !done) {
    std::fprintf(stderr, "benchmark failed: %s: %s\n", done.error().reason.c_str(), done.error().message.c_str());
    return 1;
  }
  printFigures(options, figures);
  return 0;
}
