#include "agent_benchmark_phases.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "disk_probes.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::bench {
namespace {

using Clock = std::chrono::steady_clock;
using store::Done;

std::int64_t nanosSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

double millis(Clock::duration duration) { return std::chrono::duration<double, std::milli>(duration).count(); }

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// Counts an unexpected answer, and shows the first few so that a broken run is obvious.
void unexpected(Series& series, const char* what, const pos::PosResponse& response) {
  if (series.failures++ < 3) {
    std::fprintf(stderr, "%s: HTTP %d %s\n", what, response.status, response.body.substr(0, 300).c_str());
  }
}

struct Timed {
  std::vector<std::int64_t> nanos;
  Clock::time_point started = Clock::now();
  void finish(Series& series) {
    series.count = static_cast<std::int64_t>(nanos.size());
    series.summary = summarize(nanos, nanosSince(started));
  }
};

}  // namespace

template <typename F>
Result<Done> BenchRun::withAgentCpu(Series& series, F&& phase) {
  auto before = agent_->cpuSeconds();
  auto done = phase();
  auto after = agent_->cpuSeconds();
  if (done && before && after && series.count > 0) {
    series.agentCpuMicros = (after.value() - before.value()) * 1e6 / static_cast<double>(series.count);
  }
  return done;
}

Result<BenchRun::Started> BenchRun::coldStart(const std::string& label) {
  auto agent = AgentProcess::start(options_.agentPath, configPath_, std::chrono::seconds(120));
  if (!agent) return agent.error();
  Started started{std::move(agent).value(), nullptr};
  std::ifstream tokenFile(options_.dir + "/api-token");
  std::stringstream token;
  token << tokenFile.rdbuf();
  started.client = std::make_unique<pos::PosClient>("127.0.0.1", started.agent->port(), trimmed(token.str()));
  const std::string body = workload_.saleBody("");
  auto answer = started.client->post("/v1/quote", body);
  if (!answer) return answer.error();
  if (answer->status != 200) {
    return makeError(ErrorCode::rejected, "first_quote_failed", "HTTP " + std::to_string(answer->status) + ": " +
                                                                    answer->body);
  }
  StartFigures start;
  start.label = label;
  start.readyMs = millis(started.agent->readyAt() - started.agent->spawnedAt());
  start.firstQuoteMs = millis(Clock::now() - started.agent->spawnedAt());
  figures_.starts.push_back(start);
  return started;
}

Result<Done> BenchRun::stop(Started& started) {
  started.client.reset();  // the agent then has no connection to drain
  figures_.agentWarnings += started.agent->errorLines();
  auto seconds = started.agent->stop();
  if (!seconds) return seconds.error();
  figures_.starts.back().stopMs = seconds.value() * 1000.0;
  return Done{};
}

Result<Done> BenchRun::quotes(pos::PosClient& client, int count, Series* into) {
  Series ignored;
  Series& series = into != nullptr ? *into : ignored;
  std::vector<std::string> bodies;
  for (int i = 0; i < count; ++i) bodies.push_back(workload_.saleBody(""));
  Timed timed;
  for (const auto& body : bodies) {
    const auto start = Clock::now();
    auto answer = client.post("/v1/quote", body);
    timed.nanos.push_back(nanosSince(start));
    if (!answer) return answer.error();
    if (answer->status != 200) unexpected(series, "quote", answer.value());
  }
  timed.finish(series);
  return Done{};
}

Result<Done> BenchRun::scans(pos::PosClient& client) {
  std::vector<std::string> bodies;
  for (int i = 0; i < options_.scans; ++i) {
    const std::int64_t number = workload_.randomMemberNumber();
    auto payload = signer_.staticCard("hq-card-1", AgentWorkload::cardId(number), std::nullopt);
    if (!payload) return payload.error();
    bodies.push_back(nlohmann::json{{"payload", payload.value()}}.dump());
  }
  Timed timed;
  for (const auto& body : bodies) {
    const auto start = Clock::now();
    auto answer = client.post("/v1/scan", body);
    timed.nanos.push_back(nanosSince(start));
    if (!answer) return answer.error();
    if (answer->status != 200) {
      unexpected(figures_.scan, "scan", answer.value());
      continue;
    }
    // Revoked cards and closed members are refused (accepted=false); both are realistic.
    if (answer->body.find("\"accepted\":true") != std::string::npos) ++figures_.scansAccepted;
  }
  timed.finish(figures_.scan);
  return Done{};
}

Result<Done> BenchRun::memberViews(pos::PosClient& client) {
  std::vector<std::string> targets;
  for (int i = 0; i < options_.scans; ++i) {
    targets.push_back("/v1/members/" + AgentWorkload::memberId(workload_.randomMemberNumber()));
  }
  Timed timed;
  for (const auto& target : targets) {
    const auto start = Clock::now();
    auto answer = client.get(target);
    timed.nanos.push_back(nanosSince(start));
    if (!answer) return answer.error();
    if (answer->status != 200) unexpected(figures_.memberView, "member view", answer.value());
  }
  timed.finish(figures_.memberView);
  return Done{};
}

Result<std::int64_t> BenchRun::commitOnce(pos::PosClient& client) {
  const std::string body = workload_.saleBody("bench-sale-" + std::to_string(++sales_));
  const auto start = Clock::now();
  auto answer = client.post("/v1/sales", body);
  const std::int64_t nanos = nanosSince(start);
  if (!answer) return answer.error();
  if (answer->status != 201) unexpected(figures_.commit, "commit", answer.value());
  return nanos;
}

