// Many POS clients at once over a few lanes: every request is answered, handlers run on
// at most `lanes` threads and truly in parallel, a slow handler does not stall the other
// lanes, and the queue and connection limits answer 503 instead of piling up.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "api_test_support.h"

namespace loyalty::api::test {
namespace {

using namespace std::chrono_literals;

// A gate handlers wait at until the test opens it (bounded, so a bug fails the test
// rather than hanging it).
class Gate {
 public:
  void open() {
    {
      const std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    return changed_.wait_for(lock, 20s, [this] { return open_; });
  }
  bool waitForWaiters(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 20s, [&] { return waiting_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int waiting_ = 0;
};

TEST_CASE("many concurrent clients are all served, on at most N lane threads", "[api][lanes]") {
  std::mutex mutex;
  std::set<std::thread::id> laneThreads;
  std::atomic<int> running{0};
  std::atomic<int> mostAtOnce{0};
  Router router;
  router.add("POST", "/work/{n}", [&](const ApiRequest& request) {
    {
      const std::lock_guard lock(mutex);
      laneThreads.insert(std::this_thread::get_id());
    }
    const int now = ++running;
    int seen = mostAtOnce.load();
    while (now > seen && !mostAtOnce.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(1ms);  // long enough for lanes to overlap
    --running;
    return jsonResponse(200, R"({"n":")" + std::string(request.param("n")) + R"(","body":)" + request.body + "}");
  });
  TestServer server(std::move(router), testOptions(3));

  constexpr int kClients = 24;
  constexpr int kRequests = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      try {
        TestClient client(server.port());
        for (int i = 0; i < kRequests; ++i) {
          const std::string n = std::to_string(c) + "-" + std::to_string(i);
          const TestReply reply = client.send({.method = "POST", .target = "/work/" + n, .body = std::to_string(i)});
          const nlohmann::json body = reply.json();
          if (reply.status == 200 && body["n"] == n && body["body"] == i) ++ok;
        }
      } catch (const std::exception&) {
        // counted as missing answers below
      }
    });
  }
  for (std::thread& t : clients) t.join();
  CHECK(ok == kClients * kRequests);
  CHECK(laneThreads.size() <= 3);
  CHECK(mostAtOnce <= 3);
  CHECK(mostAtOnce >= 2);
}

TEST_CASE("handlers run in parallel on every lane", "[api][lanes]") {
  Gate gate;
  Router router;
  router.add("GET", "/wait", [&](const ApiRequest&) {
    return gate.wait() ? jsonResponse(200, "{}") : errorResponse(500, "gate_timeout", "gate never opened");
  });
  TestServer server(std::move(router), testOptions(4));
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int i = 0; i < 4; ++i) {
    clients.push_back(std::make_unique<TestClient>(server.port()));
    clients.back()->write({.target = "/wait"});
  }
  // All four handlers are inside at the same time, which a single lane could not do.
  REQUIRE(gate.waitForWaiters(4));
  gate.open();
  for (auto& client : clients) CHECK(client->read().status == 200);
}

TEST_CASE("a slow handler on one lane does not stall the other lanes", "[api][lanes]") {
  Gate gate;
  Router router;
  router.add("POST", "/commit", [&](const ApiRequest&) {
    return gate.wait() ? jsonResponse(200, R"({"committed":true})") : errorResponse(500, "gate_timeout", "");
  });
  router.add("POST", "/quote", echoHandler("quote"));
  TestServer server(std::move(router), testOptions(2));

  TestClient slow(server.port());
  slow.write({.method = "POST", .target = "/commit", .body = "{}"});
  REQUIRE(gate.waitForWaiters(1));

  TestClient fast(server.port());
  for (int i = 0; i < 200; ++i) {
    REQUIRE(fast.send({.method = "POST", .target = "/quote", .body = "{}"}).status == 200);
  }
  gate.open();
  CHECK(slow.read().json()["committed"] == true);
}

TEST_CASE("when every lane is busy and the queue is full, requests get 503 overloaded", "[api][lanes][limits]") {
  Gate gate;
  Router router;
  router.add("GET", "/wait", [&](const ApiRequest&) { return gate.wait() ? jsonResponse(200, "{}") : jsonResponse(500, "{}"); });
  HttpServerOptions options = testOptions(1);
  options.limits.maxQueuedRequests = 1;
  TestServer server(std::move(router), options);

  TestClient running(server.port());
  running.write({.target = "/wait"});
  REQUIRE(gate.waitForWaiters(1));
  // One lane, busy; one queue slot: of three more requests one waits, two are refused.
  std::mutex mutex;
  std::condition_variable answered;
  std::vector<TestReply> replies;
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&] {
      TestReply reply;
      try {
        TestClient client(server.port());
        reply = client.send({.target = "/wait"});
      } catch (const std::exception&) {
      }
      const std::lock_guard lock(mutex);
      replies.push_back(reply);
      answered.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    CHECK(answered.wait_for(lock, 20s, [&] { return replies.size() >= 2; }));
    for (const TestReply& reply : replies) {
      CHECK(reply.status == 503);
      CHECK(reply.reason() == "overloaded");
      CHECK(reply.header("retry-after") == "1");
    }
  }
  gate.open();
  for (std::thread& t : clients) t.join();
  CHECK(running.read().status == 200);
  REQUIRE(replies.size() == 3);
  CHECK(replies.back().status == 200);  // the queued one, answered once the lane was free
}

TEST_CASE("connections beyond maxConnections get 503 too_many_connections", "[api][limits]") {
  HttpServerOptions options = testOptions();
  options.limits.maxConnections = 2;
  Router router;
  router.add("GET", "/status", echoHandler("status"));
  TestServer server(std::move(router), options);
  auto first = std::make_unique<TestClient>(server.port());
  TestClient second(server.port());
  CHECK(first->send({.target = "/status"}).status == 200);
  CHECK(second.send({.target = "/status"}).status == 200);
  {
    TestClient third(server.port());
    const TestReply reply = third.send({.target = "/status"});
    CHECK(reply.status == 503);
    CHECK(reply.reason() == "too_many_connections");
    CHECK(third.readUntilClosed().has_value());
  }
  // Once a connection goes away, a new one is served again (the rejected one lingers
  // briefly, so retry until the server has let go of it).
  first.reset();
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    TestClient next(server.port());
    status = next.send({.target = "/status"}).status;
    if (status != 200) std::this_thread::sleep_for(50ms);
  }
  CHECK(status == 200);
}

}  // namespace
}  // namespace loyalty::api::test
