// StoreClock: UTC instants to store-local date and time of day, across DST changes.
#include <catch2/catch.hpp>

#include "iso_instant.h"
#include "service/store_clock.h"

using loyalty::ctl::parseIsoInstant;
using loyalty::service::StoreClock;

namespace {

loyalty::engine::QuoteTime localAt(const char* zone, const char* instant) {
  auto clock = StoreClock::forZone(zone);
  REQUIRE(clock.ok());
  auto epoch = parseIsoInstant(instant);
  REQUIRE(epoch.ok());
  return clock->at(epoch.value());
}

int hms(int h, int m, int s) { return h * 3600 + m * 60 + s; }

}  // namespace

TEST_CASE("store clock: winter and summer offsets of Europe/Berlin", "[store_clock]") {
  auto winter = localAt("Europe/Berlin", "2026-01-15T12:00:00Z");
  CHECK(winter.localDate == loyalty::engine::LocalDate{2026, 1, 15});
  CHECK(winter.localSecondOfDay == hms(13, 0, 0));
  auto summer = localAt("Europe/Berlin", "2026-07-15T12:00:00Z");
  CHECK(summer.localSecondOfDay == hms(14, 0, 0));
  CHECK(summer.epochSeconds == parseIsoInstant("2026-07-15T12:00:00Z").value());
}

TEST_CASE("store clock: spring forward in Europe/Berlin skips 02:00-03:00", "[store_clock]") {
  // 2026-03-29 01:00 UTC: clocks jump from 02:00 CET to 03:00 CEST.
  auto before = localAt("Europe/Berlin", "2026-03-29T00:59:59Z");
  CHECK(before.localDate == loyalty::engine::LocalDate{2026, 3, 29});
  CHECK(before.localSecondOfDay == hms(1, 59, 59));
  auto after = localAt("Europe/Berlin", "2026-03-29T01:00:00Z");
  CHECK(after.localDate == loyalty::engine::LocalDate{2026, 3, 29});
  CHECK(after.localSecondOfDay == hms(3, 0, 0));
}

TEST_CASE("store clock: fall back in Europe/Berlin repeats 02:00-03:00", "[store_clock]") {
  // 2026-10-25 01:00 UTC: clocks go back from 03:00 CEST to 02:00 CET.
  auto firstPass = localAt("Europe/Berlin", "2026-10-25T00:30:00Z");
  auto secondPass = localAt("Europe/Berlin", "2026-10-25T01:30:00Z");
  CHECK(firstPass.localSecondOfDay == hms(2, 30, 0));
  CHECK(secondPass.localSecondOfDay == hms(2, 30, 0));
  CHECK(secondPass.epochSeconds - firstPass.epochSeconds == 3600);
  auto later = localAt("Europe/Berlin", "2026-10-25T02:00:00Z");
  CHECK(later.localSecondOfDay == hms(3, 0, 0));
}

TEST_CASE("store clock: the local date can differ from the UTC date", "[store_clock]") {
  // Sunday 23:30 UTC is already Monday 00:30 in Berlin.
  auto monday = localAt("Europe/Berlin", "2026-03-15T23:30:00Z");
  CHECK(monday.localDate == loyalty::engine::LocalDate{2026, 3, 16});
  CHECK(monday.localSecondOfDay == hms(0, 30, 0));
  // Tuesday 03:00 UTC is still Monday 23:00 in New York (EDT, UTC-4).
  auto newYork = localAt("America/New_York", "2026-03-17T03:00:00Z");
  CHECK(newYork.localDate == loyalty::engine::LocalDate{2026, 3, 16});
  CHECK(newYork.localSecondOfDay == hms(23, 0, 0));
}

TEST_CASE("store clock: zones with non-hour offsets", "[store_clock]") {
  auto kolkata = localAt("Asia/Kolkata", "2026-03-16T12:00:00Z");
  CHECK(kolkata.localSecondOfDay == hms(17, 30, 0));
  auto chatham = localAt("Pacific/Chatham", "2026-06-30T12:00:00Z");  // +12:45 in winter
  CHECK(chatham.localDate == loyalty::engine::LocalDate{2026, 7, 1});
  CHECK(chatham.localSecondOfDay == hms(0, 45, 0));
}

TEST_CASE("store clock: offsets in the instant are honoured", "[store_clock]") {
  auto a = localAt("Europe/Berlin", "2026-03-16T17:30:00+01:00");
  auto b = localAt("Europe/Berlin", "2026-03-16T16:30:00Z");
  CHECK(a.epochSeconds == b.epochSeconds);
  CHECK(a.localSecondOfDay == hms(17, 30, 0));
}

TEST_CASE("store clock: an unknown time zone is an error, not a crash", "[store_clock]") {
  auto clock = StoreClock::forZone("Mars/Olympus_Mons");
  REQUIRE_FALSE(clock.ok());
  CHECK(clock.error().reason == "unknown_time_zone");
  CHECK(clock.error().message.find("Mars/Olympus_Mons") != std::string::npos);
  CHECK_FALSE(StoreClock::forZone("").ok());
}

TEST_CASE("store clock: UTC itself", "[store_clock]") {
  auto utc = localAt("UTC", "2026-12-31T23:59:59Z");
  CHECK(utc.localDate == loyalty::engine::LocalDate{2026, 12, 31});
  CHECK(utc.localSecondOfDay == 86399);
}
