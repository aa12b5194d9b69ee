// --burn, --reward and --line values: whole numbers only, clear errors otherwise.
#include <catch2/catch.hpp>

#include "command_args.h"

using namespace loyalty::ctl;
using loyalty::engine::BurnMode;

TEST_CASE("command args: --burn", "[command_args]") {
  auto max = parseBurnArgument("max");
  REQUIRE(max.ok());
  CHECK(max->mode == BurnMode::max);
  auto exact = parseBurnArgument("500");
  REQUIRE(exact.ok());
  CHECK(exact->mode == BurnMode::exact);
  CHECK(exact->points == 500);
  for (const char* bad : {"", "0", "-5", "+5", "1.5", "5e2", "MAX", "all", " 5", "99999999999999999999"}) {
    INFO(bad);
    auto parsed = parseBurnArgument(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "bad_burn");
  }
}

TEST_CASE("command args: --reward", "[command_args]") {
  auto one = parseRewardArgument("free-coffee-reward");
  REQUIRE(one.ok());
  CHECK(one->code == "free-coffee-reward");
  CHECK(one->quantity == 1);
  auto two = parseRewardArgument("free-coffee-reward:2");
  REQUIRE(two.ok());
  CHECK(two->code == "free-coffee-reward");
  CHECK(two->quantity == 2);
  for (const char* bad : {"", ":2", "x:", "x:0", "x:-1", "x:1.5", "x:two"}) {
    INFO(bad);
    auto parsed = parseRewardArgument(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "bad_reward");
  }
}

TEST_CASE("command args: --line", "[command_args]") {
  auto line = parseLineArgument("3:2");
  REQUIRE(line.ok());
  CHECK(line->lineNo == 3);
  CHECK(line->quantity == 2);
  for (const char* bad : {"", "3", "3:", ":2", "3:0", "a:1", "3:-1", "3:1:1", "-3:1"}) {
    INFO(bad);
    auto parsed = parseLineArgument(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "bad_line");
  }
}

TEST_CASE("command args: whole numbers stop at their maximum", "[command_args]") {
  CHECK(parseWholeNumber("1000", "n", 1000).value() == 1000);
  CHECK_FALSE(parseWholeNumber("1001", "n", 1000).ok());
  CHECK(parseWholeNumber("0", "n", 10).value() == 0);
  CHECK_FALSE(parsePositiveCount("0", "n", 10).ok());
  CHECK(parseWholeNumber("9223372036854775807", "n", INT64_MAX).value() == INT64_MAX);
  CHECK_FALSE(parseWholeNumber("9223372036854775808", "n", INT64_MAX).ok());
}
