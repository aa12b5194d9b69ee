// `loyaltyctl event` through the real binary: event credits and their daily cap.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "process_runner.h"

using namespace loyalty::ctl::test;

namespace {

// Claudia's example member file says she already got 90 points from social-share on
// 2026-03-16 (Berlin); the rule gives 20 per share, at most 100 a day.
ProcessResult share(const std::string& at, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"event", "--bundle", example("bundle.json"), "--member",
                                   example("members/gold-de.json"), "--event", "social_share",
                                   "--at", at};
  args.insert(args.end(), extra.begin(), extra.end());
  return runCtl(args);
}

std::int64_t pointsOf(const ProcessResult& run) {
  const auto json = nlohmann::json::parse(run.out);
  std::int64_t points = 0;
  for (const auto& rule : json.at("earned")) points += rule.at("points").get<std::int64_t>();
  return points;
}

}  // namespace

TEST_CASE("cli event: the social share cap counts the Berlin calendar day", "[cli][event]") {
  auto capped = share("2026-03-16T12:00:00Z");
  REQUIRE(capped.exitCode == 0);
  CHECK(pointsOf(capped) == 10);  // 90 already today: only 10 left under the cap of 100

  auto lateUtc = share("2026-03-16T22:59:59Z");  // 23:59:59 Monday in Berlin
  REQUIRE(lateUtc.exitCode == 0);
  CHECK(pointsOf(lateUtc) == 10);

  auto nextDay = share("2026-03-16T23:00:00Z");  // 00:00 Tuesday in Berlin: a new day
  REQUIRE(nextDay.exitCode == 0);
  CHECK(pointsOf(nextDay) == 20);

  // Counted in New York time, 23:00 UTC is Monday 19:00: the day of the existing counter.
  auto newYork = share("2026-03-16T23:00:00Z", {"--time-zone", "America/New_York"});
  REQUIRE(newYork.exitCode == 0);
  CHECK(pointsOf(newYork) == 10);
}

TEST_CASE("cli event: the credit books a lot and a cap counter", "[cli][event]") {
  auto run = share("2026-03-16T12:00:00Z", {"--credit-id", "share-42"});
  REQUIRE(run.exitCode == 0);
  const auto json = nlohmann::json::parse(run.out);
  CHECK(json.at("credit_id") == "share-42");
  bool lot = false;
  for (const auto& entry : json.at("lots_after")) {
    if (entry.at("id") == "share-42/reward") {
      lot = true;
      CHECK(entry.at("points") == 10);
    }
  }
  CHECK(lot);
  REQUIRE(json.at("rule_usage_added").size() == 1);
  CHECK(json.at("rule_usage_added")[0].at("points") == 10);

  auto text = share("2026-03-16T12:00:00Z", {"--format", "text"});
  REQUIRE(text.exitCode == 0);
  CHECK(text.out.find("capped (20 before the cap)") != std::string::npos);
}

TEST_CASE("cli event: unknown events credit nothing, bad input exits 2", "[cli][event]") {
  auto none = runCtl({"event", "--bundle", example("bundle.json"), "--member",
                      example("members/gold-de.json"), "--event", "newsletter", "--at",
                      "2026-03-16T12:00:00Z"});
  REQUIRE(none.exitCode == 0);
  CHECK(pointsOf(none) == 0);

  auto zone = share("2026-03-16T12:00:00Z", {"--time-zone", "Atlantis/Capital"});
  CHECK(zone.exitCode == 2);
  CHECK(zone.err.rfind("error: unknown_time_zone: ", 0) == 0);

  auto missing = runCtl({"event", "--bundle", example("bundle.json"), "--event", "x"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.rfind("error: usage: ", 0) == 0);
}
