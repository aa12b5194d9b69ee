// A member's recent activity (GET /v1/members/{id}): each entry's points change is what it
// did to the spendable balance, so the changes add up to the balance's movement, also for
// a member who owes points (a deficit) that a purchase pays off.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "service_fixture.h"

using namespace loyalty;
using namespace loyalty::service;
using loyalty::service::test::line;
using loyalty::service::test::ServiceFixture;

namespace {

engine::Points reward(const MemberSummary& member) {
  for (const auto& b : member.balances) {
    if (b.currency == "reward") return b.after;
  }
  return -1;
}

// Snapshot version 2 holding one member who owes 100 reward points and still has 320.
void importOwingMember(ServiceFixture& f) {
  const auto examples = std::filesystem::path(LOYALTY_SOURCE_DIR) / "config/examples";
  auto member = nlohmann::json::parse(test::readText(examples / "members/basic-de.json"));
  member["id"] = "m-owing";
  member["lots"][0]["expires_on"] = "2027-11-02";  // still spendable on the fixture's date
  member["deficits"] = nlohmann::json::array({{{"currency", "reward"}, {"points", 100}}});
  store::SnapshotMeta meta;
  meta.version = 2;
  meta.storeId = "berlin-01";
  meta.createdAt = test::kMonday10Utc - 60;
  meta.bundleText = test::readText(examples / "bundle.json");
  meta.bundleHash = std::string(64, 'b');
  meta.bundleVersion = 1;
  auto import = f.snapshot->beginSnapshotImport(meta);
  REQUIRE(import.ok());
  REQUIRE(import.value()
              ->addMember(store::MemberRecord{"m-owing", "demo-de", engine::MemberStatus::active, "Anna B.", "basic",
                                              member.dump()})
              .ok());
  REQUIRE(import.value()->commit().ok());
  REQUIRE(f.service->reload().ok());
}

}  // namespace

TEST_CASE("service: recent activity counts a deficit paid off as points gained", "[service]") {
  ServiceFixture f;
  importOwingMember(f);
  auto before = f.service->member("m-owing");
  REQUIRE(before.ok());
  CHECK(reward(before.value()) == 220);

  SaleRequest sale;
  sale.posSaleId = "S-owe";
  sale.memberId = "m-owing";
  sale.lines = {line(1, "espresso-beans-1kg", "coffee", 2, 1499)};
  sale.burn = engine::BurnRequest{engine::BurnMode::exact, 200};
  auto committed = f.service->commit(sale);
  REQUIRE(committed.ok());
  REQUIRE(committed->entries.size() == 2);  // a redemption and an accrual

  auto after = f.service->member("m-owing");
  REQUIRE(after.ok());
  engine::Points changes = 0;
  for (const auto& item : after->recentActivity) {
    if (item.kind == "accrual") CHECK(item.pointsChange > 0);  // the earned points went to the deficit
    if (item.kind == "redemption") CHECK(item.pointsChange == -200);
    changes += item.pointsChange;
  }
  CHECK(after->recentActivity.size() == 2);
  CHECK(changes == reward(after.value()) - reward(before.value()));
}
