// Mutual TLS end to end on loopback: real sockets, a TlsServer and HttpsClients, and the
// refusals of docs/sync-protocol.md "Enrollment and TLS".
#include <atomic>
#include <future>
#include <random>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include "net_test_support.h"

namespace loyalty::net {
namespace {

using test::take;
using test::TempDir;
using test::TestPki;

ClientRequest get(std::string target) {
  ClientRequest request;
  request.target = std::move(target);
  return request;
}

ClientRequest post(std::string target, std::string body) {
  ClientRequest request;
  request.method = "POST";
  request.target = std::move(target);
  request.body = std::move(body);
  return request;
}

// A server with the protocol's three kinds of route: enrollment without a certificate,
// a batch upload and an update check with one.
struct Fixture {
  TempDir dir;
  TestPki pki;
  KeyAndCertificate till = pki.enroll("till-1", dir);
  std::atomic<int> authorizeCalls{0};
  std::unique_ptr<TlsServer> server;
  std::uint16_t port = 0;

  explicit Fixture(std::size_t threads = 2, AuthorizePeer authorize = {}) {
    TlsServerOptions options = test::serverOptions(pki, threads);
    options.authorizePeer = [this, authorize](const PeerIdentity& peer) -> std::optional<PeerRefusal> {
      ++authorizeCalls;
      return authorize ? authorize(peer) : std::nullopt;
    };
    server = std::make_unique<TlsServer>(std::move(options));
    server->addRoute("POST", "/v1/enroll", ClientCertificate::optional, test::echoHandler());
    server->addRoute("POST", "/v1/ledger/batches", ClientCertificate::required, test::echoHandler());
    server->addRoute("GET", "/v1/updates", ClientCertificate::required, test::echoHandler());
    port = take(server->start());
  }
};

}  // namespace

TEST_CASE("A terminal with its certificate talks to HQ over mutual TLS and reuses the connection") {
  Fixture fixture;
  auto client = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &fixture.till);
  for (int i = 0; i < 5; ++i) {
    ClientResponse response = take(client->call(post("/v1/ledger/batches", "batch-" + std::to_string(i))));
    CHECK(response.status == 200);
    CHECK(response.body == "{\"path\":\"/v1/ledger/batches\",\"peer\":\"till-1\",\"body\":\"batch-" +
                               std::to_string(i) + "\"}");
  }
  CHECK(client->connectionsOpened() == 1);
  CHECK(fixture.authorizeCalls.load() == 5);  // on every request, not once per connection
}

TEST_CASE("The handler sees the peer's CN and serial, the query decoded and the headers lowercased") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("store-3.till-2", dir);
  TlsServer server(test::serverOptions(pki));
  std::promise<HttpsRequest> seen;
  server.addRoute("GET", "/v1/updates", ClientCertificate::required, [&seen](HttpsRequest request, Responder respond) {
    seen.set_value(request);
    respond(HttpsResponse::json(200, "{}"));
  });
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till);
  ClientRequest request = get("/v1/updates?after=41&wait=0&note=a%20b+c");
  request.headers.emplace_back("X-Request-Id", "r-1");
  CHECK(take(client->call(request)).status == 200);
  const HttpsRequest received = seen.get_future().get();
  REQUIRE(received.peer);
  CHECK(received.peer->commonName == "store-3.till-2");
  CHECK(received.peer->serialHex == take(inspectCertificate(till.certificatePem)).serialHex);
  CHECK(received.queryValue("after") == "41");
  CHECK(received.queryValue("note") == "a b c");
  CHECK(received.header("x-request-id") == "r-1");
}

TEST_CASE("A client pinning another CA refuses HQ's server: tls_untrusted_server") {
  Fixture fixture;
  CertificateAuthority rogue = take(CertificateAuthority::create("Rogue CA", Validity::fromNow(std::chrono::hours(1))));
  auto client = test::makeClient(fixture.port, rogue.certificatePem(), &fixture.till);
  Result<ClientResponse> response = client->send(get("/v1/updates"));
  REQUIRE_FALSE(response);
  CHECK(response.error().reason == "tls_untrusted_server");
}

TEST_CASE("A server certificate for another host is refused: tls_host_mismatch") {
  TempDir dir;
  TestPki pki;
  TlsServerOptions options = test::serverOptions(pki);
  const KeyAndCertificate elsewhere =
      take(pki.ca.issueServerCertificate({"hq.example", "10.9.9.9"}, Validity::fromNow(std::chrono::hours(1))));
  options.certificatePem = elsewhere.certificatePem;
  options.privateKeyPem = elsewhere.privateKeyPem;
  TlsServer server(std::move(options));
  server.addRoute("GET", "/v1/updates", ClientCertificate::optional, test::echoHandler());
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), nullptr);
  Result<ClientResponse> response = client->send(get("/v1/updates"));
  REQUIRE_FALSE(response);
  CHECK(response.error().reason == "tls_host_mismatch");
}