Result<Done> BenchRun::commits(pos::PosClient& client) {
  auto floor = FsyncProbe::open(options_.dir);
  if (!floor) return floor.error();
  auto sqlite = SqliteProbe::open(options_.dir);
  if (!sqlite) return sqlite.error();
  Timed commitTimes;
  Timed floorTimes;
  Timed sqliteTimes;
  for (int i = 0; i < options_.commits; ++i) {
    // One of each per step, in a rotating order: noise and page-cache writeback hit all alike.
    for (int k = 0; k < 3; ++k) {
      const int which = (i + k) % 3;
      Result<std::int64_t> nanos = which == 0   ? commitOnce(client)
                                   : which == 1 ? floor.value()->syncOnce()
                                                : sqlite.value()->commitOnce();
      if (!nanos) return nanos.error();
      (which == 0 ? commitTimes : which == 1 ? floorTimes : sqliteTimes).nanos.push_back(nanos.value());
    }
  }
  commitTimes.finish(figures_.commit);
  floorTimes.finish(figures_.fsyncFloor);
  sqliteTimes.finish(figures_.sqliteAlone);
  return Done{};
}

Result<Done> BenchRun::countSyncs(AgentProcess& agent, pos::PosClient& client) {
  if (options_.straceCommits == 0) {
    figures_.syncNote = "skipped (--strace-commits 0)";
    return Done{};
  }
  auto counter = FsyncCounter::attach("/usr/bin/strace", agent.pid(), options_.dir + "/strace-summary.txt");
  if (!counter) {
    figures_.syncNote = counter.error().message;
    return Done{};
  }
  for (int i = 0; i < options_.straceCommits; ++i) {
    auto nanos = commitOnce(client);
    if (!nanos) return nanos.error();
  }
  auto counts = counter->finish();
  if (!counts) {
    figures_.syncNote = counts.error().message;
    return Done{};
  }
  figures_.syncs = counts.value();
  return Done{};
}

Result<Done> BenchRun::rawLookups() {
  store::StoreOptions storeOptions;
  storeOptions.path = figures_.databasePath;
  storeOptions.terminalId = kTerminalId;
  storeOptions.create = false;
  auto database = store::StoreDatabase::open(storeOptions);
  if (!database) return database.error();
  store::SqliteSnapshotStore snapshot(*database.value());
  std::vector<std::string> cards;
  for (int i = 0; i < options_.lookups; ++i) cards.push_back(AgentWorkload::cardId(workload_.randomMemberNumber()));
  Timed timed;
  for (const auto& cardId : cards) {
    const auto start = Clock::now();
    auto card = snapshot.findCard(cardId);
    if (!card) return card.error();
    bool found = false;
    if (card.value()) {
      auto member = snapshot.findMember(card.value()->memberId);
      if (!member) return member.error();
      found = member.value().has_value();
    }
    timed.nanos.push_back(nanosSince(start));
    if (!found) ++figures_.rawLookup.failures;
  }
  timed.finish(figures_.rawLookup);
  return Done{};
}

Result<Done> BenchRun::all() {
  auto first = coldStart("first start, empty ledger");
  if (!first) return first.error();
  auto atReady = first->agent->memory();
  if (atReady) figures_.memoryAtReady = atReady.value();
  std::printf("agent ready on port %u; measuring ...\n", static_cast<unsigned>(first->agent->port()));
  std::fflush(stdout);
  if (auto warm = quotes(*first->client, 200, nullptr); !warm) return warm.error();
  agent_ = first->agent.get();
  figures_.loadBefore = loadAverage();
  auto quoted = withAgentCpu(figures_.quote, [&] { return quotes(*first->client, options_.quotes, &figures_.quote); });
  if (!quoted) return quoted.error();
  auto scanned = withAgentCpu(figures_.scan, [&] { return scans(*first->client); });
  if (!scanned) return scanned.error();
  auto viewed = withAgentCpu(figures_.memberView, [&] { return memberViews(*first->client); });
  if (!viewed) return viewed.error();
  auto committed = withAgentCpu(figures_.commit, [&] { return commits(*first->client); });
  if (!committed) return committed.error();
  figures_.loadAfter = loadAverage();
  auto afterLoad = first->agent->memory();
  if (afterLoad) figures_.memoryAfterLoad = afterLoad.value();
  if (auto done = countSyncs(*first->agent, *first->client); !done) return done.error();
  agent_ = nullptr;
  if (auto done = stop(first.value()); !done) return done.error();

  for (int r = 1; r <= options_.restarts; ++r) {
    auto again = coldStart("restart " + std::to_string(r) + ", " + std::to_string(sales_) + " sales in the ledger");
    if (!again) return again.error();
    if (auto done = stop(again.value()); !done) return done.error();
  }
  if (auto done = rawLookups(); !done) return done.error();
  auto verify = runTool(LOYALTYCTL_PATH, {"ledger", "verify", "--db", figures_.databasePath});
  figures_.ledgerVerify = !verify ? verify.error().message : trimmed(verify->output);
  figures_.sales = sales_;
  return Done{};
}

}  // namespace loyalty::bench
