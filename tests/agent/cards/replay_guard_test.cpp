#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "card_test_support.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

TEST_CASE("memory replay guard: records until expiry, then forgets", "[cards][replay]") {
  MemoryReplayGuard guard;
  const std::string digest(64, 'a');
  CHECK(guard.firstPresentation(digest, 1060, 1000).value());
  CHECK_FALSE(guard.firstPresentation(digest, 1060, 1001).value());
  CHECK_FALSE(guard.firstPresentation(digest, 1060, 1059).value());
  CHECK(guard.firstPresentation(std::string(64, 'b'), 1090, 1030).value());
  CHECK(guard.size() == 2);
  // At the expiry instant the record is gone (the verifier refuses the code as expired).
  CHECK(guard.firstPresentation(digest, 2000, 1060).value());
  CHECK(guard.firstPresentation(std::string(64, 'c'), 5000, 4000).value());
  CHECK(guard.size() == 1);  // a and b expired and were pruned
}

TEST_CASE("memory replay guard: concurrent scans of one code, exactly one wins", "[cards][replay]") {
  CardWorld world;
  MemoryReplayGuard guard;
  const CardVerifier verifier(world.keys, guard);
  const std::string code = world.rotatingCode();
  std::atomic<int> accepted{0};
  std::atomic<int> replayed{0};
  std::vector<std::thread> lanes;
  for (int lane = 0; lane < 4; ++lane) {
    lanes.emplace_back([&] {
      for (int scan = 0; scan < 25; ++scan) {
        const CardVerdict verdict = verifier.verify(code, kNow);
        if (verdict.accepted) ++accepted;
        if (verdict.reason == CardReason::replayed) ++replayed;
      }
    });
  }
  for (auto& lane : lanes) lane.join();
  CHECK(accepted == 1);
  CHECK(replayed == 99);
}
