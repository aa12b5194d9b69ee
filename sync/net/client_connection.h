// Internal: the connection behind HttpsClient. It owns a private io_context that only
// the calling thread runs, so each blocking step is "start the async operation, run the
// context until it completes": the deadline is beast::tcp_stream's timer (which closes
// the socket), and stop() from another thread posts a close into that same context.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "net/done.h"
#include "net/https_client.h"

namespace loyalty::net::detail {

class ClientConnection {
 public:
  ClientConnection(HttpsClientOptions options, std::shared_ptr<boost::asio::ssl::context> context);
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  [[nodiscard]] Result<ClientResponse> exchange(const ClientRequest& request);
  void stop();
  void disconnect();
  [[nodiscard]] std::uint64_t connectionsOpened() const noexcept { return opened_.load(); }

 private:
  using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
  // Where an exchange failed: a stale kept-alive connection fails at write, or at read
  // before any byte of the response.
  struct Failure {
    Error error;
    bool staleConnection = false;
  };

  [[nodiscard]] Result<Done> connect();
  [[nodiscard]] std::optional<Failure> attempt(const ClientRequest& request, ClientResponse& response);
  // Runs the io_context until the operation started by `start` completes.
  template <typename Start>
  boost::beast::error_code runStep(Start&& start);
  [[nodiscard]] Error stoppedError() const;
  [[nodiscard]] Error handshakeError(const boost::beast::error_code& ec);

  HttpsClientOptions options_;
  std::shared_ptr<boost::asio::ssl::context> context_;
  bool hostIsIp_ = false;
  boost::asio::io_context io_{1};
  std::optional<Stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::steady_clock::time_point lastUsed_{};
  std::atomic<bool> stopped_{false};
  std::atomic<std::uint64_t> opened_{0};
};

}  // namespace loyalty::net::detail
