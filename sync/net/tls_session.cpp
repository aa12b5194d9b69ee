#include "net/tls_session.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "net/server_core.h"
#include "net/x509_tools.h"

namespace loyalty::net::detail {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kReadChunk = 8192;
// After a response that closes the connection, wait this long for the client's
// close_notify before closing the socket.
constexpr std::chrono::seconds kShutdownTime{2};
// How long and how much a refused body is read and dropped before closing.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kMaxLingerBytes = 32 * 1024 * 1024;

std::string_view toStd(beast::string_view text) { return {text.data(), text.size()}; }

bool safeHeaderText(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool clientWentAway(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == beast::error::timeout ||
         ec == net::error::bad_descriptor || ec == net::ssl::error::stream_truncated;
}

}  // namespace

TlsSession::TlsSession(tcp::socket socket, std::shared_ptr<ServerCore> core)
    : stream_(std::move(socket), core->context()), core_(std::move(core)), handlerTimer_(stream_.get_executor()) {
  beast::error_code ec;
  tcp::socket& raw = beast::get_lowest_layer(stream_).socket();
  const tcp::endpoint remote = raw.remote_endpoint(ec);
  if (!ec) remote_ = remote.address().to_string() + ":" + std::to_string(remote.port());
  raw.set_option(tcp::no_delay(true), ec);  // small JSON answers: no Nagle delay
}

TlsSession::~TlsSession() { core_->removeSession(this); }

void TlsSession::start() {
  core_->addSession(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (self->phase_ == Phase::closed) return;
    beast::get_lowest_layer(self->stream_).expires_after(self->core_->limits().handshakeTimeout);
    self->stream_.async_handshake(net::ssl::stream_base::server,
                                  [self](beast::error_code ec) { self->onHandshake(ec); });
  });
}

void TlsSession::onServerStop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    const Phase phase = self->phase_;
    if (phase == Phase::handshaking || phase == Phase::idle || phase == Phase::reading) self->closeNow();
  });
}

void TlsSession::forceClose() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->closeNow(); });
}

void TlsSession::deliver(std::uint64_t sequence, HttpsResponse response) noexcept {
  try {
    net::post(stream_.get_executor(), [self = shared_from_this(), sequence, response = std::move(response)]() mutable {
      if (self->sequence_ != sequence || self->phase_ != Phase::processing) return;
      self->handlerTimer_.cancel();
      self->respond(std::move(response), self->keepAlive_);
    });
  } catch (...) {  // out of memory: the handler timeout answers instead
  }
}

void TlsSession::onHandshake(beast::error_code ec) {
  if (phase_ == Phase::closed) return;
  if (ec) {
    core_->event("tls_handshake_failed", remote_ + ": " + ec.message());
    return closeNow();
  }
  readClientCertificate();
  readNext();
}

void TlsSession::readClientCertificate() {
  SSL* ssl = stream_.native_handle();
  const X509* certificate = SSL_get0_peer_certificate(ssl);
  if (certificate == nullptr) {
    certificateState_ = CertificateState::none;
    return;
  }
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) {
    certificateState_ = CertificateState::valid;
    peer_ = PeerIdentity{commonNameOf(X509_get_subject_name(certificate)), serialHexOf(certificate)};
    return;
  }
  certificateProblem_ = X509_verify_cert_error_string(result);
  certificateState_ = result == X509_V_ERR_CERT_HAS_EXPIRED       ? CertificateState::expired
                      : result == X509_V_ERR_CERT_NOT_YET_VALID   ? CertificateState::notYetValid
                                                                  : CertificateState::untrusted;
  core_->event("client_certificate_rejected", remote_ + ": " + certificateProblem_);
}

void TlsSession::readNext() {
  if (phase_ == Phase::closed) return;
  if (core_->stopping()) return closeNow();
  phase_ = Phase::idle;
  parser_.reset();
  route_ = nullptr;
  if (buffer_.size() > 0) return beginRequest();  // a pipelined request is already here
  beast::get_lowest_layer(stream_).expires_after(core_->limits().idleTimeout);
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->onIdleRead(ec, n);
  });
}

void TlsSession::onIdleRead(beast::error_code ec, std::size_t bytes) {
  if (phase_ == Phase::closed) return;
  beast::get_lowest_layer(stream_).expires_never();
  if (ec) return closeNow();  // idle timeout, the client closed, or the server stops
  buffer_.commit(bytes);
  beginRequest();
}

