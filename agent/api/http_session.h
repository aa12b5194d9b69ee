// Internal: one accepted connection, driven on its own strand. A request goes
// idle wait -> reading (header, checks, body) -> processing (on a lane) -> writing, then
// back to idle (keep-alive) or to a lingering close. Every step has a deadline: the idle
// wait and the write through beast::tcp_stream's timer (which closes the socket), the
// request read through a timer of our own so that a slow client still gets a 408.
//
// Streaming (Server-Sent Events, issue 5) fits in at respond(): a handler's response that
// names a stream would switch the session to a "streaming" phase that writes the header
// and then each event with the write deadline, until the stream or the server ends.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/api_response.h"
#include "api/router.h"
#include "api/server_limits.h"

namespace loyalty::api::detail {

class ServerCore;

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerCore> core);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  // Registers with the core and serves requests until the connection ends.
  void start();
  // Registers, answers one error (e.g. 503 too_many_connections) and closes.
  void startRejected(int status, std::string reason, std::string message);
  // The server is stopping: an idle or half-read connection closes now, one with a
  // request in flight closes after its response.
  void onServerStop();
  // Drain deadline passed: close whatever state the connection is in.
  void forceClose();

 private:
  enum class Phase { idle, reading, processing, writing, lingering, closed };
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void readNext();
  void onIdleRead(boost::beast::error_code ec, std::size_t bytes);
  void beginRequest();
  void onHeader(boost::beast::error_code ec);
  void readBody();
  void onBody(boost::beast::error_code ec);
  void onRequestTimeout(boost::beast::error_code ec, std::uint64_t sequence);
  void handleReadError(boost::beast::error_code ec);
  void dispatch();
  void respond(ApiResponse response, bool keepAlive);
  void onWrite(boost::beast::error_code ec, bool keepAlive);
  void lingerClose();
  void onLinger(boost::beast::error_code ec, std::size_t bytes);
  void closeNow();
  void logRequest(int status);

  boost::beast::tcp_stream stream_;
  std::shared_ptr<ServerCore> core_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::asio::steady_timer requestTimer_;
  std::optional<Response> response_;
  std::optional<Router::Match> match_;  // of the request being read
  std::vector<std::pair<std::string, std::string>> query_;
  ServerLimits limits_;
  Phase phase_ = Phase::idle;
  std::uint64_t sequence_ = 0;   // of the request being read; stale timer wake-ups ignore themselves
  bool timedOut_ = false;
  bool keepAlive_ = false;       // the client's wish for the current request
  std::size_t lingered_ = 0;
  std::string peer_;
  std::string method_;
  std::string path_;
  std::string requestId_;
  std::chrono::steady_clock::time_point started_{};
};

}  // namespace loyalty::api::detail
