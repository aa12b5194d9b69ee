// The agent benchmark's table: every figure next to the target, if it has one.
#include <cstdio>
#include <string>

#include "agent_benchmark_phases.h"

namespace loyalty::bench {
namespace {

std::string time(double micros) {
  char text[32];
  if (micros >= 10'000) {
    std::snprintf(text, sizeof text, "%.1f ms", micros / 1000.0);
  } else if (micros >= 1000) {
    std::snprintf(text, sizeof text, "%.2f ms", micros / 1000.0);
  } else {
    std::snprintf(text, sizeof text, "%.0f us", micros);
  }
  return text;
}

const char* verdict(bool met) { return met ? "met" : "MISSED"; }

void row(const char* name, const Series& series, const std::string& target) {
  const LatencySummary& s = series.summary;
  const std::string cpu = series.agentCpuMicros < 0 ? "" : time(series.agentCpuMicros);
  std::printf("  %-40s %7lld %10s %10s %10s %9.0f %9s  %s", name, static_cast<long long>(series.count),
              time(s.p50Micros).c_str(), time(s.p99Micros).c_str(), time(s.maxMicros).c_str(), s.perSecond,
              cpu.c_str(), target.c_str());
  if (series.failures > 0) std::printf("  (%lld unexpected answers)", static_cast<long long>(series.failures));
  std::printf("\n");
}

double mib(std::int64_t kib) { return static_cast<double>(kib) / 1024.0; }

}  // namespace

void printFigures(const BenchOptions& options, const BenchFigures& f) {
  std::printf("\nagent: %s\n", options.agentPath.c_str());
  std::printf("Terminal agent benchmark: %lld members (snapshot file %.0f MiB, database %.0f MiB), %d lanes, "
              "log level %s\n",
              static_cast<long long>(options.members), f.snapshotMiB, f.databaseMiB, options.lanes,
              options.logLevel.c_str());
  if (f.generateSeconds < 0) {
    std::printf("  snapshot generate: reused %s\n", f.snapshotPath.c_str());
  } else {
    std::printf("  snapshot generate: %.1f s\n", f.generateSeconds);
  }
  if (f.importSeconds < 0) {
    std::printf("  snapshot import: reused the database an earlier run imported\n\n");
  } else {
    std::printf("  snapshot import (loyaltyctl snapshot import, fresh database): %.1f s\n\n", f.importSeconds);
  }

  std::printf("  cold start                                 spawn->ready  spawn->1st quote  SIGTERM->exit\n");
  for (const auto& start : f.starts) {
    std::printf("  %-42s %9.1f ms %14.1f ms %11.1f ms\n", start.label.c_str(), start.readyMs, start.firstQuoteMs,
                start.stopMs);
  }

  std::printf("\n  machine load average (1 min, 2 cores shared): %.1f before, %.1f after the API measurements\n",
              f.loadBefore, f.loadAfter);
  std::printf("  %-40s %7s %10s %10s %10s %9s %9s  %s\n", "operation (one POS client, sequential)", "n", "p50", "p99",
              "max", "per s", "agent CPU", "target");
  const bool quoteMet = f.quote.summary.p99Micros <= 1000.0;
  row("quote round trip (POST /v1/quote)", f.quote, std::string("p99 <= 1 ms: ") + verdict(quoteMet));
  row("card scan -> member (POST /v1/scan)", f.scan, "");
  row("member view (GET /v1/members/{id})", f.memberView, "");
  row("findCard+findMember in-process", f.rawLookup, "");
  row("commit (POST /v1/sales)", f.commit, "");
  row("fsync floor: 4 KiB pwrite + fdatasync", f.fsyncFloor, "");
  row("SQLite alone: 1 INSERT, WAL, sync=FULL", f.sqliteAlone, "");
  const double floor50 = f.fsyncFloor.summary.p50Micros;
  const double floor99 = f.fsyncFloor.summary.p99Micros;
  if (floor50 > 0 && floor99 > 0) {
    const double commit99 = f.commit.summary.p99Micros / floor99;
    std::printf("  %-40s p50 %.2fx  p99 %.2fx   target p99 <= 2x: %s\n", "commit / fsync floor",
                f.commit.summary.p50Micros / floor50, commit99, verdict(commit99 <= 2.0));
    std::printf("  %-40s p50 %.2fx  p99 %.2fx\n", "SQLite alone / fsync floor", f.sqliteAlone.summary.p50Micros / floor50,
                f.sqliteAlone.summary.p99Micros / floor99);
  }
  std::printf("  card scans accepted: %lld of %lld (the rest: revoked cards, closed members)\n",
              static_cast<long long>(f.scansAccepted), static_cast<long long>(f.scan.count));
  if (f.syncs) {
    // The commit's own fsyncs are those of the API lanes (the thread that runs the commit).
    const double perCommit = static_cast<double>(f.syncs->ofThreads("api-lane")) / options.straceCommits;
    // SQLite also syncs the WAL header once when a commit starts the WAL over after a
    // checkpoint (about one commit in 75 here): that is the part above 1.000.
    std::printf("  fsyncs per commit (strace -f on the agent, %d commits): %.3f on the committing threads "
                "(the rest: a new WAL's header after each checkpoint)   target 1: %s\n",
                options.straceCommits, perCommit, verdict(perCommit >= 1.0 && perCommit < 1.05));
    for (const auto& [label, calls] : f.syncs->byThreadAndFile) {
      std::printf("    %-44s %lld fsync/fdatasync calls\n", label.c_str(), static_cast<long long>(calls));
    }
  } else {
    std::printf("  fsyncs per commit: not counted: %s\n", f.syncNote.c_str());
  }
  const bool memoryMet = f.memoryAfterLoad.hwmKiB <= 64 * 1024;
  std::printf("  agent memory: at ready VmRSS %.1f MiB; after the load VmRSS %.1f MiB, VmHWM (peak) %.1f MiB   "
              "target <= 64 MiB: %s\n",
              mib(f.memoryAtReady.rssKiB), mib(f.memoryAfterLoad.rssKiB), mib(f.memoryAfterLoad.hwmKiB),
              verdict(memoryMet));
  std::printf("  agent warnings/errors logged: %lld\n", static_cast<long long>(f.agentWarnings));
  std::printf("  ledger after %lld sales: %s\n", static_cast<long long>(f.sales), f.ledgerVerify.c_str());
}

}  // namespace loyalty::bench
