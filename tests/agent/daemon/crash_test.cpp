// The crash test of issue 3: an agent with 4 lanes committing sales concurrently is
// killed with SIGKILL at random moments, at least 50 times (and every fifth restart is
// killed too, while it opens the database). After each kill the database
// is checked as the crash left it (integrity_check, sequence, chain, commit records) and,
// after the restart, every sale the POS was told "approved" has exactly its entries, and
// every sale it was not told about is either wholly booked or not at all, and is booked
// exactly once when the POS sends it again. Seeded: LOYALTY_CRASH_SEED=N repeats a run.
#include "daemon_test_support.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace loyalty::daemon_test {
namespace {

constexpr int kKills = 50;
constexpr int kLanes = 4;

struct Sale {
  std::string id;
  std::string body;
  bool acknowledged = false;
  json answer;  // what the POS was told (acknowledged sales)
};

struct Unexpected {
  std::string saleId;
  int status = 0;
  std::string body;
};

std::uint64_t crashSeed() {
  if (const char* given = std::getenv("LOYALTY_CRASH_SEED")) return std::strtoull(given, nullptr, 10);
  return std::random_device{}();
}

// One POS lane: commits sales until the agent stops answering or `stop` is set.
void runLane(const AgentProcess& agent, int cycle, int lane, std::uint64_t seed,
             const std::vector<testing::SnapshotMember>& members, const std::atomic<bool>& stop,
             std::vector<Sale>& sales, std::vector<Unexpected>& unexpected) {
  std::mt19937_64 random(seed);
  auto client = agent.client(std::chrono::seconds(30));
  for (int n = 0; !stop.load(); ++n) {
    Sale sale;
    sale.id = "k" + std::to_string(cycle) + "-l" + std::to_string(lane) + "-" + std::to_string(n);
    const bool anonymous = random() % 10 == 0;
    json body = saleBody(sale.id, anonymous ? "" : members[random() % members.size()].id, basketLines(random));
    if (!anonymous && random() % 3 == 0) body["burn"] = json{{"max", true}};
    sale.body = body.dump();
    sales.push_back(sale);
    auto response = client->post("/v1/sales", sales.back().body);
    if (!response) return;  // killed: this sale's fate is unknown to the POS
    if (response->status == 201) {
      sales.back().acknowledged = true;
      sales.back().answer = json::parse(response->body, nullptr, false);
    } else {
      unexpected.push_back(Unexpected{sale.id, response->status, response->body});
    }
  }
}

// The ledger rows of a sale against what the POS was told: the same ids, sequences, kinds.
void requireEntriesAsTold(const testing::LedgerContents& ledger, const std::string& saleId, const json& answer) {
  const auto rows = ledger.entriesOf(saleId);
  INFO("sale " << saleId << " answer " << answer.dump());
  REQUIRE(rows.size() == answer["ledger_entries"].size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i]->id == answer["ledger_entries"][i]["id"]);
    CHECK(rows[i]->sequence == answer["ledger_entries"][i]["sequence"]);
    CHECK(rows[i]->kind == answer["ledger_entries"][i]["kind"]);
  }
  REQUIRE(ledger.commits.count("sale:" + saleId) == 1);
}

// The crash left the file as it is: checked before the agent opens it again.
void requireCrashStateSound(const AgentProcess& agent) {
  auto inspector = testing::LedgerInspector::open(agent.databasePath().string());
  if (!inspector) FAIL(inspector.error().message);
  auto integrity = inspector->integrityCheck();
  if (!integrity) FAIL(integrity.error().message);
  REQUIRE(integrity.value() == "ok");
  auto contents = inspector->contents();
  if (!contents) FAIL(contents.error().message);
  const auto problems = testing::ledgerProblems(contents.value());
  for (const auto& problem : problems) UNSCOPED_INFO(problem);
  REQUIRE(problems.empty());
}

}  // namespace

