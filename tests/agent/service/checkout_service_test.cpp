// The checkout service end to end over a real database file: quote, commit (durable,
// idempotent, re-checked), balances as snapshot plus local entries, offline limits,
// single-use codes, returns, voids, enrollment, status.
#include <catch2/catch.hpp>

#include "codec/ledger_payload_codec.h"
#include "service_fixture.h"

using namespace loyalty;
using namespace loyalty::service;
using loyalty::service::test::line;
using loyalty::service::test::ServiceFixture;

namespace {

SaleRequest coffeeSale(const std::string& id, const std::string& member = "m-claudia") {
  SaleRequest sale;
  sale.posSaleId = id;
  sale.memberId = member;
  sale.lines = {line(1, "espresso-beans-1kg", "coffee", 2, 1499), line(2, "coffee-house-blend-500g", "coffee", 1, 899),
                line(3, "pretzel", "bakery", 1, 89)};
  return sale;
}

engine::Points rewardBalance(const MemberSummary& member) {
  for (const auto& b : member.balances) {
    if (b.currency == "reward") return b.after;
  }
  return -1;
}

}  // namespace

TEST_CASE("service: a commit books the quote, is idempotent, and the points count from the next basket",
          "[service]") {
  ServiceFixture f;
  auto before = f.service->member("m-claudia");
  REQUIRE(before.ok());
  const engine::Points balanceBefore = rewardBalance(before.value());

  auto quoted = f.service->quote(coffeeSale("S-1"));
  REQUIRE(quoted.ok());
  engine::Points earned = 0;
  for (const auto& e : quoted->result.earned) earned += e.currency == "reward" ? e.points : 0;
  REQUIRE(earned > 0);

  SaleRequest sale = coffeeSale("S-1");
  sale.expectedToPay = quoted->result.toPay;
  auto first = f.service->commit(sale);
  REQUIRE(first.ok());
  CHECK_FALSE(first->alreadyCommitted);
  REQUIRE_FALSE(first->entries.empty());
  auto again = f.service->commit(sale);
  REQUIRE(again.ok());
  CHECK(again->alreadyCommitted);
  CHECK(again->response == first->response);
  CHECK(again->entries.size() == first->entries.size());
  auto stats = f.ledger->stats();
  REQUIRE(stats.ok());
  CHECK(stats->lastSequence == static_cast<std::int64_t>(first->entries.size()));

  auto after = f.service->member("m-claudia");
  REQUIRE(after.ok());
  CHECK(rewardBalance(after.value()) == balanceBefore + earned);
  REQUIRE_FALSE(after->recentActivity.empty());
  CHECK(after->recentActivity.front().posSaleId == "S-1");
}

TEST_CASE("service: a commit whose price moved is refused and books nothing", "[service]") {
  ServiceFixture f;
  SaleRequest sale = coffeeSale("S-2");
  sale.expectedToPay = 1;
  auto refused = f.service->commit(sale);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().reason == "quote_changed");
  CHECK(f.ledger->stats()->lastSequence == 0);
}

TEST_CASE("service: offline burns stop at the day's allowance and the local balance", "[service]") {
  ServiceFixture f;
  SaleRequest sale = coffeeSale("S-3");
  sale.burn.mode = engine::BurnMode::max;
  auto first = f.service->commit(sale);
  REQUIRE(first.ok());
  const auto firstJson = nlohmann::json::parse(first->response);
  const engine::Points burned = firstJson["result"]["burn"]["points"].get<engine::Points>();
  REQUIRE(burned > 0);
  REQUIRE(burned <= 2000);  // the bundle's offline limit per member per store per day

  SaleRequest second = coffeeSale("S-4");
  second.burn.mode = engine::BurnMode::max;
  auto quoted = f.service->quote(second);
  REQUIRE(quoted.ok());
  const engine::Points left = 2000 - burned;
  if (quoted->result.burn->applied) CHECK(quoted->result.burn->points <= left);
  bool warned = false;
  for (const auto& w : quoted->warnings) warned = warned || w.reason == "offline_allowance";
  CHECK(warned);

  f.clock.set((test::kMonday10Utc + 86400) * 1000);  // the next day: a new allowance
  auto nextDay = f.service->quote(second);
  REQUIRE(nextDay.ok());
  REQUIRE(nextDay->result.burn.has_value());
  const engine::Points sameDay = quoted->result.burn->applied ? quoted->result.burn->points : 0;
  CHECK(nextDay->result.burn->points >= sameDay);
}

TEST_CASE("service: no burns once the snapshot is older than the staleness limit, earning goes on", "[service]") {
  ServiceFixture f(test::kMonday10Utc - 4 * 86400);  // the bundle allows 3 days
  SaleRequest sale = coffeeSale("S-5");
  sale.burn.mode = engine::BurnMode::max;
  auto quoted = f.service->quote(sale);
  REQUIRE(quoted.ok());
  REQUIRE(quoted->result.burn.has_value());
  CHECK_FALSE(quoted->result.burn->applied);
  CHECK_FALSE(quoted->result.earned.empty());
  bool warned = false;
  for (const auto& w : quoted->warnings) warned = warned || w.reason == "snapshot_stale";
  CHECK(warned);
}

