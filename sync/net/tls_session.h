// Internal: one accepted TLS connection of a TlsServer, driven on its own strand:
// handshaking -> idle (keep-alive wait) -> reading (header, checks, body) -> processing
// (the handler holds a Responder) -> writing -> idle again, or closing. Each phase has a
// deadline: beast::tcp_stream's timer closes the socket for the handshake, idle, read
// and write; a timer of our own answers 503 handler_timeout for a handler that never
// answers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "net/https_message.h"
#include "net/tls_server.h"

namespace loyalty::net::detail {

class ServerCore;
struct Route;

class TlsSession : public std::enable_shared_from_this<TlsSession> {
 public:
  TlsSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerCore> core);
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  // Registers with the core and starts the handshake.
  void start();
  // The server stops: an idle, handshaking or half-read connection closes now; one with
  // a request in flight closes after its response.
  void onServerStop();
  // The drain deadline passed: close whatever state the connection is in.
  void forceClose();
  // A handler's answer for request number `sequence` (any thread; stale ones are dropped).
  void deliver(std::uint64_t sequence, HttpsResponse response) noexcept;

 private:
  enum class Phase { handshaking, idle, reading, processing, writing, closing, closed };
  // What the client's certificate, if any, turned out to be.
  enum class CertificateState { none, valid, expired, notYetValid, untrusted };
  using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

  void onHandshake(boost::beast::error_code ec);
  void readClientCertificate();
  void readNext();
  void onIdleRead(boost::beast::error_code ec, std::size_t bytes);
  void beginRequest();
  void onHeader(boost::beast::error_code ec);
  void onBody(boost::beast::error_code ec);
  void handleReadError(boost::beast::error_code ec);
  // Refusal of the request whose header was read; the body may still be in the way.
  void refuse(HttpsResponse response);
  [[nodiscard]] std::optional<HttpsResponse> checkCertificate(ClientCertificate policy) const;
  void dispatch();
  void onHandlerTimeout(boost::beast::error_code ec, std::uint64_t sequence);
  void respond(HttpsResponse response, bool keepAlive);
  void onWrite(boost::beast::error_code ec, bool keepAlive);
  void shutdownTls();
  // Reads and drops what the client still sends (a refused body) for a short while
  // before closing, so the client finishes writing and reads the refusal instead of
  // seeing its write fail on a reset connection.
  void lingerClose();
  void onLinger(boost::beast::error_code ec, std::size_t bytes);
  void closeNow();

  Stream stream_;
  std::shared_ptr<ServerCore> core_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::response<boost::beast::http::string_body>> response_;
  boost::asio::steady_timer handlerTimer_;
  const Route* route_ = nullptr;  // of the request being read
  Phase phase_ = Phase::handshaking;
  CertificateState certificateState_ = CertificateState::none;
  std::string certificateProblem_;          // OpenSSL's text for expired / untrusted
  std::optional<PeerIdentity> peer_;        // when certificateState_ is valid
  std::uint64_t sequence_ = 0;              // of the current request; stale answers ignore themselves
  bool keepAlive_ = false;
  bool drainBeforeClose_ = false;           // a refused request body is still arriving
  std::size_t lingered_ = 0;
  std::string remote_;
};

}  // namespace loyalty::net::detail
