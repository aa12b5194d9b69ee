#include "net/client_connection.h"

#include <algorithm>
#include <cctype>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace loyalty::net::detail {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::uint32_t kMaxResponseHeaderBytes = 64 * 1024;

Error transport(const char* reason, const std::string& message) {
  return makeError(ErrorCode::io_error, reason, message);
}

bool isConnectionLoss(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == http::error::end_of_stream ||
         ec == http::error::partial_message || ec == asio::ssl::error::stream_truncated;
}

// A TLS alert from HQ that says it will not take our certificate.
bool isCertificateRefusal(const beast::error_code& ec) {
  if (ec.category() != asio::error::get_ssl_category()) return false;
  switch (ERR_GET_REASON(static_cast<unsigned long>(ec.value()))) {
    case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED:
    case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
    case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
    case SSL_R_TLSV1_ALERT_ACCESS_DENIED:
    case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
      return true;
    default:
      return false;
  }
}

std::string where(const HttpsClientOptions& options) { return options.host + ":" + std::to_string(options.port); }

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

ClientConnection::ClientConnection(HttpsClientOptions options, std::shared_ptr<asio::ssl::context> context)
    : options_(std::move(options)), context_(std::move(context)) {
  beast::error_code ec;
  asio::ip::make_address(options_.host, ec);
  hostIsIp_ = !ec;
}

ClientConnection::~ClientConnection() { disconnect(); }

template <typename Start>
beast::error_code ClientConnection::runStep(Start&& start) {
  beast::error_code result = asio::error::operation_aborted;
  bool done = false;
  start([&result, &done](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  io_.restart();
  io_.run();  // returns once the operation and its deadline timer are both finished
  return done ? result : beast::error_code(asio::error::operation_aborted);
}

Error ClientConnection::stoppedError() const {
  return transport("client_stopped", "The connection to HQ was stopped.");
}

void ClientConnection::stop() {
  stopped_.store(true);
  // Runs inside the calling thread's io_.run(): closing the socket completes whatever
  // operation is pending with an error at once.
  asio::post(io_, [this] {
    if (stream_) {
      beast::error_code ignored;
      beast::get_lowest_layer(*stream_).socket().close(ignored);
    }
  });
}

void ClientConnection::disconnect() {
  if (stream_) {
    beast::error_code ignored;
    beast::get_lowest_layer(*stream_).socket().close(ignored);
    stream_.reset();
  }
  buffer_.clear();
}

Result<Done> ClientConnection::connect() {
  disconnect();
  std::vector<tcp::endpoint> endpoints;
  if (hostIsIp_) {
    endpoints.emplace_back(asio::ip::make_address(options_.host), options_.port);
  } else {
    // getaddrinfo cannot be interrupted: a resolver that hangs delays stop() until the
    // system resolver's own timeout (configure HQ by IP where that matters).
    tcp::resolver resolver(io_);
    beast::error_code ec;
    tcp::resolver::results_type results;
    resolver.async_resolve(options_.host, std::to_string(options_.port),
                           [&](beast::error_code resolveError, tcp::resolver::results_type found) {
                             ec = resolveError;
                             results = std::move(found);
                           });
    io_.restart();
    io_.run();
    if (stopped_.load()) return stoppedError();
    if (ec) return transport("resolve_failed", "Cannot resolve " + options_.host + ": " + ec.message() + ".");
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  }
  stream_.emplace(io_, *context_);
  SSL* ssl = stream_->native_handle();
  const bool named = hostIsIp_ ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), options_.host.c_str()) == 1
                               : SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                              const_cast<char*>(options_.host.c_str())) == 1 &&
                                     SSL_set1_host(ssl, options_.host.c_str()) == 1;
  if (!named) {
    ERR_clear_error();
    return makeError(ErrorCode::invalid_input, "invalid_options", "\"" + options_.host + "\" cannot be verified.");
  }
  auto& lowest = beast::get_lowest_layer(*stream_);
  lowest.expires_after(options_.connectTimeout);
  beast::error_code ec = runStep([&](auto handler) { lowest.async_connect(endpoints, std::move(handler)); });
  if (stopped_.load()) return stoppedError();
  if (ec == beast::error::timeout) {
    return transport("connect_timeout", "HQ at " + where(options_) + " did not accept a connection in time.");
  }
  if (ec == asio::error::connection_refused) {
    return transport("connection_refused", "HQ at " + where(options_) + " refused the connection (not running?).");
  }
  if (ec) return transport("connect_failed", "Cannot connect to HQ at " + where(options_) + ": " + ec.message() + ".");
  ++opened_;
  beast::error_code ignored;
  lowest.socket().set_option(tcp::no_delay(true), ignored);
  lowest.expires_after(options_.handshakeTimeout);
  ec = runStep([&](auto handler) { stream_->async_handshake(asio::ssl::stream_base::client, std::move(handler)); });
  lowest.expires_never();
  if (stopped_.load()) return stoppedError();
  if (ec) return handshakeError(ec);
  lastUsed_ = std::chrono::steady_clock::now();
  return Done{};
}

