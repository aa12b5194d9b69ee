// Every network step has a deadline: a client that sends its request too slowly gets a
// 408 and is cut off, one that says nothing is closed, and the limits change live.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "api_test_support.h"

namespace loyalty::api::test {
namespace {

using namespace std::chrono_literals;

Router router() {
  Router r;
  r.add("GET", "/status", echoHandler("status"));
  r.add("POST", "/commit", echoHandler("commit"));
  return r;
}

HttpServerOptions shortDeadlines() {
  HttpServerOptions options = testOptions();
  options.limits.requestTimeout = 300ms;
  options.limits.idleTimeout = 300ms;
  return options;
}

// Sends `bytes` one at a time, `gap` apart, until the server answers or closes. Returns
// how many bytes went out.
std::size_t trickle(TestClient& client, const std::string& bytes, std::chrono::milliseconds gap) {
  std::size_t sent = 0;
  try {
    for (; sent < bytes.size(); ++sent) {
      if (client.available() > 0) break;
      client.writeRaw(bytes.substr(sent, 1));
      std::this_thread::sleep_for(gap);
    }
  } catch (const boost::system::system_error&) {
    // the server closed the connection under our feet: also a cut-off
  }
  return sent;
}

TEST_CASE("a slow-loris client sending headers byte by byte is cut off with 408", "[api][deadline]") {
  TestServer server(router(), shortDeadlines());
  TestClient client(server.port());
  std::string request = "GET /status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kToken) + "\r\n";
  request += "X-Slow: " + std::string(200, 's') + "\r\n\r\n";
  const std::size_t sent = trickle(client, request, 20ms);
  CHECK(sent < request.size());  // it never got to finish its headers
  const TestReply reply = client.read();
  CHECK(reply.status == 408);
  CHECK(reply.reason() == "request_timeout");
  CHECK_FALSE(reply.keepAlive);
  CHECK(client.readUntilClosed().has_value());

  // Meanwhile and afterwards, normal clients are served.
  TestClient other(server.port());
  CHECK(other.send({.target = "/status"}).status == 200);
}

TEST_CASE("a body that arrives too slowly is 408 too", "[api][deadline]") {
  TestServer server(router(), shortDeadlines());
  TestClient client(server.port());
  const std::string body(100, 'b');
  client.writeRaw("POST /commit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kToken) +
                  "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
  const std::size_t sent = trickle(client, body, 20ms);
  CHECK(sent < body.size());
  CHECK(client.read().status == 408);
}

TEST_CASE("an idle connection is closed after the idle deadline, without a reply", "[api][deadline]") {
  TestServer server(router(), shortDeadlines());
  TestClient silent(server.port());
  const std::optional<std::string> received = silent.readUntilClosed();
  REQUIRE(received.has_value());
  CHECK(received->empty());

  // Same after a first request on a keep-alive connection.
  TestClient keepAlive(server.port());
  CHECK(keepAlive.send({.target = "/status"}).status == 200);
  const std::optional<std::string> after = keepAlive.readUntilClosed();
  REQUIRE(after.has_value());
  CHECK(after->empty());
}

TEST_CASE("limits changed live apply to the next request", "[api][deadline][limits]") {
  TestServer server(router(), testOptions());
  TestClient client(server.port());
  const std::string body(2048, 'x');
  CHECK(client.send({.method = "POST", .target = "/commit", .body = body}).status == 200);

  ServerLimits limits = testOptions().limits;
  limits.maxBodyBytes = 1024;
  server.server().updateLimits(limits);
  CHECK(client.send({.method = "POST", .target = "/commit", .body = body}).status == 413);

  limits.maxBodyBytes = 4096;
  server.server().updateLimits(limits);
  TestClient again(server.port());
  CHECK(again.send({.method = "POST", .target = "/commit", .body = body}).status == 200);
}

}  // namespace
}  // namespace loyalty::api::test
