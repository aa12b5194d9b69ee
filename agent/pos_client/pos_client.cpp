#include "pos_client/pos_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace loyalty::pos {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct PosClient::Connection {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool open = false;
  bool reused = false;  // served a request before: the agent may have closed it meanwhile
};

PosClient::PosClient(std::string host, std::uint16_t port, std::string token, std::chrono::milliseconds deadline)
    : host_(std::move(host)), port_(port), token_(std::move(token)), deadline_(deadline),
      connection_(std::make_unique<Connection>()) {}

PosClient::~PosClient() = default;

Result<PosResponse> PosClient::request(std::string_view method, std::string_view target, std::string_view body,
                                       std::string_view contentType) {
  bool sentOnReused = false;
  auto response = once(method, target, body, contentType, sentOnReused);
  // A keep-alive connection the agent closed while idle fails before any answer: the
  // request was never handled, so sending it again on a fresh connection is safe.
  if (!response && sentOnReused) return once(method, target, body, contentType, sentOnReused);
  return response;
}

Result<PosResponse> PosClient::once(std::string_view method, std::string_view target, std::string_view body,
                                    std::string_view contentType, bool& sentOnReused) {
  Connection& c = *connection_;
  beast::error_code error;
  const auto fail = [&](const char* reason, const std::string& what) -> Result<PosResponse> {
    c.stream.socket().close(error);
    c.open = false;
    c.reused = false;
    return makeError(ErrorCode::io_error, reason, what);
  };
  const bool wasReused = c.open && c.reused;
  sentOnReused = false;
  c.io.restart();
  if (!c.open) {
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(host_, error), port_);
    if (error) return fail("connect_failed", "bad agent address " + host_);
    c.stream.expires_after(deadline_);
    c.stream.async_connect(endpoint, [&](beast::error_code e) { error = e; });
    c.io.run();
    if (error) return fail("connect_failed", "cannot reach the agent at " + host_ + ":" + std::to_string(port_) + ": " + error.message());
    c.open = true;
    c.buffer.clear();
  }
  http::request<http::string_body> req{http::string_to_verb(std::string(method)), std::string(target), 11};
  req.set(http::field::host, host_);
  req.set(http::field::authorization, "Bearer " + token_);
  if (!body.empty()) {
    req.set(http::field::content_type, std::string(contentType));
    req.body() = std::string(body);
  }
  req.keep_alive(true);
  req.prepare_payload();
  http::response<http::string_body> res;
  c.io.restart();
  c.stream.expires_after(deadline_);
  http::async_write(c.stream, req, [&](beast::error_code e, std::size_t) {
    if (e) {
      error = e;
      return;
    }
    http::async_read(c.stream, c.buffer, res, [&](beast::error_code e2, std::size_t) { error = e2; });
  });
  c.io.run();
  if (error) {
    sentOnReused = wasReused && res.result_int() == 0;
    return fail(error == beast::error::timeout ? "timeout" : "connection_lost",
                "the agent did not answer " + std::string(method) + " " + std::string(target) + ": " + error.message());
  }
  c.reused = true;
  if (!res.keep_alive()) {
    c.stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, error);
    c.stream.socket().close(error);
    c.open = false;
    c.reused = false;
  }
  return PosResponse{static_cast<int>(res.result_int()), std::move(res.body())};
}

}  // namespace loyalty::pos
