// Graceful stop: the request in flight completes, new connections are refused, idle ones
// are closed, a drain deadline bounds the wait; and the daemon's signal loop (SIGHUP
// reloads, SIGTERM stops the server with the commit in flight answered).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include "api/signal_watcher.h"
#include "api_test_support.h"

namespace loyalty::api::test {
namespace {

using namespace std::chrono_literals;

// Counts handler arrivals and holds them until released.
class Hold {
 public:
  bool enterAndWait() {
    std::unique_lock lock(mutex_);
    ++entered_;
    changed_.notify_all();
    return changed_.wait_for(lock, 20s, [this] { return released_; });
  }
  bool waitEntered(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 20s, [&] { return entered_ >= count; });
  }
  void release() {
    {
      const std::lock_guard lock(mutex_);
      released_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int entered_ = 0;
  bool released_ = false;
};

Router holdingRouter(Hold& hold, std::atomic<int>& committed) {
  Router router;
  router.add("POST", "/commit", [&](const ApiRequest&) {
    if (!hold.enterAndWait()) return errorResponse(500, "hold_timeout", "never released");
    ++committed;
    return jsonResponse(200, R"({"approved":true})");
  });
  router.add("GET", "/status", echoHandler("status"));
  return router;
}

bool waitUntilRefused(std::uint16_t port) {
  for (int attempt = 0; attempt < 400; ++attempt) {
    if (!canConnect(port)) return true;
    std::this_thread::sleep_for(25ms);
  }
  return false;
}

TEST_CASE("stop lets the request in flight finish, refuses new connections, closes idle ones", "[api][stop]") {
  Hold hold;
  std::atomic<int> committed{0};
  TestServer server(holdingRouter(hold, committed));
  const std::uint16_t port = server.port();

  TestClient idle(port);
  CHECK(idle.send({.target = "/status"}).status == 200);
  TestClient inFlight(port);
  inFlight.write({.method = "POST", .target = "/commit", .body = "{}"});
  REQUIRE(hold.waitEntered(1));

  std::thread stopper([&] { server.stop(); });
  CHECK(waitUntilRefused(port));               // the acceptor is closed...
  const std::optional<std::string> idleEnd = idle.readUntilClosed();
  CHECK(idleEnd.has_value());                  // ...the idle connection is closed...
  hold.release();
  const TestReply reply = inFlight.read();    // ...and the commit in flight is answered
  CHECK(reply.status == 200);
  CHECK(reply.json()["approved"] == true);
  CHECK_FALSE(reply.keepAlive);                // with Connection: close
  stopper.join();
  CHECK(committed == 1);

  bool stoppedLine = false;
  for (const nlohmann::json& line : server.logLines()) stoppedLine = stoppedLine || line["event"] == "api_stopped";
  CHECK(stoppedLine);
}

TEST_CASE("past the drain deadline, stop closes what is left and still joins the handler", "[api][stop]") {
  Hold hold;
  std::atomic<int> committed{0};
  HttpServerOptions options = testOptions();
  options.limits.drainTimeout = 200ms;
  TestServer server(holdingRouter(hold, committed), options);
  TestClient inFlight(server.port());
  inFlight.write({.method = "POST", .target = "/commit", .body = "{}"});
  REQUIRE(hold.waitEntered(1));

  std::promise<void> stopped;
  std::thread stopper([&] {
    server.stop();
    stopped.set_value();
  });
  // The connection is closed at the deadline without an answer...
  const std::optional<std::string> received = inFlight.readUntilClosed();
  REQUIRE(received.has_value());
  CHECK(received->empty());
  // ...but stop() waits for the handler itself: a commit is never cut in half.
  CHECK(stopped.get_future().wait_for(100ms) == std::future_status::timeout);
  hold.release();
  stopper.join();
  CHECK(committed == 1);
  bool drainLine = false;
  for (const nlohmann::json& line : server.logLines()) drainLine = drainLine || line["event"] == "api_drain_timeout";
  CHECK(drainLine);
}

TEST_CASE("stop is idempotent, and refused from a handler (it would wait for itself)", "[api][stop]") {
  std::ostringstream logs;
  log::JsonLogger logger(logs, log::LogLevel::info);
  HttpServer* self = nullptr;
  Router router;
  router.add("POST", "/stop", [&](const ApiRequest&) {
    self->stop();
    return jsonResponse(200, "{}");
  });
  HttpServer server(testOptions(), std::move(router), BearerToken::fromSecret(kToken), logger);
  self = &server;
  const Result<std::uint16_t> port = server.start();
  REQUIRE(port.ok());
  {
    TestClient client(*port);
    const TestReply reply = client.send({.method = "POST", .target = "/stop"});
    CHECK(reply.status == 500);  // logic_error caught like any handler exception
    CHECK(client.send({.method = "POST", .target = "/stop"}).status == 500);
  }
  server.stop();
  server.stop();
  CHECK_FALSE(canConnect(*port));
  CHECK(server.start().error().reason == "already_started");
}

TEST_CASE("a server destroyed without stop() stops cleanly", "[api][stop]") {
  std::uint16_t port = 0;
  {
    TestServer server([] {
      Router router;
      router.add("GET", "/status", echoHandler("status"));
      return router;
    }());
    port = server.port();
    TestClient client(port);
    CHECK(client.send({.target = "/status"}).status == 200);
  }
  CHECK_FALSE(canConnect(port));
}

TEST_CASE("SIGHUP calls reload, SIGTERM stops the server with the commit in flight answered", "[api][signals]") {
  Hold hold;
  std::atomic<int> committed{0};
  TestServer server(holdingRouter(hold, committed));
  std::ostringstream logs;
  log::JsonLogger logger(logs, log::LogLevel::info);
  std::atomic<int> reloads{0};
  std::atomic<int> stopSignal{-1};
  SignalWatcher watcher({.stop = [&](int signal) {
                           stopSignal = signal;
                           server.stop();
                         },
                         .reload = [&] { ++reloads; }},
                        logger);
  std::thread loop([&] { watcher.run(); });

  TestClient inFlight(server.port());
  inFlight.write({.method = "POST", .target = "/commit", .body = "{}"});
  REQUIRE(hold.waitEntered(1));

  REQUIRE(::kill(::getpid(), SIGHUP) == 0);
  for (int i = 0; i < 400 && reloads == 0; ++i) std::this_thread::sleep_for(10ms);
  CHECK(reloads == 1);

  REQUIRE(::kill(::getpid(), SIGTERM) == 0);
  CHECK(waitUntilRefused(server.port()));
  hold.release();
  CHECK(inFlight.read().json()["approved"] == true);
  loop.join();
  CHECK(stopSignal == SIGTERM);
  CHECK(committed == 1);
  CHECK(logs.str().find(R"("signal":"SIGTERM")") != std::string::npos);
}

TEST_CASE("requestStop ends the loop, a throwing reload is logged, not fatal", "[api][signals]") {
  std::ostringstream logs;
  log::JsonLogger logger(logs, log::LogLevel::info);
  std::atomic<int> stops{0};
  std::atomic<int> reloads{0};
  SignalWatcher watcher({.stop = [&](int signal) { stops += signal == 0 ? 1 : 100; },
                         .reload = [&] {
                           ++reloads;
                           throw std::runtime_error("bad config");
                         }},
                        logger);
  std::thread loop([&] { watcher.run(); });
  REQUIRE(::kill(::getpid(), SIGHUP) == 0);
  for (int i = 0; i < 400 && reloads == 0; ++i) std::this_thread::sleep_for(10ms);
  watcher.requestStop();
  watcher.requestStop();
  loop.join();
  CHECK(stops == 1);
  CHECK(reloads == 1);
  CHECK(logs.str().find("signal_handler_failed") != std::string::npos);
}

}  // namespace
}  // namespace loyalty::api::test
