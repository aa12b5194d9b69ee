// The server over real sockets: routing, the bearer token, every refusal with its JSON
// error and status, handler failures, keep-alive and pipelining.
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "api_test_support.h"

namespace loyalty::api::test {
namespace {

Router testRouter() {
  Router router;
  router.add("GET", "/status", echoHandler("status"));
  router.add("GET", "/health", echoHandler("health"), RouteOptions{false, {}});
  router.add("GET", "/members/{memberId}", echoHandler("member"));
  router.add("GET", "/members/{memberId}/lots/{lotId}", echoHandler("lot"));
  router.add("POST", "/sales/{saleId}/commit", echoHandler("commit"));
  router.add("GET", "/sales/latest", echoHandler("latest-sale"));
  router.add("GET", "/sales/{saleId}", echoHandler("sale"));
  router.add("DELETE", "/sales/{saleId}", echoHandler("void"));
  router.add("POST", "/scan", echoHandler("scan"), RouteOptions{true, {"application/json", "image/png"}});
  router.add("GET", "/boom", [](const ApiRequest&) -> ApiResponse { throw std::runtime_error("handler broke"); });
  router.add("GET", "/throws-int", [](const ApiRequest&) -> ApiResponse { throw 42; });
  router.add("GET", "/bad-header", [](const ApiRequest&) {
    ApiResponse response = jsonResponse(200, "{}");
    response.headers.emplace_back("X-Injected", "a\r\nSet-Cookie: evil=1");
    return response;
  });
  router.add("GET", "/teapot", [](const ApiRequest&) {
    ApiResponse response = errorResponse(409, "sale_conflict", "Sale s-1 was committed with other lines.");
    response.headers.emplace_back("Location", "/sales/s-1");
    return response;
  });
  return router;
}

TEST_CASE("routes match literal and parameter segments, decoded, with the query", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());

  TestReply reply = client.send({.target = "/members/m%2D1%2Fx?expiring=30&name=Anna+B%2E&flag"});
  REQUIRE(reply.status == 200);
  nlohmann::json body = reply.json();
  CHECK(body["route"] == "member");
  CHECK(body["params"]["memberId"] == "m-1/x");
  CHECK(body["query"] == nlohmann::json::array({{"expiring", "30"}, {"name", "Anna B."}, {"flag", ""}}));
  CHECK(reply.header("content-type") == "application/json");
  CHECK(reply.header("cache-control") == "no-store");

  body = client.send({.target = "/members/m-2/lots/sale-9%2Freward"}).json();
  CHECK(body["route"] == "lot");
  CHECK(body["params"] == nlohmann::json({{"memberId", "m-2"}, {"lotId", "sale-9/reward"}}));

  // A literal segment beats a parameter; other values still reach the parameter route.
  CHECK(client.send({.target = "/sales/latest"}).json()["route"] == "latest-sale");
  CHECK(client.send({.target = "/sales/s-17"}).json()["params"]["saleId"] == "s-17");
  CHECK(client.send({.method = "DELETE", .target = "/sales/s-17"}).json()["route"] == "void");
}

TEST_CASE("a handler sees the body, the Idempotency-Key header, the peer, never the token", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());
  TestRequest request{.method = "POST", .target = "/sales/s-1/commit", .body = R"({"lines":[]})"};
  request.headers = {{"Idempotency-Key", "pos-7-0042"}, {"X-Request-Id", "pos7-req-12"}};
  const TestReply reply = client.send(request);
  REQUIRE(reply.status == 200);
  const nlohmann::json body = reply.json();
  CHECK(body["body"] == R"({"lines":[]})");
  CHECK(body["idempotencyKey"] == "pos-7-0042");
  CHECK(body["hasAuthorization"] == false);
  CHECK(body["requestId"] == "pos7-req-12");
  CHECK(reply.header("x-request-id") == "pos7-req-12");
  CHECK(body["peer"].get<std::string>().rfind("127.0.0.1:", 0) == 0);
}

