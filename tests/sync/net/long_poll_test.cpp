// Requests that wait: long-polls parked in a LongPollHub while the same server thread
// serves other connections, client deadlines against servers that never answer, stop()
// of a client mid-request and of a server with a request in flight.
#include <atomic>
#include <future>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "net/long_poll_hub.h"
#include "net_test_support.h"

namespace loyalty::net {
namespace {

using test::take;
using test::TempDir;
using test::TestPki;
using namespace std::chrono_literals;

ClientRequest get(std::string target) {
  ClientRequest request;
  request.target = std::move(target);
  return request;
}

const char* wakeName(LongPollHub::Wake wake) {
  switch (wake) {
    case LongPollHub::Wake::notified: return "notified";
    case LongPollHub::Wake::timedOut: return "timedOut";
    case LongPollHub::Wake::closing: return "closing";
  }
  return "?";
}

// An update feed in miniature: a version that publish() raises, /v1/updates?after=&wait=
// answering at once when the version is newer, else parking until publish or timeout.
struct PollServer {
  TempDir dir;
  TestPki pki;
  KeyAndCertificate till = pki.enroll("till-1", dir);
  std::unique_ptr<TlsServer> server;
  std::unique_ptr<LongPollHub> hub;
  std::atomic<int> version{0};
  std::uint16_t port = 0;

  explicit PollServer(std::size_t threads) {
    server = std::make_unique<TlsServer>(test::serverOptions(pki, threads));
    hub = std::make_unique<LongPollHub>(server->executor());
    server->addRoute("GET", "/v1/updates", ClientCertificate::required, [this](HttpsRequest request, Responder respond) {
      const int after = std::stoi(request.queryValue("after").value_or("0"));
      const auto wait = std::chrono::milliseconds(std::stoi(request.queryValue("wait_ms").value_or("0")));
      const std::uint64_t generation = hub->generation();  // before looking: no lost wake-up
      if (version.load() > after || wait.count() == 0) {
        return respond(HttpsResponse::json(200, "{\"version\":" + std::to_string(version.load()) + "}"));
      }
      hub->park(generation, wait, respond, [this](LongPollHub::Wake wake) {
        return HttpsResponse::json(200, "{\"version\":" + std::to_string(version.load()) + ",\"wake\":\"" +
                                            wakeName(wake) + "\"}");
      });
    });
    server->addRoute("GET", "/ping", ClientCertificate::required,
                     [](HttpsRequest, Responder respond) { respond(HttpsResponse::json(200, "{\"pong\":true}")); });
    port = take(server->start());
  }

  void publish() {
    ++version;
    hub->notifyAll();
  }

  [[nodiscard]] std::unique_ptr<HttpsClient> client(std::chrono::milliseconds readTimeout = 10s) const {
    return test::makeClient(port, pki.ca.certificatePem(), &till, readTimeout);
  }

  ~PollServer() {
    hub->close();
    server->stop();
  }
};

}  // namespace

TEST_CASE("A long-poll answered after 200 ms does not hold up other connections on a one-thread server") {
  PollServer fixture(1);
  auto poller = fixture.client();
  auto future = std::async(std::launch::async, [&] { return poller->call(get("/v1/updates?after=0&wait_ms=20000")); });
  while (fixture.hub->parkedCount() == 0) std::this_thread::sleep_for(5ms);
  auto other = fixture.client();
  for (int i = 0; i < 10; ++i) CHECK(take(other->call(get("/ping"))).body == "{\"pong\":true}");
  CHECK(fixture.hub->parkedCount() == 1);  // still parked while the pings were served
  std::this_thread::sleep_for(200ms);
  fixture.publish();
  ClientResponse answer = take(future.get());
  CHECK(answer.body == "{\"version\":1,\"wake\":\"notified\"}");
  CHECK(fixture.hub->parkedCount() == 0);
}

TEST_CASE("Many parked polls are all woken by one publish, and a poll whose wait ends is answered") {
  PollServer fixture(1);
  constexpr int kPollers = 30;
  std::vector<std::future<Result<ClientResponse>>> answers;
  std::vector<std::unique_ptr<HttpsClient>> clients;
  for (int i = 0; i < kPollers; ++i) clients.push_back(fixture.client());
  for (auto& client : clients) {
    answers.push_back(std::async(std::launch::async, [&client] {
      return client->call(get("/v1/updates?after=0&wait_ms=20000"));
    }));
  }
  while (fixture.hub->parkedCount() < kPollers) std::this_thread::sleep_for(5ms);
  fixture.publish();
  for (auto& answer : answers) CHECK(take(answer.get()).body == "{\"version\":1,\"wake\":\"notified\"}");

  auto late = fixture.client();
  CHECK(take(late->call(get("/v1/updates?after=1&wait_ms=100"))).body == "{\"version\":1,\"wake\":\"timedOut\"}");
  CHECK(take(late->call(get("/v1/updates?after=0&wait_ms=100"))).body == "{\"version\":1}");
}

TEST_CASE("A publish between a handler's check and its park() still wakes the poll (no lost wake-up)") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("till-1", dir);
  TlsServer server(test::serverOptions(pki, 1));
  LongPollHub hub(server.executor());
  server.addRoute("GET", "/race", ClientCertificate::required, [&hub](HttpsRequest, Responder respond) {
    const std::uint64_t generation = hub.generation();  // the handler looked: nothing new
    hub.notifyAll();                                    // HQ publishes right then
    hub.park(generation, 60s, respond, [](LongPollHub::Wake wake) {
      return HttpsResponse::json(200, std::string("{\"wake\":\"") + wakeName(wake) + "\"}");
    });
  });
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till, 60s);
  CHECK(take(client->call(get("/race"))).body == "{\"wake\":\"notified\"}");
  hub.close();
  server.stop();
}