void TlsSession::beginRequest() {
  phase_ = Phase::reading;
  ++sequence_;
  drainBeforeClose_ = false;
  const TlsServerLimits& limits = core_->limits();
  parser_.emplace();
  parser_->header_limit(limits.maxHeaderBytes);
  // The body limit is set after the route and certificate checks (Beast 1.74 compares a
  // Content-Length against an empty optional as "too large", hence not boost::none).
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::get_lowest_layer(stream_).expires_after(limits.requestTimeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

void TlsSession::onHeader(beast::error_code ec) {
  if (phase_ == Phase::closed) return;
  if (ec) return handleReadError(ec);
  const auto& request = parser_->get();
  keepAlive_ = request.keep_alive();
  Result<SplitTarget> target = splitTarget(toStd(request.target()));
  if (!target) return refuse(HttpsResponse::error(400, target.error().reason, target.error().message));
  const RouteMatch match = core_->match(toStd(request.method_string()), target->path);
  if (match.route == nullptr && !match.pathKnown) {
    return refuse(HttpsResponse::error(404, "not_found", "There is no endpoint at " + target->path + "."));
  }
  if (match.route == nullptr) {
    HttpsResponse response = HttpsResponse::error(
        405, "method_not_allowed", target->path + " accepts " + match.allowed + ", not " + std::string(request.method_string()) + ".");
    response.headers.emplace_back("Allow", match.allowed);
    return refuse(std::move(response));
  }
  if (std::optional<HttpsResponse> refusal = checkCertificate(match.route->certificate)) return refuse(std::move(*refusal));
  const std::uint64_t maxBody = core_->limits().maxBodyBytes;
  if (parser_->content_length().value_or(0) > maxBody) {
    return refuse(HttpsResponse::error(413, "body_too_large",
                                       "The request body exceeds " + std::to_string(maxBody) + " bytes."));
  }
  route_ = match.route;
  parser_->body_limit(maxBody);  // also bounds a chunked body as it arrives
  if (parser_->is_done()) return dispatch();
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code readError, std::size_t) { self->onBody(readError); });
}

void TlsSession::onBody(beast::error_code ec) {
  if (phase_ == Phase::closed) return;
  if (ec) return handleReadError(ec);
  dispatch();
}

void TlsSession::handleReadError(beast::error_code ec) {
  if (ec == http::error::header_limit) {
    respond(HttpsResponse::error(431, "headers_too_large",
                                 "The request line and headers exceed " +
                                     std::to_string(core_->limits().maxHeaderBytes) + " bytes."),
            false);
  } else if (ec == http::error::body_limit) {
    drainBeforeClose_ = true;
    respond(HttpsResponse::error(413, "body_too_large",
                                 "The request body exceeds " + std::to_string(core_->limits().maxBodyBytes) + " bytes."),
            false);
  } else if (clientWentAway(ec)) {
    closeNow();  // gone, or too slow (the deadline closed the socket): nobody to answer
  } else {
    respond(HttpsResponse::error(400, "bad_request", "The request is not valid HTTP/1.1 (" + ec.message() + ")."), false);
  }
}

void TlsSession::refuse(HttpsResponse response) {
  // The connection can serve another request only if no unread body is in the way.
  const bool hasBody = parser_->chunked() || parser_->content_length().value_or(0) > 0;
  drainBeforeClose_ = hasBody;
  respond(std::move(response), keepAlive_ && !hasBody);
}

std::optional<HttpsResponse> TlsSession::checkCertificate(ClientCertificate policy) const {
  if (policy == ClientCertificate::optional) return std::nullopt;
  switch (certificateState_) {
    case CertificateState::none:
      return HttpsResponse::error(401, "client_certificate_required",
                                  "This endpoint needs the terminal's client certificate; enroll first.");
    case CertificateState::expired:
      return HttpsResponse::error(401, "client_certificate_expired",
                                  "The terminal's client certificate has expired; enroll again.");
    case CertificateState::notYetValid:
      return HttpsResponse::error(401, "client_certificate_not_yet_valid",
                                  "The terminal's client certificate is not valid yet; check the terminal's clock.");
    case CertificateState::untrusted:
      return HttpsResponse::error(401, "client_certificate_untrusted",
                                  "The terminal's client certificate was not issued by this HQ (" +
                                      certificateProblem_ + ").");
    case CertificateState::valid:
      break;
  }
  const AuthorizePeer& authorize = core_->options().authorizePeer;
  if (!authorize) return std::nullopt;
  try {
    if (std::optional<PeerRefusal> refusal = authorize(*peer_)) {
      return HttpsResponse::error(refusal->status, refusal->reason, refusal->message);
    }
  } catch (const std::exception& e) {
    core_->event("authorize_peer_exception", e.what());
    return HttpsResponse::error(500, "internal_error", "The server could not check this terminal.");
  }
  return std::nullopt;
}