TEST_CASE("a missing, malformed or wrong bearer token is 401 with WWW-Authenticate", "[api][server][auth]") {
  TestServer server(testRouter());
  TestClient client(server.port());

  TestReply reply = client.send({.target = "/status", .token = std::nullopt});
  CHECK(reply.status == 401);
  CHECK(reply.reason() == "missing_token");
  CHECK(reply.header("www-authenticate") == "Bearer realm=\"loyalty-agent\"");
  CHECK(reply.json()["error"]["status"] == 401);
  CHECK(reply.keepAlive);  // no body was left unread: the connection stays usable

  reply = client.send({.target = "/status", .token = std::string(kToken.substr(1))});
  CHECK(reply.status == 401);
  CHECK(reply.reason() == "invalid_token");
  CHECK(reply.header("www-authenticate") == "Bearer realm=\"loyalty-agent\", error=\"invalid_token\"");

  std::string flipped(kToken);
  flipped.back() = 'e';
  CHECK(client.send({.target = "/status", .token = flipped}).reason() == "invalid_token");

  TestRequest basic{.target = "/status", .token = std::nullopt};
  basic.headers = {{"Authorization", "Basic dXNlcjpwYXNz"}};
  CHECK(client.send(basic).reason() == "missing_token");

  // Unknown paths answer 401 too: without the token nothing is learnt about the routes.
  CHECK(client.send({.target = "/no-such-thing", .token = std::nullopt}).status == 401);

  // The scheme is case-insensitive; a public route needs no token.
  TestRequest lower{.target = "/status", .token = std::nullopt};
  lower.headers = {{"Authorization", "bearer " + std::string(kToken)}};
  CHECK(client.send(lower).status == 200);
  CHECK(client.send({.target = "/health", .token = std::nullopt}).status == 200);
}

TEST_CASE("a new token applies at once and the old one stops working", "[api][server][auth]") {
  TestServer server(testRouter());
  TestClient client(server.port());
  const std::string next = "ffffeeeeddddccccbbbbaaaa9999888877776666555544443333222211110000";
  server.server().setBearerToken(BearerToken::fromSecret(next));
  CHECK(client.send({.target = "/status"}).status == 401);
  CHECK(client.send({.target = "/status", .token = next}).status == 200);
}

TEST_CASE("unknown paths are 404, wrong methods 405 with Allow", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());

  TestReply reply = client.send({.target = "/nothing/here"});
  CHECK(reply.status == 404);
  CHECK(reply.reason() == "not_found");
  CHECK(client.send({.target = "/members/m-1/"}).status == 404);  // a trailing slash is another path
  CHECK(client.send({.target = "/members//lots/x"}).status == 404);

  reply = client.send({.method = "PUT", .target = "/sales/s-1"});
  CHECK(reply.status == 405);
  CHECK(reply.reason() == "method_not_allowed");
  CHECK(reply.header("allow") == "DELETE, GET");
  CHECK(reply.json()["error"]["message"] == "/sales/s-1 does not accept PUT; it accepts DELETE, GET.");

  reply = client.send({.method = "GET", .target = "/sales/s-1/commit"});
  CHECK(reply.status == 405);
  CHECK(reply.header("allow") == "POST");
}

TEST_CASE("bad targets are 400 bad_target", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());
  CHECK(client.send({.target = "/members/%zz"}).reason() == "bad_target");
  CHECK(client.send({.target = "/members/a%00b"}).reason() == "bad_target");
  CHECK(client.send({.target = "/members/x?q=%4"}).reason() == "bad_target");
  const TestReply reply = client.send({.target = "http://127.0.0.1/status"});
  CHECK(reply.status == 400);
  CHECK(reply.reason() == "bad_target");
}

