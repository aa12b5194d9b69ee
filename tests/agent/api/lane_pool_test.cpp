// The lane pool on its own: bounded queue, parallelism, shutdown that runs or drops the
// waiting jobs, exceptions caught on the lane.
#include <atomic>
#include <chrono>
#include <thread>
#include <future>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "api/lane_pool.h"

namespace loyalty::api {
namespace {

TEST_CASE("the queue bound refuses jobs beyond it, shutdown drops or runs the waiting ones", "[api][lanes]") {
  for (const bool runQueued : {false, true}) {
    LanePool pool(1, {});
    pool.start();
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> entered;
    std::atomic<int> ran{0};
    REQUIRE(pool.trySubmit([&] {
      entered.set_value();
      released.wait();
      ++ran;
    }, 10));
    entered.get_future().wait();  // the lane is busy from here on
    CHECK(pool.trySubmit([&] { ++ran; }, 2));
    CHECK(pool.trySubmit([&] { ++ran; }, 2));
    CHECK_FALSE(pool.trySubmit([&] { ++ran; }, 2));
    CHECK(pool.queued() == 2);
    std::thread stopper([&] { pool.shutdown(runQueued); });
    if (!runQueued) {
      // The lane is still blocked, so only shutdown can empty the queue: wait for that
      // before letting the lane go, or it could run the jobs first.
      for (int i = 0; i < 2000 && pool.queued() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      CHECK(pool.queued() == 0);
    }
    release.set_value();
    stopper.join();
    CHECK(ran == (runQueued ? 3 : 1));
    CHECK_FALSE(pool.trySubmit([&] { ++ran; }, 10));
  }
}

TEST_CASE("a job's exception goes to the failure handler and the lane lives on", "[api][lanes]") {
  std::atomic<int> failures{0};
  std::atomic<int> ran{0};
  LanePool pool(2, [&](std::exception_ptr failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::runtime_error&) {
      ++failures;
    }
  });
  pool.start();
  for (int i = 0; i < 20; ++i) {
    REQUIRE(pool.trySubmit([&, i] {
      if (i % 2 == 0) throw std::runtime_error("job failed");
      ++ran;
    }, 100));
  }
  pool.shutdown(true);
  CHECK(failures == 10);
  CHECK(ran == 10);
  CHECK_FALSE(pool.onLane());
}

TEST_CASE("jobs know they run on a lane", "[api][lanes]") {
  LanePool pool(3, {});
  pool.start();
  std::promise<bool> onLane;
  REQUIRE(pool.trySubmit([&] { onLane.set_value(pool.onLane()); }, 1));
  CHECK(onLane.get_future().get());
  CHECK_FALSE(pool.onLane());
  CHECK(pool.size() == 3);
}

}  // namespace
}  // namespace loyalty::api