TEST_CASE("Client certificates from another CA, expired, or absent are refused where one is required") {
  Fixture fixture;
  const std::string ca = fixture.pki.ca.certificatePem();
  SECTION("another CA") {
    CertificateAuthority rogue = take(CertificateAuthority::create("Rogue CA", Validity::fromNow(std::chrono::hours(1))));
    const KeyAndCertificate forged = fixture.pki.enroll("till-1", fixture.dir, &rogue);
    auto client = test::makeClient(fixture.port, ca, &forged);
    Result<ClientResponse> raw = client->send(post("/v1/ledger/batches", "x"));
    REQUIRE(raw);
    CHECK(raw->status == 401);
    CHECK(raw->errorReason() == "client_certificate_untrusted");
    Result<ClientResponse> called = client->call(post("/v1/ledger/batches", "x"));
    REQUIRE_FALSE(called);
    CHECK(called.error().reason == "tls_client_refused");
  }
  SECTION("expired") {
    const auto now = std::chrono::system_clock::now();
    const Validity past{now - std::chrono::hours(48), now - std::chrono::hours(1)};
    const KeyAndCertificate expired = fixture.pki.enroll("till-1", fixture.dir, nullptr, &past);
    auto client = test::makeClient(fixture.port, ca, &expired);
    Result<ClientResponse> raw = client->send(get("/v1/updates"));
    REQUIRE(raw);
    CHECK(raw->status == 401);
    CHECK(raw->errorReason() == "client_certificate_expired");
    Result<ClientResponse> called = client->call(get("/v1/updates"));
    REQUIRE_FALSE(called);
    CHECK(called.error().reason == "tls_client_refused");
    CHECK(called.error().message.find("client_certificate_expired") != std::string::npos);
  }
  SECTION("HQ's own server certificate used as a client certificate (serverAuth only)") {
    auto client = test::makeClient(fixture.port, ca, &fixture.pki.server);
    Result<ClientResponse> raw = client->send(get("/v1/updates"));
    REQUIRE(raw);
    CHECK(raw->errorReason() == "client_certificate_untrusted");
  }
  SECTION("none: refused on a protected route, accepted on enrollment") {
    auto client = test::makeClient(fixture.port, ca, nullptr);
    Result<ClientResponse> batch = client->send(post("/v1/ledger/batches", "x"));
    REQUIRE(batch);
    CHECK(batch->status == 401);
    CHECK(batch->errorReason() == "client_certificate_required");
    ClientResponse enrolled = take(client->call(post("/v1/enroll", "csr")));
    CHECK(enrolled.status == 200);
    CHECK(enrolled.body == "{\"path\":\"/v1/enroll\",\"peer\":\"\",\"body\":\"csr\"}");
  }
  CHECK(fixture.authorizeCalls.load() == 0);  // never asked about an unverified peer
}

TEST_CASE("authorizePeer refusing a disabled terminal gives 403 terminal_disabled, others still pass") {
  Fixture fixture(2, [](const PeerIdentity& peer) -> std::optional<PeerRefusal> {
    if (peer.commonName != "till-disabled") return std::nullopt;
    return PeerRefusal{403, "terminal_disabled", "HQ has disabled this terminal."};
  });
  const KeyAndCertificate disabled = fixture.pki.enroll("till-disabled", fixture.dir);
  auto refusedClient = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &disabled);
  Result<ClientResponse> raw = refusedClient->send(post("/v1/ledger/batches", "x"));
  REQUIRE(raw);
  CHECK(raw->status == 403);
  CHECK(raw->errorReason() == "terminal_disabled");
  Result<ClientResponse> called = refusedClient->call(post("/v1/ledger/batches", "x"));
  REQUIRE_FALSE(called);
  CHECK(called.error().reason == "http_status");
  CHECK(called.error().message.find("terminal_disabled") != std::string::npos);
  auto goodClient = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &fixture.till);
  CHECK(take(goodClient->call(post("/v1/ledger/batches", "x"))).status == 200);
}

TEST_CASE("Unknown paths, wrong methods and oversized bodies get JSON errors and the server goes on") {
  Fixture fixture;
  auto client = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &fixture.till);
  ClientResponse missing = take(client->send(get("/v2/nothing")));
  CHECK(missing.status == 404);
  CHECK(missing.errorReason() == "not_found");
  ClientResponse wrongMethod = take(client->send(get("/v1/ledger/batches")));
  CHECK(wrongMethod.status == 405);
  CHECK(wrongMethod.errorReason() == "method_not_allowed");
  ClientResponse tooBig = take(client->send(post("/v1/ledger/batches", std::string(9 * 1024 * 1024, 'x'))));
  CHECK(tooBig.status == 413);
  CHECK(tooBig.errorReason() == "body_too_large");
  CHECK(take(client->call(get("/v1/updates"))).status == 200);
}

