// The measured phases of the agent benchmark and the figures they fill in: cold starts,
// quotes, scans and member views over the local API, commits interleaved with the disk's
// fsync floor and SQLite alone, fsyncs per commit under strace, the agent's memory, and
// raw snapshot lookups in-process.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "agent_process.h"
#include "agent_workload.h"
#include "cards/card_signer.h"
#include "fsync_counter.h"
#include "latency_stats.h"
#include "pos_client/pos_client.h"
#include "store/sqlite_connection.h"

namespace loyalty::bench {

inline constexpr const char* kTerminalId = "bench-till-1";
inline constexpr const char* kStoreId = "berlin-01";

struct BenchOptions {
  std::string agentPath = AGENT_PATH;  // the loyalty-agent built with this program
  std::int64_t members = 1'000'000;
  std::string dir;
  int quotes = 5000;
  int commits = 2000;
  int scans = 3000;
  int lookups = 20000;
  int straceCommits = 300;
  int restarts = 2;
  int lanes = 4;
  std::string logLevel = "info";
  std::uint64_t seed = 1;
  bool regenerate = false;
  bool reuseImport = false;
};

struct StartFigures {
  std::string label;
  double readyMs = 0;       // spawn -> "agent_ready" logged
  double firstQuoteMs = 0;  // spawn -> first quote answered (token read, connect, quote)
  double stopMs = 0;        // SIGTERM -> exit 0
};

struct Series {
  LatencySummary summary;
  std::int64_t count = 0;
  std::int64_t failures = 0;  // answers that were not the expected status
  double agentCpuMicros = -1;  // the agent's CPU time per operation (-1: not measured)
};

struct BenchFigures {
  std::string snapshotPath;
  std::string databasePath;
  double generateSeconds = 0;  // < 0: reused from an earlier run
  double importSeconds = 0;  // < 0: an earlier run's import was reused
  double snapshotMiB = 0;
  double databaseMiB = 0;
  std::vector<StartFigures> starts;
  Series quote, commit, fsyncFloor, sqliteAlone, scan, memberView, rawLookup;
  std::int64_t scansAccepted = 0;
  ProcessMemory memoryAtReady;
  ProcessMemory memoryAfterLoad;
  std::optional<SyncCounts> syncs;
  std::string syncNote;  // why there is no count
  std::int64_t sales = 0;  // commits the benchmark made
  std::string ledgerVerify;
  std::int64_t agentWarnings = 0;
  double loadBefore = 0;  // the machine's 1-minute load average around the measurements
  double loadAfter = 0;
};

class BenchRun {
 public:
  BenchRun(const BenchOptions& options, std::string configPath, AgentWorkload& workload,
           const cards::CardSigner& signer, BenchFigures& figures)
      : options_(options), configPath_(std::move(configPath)), workload_(workload), signer_(signer),
        figures_(figures) {}

  [[nodiscard]] Result<store::Done> all();

 private:
  struct Started {
    std::unique_ptr<AgentProcess> agent;
    std::unique_ptr<pos::PosClient> client;
  };
  [[nodiscard]] Result<Started> coldStart(const std::string& label);
  [[nodiscard]] Result<store::Done> stop(Started& started);
  [[nodiscard]] Result<store::Done> quotes(pos::PosClient& client, int count, Series* into);
  [[nodiscard]] Result<store::Done> scans(pos::PosClient& client);
  [[nodiscard]] Result<store::Done> memberViews(pos::PosClient& client);
  [[nodiscard]] Result<store::Done> commits(pos::PosClient& client);
  [[nodiscard]] Result<std::int64_t> commitOnce(pos::PosClient& client);
  [[nodiscard]] Result<store::Done> countSyncs(AgentProcess& agent, pos::PosClient& client);
  [[nodiscard]] Result<store::Done> rawLookups();

  // Runs `phase` and records the agent's CPU time per operation into `series`.
  template <typename F>
  [[nodiscard]] Result<store::Done> withAgentCpu(Series& series, F&& phase);

  const BenchOptions& options_;
  AgentProcess* agent_ = nullptr;  // the agent being measured
  std::string configPath_;
  AgentWorkload& workload_;
  const cards::CardSigner& signer_;
  BenchFigures& figures_;
  std::int64_t sales_ = 0;
};

void printFigures(const BenchOptions& options, const BenchFigures& figures);

}  // namespace loyalty::bench
