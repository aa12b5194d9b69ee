// The local API's own cost: round trips through HttpServer (loopback TCP, HTTP parsing,
// token check, routing, the hand-off to a lane and back) with a handler that does no
// work, so the figure is the floor under every endpoint's latency. A 1 KiB request body
// and a 4 KiB answer stand for a basket and a quote result.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/http_server.h"
#include "latency_stats.h"
#include "log/json_logger.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

struct Options {
  int requests = 20000;
  std::size_t lanes = 4;
};

http::request<http::string_body> makeRequest(const std::string& body, bool keepAlive) {
  http::request<http::string_body> request{http::verb::post, "/quote", 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::authorization, "Bearer " + std::string(kToken));
  request.set(http::field::content_type, "application/json");
  request.keep_alive(keepAlive);
  request.body() = body;
  request.prepare_payload();
  return request;
}

// One client thread: `count` round trips, each on the kept connection or a new one.
std::vector<std::int64_t> runClient(std::uint16_t port, int count, bool keepAlive, const std::string& body) {
  std::vector<std::int64_t> nanos;
  nanos.reserve(static_cast<std::size_t>(count));
  net::io_context io;
  const tcp::endpoint endpoint(net::ip::address_v4::loopback(), port);
  tcp::socket socket(io);
  beast::flat_buffer buffer;
  const auto request = makeRequest(body, keepAlive);
  for (int i = 0; i < count; ++i) {
    const auto start = Clock::now();
    if (!socket.is_open()) socket.connect(endpoint);
    http::write(socket, request);
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    if (!keepAlive) {
      beast::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close();
      buffer.clear();
    }
    nanos.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
    if (response.result_int() != 200) throw std::runtime_error("unexpected status");
  }
  return nanos;
}

void measure(const char* title, std::uint16_t port, int clients, int requests, bool keepAlive) {
  const std::string body(1024, ' ');
  runClient(port, 200, keepAlive, body);  // warm up
  std::vector<std::vector<std::int64_t>> perClient(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      perClient[static_cast<std::size_t>(c)] = runClient(port, requests / clients, keepAlive, body);
    });
  }
  for (std::thread& thread : threads) thread.join();
  const auto wall = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
  std::vector<std::int64_t> all;
  for (const auto& nanos : perClient) all.insert(all.end(), nanos.begin(), nanos.end());
  const loyalty::bench::LatencySummary summary = loyalty::bench::summarize(all, wall);
  std::printf("  %-36s p50 %7.1f us  p99 %7.1f us  max %8.1f us  %8.0f req/s\n", title, summary.p50Micros,
              summary.p99Micros, summary.maxMicros, summary.perSecond);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Round trips through the local API server with an empty handler; prints latency percentiles."};
  Options options;
  app.add_option("--requests", options.requests, "round trips per measurement")->check(CLI::Range(1000, 10'000'000));
  app.add_option("--lanes", options.lanes, "handler lanes")->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);

  std::ostringstream discarded;
  loyalty::log::JsonLogger logger(discarded, loyalty::log::LogLevel::warn);
  const std::string answer = "{\"padding\":\"" + std::string(4096 - 14, 'x') + "\"}";
  loyalty::api::Router router;
  router.add("POST", "/quote", [&answer](const loyalty::api::ApiRequest&) {
    return loyalty::api::jsonResponse(200, answer);
  });
  loyalty::api::HttpServerOptions serverOptions;
  serverOptions.lanes = options.lanes;
  loyalty::api::HttpServer server(serverOptions, std::move(router), loyalty::api::BearerToken::fromSecret(kToken),
                                  logger);
  const loyalty::Result<std::uint16_t> port = server.start();
  if (!port) {
    std::fprintf(stderr, "api_benchmark: %s\n", port.error().message.c_str());
    return 1;
  }
  std::printf("Local API round trip, empty handler, 1 KiB request, 4 KiB answer, %zu lanes, %d requests each\n",
              options.lanes, options.requests);
  measure("1 client, keep-alive", *port, 1, options.requests, true);
  measure("4 clients, keep-alive", *port, 4, options.requests, true);
  measure("1 client, new connection each", *port, 1, options.requests / 4, false);
  server.stop();
  return 0;
}
