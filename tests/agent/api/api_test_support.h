// Helpers of the API tests: a real server on 127.0.0.1 with an ephemeral port, a small
// Beast client with a deadline on every step (a hung server fails the test instead of
// hanging it), and a temporary directory.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <nlohmann/json.hpp>

#include "api/http_server.h"
#include "api/router.h"
#include "log/json_logger.h"

namespace loyalty::api::test {

inline constexpr std::string_view kToken = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct TestRequest {
  std::string method = "GET";
  std::string target = "/";
  std::string body;
  std::optional<std::string> token = std::string(kToken);  // nullopt: no Authorization header
  std::string contentType = "application/json";            // sent only with a body
  std::vector<std::pair<std::string, std::string>> headers;
  bool keepAlive = true;
};

struct TestReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  bool keepAlive = false;

  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(body); }
  [[nodiscard]] std::string reason() const { return json().at("error").at("reason").get<std::string>(); }
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
  }
};

// One connection. Every operation has a deadline (default 10 s) and throws
// boost::system::system_error when it fails or times out.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port, std::chrono::milliseconds deadline = std::chrono::seconds(10));
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  TestReply send(const TestRequest& request);  // write, then read the reply
  void write(const TestRequest& request);
  void writeRaw(std::string_view bytes);
  TestReply read();
  // Reads until the server closes the connection; the bytes received, or nullopt when the
  // deadline passed with the connection still open.
  std::optional<std::string> readUntilClosed();
  // Bytes the server sent that were not read yet, without blocking.
  [[nodiscard]] std::size_t available();

 private:
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds deadline_;
};

// True when a TCP connection to 127.0.0.1:port is accepted (false when refused).
[[nodiscard]] bool canConnect(std::uint16_t port);

// Options for test servers: loopback, ephemeral port, short deadlines so the deadline
// tests run quickly (the others never come near them).
[[nodiscard]] HttpServerOptions testOptions(std::size_t lanes = 4);

// A started server with a logger capturing its lines; stops in its destructor.
class TestServer {
 public:
  explicit TestServer(Router router, HttpServerOptions options = testOptions());
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] HttpServer& server() noexcept { return *server_; }
  void stop() { server_->stop(); }
  // Every log line, parsed; call after stop() (the logger is still writing before).
  [[nodiscard]] std::vector<nlohmann::json> logLines() const;

 private:
  std::ostringstream logText_;
  log::JsonLogger logger_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

// A handler answering {"route": name, "params": {...}, "query": {...}, "body": body}.
[[nodiscard]] Handler echoHandler(std::string name);

}  // namespace loyalty::api::test