void TlsSession::dispatch() {
  beast::get_lowest_layer(stream_).expires_never();
  phase_ = Phase::processing;
  auto& raw = parser_->get();
  HttpsRequest request;
  request.method = std::string(raw.method_string());
  Result<SplitTarget> target = splitTarget(toStd(raw.target()));  // valid: checked in onHeader
  if (target) {
    request.path = std::move(target->path);
    request.query = std::move(target->query);
  }
  for (const auto& field : raw) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(raw.body());
  request.peer = peer_;
  request.remote = remote_;
  handlerTimer_.expires_after(core_->limits().handlerTimeout);
  handlerTimer_.async_wait([self = shared_from_this(), sequence = sequence_](beast::error_code ec) {
    self->onHandlerTimeout(ec, sequence);
  });
  Responder responder = Responder::make(weak_from_this(), sequence_);
  try {
    route_->handler(std::move(request), responder);
  } catch (const std::exception& e) {
    core_->event("handler_exception", e.what());
    responder(HttpsResponse::error(500, "internal_error", "The server failed while handling this request."));
  } catch (...) {
    core_->event("handler_exception", "unknown exception");
    responder(HttpsResponse::error(500, "internal_error", "The server failed while handling this request."));
  }
}

void TlsSession::onHandlerTimeout(beast::error_code ec, std::uint64_t sequence) {
  if (ec || sequence != sequence_ || phase_ != Phase::processing) return;
  core_->event("handler_timeout", remote_);
  respond(HttpsResponse::error(503, "handler_timeout", "The server did not answer in time; retry later."), false);
}

void TlsSession::respond(HttpsResponse response, bool keepAlive) {
  if (phase_ == Phase::closed || phase_ == Phase::closing) return;
  handlerTimer_.cancel();
  ++sequence_;  // any later answer for this request is stale
  if (response.status < 200 || response.status > 599) {
    core_->event("invalid_response", "status " + std::to_string(response.status));
    response = HttpsResponse::error(500, "internal_error", "The server built an invalid response.");
  }
  const bool keep = keepAlive && !core_->stopping();
  response_.emplace();
  auto& out = *response_;
  out.version(11);
  out.result(static_cast<unsigned>(response.status));
  if (safeHeaderText(response.contentType)) out.set(http::field::content_type, response.contentType);
  out.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : response.headers) {
    if (safeHeaderText(name) && (value.empty() || safeHeaderText(value))) out.insert(name, value);
  }
  out.body() = std::move(response.body);
  out.keep_alive(keep);
  out.prepare_payload();
  phase_ = Phase::writing;
  beast::get_lowest_layer(stream_).expires_after(core_->limits().writeTimeout);
  http::async_write(stream_, out, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
    self->onWrite(ec, keep);
  });
}

void TlsSession::onWrite(beast::error_code ec, bool keepAlive) {
  if (phase_ == Phase::closed) return;
  beast::get_lowest_layer(stream_).expires_never();
  response_.reset();
  if (ec) return closeNow();
  if (!keepAlive) return drainBeforeClose_ ? lingerClose() : shutdownTls();
  readNext();
}

void TlsSession::lingerClose() {
  phase_ = Phase::closing;
  lingered_ = 0;
  buffer_.clear();
  beast::get_lowest_layer(stream_).expires_after(kLingerTime);  // one deadline for the whole linger
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->onLinger(ec, n);
  });
}

void TlsSession::onLinger(beast::error_code ec, std::size_t bytes) {
  if (phase_ != Phase::closing) return;
  lingered_ += bytes;
  if (ec || lingered_ > kMaxLingerBytes) return closeNow();
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code readError,
                                                                                   std::size_t n) {
    self->onLinger(readError, n);
  });
}

void TlsSession::shutdownTls() {
  phase_ = Phase::closing;
  beast::get_lowest_layer(stream_).expires_after(kShutdownTime);
  stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->closeNow(); });
}

void TlsSession::closeNow() {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::closed;
  handlerTimer_.cancel();
  beast::error_code ec;
  auto& lowest = beast::get_lowest_layer(stream_);
  lowest.socket().shutdown(tcp::socket::shutdown_both, ec);
  lowest.close();
}

}  // namespace loyalty::net::detail