TEST_CASE("bodies over the limit are 413 before they are read", "[api][server][limits]") {
  HttpServerOptions options = testOptions();
  options.limits.maxBodyBytes = 1024;
  TestServer server(testRouter(), options);

  {
    TestClient client(server.port());
    const TestReply reply = client.send({.method = "POST", .target = "/sales/s-1/commit", .body = std::string(1025, 'x')});
    CHECK(reply.status == 413);
    CHECK(reply.reason() == "body_too_large");
    CHECK_FALSE(reply.keepAlive);
    CHECK(client.readUntilClosed().has_value());
  }
  {
    // A body far larger than the socket buffers: the server drains it while closing, so
    // the client can finish writing and still read the 413.
    TestClient client(server.port());
    const TestReply reply =
        client.send({.method = "POST", .target = "/sales/s-1/commit", .body = std::string(3 * 1024 * 1024, 'x')});
    CHECK(reply.status == 413);
  }
  {
    // Chunked bodies have no Content-Length: the limit stops them as they arrive.
    TestClient client(server.port());
    std::string raw = "POST /sales/s-1/commit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kToken) +
                      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) raw += "200\r\n" + std::string(512, 'y') + "\r\n";
    raw += "0\r\n\r\n";
    client.writeRaw(raw);
    const TestReply reply = client.read();
    CHECK(reply.status == 413);
    CHECK(reply.reason() == "body_too_large");
  }
  {
    TestClient client(server.port());
    const TestReply reply = client.send({.method = "POST", .target = "/sales/s-1/commit", .body = std::string(1024, 'x')});
    CHECK(reply.status == 200);
    CHECK(reply.json()["body"].get<std::string>().size() == 1024);
  }
}

TEST_CASE("a body of another media type is 415, routes may accept more types", "[api][server]") {
  TestServer server(testRouter());
  {
    TestClient client(server.port());
    TestReply reply = client.send({.method = "POST", .target = "/sales/s-1/commit", .body = "a=b",
                                   .contentType = "application/x-www-form-urlencoded"});
    CHECK(reply.status == 415);
    CHECK(reply.reason() == "unsupported_media_type");
  }
  TestClient client(server.port());
  CHECK(client.send({.method = "POST", .target = "/sales/s-1/commit", .body = "{}",
                     .contentType = "Application/JSON; charset=utf-8"})
            .status == 200);
  CHECK(client.send({.method = "POST", .target = "/scan", .body = "\x89PNG", .contentType = "image/png"}).status == 200);
  CHECK(client.send({.method = "POST", .target = "/sales/s-1/commit"}).status == 200);  // no body, no type needed
}

TEST_CASE("oversized headers are 431 and malformed requests 400", "[api][server][limits]") {
  HttpServerOptions options = testOptions();
  options.limits.maxHeaderBytes = 2048;
  TestServer server(testRouter(), options);
  {
    TestClient client(server.port());
    TestRequest request{.target = "/status"};
    request.headers = {{"X-Padding", std::string(4096, 'p')}};
    const TestReply reply = client.send(request);
    CHECK(reply.status == 431);
    CHECK(reply.reason() == "headers_too_large");
  }
  {
    TestClient client(server.port());
    client.writeRaw("GET /status HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n");
    const TestReply reply = client.read();
    CHECK(reply.status == 400);
    CHECK(reply.reason() == "bad_request");
    CHECK(client.readUntilClosed().has_value());
  }
  {
    TestClient client(server.port());
    client.writeRaw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");  // an HTTP/2 preface
    CHECK(client.read().status == 400);
  }
}

TEST_CASE("a throwing handler is 500 internal_error, logged, and the server keeps serving", "[api][server]") {
  TestServer server(testRouter());
  {
    TestClient client(server.port());
    for (int i = 0; i < 3; ++i) {
      const TestReply reply = client.send({.target = "/boom"});
      CHECK(reply.status == 500);
      CHECK(reply.reason() == "internal_error");
      CHECK(reply.keepAlive);
      CHECK(client.send({.target = "/status"}).status == 200);  // same connection
    }
    CHECK(client.send({.target = "/throws-int"}).status == 500);
    const TestReply injected = client.send({.target = "/bad-header"});
    CHECK(injected.status == 500);
    CHECK(injected.header("set-cookie").empty());
    const TestReply conflict = client.send({.target = "/teapot"});
    CHECK(conflict.status == 409);
    CHECK(conflict.header("location") == "/sales/s-1");
  }
  server.stop();
  int exceptions = 0;
  int invalid = 0;
  for (const nlohmann::json& line : server.logLines()) {
    if (line["event"] == "api_handler_exception") {
      ++exceptions;
      CHECK(line["level"] == "error");
      CHECK(line["route"].get<std::string>().rfind("/", 0) == 0);
    }
    if (line["event"] == "api_invalid_response") ++invalid;
  }
  CHECK(exceptions == 4);
  CHECK(invalid == 1);
}

