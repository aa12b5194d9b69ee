// The replay guard of phone-app codes: first presentation accepted, a replay refused until
// the record expires, expired records pruned.
#include <catch2/catch.hpp>

#include "store/sqlite_presented_codes.h"
#include "store_test_support.h"

using namespace loyalty;
using namespace loyalty::store;
using namespace loyalty::store::test;

TEST_CASE("presented codes: a code is accepted once until its record expires", "[store][replay]") {
  ScratchDir dir;
  const std::string path = dir.file("codes.db");
  auto database = openStore(path);
  SqlitePresentedCodes codes(*database);
  CHECK(codes.recordPresentedCode("d1", 1090, 1000).value());
  CHECK_FALSE(codes.recordPresentedCode("d1", 1090, 1001).value());
  CHECK(codes.recordPresentedCode("d2", 1090, 1001).value());
  CHECK_FALSE(codes.recordPresentedCode("d1", 1090, 1090).value());  // still inside its window
  // Past expiry the record is pruned (the verifier refuses such an old code by its time).
  CHECK(codes.recordPresentedCode("d3", 1200, 1091).value());
  RawDatabase raw(path);
  CHECK(raw.queryInt("SELECT count(*) FROM presented_codes") == 1);
  CHECK(codes.recordPresentedCode("d1", 1200, 1100).value());

  CHECK(codes.recordPresentedCode("", 1, 1).error().reason == "invalid_digest");
  CHECK(codes.recordPresentedCode(std::string(kMaxDigestBytes + 1, 'x'), 1, 1).error().reason == "invalid_digest");
}

TEST_CASE("presented codes: a replay is refused after a restart", "[store][replay]") {
  ScratchDir dir;
  const std::string path = dir.file("codes.db");
  {
    auto database = openStore(path);
    SqlitePresentedCodes codes(*database);
    REQUIRE(codes.recordPresentedCode("d1", 5000, 1000).value());
  }
  auto database = openStore(path);
  SqlitePresentedCodes codes(*database);
  CHECK_FALSE(codes.recordPresentedCode("d1", 5000, 1010).value());
}