Error ClientConnection::handshakeError(const beast::error_code& ec) {
  const long verify = stream_ ? SSL_get_verify_result(stream_->native_handle()) : X509_V_OK;
  ERR_clear_error();
  if (ec == beast::error::timeout) {
    return transport("handshake_timeout", "HQ at " + where(options_) + " did not complete the TLS handshake in time.");
  }
  if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    return transport("tls_host_mismatch", "The server at " + where(options_) + " has a certificate for another host.");
  }
  if (verify != X509_V_OK) {
    return transport("tls_untrusted_server", "The server at " + where(options_) +
                                                 " is not trusted: " + X509_verify_cert_error_string(verify) +
                                                 " (only HQ's pinned CA is trusted).");
  }
  if (isCertificateRefusal(ec)) {
    return makeError(ErrorCode::rejected, "tls_client_refused",
                     "HQ refused this terminal's certificate during the TLS handshake (" + ec.message() + ").");
  }
  if (isConnectionLoss(ec)) {
    return transport("connection_reset", "HQ at " + where(options_) + " closed the connection during the handshake.");
  }
  return transport("tls_handshake_failed", "TLS handshake with " + where(options_) + " failed: " + ec.message() + ".");
}

Result<ClientResponse> ClientConnection::exchange(const ClientRequest& request) {
  if (stopped_.load()) return stoppedError();
  const auto now = std::chrono::steady_clock::now();
  if (stream_ && now - lastUsed_ > options_.maxIdleReuse) disconnect();
  for (int round = 0;; ++round) {
    const bool reused = stream_.has_value();
    if (!reused) {
      if (Result<Done> connected = connect(); !connected) {
        disconnect();
        return connected.error();
      }
    }
    ClientResponse response;
    std::optional<Failure> failure = attempt(request, response);
    if (!failure) return response;
    disconnect();
    if (stopped_.load()) return stoppedError();
    if (!(reused && failure->staleConnection && request.retryOnStaleConnection && round == 0)) return failure->error;
  }
}

std::optional<ClientConnection::Failure> ClientConnection::attempt(const ClientRequest& request,
                                                                   ClientResponse& response) {
  const http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown || request.target.empty() || request.target.front() != '/') {
    return Failure{makeError(ErrorCode::invalid_input, "invalid_target",
                             "\"" + request.method + " " + request.target + "\" is not a valid request line."),
                   false};
  }
  http::request<http::string_body> out{verb, request.target, 11};
  out.set(http::field::host, hostIsIp_ && options_.host.find(':') != std::string::npos
                                 ? "[" + options_.host + "]:" + std::to_string(options_.port)
                                 : where(options_));
  out.set(http::field::user_agent, "loyalty-agent-sync");
  for (const auto& [name, value] : request.headers) out.insert(name, value);
  if (!request.body.empty() || verb == http::verb::post || verb == http::verb::put) {
    out.set(http::field::content_type, request.contentType);
  }
  out.body() = request.body;
  out.keep_alive(true);
  out.prepare_payload();

  auto& lowest = beast::get_lowest_layer(*stream_);
  lowest.expires_after(options_.writeTimeout);
  beast::error_code ec = runStep([&](auto handler) { http::async_write(*stream_, out, std::move(handler)); });
  if (ec) {
    if (ec == beast::error::timeout) {
      return Failure{transport("write_timeout", "Sending to HQ did not finish in time."), false};
    }
    if (isCertificateRefusal(ec)) {
      return Failure{makeError(ErrorCode::rejected, "tls_client_refused",
                               "HQ refused this terminal's certificate (" + ec.message() + ")."),
                     false};
    }
    return Failure{transport("connection_reset", "The connection to HQ broke while sending (" + ec.message() + ")."),
                   isConnectionLoss(ec)};
  }

  http::response_parser<http::string_body> parser;
  parser.header_limit(kMaxResponseHeaderBytes);
  parser.body_limit(options_.maxResponseBytes);
  lowest.expires_after(request.readTimeout.value_or(options_.readTimeout));
  ec = runStep([&](auto handler) { http::async_read(*stream_, buffer_, parser, std::move(handler)); });
  lowest.expires_never();
  if (ec) {
    if (ec == beast::error::timeout) {
      return Failure{transport("read_timeout", "HQ did not answer in time."), false};
    }
    if (ec == http::error::body_limit) {
      return Failure{transport("response_too_large", "HQ's response exceeds " +
                                                         std::to_string(options_.maxResponseBytes) + " bytes."),
                     false};
    }
    if (isCertificateRefusal(ec)) {
      return Failure{makeError(ErrorCode::rejected, "tls_client_refused",
                               "HQ refused this terminal's certificate (" + ec.message() + ")."),
                     false};
    }
    if (isConnectionLoss(ec)) {
      return Failure{transport("connection_reset", "The connection to HQ closed before its answer (" + ec.message() + ")."),
                     !parser.got_some()};
    }
    return Failure{transport("bad_response", "HQ's answer is not valid HTTP/1.1 (" + ec.message() + ")."), false};
  }
  auto& in = parser.get();
  response.status = static_cast<int>(in.result_int());
  response.contentType = std::string(in[http::field::content_type]);
  for (const auto& field : in) {
    response.headers.emplace_back(lowercase(std::string(field.name_string())), std::string(field.value()));
  }
  response.body = std::move(in.body());
  lastUsed_ = std::chrono::steady_clock::now();
  if (!in.keep_alive()) disconnect();
  return std::nullopt;
}

}  // namespace loyalty::net::detail