TEST_CASE("A handler that throws is answered 500 internal_error and the connection serves on") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("till-1", dir);
  TlsServer server(test::serverOptions(pki));
  server.addRoute("GET", "/boom", ClientCertificate::required,
                  [](HttpsRequest, Responder) { throw std::runtime_error("handler bug"); });
  server.addRoute("GET", "/dropped", ClientCertificate::required, [](HttpsRequest, Responder) {});
  server.addRoute("GET", "/ok", ClientCertificate::required, test::echoHandler());
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till);
  ClientResponse boom = take(client->send(get("/boom")));
  CHECK(boom.status == 500);
  CHECK(boom.errorReason() == "internal_error");
  ClientResponse dropped = take(client->send(get("/dropped")));
  CHECK(dropped.status == 500);
  CHECK(dropped.errorReason() == "no_answer");
  CHECK(take(client->send(get("/ok"))).status == 200);
}

TEST_CASE("A kept-alive connection HQ closed while idle is replaced transparently") {
  TempDir dir;
  TestPki pki;
  const KeyAndCertificate till = pki.enroll("till-1", dir);
  TlsServerOptions options = test::serverOptions(pki);
  options.limits.idleTimeout = std::chrono::milliseconds(100);
  TlsServer server(std::move(options));
  server.addRoute("POST", "/v1/ledger/batches", ClientCertificate::required, test::echoHandler());
  const std::uint16_t port = take(server.start());
  auto client = test::makeClient(port, pki.ca.certificatePem(), &till);  // reuses for up to 30 s
  for (int round = 1; round <= 3; ++round) {
    CHECK(take(client->call(post("/v1/ledger/batches", "b"))).status == 200);
    while (server.connectionCount() != 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(client->connectionsOpened() == static_cast<std::uint64_t>(round));
  }
}

TEST_CASE("Connections that never complete a handshake are closed by the handshake deadline") {
  TempDir dir;
  TestPki pki;
  TlsServerOptions options = test::serverOptions(pki);
  options.limits.handshakeTimeout = std::chrono::milliseconds(200);
  TlsServer server(std::move(options));
  server.addRoute("GET", "/v1/updates", ClientCertificate::optional, test::echoHandler());
  const std::uint16_t port = take(server.start());
  boost::asio::io_context io;
  std::vector<boost::asio::ip::tcp::socket> idle;
  for (int i = 0; i < 20; ++i) {
    idle.emplace_back(io);
    idle.back().connect({boost::asio::ip::make_address("127.0.0.1"), port});
  }
  while (server.connectionCount() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  while (server.connectionCount() != 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (auto& socket : idle) {
    char byte = 0;
    boost::system::error_code ec;
    socket.read_some(boost::asio::buffer(&byte, 1), ec);
    CHECK(ec);  // closed by the server
  }
}

TEST_CASE("Garbage bytes and plain HTTP at the TLS port do not hurt the server") {
  Fixture fixture;
  boost::asio::io_context io;
  std::mt19937 random(20261122);
  for (int round = 0; round < 30; ++round) {
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), fixture.port});
    std::string junk;
    if (round % 3 == 0) {
      junk = "GET /v1/updates HTTP/1.1\r\nHost: x\r\n\r\n";
    } else {
      junk.resize(1 + random() % 4096);
      for (char& c : junk) c = static_cast<char>(random());
      if (round % 3 == 2) junk[0] = 0x16;  // looks like a TLS handshake record
    }
    boost::system::error_code ec;
    boost::asio::write(socket, boost::asio::buffer(junk), ec);
    char reply[256];
    socket.read_some(boost::asio::buffer(reply), ec);  // an alert, or the server closes
    socket.close(ec);
  }
  auto client = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &fixture.till);
  CHECK(take(client->call(get("/v1/updates"))).status == 200);
}

TEST_CASE("100 concurrent requests on 100 connections from 10 terminals are all answered") {
  Fixture fixture(2);
  constexpr std::size_t kTerminals = 10;
  constexpr std::size_t kRequests = 100;
  std::vector<KeyAndCertificate> credentials;
  for (std::size_t i = 0; i < kTerminals; ++i) {
    credentials.push_back(fixture.pki.enroll("till-" + std::to_string(i), fixture.dir));
  }
  std::atomic<std::size_t> ok{0};
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      const std::size_t terminal = i % kTerminals;
      auto client = test::makeClient(fixture.port, fixture.pki.ca.certificatePem(), &credentials[terminal]);
      start.wait();
      Result<ClientResponse> response = client->call(post("/v1/ledger/batches", std::to_string(i)));
      const std::string expected = "{\"path\":\"/v1/ledger/batches\",\"peer\":\"till-" + std::to_string(terminal) +
                                   "\",\"body\":\"" + std::to_string(i) + "\"}";
      if (response && response->body == expected) ++ok;
    });
  }
  go.set_value();
  for (std::thread& thread : threads) thread.join();
  CHECK(ok.load() == kRequests);
  CHECK(fixture.authorizeCalls.load() == static_cast<int>(kRequests));
}

}  // namespace loyalty::net
