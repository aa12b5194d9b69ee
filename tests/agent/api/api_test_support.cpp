#include "api_test_support.h"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace loyalty::api::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "loyalty-api-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

void throwIf(beast::error_code ec) {
  if (ec) throw boost::system::system_error(ec);
}

}  // namespace

TestClient::TestClient(std::uint16_t port, std::chrono::milliseconds deadline)
    : io_(std::make_unique<net::io_context>(1)), stream_(std::make_unique<beast::tcp_stream>(*io_)), deadline_(deadline) {
  beast::error_code result = net::error::would_block;
  stream_->expires_after(deadline_);
  stream_->async_connect(tcp::endpoint(net::ip::address_v4::loopback(), port),
                         [&result](beast::error_code ec) { result = ec; });
  io_->run();
  throwIf(result);
}

TestClient::~TestClient() {
  beast::error_code ignored;
  stream_->socket().close(ignored);
}

void TestClient::write(const TestRequest& request) {
  http::request<http::string_body> message;
  message.version(11);
  message.method_string(request.method);
  message.target(request.target);
  message.set(http::field::host, "127.0.0.1");
  if (request.token) message.set(http::field::authorization, "Bearer " + *request.token);
  if (!request.body.empty()) message.set(http::field::content_type, request.contentType);
  for (const auto& [name, value] : request.headers) message.set(name, value);
  message.keep_alive(request.keepAlive);
  message.body() = request.body;
  message.prepare_payload();
  beast::error_code result = net::error::would_block;
  stream_->expires_after(deadline_);
  http::async_write(*stream_, message, [&result](beast::error_code ec, std::size_t) { result = ec; });
  io_->restart();
  io_->run();
  throwIf(result);
}

void TestClient::writeRaw(std::string_view bytes) {
  beast::error_code result = net::error::would_block;
  stream_->expires_after(deadline_);
  net::async_write(*stream_, net::buffer(bytes.data(), bytes.size()),
                   [&result](beast::error_code ec, std::size_t) { result = ec; });
  io_->restart();
  io_->run();
  throwIf(result);
}

TestReply TestClient::read() {
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code result = net::error::would_block;
  stream_->expires_after(deadline_);
  http::async_read(*stream_, buffer_, parser, [&result](beast::error_code ec, std::size_t) { result = ec; });
  io_->restart();
  io_->run();
  throwIf(result);
  const auto& message = parser.get();
  TestReply reply;
  reply.status = static_cast<int>(message.result_int());
  reply.body = message.body();
  reply.keepAlive = message.keep_alive();
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}

TestReply TestClient::send(const TestRequest& request) {
  write(request);
  return read();
}

std::optional<std::string> TestClient::readUntilClosed() {
  std::string received = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  std::array<char, 4096> chunk{};
  stream_->expires_after(deadline_);
  for (;;) {
    beast::error_code result = net::error::would_block;
    std::size_t bytes = 0;
    stream_->async_read_some(net::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
      result = ec;
      bytes = n;
    });
    io_->restart();
    io_->run();
    received.append(chunk.data(), bytes);
    if (result == beast::error::timeout) return std::nullopt;
    if (result) return received;  // eof or reset: closed
  }
}

std::size_t TestClient::available() {
  beast::error_code ec;
  const std::size_t pending = stream_->socket().available(ec);
  return buffer_.size() + (ec ? 0 : pending);
}

bool canConnect(std::uint16_t port) {
  net::io_context io;
  tcp::socket socket(io);
  beast::error_code ec;
  socket.connect(tcp::endpoint(net::ip::address_v4::loopback(), port), ec);
  return !ec;
}

HttpServerOptions testOptions(std::size_t lanes) {
  HttpServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.lanes = lanes;
  options.limits.requestTimeout = std::chrono::milliseconds(3000);
  options.limits.idleTimeout = std::chrono::milliseconds(3000);
  options.limits.drainTimeout = std::chrono::milliseconds(5000);
  return options;
}

TestServer::TestServer(Router router, HttpServerOptions options)
    : logger_(logText_, log::LogLevel::debug),
      server_(std::make_unique<HttpServer>(std::move(options), std::move(router), BearerToken::fromSecret(kToken),
                                           logger_)) {
  const Result<std::uint16_t> port = server_->start();
  if (!port) throw std::runtime_error("test server did not start: " + port.error().message);
  port_ = *port;
}

TestServer::~TestServer() { server_->stop(); }

std::vector<nlohmann::json> TestServer::logLines() const {
  std::vector<nlohmann::json> lines;
  std::istringstream in(logText_.str());
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

Handler echoHandler(std::string name) {
  return [name = std::move(name)](const ApiRequest& request) {
    nlohmann::json body = {{"route", name}, {"method", request.method}, {"body", request.body}};
    body["params"] = nlohmann::json::object();
    for (const auto& [key, value] : request.params) body["params"][key] = value;
    body["query"] = nlohmann::json::array();
    for (const auto& [key, value] : request.query) body["query"].push_back({key, value});
    if (const auto key = request.header("idempotency-key")) body["idempotencyKey"] = std::string(*key);
    body["hasAuthorization"] = request.header("authorization").has_value();
    body["requestId"] = request.requestId;
    body["peer"] = request.peer;
    return jsonResponse(200, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  };
}

}  // namespace loyalty::api::test