TEST_CASE("Closing the hub answers parked polls at once, so the server stops without waiting for them") {
  auto fixture = std::make_unique<PollServer>(2);
  auto poller = fixture->client();
  auto future = std::async(std::launch::async, [&] { return poller->call(get("/v1/updates?after=0&wait_ms=60000")); });
  while (fixture->hub->parkedCount() == 0) std::this_thread::sleep_for(5ms);
  fixture->hub->close();
  CHECK(take(future.get()).body == "{\"version\":0,\"wake\":\"closing\"}");
  // A poll arriving after close() is answered at once the same way.
  CHECK(take(poller->call(get("/v1/updates?after=0&wait_ms=60000"))).body == "{\"version\":0,\"wake\":\"closing\"}");
  fixture.reset();
}

TEST_CASE("A server that never answers: the client's read deadline ends the request") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("till-1", dir);
  TlsServer server(test::serverOptions(pki));
  std::vector<Responder> held;  // kept unanswered on purpose
  std::mutex heldMutex;
  server.addRoute("GET", "/v1/updates", ClientCertificate::required, [&](HttpsRequest, Responder respond) {
    const std::lock_guard lock(heldMutex);
    held.push_back(respond);
  });
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till, 300ms);
  const auto begun = std::chrono::steady_clock::now();
  Result<ClientResponse> response = client->send(get("/v1/updates"));
  const auto took = std::chrono::steady_clock::now() - begun;
  REQUIRE_FALSE(response);
  CHECK(response.error().reason == "read_timeout");
  CHECK(took >= 300ms);
  CHECK(took < 10s);  // ended by its deadline, not by the server (the handler timeout is 120 s)
  {
    const std::lock_guard lock(heldMutex);
    held.clear();  // the connection is gone; the late 500 no_answer goes nowhere
  }
  server.stop();
}

TEST_CASE("A listener that never completes TLS: handshake_timeout, and nothing listening: connection_refused") {
  TestPki pki;
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor silent(io, {boost::asio::ip::make_address("127.0.0.1"), 0});  // never accepts
  HttpsClientOptions options;
  options.host = "127.0.0.1";
  options.port = silent.local_endpoint().port();
  options.caPem = pki.ca.certificatePem();
  options.handshakeTimeout = 300ms;
  auto client = take(HttpsClient::create(options));
  Result<ClientResponse> response = client->send(get("/v1/updates"));
  REQUIRE_FALSE(response);
  CHECK(response.error().reason == "handshake_timeout");

  silent.close();
  Result<ClientResponse> refused = client->send(get("/v1/updates"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "connection_refused");
}

TEST_CASE("stop() interrupts a client waiting for an answer, and refuses later requests") {
  PollServer fixture(1);
  auto client = fixture.client(60s);
  auto future = std::async(std::launch::async, [&] { return client->send(get("/v1/updates?after=0&wait_ms=60000")); });
  while (fixture.hub->parkedCount() == 0) std::this_thread::sleep_for(5ms);
  client->stop();
  Result<ClientResponse> interrupted = future.get();
  REQUIRE_FALSE(interrupted);
  CHECK(interrupted.error().reason == "client_stopped");
  Result<ClientResponse> after = client->send(get("/ping"));
  REQUIRE_FALSE(after);
  CHECK(after.error().reason == "client_stopped");
}

TEST_CASE("Stopping the server with a request in flight answers it, then refuses new connections") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("till-1", dir);
  TlsServer server(test::serverOptions(pki));
  std::promise<Responder> parked;
  server.addRoute("POST", "/v1/ledger/batches", ClientCertificate::required,
                  [&parked](HttpsRequest, Responder respond) { parked.set_value(respond); });
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till);
  ClientRequest request;
  request.method = "POST";
  request.target = "/v1/ledger/batches";
  request.body = "[]";
  auto inFlight = std::async(std::launch::async, [&] { return client->send(request); });
  Responder respond = parked.get_future().get();
  auto stopping = std::async(std::launch::async, [&] { server.stop(); });
  // stop() waits for the request in flight: answer it (as a batch commit finishing would).
  std::this_thread::sleep_for(100ms);
  respond(HttpsResponse::json(200, "{\"ack\":7}"));
  ClientResponse answered = take(inFlight.get());
  CHECK(answered.status == 200);
  CHECK(answered.body == "{\"ack\":7}");
  stopping.get();
  CHECK(server.connectionCount() == 0);
  auto late = test::makeClient(port, pki.ca.certificatePem(), &till);
  Result<ClientResponse> refused = late->send(request);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "connection_refused");
}

}  // namespace loyalty::net
