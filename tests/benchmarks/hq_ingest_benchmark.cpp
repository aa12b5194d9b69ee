// HQ ingest rate (issue 4 target: >= 20,000 entries/s on SQLite and on PostgreSQL): one
// terminal's chain of N entries (default 100,000) arrives in batches of 500 as JSON text;
// each batch is parsed (sync/wire) and ingested (hq/store) in its own transaction, both
// durable (SQLite synchronous=FULL; PostgreSQL with fsync on, a throwaway server on
// loopback). Prints figures; asserts nothing.
#include <CLI/CLI.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "hq/store/postgres_hq_store.h"
#include "hq/store/sqlite_hq_store.h"
#include "latency_stats.h"
#include "postgres_server.h"
#include "wire/ledger_batch_codec.h"
#include "wire_chain.h"

namespace {

using loyalty::hq::HqStore;
using Clock = std::chrono::steady_clock;

struct Options {
  std::size_t entries = 100'000;
  std::size_t batch = 500;
  std::size_t payload = 300;
  std::string backend = "both";
};

// This process's CPU time: on a shared machine it says what the work costs when the wall
// clock also counts waiting for a core (for PostgreSQL the server's CPU is not in it).
std::int64_t cpuNanos() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

std::int64_t nanosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

// The batches as the terminal sends them (generated and printed before timing).
std::vector<std::string> makeBatches(const Options& options) {
  loyalty::testing::WireChain chain("bench-till-1", 42, options.payload);
  std::vector<std::string> texts;
  for (std::size_t done = 0; done < options.entries; done += options.batch) {
    loyalty::wire::LedgerBatch batch{"bench-till-1", chain.take(std::min(options.batch, options.entries - done))};
    auto text = loyalty::wire::printBatch(batch);
    if (!text) throw std::runtime_error(text.error().message);
    texts.push_back(std::move(text).value());
  }
  return texts;
}

int run(const std::string& name, HqStore& store, const std::vector<std::string>& batches, const Options& options) {
  if (auto registered = store.registerTerminal("bench-till-1", "bench-store", 0); !registered) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), registered.error().message.c_str());
    return 1;
  }
  std::vector<std::int64_t> batchNanos;
  std::int64_t parseNanos = 0;
  std::int64_t applied = 0;
  const auto start = Clock::now();
  const std::int64_t cpuStart = cpuNanos();
  for (const std::string& text : batches) {
    const auto began = Clock::now();
    auto batch = loyalty::wire::parseBatch(text);
    if (!batch) {
      std::fprintf(stderr, "%s: parse: %s\n", name.c_str(), batch.error().message.c_str());
      return 1;
    }
    parseNanos += nanosSince(began);
    auto answer = store.ingest(batch->terminalId, batch->entries, 1);
    if (!answer) {
      std::fprintf(stderr, "%s: ingest: %s\n", name.c_str(), answer.error().message.c_str());
      return 1;
    }
    applied += answer->applied;
    batchNanos.push_back(nanosSince(began));
  }
  const std::int64_t wall = nanosSince(start);
  const double cpuSeconds = static_cast<double>(cpuNanos() - cpuStart) / 1e9;
  const auto summary = loyalty::bench::summarize(batchNanos, wall);
  const double seconds = static_cast<double>(wall) / 1e9;
  std::printf("%-10s entries %zu (applied %lld) in %zu batches of %zu: %.2f s, %.0f entries/s; "
              "per batch p50 %.1f ms, p99 %.1f ms, max %.1f ms; JSON parse %.0f%% of the time; "
              "this process's CPU %.2f s (%.0f entries per CPU second)\n",
              name.c_str(), options.entries, static_cast<long long>(applied), batches.size(), options.batch, seconds,
              static_cast<double>(applied) / seconds, summary.p50Micros / 1000, summary.p99Micros / 1000,
              summary.maxMicros / 1000, 100.0 * static_cast<double>(parseNanos) / static_cast<double>(wall), cpuSeconds,
              static_cast<double>(applied) / cpuSeconds);
  return applied == static_cast<std::int64_t>(options.entries) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App app{"Measures HQ's ingest rate of ledger batches on SQLite and PostgreSQL."};
  app.add_option("--entries", options.entries, "entries in the chain")->check(CLI::Range(1, 10'000'000));
  app.add_option("--batch", options.batch, "entries per batch")->check(CLI::Range(1, 500));
  app.add_option("--payload", options.payload, "payload bytes per entry")->check(CLI::Range(40, 100'000));
  app.add_option("--backend", options.backend, "sqlite, postgres or both")
      ->check(CLI::IsMember({"sqlite", "postgres", "both"}));
  CLI11_PARSE(app, argc, argv);

  const auto batches = makeBatches(options);
  int status = 0;
  if (options.backend != "postgres") {
    const auto dir = std::filesystem::temp_directory_path() / "loyalty-hq-ingest-benchmark";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto store = loyalty::hq::SqliteHqStore::open((dir / "hq.db").string());
    if (!store) {
      std::fprintf(stderr, "sqlite: %s\n", store.error().message.c_str());
      return 1;
    }
    status |= run("sqlite", *store.value(), batches, options);
    store.value().reset();
    std::filesystem::remove_all(dir);
  }
  if (options.backend != "sqlite") {
    auto server = loyalty::testing::PostgresServer::start(loyalty::testing::PostgresOptions{true});
    if (!server) {
      std::fprintf(stderr, "postgres: %s\n", server.error().message.c_str());
      return 1;
    }
    auto conninfo = server.value()->createDatabase("hq_bench");
    if (!conninfo) {
      std::fprintf(stderr, "postgres: %s\n", conninfo.error().message.c_str());
      return 1;
    }
    auto store = loyalty::hq::PostgresHqStore::open(conninfo.value());
    if (!store) {
      std::fprintf(stderr, "postgres: %s\n", store.error().message.c_str());
      return 1;
    }
    status |= run("postgres", *store.value(), batches, options);
  }
  return status;
}
