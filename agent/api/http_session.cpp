#include "api/http_session.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "api/request_checks.h"
#include "api/request_target.h"
#include "api/server_core.h"

namespace loyalty::api::detail {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kReadChunk = 8192;
// After a response with "Connection: close" the agent reads and drops what the client
// still sends for this long (or this much), so closing with unread input does not reset
// the connection before the client has read the response (RFC 9112 9.6).
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kMaxLingerBytes = 4 * 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string_view toStd(boost::beast::string_view text) { return {text.data(), text.size()}; }

}  // namespace

HttpSession::HttpSession(tcp::socket socket, std::shared_ptr<ServerCore> core)
    : stream_(std::move(socket)), core_(std::move(core)), requestTimer_(stream_.get_executor()) {
  beast::error_code ec;
  const tcp::endpoint remote = stream_.socket().remote_endpoint(ec);
  if (!ec) peer_ = remote.address().to_string() + ":" + std::to_string(remote.port());
  // Small JSON answers: send them at once rather than wait for Nagle's algorithm.
  stream_.socket().set_option(tcp::no_delay(true), ec);
}

HttpSession::~HttpSession() { core_->removeSession(this); }

void HttpSession::start() {
  core_->addSession(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->readNext(); });
}

void HttpSession::startRejected(int status, std::string reason, std::string message) {
  core_->addSession(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this(), status, reason = std::move(reason),
                                         message = std::move(message)] {
    self->limits_ = self->core_->limits();
    self->started_ = std::chrono::steady_clock::now();
    ApiResponse response = errorResponse(status, reason, message);
    response.headers.emplace_back("Retry-After", "1");
    self->respond(std::move(response), false);
  });
}

void HttpSession::onServerStop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (self->phase_ == Phase::idle || self->phase_ == Phase::reading) self->closeNow();
  });
}

void HttpSession::forceClose() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->closeNow(); });
}

void HttpSession::readNext() {
  if (phase_ == Phase::closed) return;
  if (core_->stopping()) return closeNow();
  phase_ = Phase::idle;
  parser_.reset();
  match_.reset();
  if (buffer_.size() > 0) return beginRequest();  // a pipelined request is already here
  limits_ = core_->limits();
  stream_.expires_after(limits_.idleTimeout);
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->onIdleRead(ec, n);
  });
}

void HttpSession::onIdleRead(beast::error_code ec, std::size_t bytes) {
  if (phase_ == Phase::closed) return;
  stream_.expires_never();
  if (ec) return closeNow();  // idle timeout, the client closed, or the server stops
  buffer_.commit(bytes);
  beginRequest();
}

