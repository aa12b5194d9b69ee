#include <catch2/catch.hpp>

#include "codec/decimal_text.h"
#include "codec/json_reader.h"
#include "codec/sha256.h"
#include "codec/time_text.h"

using namespace loyalty;
using codec::Issues;
using nlohmann::json;

TEST_CASE("dates are strict Gregorian YYYY-MM-DD", "[codec][text]") {
  CHECK(codec::parseDate("2026-02-28") == engine::LocalDate{2026, 2, 28});
  CHECK(codec::parseDate("2024-02-29") == engine::LocalDate{2024, 2, 29});
  CHECK_FALSE(codec::parseDate("2026-02-29"));
  CHECK_FALSE(codec::parseDate("2026-13-01"));
  CHECK_FALSE(codec::parseDate("2026-00-10"));
  CHECK_FALSE(codec::parseDate("0000-01-01"));
  CHECK_FALSE(codec::parseDate("2026-1-01"));
  CHECK_FALSE(codec::parseDate("2026/01/01"));
  CHECK_FALSE(codec::parseDate("2026-01-01 "));
  CHECK_FALSE(codec::parseDate("+026-01-01"));
}

TEST_CASE("local times of day", "[codec][text]") {
  CHECK(codec::parseTimeOfDay("00:00", false) == 0);
  CHECK(codec::parseTimeOfDay("17:00", false) == 61200);
  CHECK(codec::parseTimeOfDay("23:59:59", false) == 86399);
  CHECK(codec::parseTimeOfDay("24:00", true) == 86400);
  CHECK_FALSE(codec::parseTimeOfDay("24:00", false));
  CHECK_FALSE(codec::parseTimeOfDay("24:01", true));
  CHECK_FALSE(codec::parseTimeOfDay("12:60", false));
  CHECK_FALSE(codec::parseTimeOfDay("7:00", false));
  CHECK_FALSE(codec::parseTimeOfDay("07:00:5", false));
  CHECK(codec::formatTimeOfDay(61200) == "17:00");
  CHECK(codec::formatTimeOfDay(61215) == "17:00:15");
}

TEST_CASE("RFC 3339 instants with offsets", "[codec][text]") {
  CHECK(codec::parseInstant("1970-01-01T00:00:00Z") == 0);
  CHECK(codec::parseInstant("2026-03-01T08:00:00+01:00") == 1772348400);
  CHECK(codec::parseInstant("2026-03-01t07:00:00z") == 1772348400);
  CHECK(codec::parseInstant("2026-03-01T02:30:00-04:30") == 1772348400);
  CHECK(codec::parseInstant("1969-12-31T23:59:59Z") == -1);
  CHECK_FALSE(codec::parseInstant("2026-03-01T08:00:00"));
  CHECK_FALSE(codec::parseInstant("2026-03-01T08:00:00.5Z"));
  CHECK_FALSE(codec::parseInstant("2026-03-01T08:00Z"));
  CHECK_FALSE(codec::parseInstant("2026-03-01T08:00:60Z"));
  CHECK_FALSE(codec::parseInstant("2026-03-01T08:00:00+24:00"));
  CHECK_FALSE(codec::parseInstant("2026-03-01 08:00:00Z"));
  CHECK(codec::formatInstant(1772348400) == "2026-03-01T07:00:00Z");
  CHECK(codec::formatInstant(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("percentages are read exactly as basis points", "[codec][text]") {
  const auto percent = [](const json& value) {
    Issues issues;
    const auto bp = codec::readPercent(value, "/p", issues);
    return bp ? *bp : -1;
  };
  CHECK(percent(15) == 1500);
  CHECK(percent(0) == 0);
  CHECK(percent(100) == 10000);
  CHECK(percent("12.5") == 1250);
  CHECK(percent("12.50") == 1250);
  CHECK(percent("0.01") == 1);
  CHECK(percent("100.00") == 10000);
  CHECK(percent("100.01") == -1);
  CHECK(percent("1.234") == -1);
  CHECK(percent("12.") == -1);
  CHECK(percent(" 12") == -1);
  CHECK(percent("1000") == -1);
  CHECK(percent(101) == -1);
  CHECK(percent(-1) == -1);
  CHECK(percent(12.5) == -1);
  CHECK(percent(true) == -1);
}

TEST_CASE("multipliers are exact reduced fractions", "[codec][text]") {
  const auto multiplier = [](const json& value) {
    Issues issues;
    return codec::readMultiplier(value, "/m", issues);
  };
  CHECK(multiplier(2) == engine::Multiplier{2, 1});
  CHECK(multiplier(1) == engine::Multiplier{1, 1});
  CHECK(multiplier("1.5") == engine::Multiplier{3, 2});
  CHECK(multiplier("1.25") == engine::Multiplier{5, 4});
  CHECK(multiplier("3/2") == engine::Multiplier{3, 2});
  CHECK(multiplier("6/4") == engine::Multiplier{3, 2});
  CHECK(multiplier("2.0001") == engine::Multiplier{20001, 10000});
  CHECK_FALSE(multiplier("2.00001"));
  CHECK_FALSE(multiplier("0.5"));
  CHECK_FALSE(multiplier("3/0"));
  CHECK_FALSE(multiplier("1/"));
  CHECK_FALSE(multiplier("9999999/7"));  // reduced numerator above 10^6
  CHECK_FALSE(multiplier(1.5));
  CHECK(codec::formatMultiplier({3, 2}) == "1.5");
  CHECK(codec::formatMultiplier({2, 1}) == "2");
  CHECK(codec::formatMultiplier({20001, 10000}) == "2.0001");
  CHECK(codec::formatMultiplier({7, 3}) == "7/3");
}

TEST_CASE("sha256 matches known digests", "[codec][text]") {
  CHECK(codec::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(codec::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