TEST_CASE("service: a single-use code is refused on its second use at once", "[service]") {
  ServiceFixture f;
  SaleRequest sale = coffeeSale("S-6", "");
  sale.redeem = {engine::RedeemRequest{"GIFT-1234", 1}};
  auto first = f.service->commit(sale);
  REQUIRE(first.ok());
  const auto json = nlohmann::json::parse(first->response);
  REQUIRE(json["result"]["applied"].size() >= 1);

  SaleRequest second = coffeeSale("S-7", "");
  second.redeem = {engine::RedeemRequest{"GIFT-1234", 1}};
  auto quoted = f.service->quote(second);
  REQUIRE(quoted.ok());
  bool refused = false;
  for (const auto& r : quoted->result.rejected) refused = refused || r.subject == "GIFT-1234";
  CHECK(refused);
}

TEST_CASE("service: return and void give back points, are idempotent, and cannot exceed the sale", "[service]") {
  ServiceFixture f;
  auto before = f.service->member("m-claudia");
  REQUIRE(before.ok());
  REQUIRE(f.service->commit(coffeeSale("S-8")).ok());

  ReturnRequestIn ret{"S-8", "R-1", {engine::ReturnLine{1, 1}}};
  auto returned = f.service->returnSale(ret);
  REQUIRE(returned.ok());
  CHECK_FALSE(returned->alreadyCommitted);
  auto again = f.service->returnSale(ret);
  REQUIRE(again.ok());
  CHECK(again->alreadyCommitted);

  auto voided = f.service->voidSale("S-8");
  REQUIRE(voided.ok());
  auto after = f.service->member("m-claudia");
  REQUIRE(after.ok());
  CHECK(rewardBalance(after.value()) == rewardBalance(before.value()));
  auto voidAgain = f.service->voidSale("S-8");
  REQUIRE(voidAgain.ok());
  CHECK(voidAgain->alreadyCommitted);

  auto unknown = f.service->returnSale(ReturnRequestIn{"S-404", "R-2", {engine::ReturnLine{1, 1}}});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().reason == "unknown_sale");
  REQUIRE(f.ledger->verify().ok());
  CHECK(f.ledger->verify()->ok);
}

TEST_CASE("service: a return id already used for another sale is refused, not answered with that return",
          "[service]") {
  ServiceFixture f;
  REQUIRE(f.service->commit(coffeeSale("S-A")).ok());
  auto saleB = f.service->commit(coffeeSale("S-B"));
  REQUIRE(saleB.ok());
  REQUIRE(f.service->returnSale(ReturnRequestIn{"S-A", "R-1", {engine::ReturnLine{1, 1}}}).ok());
  auto reused = f.service->returnSale(ReturnRequestIn{"S-B", "R-1", {engine::ReturnLine{1, 1}}});
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.error().reason == "return_id_in_use");
  auto entries = f.ledger->entriesForSale("S-B");
  REQUIRE(entries.ok());
  CHECK(entries->size() == saleB->entries.size());  // only the sale itself
  auto retry = f.service->returnSale(ReturnRequestIn{"S-A", "R-1", {engine::ReturnLine{1, 1}}});
  REQUIRE(retry.ok());
  CHECK(retry->alreadyCommitted);
}

TEST_CASE("service: a member enrolled at the till can earn at once and is provisional", "[service]") {
  ServiceFixture f;
  auto enrolled = f.service->enroll(EnrollRequest{"E-1", "", "Jo K."});
  REQUIRE(enrolled.ok());
  const auto json = nlohmann::json::parse(enrolled->response);
  const std::string id = json["member_id"].get<std::string>();
  CHECK(id.rfind("P-t-01-", 0) == 0);
  auto again = f.service->enroll(EnrollRequest{"E-1", "", "Jo K."});
  REQUIRE(again.ok());
  CHECK(again->response == enrolled->response);

  REQUIRE(f.service->commit(coffeeSale("S-9", id)).ok());
  auto member = f.service->member(id);
  REQUIRE(member.ok());
  CHECK(member->provisional);
  CHECK(rewardBalance(member.value()) > 0);
}

TEST_CASE("service: a newer snapshot that includes the local entries does not count them twice", "[service]") {
  ServiceFixture f;
  REQUIRE(f.service->commit(coffeeSale("S-10")).ok());
  auto local = f.service->member("m-claudia");
  REQUIRE(local.ok());
  const auto lastSequence = f.ledger->stats()->lastSequence;
  // HQ built the next snapshot from the example member (as if it had applied nothing) but
  // says it included everything: the terminal must then show the snapshot's view only.
  f.importExamples(2, test::kMonday10Utc, lastSequence);
  // No reload: the next request notices the newer snapshot and prices with it.
  auto fresh = f.service->member("m-claudia");
  REQUIRE(fresh.ok());
  CHECK(fresh->recentActivity.empty());
  CHECK(rewardBalance(fresh.value()) < rewardBalance(local.value()));
  CHECK(f.service->status()->snapshotVersion == 2);
}

TEST_CASE("service: status reports the snapshot, the ledger backlog and the disk", "[service]") {
  ServiceFixture f;
  REQUIRE(f.service->commit(coffeeSale("S-11")).ok());
  auto status = f.service->status();
  REQUIRE(status.ok());
  CHECK(status->snapshotVersion == 1);
  CHECK(status->snapshotAgeSeconds == 3600);
  CHECK_FALSE(status->snapshotStale);
  CHECK(status->unsyncedEntries >= 1);
  CHECK(status->diskFreeBytes > 0);
  CHECK_FALSE(status->lastHqContactMs.has_value());
}