void HttpSession::beginRequest() {
  phase_ = Phase::reading;
  ++sequence_;
  timedOut_ = false;
  limits_ = core_->limits();
  started_ = std::chrono::steady_clock::now();
  method_.clear();
  path_.clear();
  requestId_.clear();
  parser_.emplace();
  parser_->header_limit(limits_.maxHeaderBytes);
  // The body limit is applied in onHeader, after the token and the route: an unknown
  // caller gets its 401 whatever it sends. (Not boost::none: Beast 1.74 compares a
  // Content-Length against an empty optional as "too large".)
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  requestTimer_.expires_after(limits_.requestTimeout);
  requestTimer_.async_wait([self = shared_from_this(), sequence = sequence_](beast::error_code ec) {
    self->onRequestTimeout(ec, sequence);
  });
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

void HttpSession::onRequestTimeout(beast::error_code ec, std::uint64_t sequence) {
  if (ec || sequence != sequence_ || phase_ != Phase::reading) return;
  timedOut_ = true;
  beast::error_code ignored;
  stream_.socket().cancel(ignored);  // the pending read ends with operation_aborted: see handleReadError
}

void HttpSession::onHeader(beast::error_code ec) {
  if (phase_ == Phase::closed) return;
  if (ec) {
    handleReadError(ec);
    return;
  }
  Request& request = parser_->get();
  const std::string_view target = toStd(request.target());
  method_ = std::string(request.method_string());
  path_ = std::string(target.substr(0, target.find('?')));
  const std::string_view clientId = toStd(request["X-Request-Id"]);
  requestId_ = usableRequestId(clientId) ? std::string(clientId) : core_->nextRequestId();
  keepAlive_ = request.keep_alive();
  const std::uint64_t contentLength = parser_->content_length().value_or(0);
  const bool hasBody = parser_->chunked() || contentLength > 0;
  // Refused before its body was read: the connection can serve the next request only if
  // there is no body left in the way.
  const bool keepIfRefused = keepAlive_ && !hasBody;

  Result<RequestTarget> parsedTarget = parseRequestTarget(target);
  if (!parsedTarget) {
    return respond(errorResponse(400, parsedTarget.error().reason, parsedTarget.error().message), keepIfRefused);
  }
  match_ = core_->router().match(method_, parsedTarget->segments);
  query_ = std::move(parsedTarget->query);
  const bool open = match_->route && !match_->route->options.requireToken;
  if (!open) {
    if (std::optional<ApiResponse> refusal =
            refuseBearer(toStd(request[http::field::authorization]), *core_->token())) {
      return respond(std::move(*refusal), keepIfRefused);
    }
  }
  if (!match_->pathKnown) {
    return respond(errorResponse(404, "not_found", "There is no endpoint at " + path_ + "."), keepIfRefused);
  }
  if (!match_->route) {
    const std::string allowed = joined(match_->allowed);
    ApiResponse response = errorResponse(405, "method_not_allowed",
                                         path_ + " does not accept " + method_ + "; it accepts " + allowed + ".");
    response.headers.emplace_back("Allow", allowed);
    return respond(std::move(response), keepIfRefused);
  }
  if (contentLength > limits_.maxBodyBytes) {
    return respond(errorResponse(413, "body_too_large",
                                 "The request body has " + std::to_string(contentLength) + " bytes; at most " +
                                     std::to_string(limits_.maxBodyBytes) + " are accepted."),
                   false);
  }
  if (hasBody && !acceptedBodyType(toStd(request[http::field::content_type]), match_->route->options.bodyTypes)) {
    return respond(errorResponse(415, "unsupported_media_type",
                                 method_ + " " + match_->route->pattern + " takes a body of type " +
                                     joined(match_->route->options.bodyTypes) + "."),
                   false);
  }
  parser_->body_limit(limits_.maxBodyBytes);  // bounds chunked bodies as they arrive
  if (parser_->is_done()) return dispatch();
  if (equalsIgnoreCase(trimSpaces(toStd(request[http::field::expect])), "100-continue")) {
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this()](beast::error_code writeError, std::size_t) {
                       if (self->phase_ == Phase::closed) return;
                       if (writeError) return self->closeNow();
                       self->readBody();
                     });
    return;
  }
  readBody();
}

void HttpSession::readBody() {
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onBody(ec); });
}

void HttpSession::onBody(beast::error_code ec) {
  if (phase_ == Phase::closed) return;
  if (ec) {
    handleReadError(ec);
    return;
  }
  dispatch();
}

void HttpSession::handleReadError(beast::error_code ec) {
  requestTimer_.cancel();
  if (timedOut_) {
    respond(errorResponse(408, "request_timeout",
                          "The request did not arrive completely within " +
                              std::to_string(limits_.requestTimeout.count()) + " ms."),
            false);
  } else if (ec == http::error::header_limit) {
    respond(errorResponse(431, "headers_too_large",
                          "The request line and headers exceed " + std::to_string(limits_.maxHeaderBytes) + " bytes."),
            false);
  } else if (ec == http::error::body_limit) {
    respond(errorResponse(413, "body_too_large",
                          "The request body exceeds " + std::to_string(limits_.maxBodyBytes) + " bytes."),
            false);
  } else if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
             ec == net::error::operation_aborted || ec == net::error::connection_reset || ec == beast::error::timeout ||
             ec == net::error::bad_descriptor) {
    closeNow();  // the client went away (or the server closed the connection): nobody to answer
  } else {
    respond(errorResponse(400, "bad_request", "The request is not valid HTTP/1.1 (" + ec.message() + ")."), false);
  }
}