TEST_CASE("kill -9 at random moments under 4 committing lanes loses no approved sale and half-writes none",
          "[daemon][crash]") {
  const std::uint64_t seed = crashSeed();
  std::cout << "crash test seed: " << seed << " (LOYALTY_CRASH_SEED=" << seed << " repeats it)" << std::endl;
  INFO("crash test seed " << seed);
  std::mt19937_64 random(seed);
  AgentOptions options;
  options.lanes = kLanes;
  auto agent = startedAgent("crash", options);
  const std::vector<testing::SnapshotMember> members = activeMembers(*agent);

  std::map<std::string, Sale> acknowledged;  // every sale the POS was told "approved"
  std::vector<Sale> pending;                 // sent, no answer heard: fate unknown to the POS
  std::size_t recommittedBooked = 0;
  std::size_t recommittedFound = 0;
  for (int cycle = 0; cycle < kKills; ++cycle) {
    INFO("cycle " << cycle);
    // Sales the POS never heard about: it sends them again, and each is booked exactly once.
    auto client = agent->client();
    for (const Sale& sale : pending) {
      const auto again = call(*client, "POST", "/v1/sales", sale.body);
      INFO(sale.id << ": " << again.body);
      REQUIRE((again.status == 201 || again.status == 200));
      (again.status == 201 ? recommittedBooked : recommittedFound) += 1;
      const json answer = bodyOf(again);
      const auto twice = call(*client, "POST", "/v1/sales", sale.body);
      REQUIRE(twice.status == 200);
      CHECK(bodyOf(twice)["ledger_entries"] == answer["ledger_entries"]);
      Sale done = sale;
      done.acknowledged = true;
      done.answer = answer;
      acknowledged.emplace(done.id, std::move(done));
    }
    pending.clear();

    // Four lanes commit until the kill.
    std::atomic<bool> stop{false};
    std::vector<std::vector<Sale>> laneSales(kLanes);
    std::vector<std::vector<Unexpected>> laneUnexpected(kLanes);
    std::vector<std::thread> lanes;
    for (int lane = 0; lane < kLanes; ++lane) {
      lanes.emplace_back(runLane, std::cref(*agent), cycle, lane, random(), std::cref(members), std::cref(stop),
                         std::ref(laneSales[static_cast<std::size_t>(lane)]),
                         std::ref(laneUnexpected[static_cast<std::size_t>(lane)]));
    }
    // Mostly mid-traffic; now and then right at the start, before or during the first commits.
    const auto wait = random() % 8 == 0 ? std::chrono::milliseconds(random() % 5)
                                        : std::chrono::milliseconds(20 + random() % 250);
    std::this_thread::sleep_for(wait);
    const auto killed = agent->kill9();
    stop = true;
    for (auto& lane : lanes) lane.join();
    REQUIRE(killed);
    REQUIRE(killed->signal == SIGKILL);
    for (std::size_t lane = 0; lane < laneSales.size(); ++lane) {
      for (const Unexpected& u : laneUnexpected[lane]) FAIL_CHECK(u.saleId << " answered " << u.status << " " << u.body);
      for (Sale& sale : laneSales[lane]) {
        if (sale.acknowledged) {
          acknowledged.emplace(sale.id, std::move(sale));
        } else {
          pending.push_back(std::move(sale));
        }
      }
    }

    requireCrashStateSound(*agent);
    if (cycle % 5 == 4) {
      // Now and then the restart itself is killed, while it recovers the WAL and loads.
      REQUIRE(agent->launch());
      std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
      REQUIRE(agent->kill9());
      requireCrashStateSound(*agent);
    }
    const testing::LedgerContents ledger = ledgerOf(*agent);
    for (const auto& [id, sale] : acknowledged) requireEntriesAsTold(ledger, id, sale.answer);
    for (const Sale& sale : pending) {
      // Not acknowledged: all of it or nothing (ledgerProblems already ties every entry
      // to a complete commit record).
      const bool recorded = ledger.commits.count("sale:" + sale.id) == 1;
      INFO("unacknowledged " << sale.id);
      if (!recorded) CHECK(ledger.entriesOf(sale.id).empty());
    }
    const auto started = agent->start();
    if (!started) FAIL(started.error().message);
    const auto verified = agent->verifyLedger();
    REQUIRE(verified);
    INFO(verified->out << verified->err);
    REQUIRE(verified->status.code == 0);
  }
  // The last kill's unknown sales, sent again once more.
  auto client = agent->client();
  for (const Sale& sale : pending) {
    const auto again = call(*client, "POST", "/v1/sales", sale.body);
    REQUIRE((again.status == 201 || again.status == 200));
    acknowledged.emplace(sale.id, Sale{sale.id, sale.body, true, bodyOf(again)});
  }
  const auto stopped = agent->stop();
  REQUIRE(stopped);
  CHECK(stopped.value() == testing::ExitStatus{0, 0});
  requireSoundDatabase(*agent);
  const testing::LedgerContents ledger = ledgerOf(*agent);
  for (const auto& [id, sale] : acknowledged) requireEntriesAsTold(ledger, id, sale.answer);
  std::size_t saleCommits = 0;
  for (const auto& [key, commit] : ledger.commits) if (key.rfind("sale:", 0) == 0) ++saleCommits;
  CHECK(saleCommits == acknowledged.size());  // nothing booked that the POS does not know of
  std::cout << "crash test: " << kKills << " kills, " << acknowledged.size() << " sales, " << ledger.entries.size()
            << " ledger entries; unanswered sales sent again: " << recommittedBooked << " booked then, "
            << recommittedFound << " found booked before the kill" << std::endl;
  CHECK(acknowledged.size() > static_cast<std::size_t>(kKills));
}

}  // namespace loyalty::daemon_test