TEST_CASE("keep-alive serves many requests on one connection, pipelined ones in order", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());
  for (int i = 0; i < 50; ++i) REQUIRE(client.send({.target = "/sales/s-" + std::to_string(i)}).status == 200);

  std::string pipelined;
  for (int i = 0; i < 20; ++i) {
    pipelined += "GET /sales/p-" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                 std::string(kToken) + "\r\n\r\n";
  }
  pipelined += "POST /sales/p-last/commit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kToken) +
               "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
  client.writeRaw(pipelined);
  for (int i = 0; i < 20; ++i) {
    const TestReply reply = client.read();
    REQUIRE(reply.status == 200);
    CHECK(reply.json()["params"]["saleId"] == "p-" + std::to_string(i));
  }
  const TestReply last = client.read();
  CHECK(last.json()["route"] == "commit");
  CHECK(last.json()["body"] == "{}");

  // Connection: close is honoured after the answer.
  const TestReply closing = client.send({.target = "/status", .keepAlive = false});
  CHECK(closing.status == 200);
  CHECK_FALSE(closing.keepAlive);
  CHECK(client.readUntilClosed().has_value());
}

TEST_CASE("Expect: 100-continue gets the interim answer before the body", "[api][server]") {
  TestServer server(testRouter());
  TestClient client(server.port());
  client.writeRaw("POST /sales/s-1/commit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kToken) +
                  "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  CHECK(client.read().status == 100);
  client.writeRaw("{}");
  const TestReply reply = client.read();
  CHECK(reply.status == 200);
  CHECK(reply.json()["body"] == "{}");
}

TEST_CASE("every request is logged with its status, as debug, info or error", "[api][server][log]") {
  TestServer server(testRouter());
  {
    TestClient client(server.port());
    CHECK(client.send({.target = "/status"}).status == 200);
    CHECK(client.send({.target = "/nothing"}).status == 404);
    CHECK(client.send({.target = "/boom"}).status == 500);
  }
  server.stop();
  std::vector<std::pair<std::string, int>> seen;
  for (const nlohmann::json& line : server.logLines()) {
    if (line["event"] != "http_request") continue;
    seen.emplace_back(line["level"].get<std::string>(), line["status"].get<int>());
    CHECK(line["micros"].get<std::int64_t>() >= 0);
    CHECK(line.contains("requestId"));
  }
  CHECK(seen == std::vector<std::pair<std::string, int>>{{"debug", 200}, {"info", 404}, {"error", 500}});
}

TEST_CASE("the server refuses a non-loopback address unless allowed, and a busy port", "[api][server]") {
  std::ostringstream logs;
  log::JsonLogger logger(logs, log::LogLevel::info);
  HttpServerOptions options = testOptions();
  options.address = "0.0.0.0";
  HttpServer refused(options, Router{}, BearerToken::fromSecret(kToken), logger);
  Result<std::uint16_t> started = refused.start();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().reason == "non_loopback_address");

  options.allowNonLoopback = true;  // the explicit opt-in
  HttpServer exposed(options, Router{}, BearerToken::fromSecret(kToken), logger);
  CHECK(exposed.start().ok());
  exposed.stop();

  options.allowNonLoopback = false;
  options.address = "localhost";
  HttpServer named(options, Router{}, BearerToken::fromSecret(kToken), logger);
  started = named.start();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().reason == "invalid_address");

  TestServer first(testRouter());
  options = testOptions();
  options.port = first.port();
  HttpServer second(options, Router{}, BearerToken::fromSecret(kToken), logger);
  started = second.start();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().reason == "address_in_use");

  options = testOptions();
  options.address = "::1";
  HttpServer ipv6(options, testRouter(), BearerToken::fromSecret(kToken), logger);
  started = ipv6.start();
  if (started.ok()) {  // hosts without IPv6 loopback cannot bind ::1 at all
    CHECK(ipv6.start().error().reason == "already_started");
  } else {
    CHECK(started.error().reason == "bind_failed");
  }
}

}  // namespace
}  // namespace loyalty::api::test