void HttpSession::dispatch() {
  requestTimer_.cancel();
  phase_ = Phase::processing;
  Request& request = parser_->get();
  ApiRequest apiRequest;
  apiRequest.method = method_;
  apiRequest.path = path_;
  apiRequest.params = std::move(match_->params);
  apiRequest.query = std::move(query_);
  for (const auto& field : request) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "authorization") continue;
    apiRequest.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  apiRequest.body = std::move(request.body());
  apiRequest.peer = peer_;
  apiRequest.requestId = requestId_;
  const Router::Route* route = match_->route;
  const auto executor = stream_.get_executor();
  auto job = [self = shared_from_this(), route, executor, apiRequest = std::move(apiRequest)]() {
    ApiResponse response = runHandler(*route, apiRequest, self->core_->logger());
    net::post(executor, [self, response = std::move(response)]() mutable {
      self->respond(std::move(response), self->keepAlive_);
    });
  };
  if (!core_->lanes().trySubmit(std::move(job), limits_.maxQueuedRequests)) {
    ApiResponse response = core_->stopping()
                                ? errorResponse(503, "shutting_down", "The agent is stopping; retry in a moment.")
                                : errorResponse(503, "overloaded", "Every lane is busy; retry in a moment.");
    response.headers.emplace_back("Retry-After", "1");
    respond(std::move(response), keepAlive_);
  }
}

void HttpSession::respond(ApiResponse response, bool keepAlive) {
  if (phase_ == Phase::closed) return;
  requestTimer_.cancel();
  if (!sendable(response)) {
    core_->logger().error("api_invalid_response", {{"requestId", requestId_}, {"status", response.status}});
    response = errorResponse(500, "internal_error", "The agent built a response it cannot send.");
  }
  const bool keep = keepAlive && !core_->stopping();
  response_.emplace();
  Response& out = *response_;
  out.version(parser_ && parser_->is_header_done() ? parser_->get().version() : 11);
  out.result(static_cast<unsigned>(response.status));
  out.set(http::field::content_type, response.contentType);
  out.set(http::field::cache_control, "no-store");
  if (!requestId_.empty()) out.set("X-Request-Id", requestId_);
  for (const auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep);
  out.prepare_payload();
  phase_ = Phase::writing;
  stream_.expires_after(limits_.requestTimeout);
  http::async_write(stream_, out, [self = shared_from_this(), keep](beast::error_code ec, std::size_t) {
    self->onWrite(ec, keep);
  });
}

void HttpSession::onWrite(beast::error_code ec, bool keepAlive) {
  if (phase_ == Phase::closed) return;
  stream_.expires_never();
  logRequest(response_ ? static_cast<int>(response_->result_int()) : 0);
  response_.reset();
  if (ec) return closeNow();
  if (!keepAlive) return lingerClose();
  readNext();
}

void HttpSession::lingerClose() {
  phase_ = Phase::lingering;
  requestTimer_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return closeNow();
  lingered_ = 0;
  buffer_.clear();
  stream_.expires_after(kLingerTime);  // one deadline for the whole linger
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code readError,
                                                                                   std::size_t n) {
    self->onLinger(readError, n);
  });
}

void HttpSession::onLinger(beast::error_code ec, std::size_t bytes) {
  if (phase_ != Phase::lingering) return;
  lingered_ += bytes;
  if (ec || lingered_ > kMaxLingerBytes) return closeNow();
  stream_.async_read_some(buffer_.prepare(kReadChunk), [self = shared_from_this()](beast::error_code readError,
                                                                                   std::size_t n) {
    self->onLinger(readError, n);
  });
}

void HttpSession::closeNow() {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::closed;
  requestTimer_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

void HttpSession::logRequest(int status) {
  const log::LogLevel level = status >= 500 ? log::LogLevel::error
                              : status >= 400 ? log::LogLevel::info
                                              : log::LogLevel::debug;
  log::JsonLogger& logger = core_->logger();
  if (!logger.enabled(level)) return;
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_).count();
  logger.log(level, "http_request",
             {{"requestId", requestId_},
              {"method", method_.empty() ? std::string_view("-") : std::string_view(method_)},
              {"path", path_},
              {"status", status},
              {"micros", micros},
              {"peer", peer_}});
}

}  // namespace loyalty::api::detail
