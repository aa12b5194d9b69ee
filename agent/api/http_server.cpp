#include "api/http_server.h"

#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <optional>
#include <stdexcept>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "api/http_session.h"
#include "api/server_core.h"

namespace loyalty::api {
namespace detail {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// After a failed accept (e.g. out of file descriptors) wait a little instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetry{100};
// How long stop() waits for the I/O thread once every connection is closed.
constexpr std::chrono::seconds kIoJoinGrace{5};

// The I/O side: one io_context run by one thread, the acceptor, and the stop handshake.
class ServerRuntime {
 public:
  explicit ServerRuntime(std::shared_ptr<ServerCore> core)
      : core_(std::move(core)), work_(net::make_work_guard(io_)) {}

  Result<std::uint16_t> listen(const tcp::endpoint& endpoint) {
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
      if (ec == net::error::address_in_use) {
        return makeError(ErrorCode::io_error, "address_in_use", where + " is already in use by another program.");
      }
      return makeError(ErrorCode::io_error, "bind_failed", "Cannot listen on " + where + ": " + ec.message() + ".");
    }
    return acceptor_.local_endpoint().port();
  }

  void run() {
    accept();
    thread_ = std::thread([this] {
      for (;;) {
        try {
          io_.run();
          break;
        } catch (const std::exception& e) {
          // A handler broke its promise not to throw; log it and keep serving.
          core_->logger().error("api_io_exception", {{"what", e.what()}});
        } catch (...) {
          core_->logger().error("api_io_exception", {{"what", "unknown"}});
        }
      }
      {
        const std::lock_guard lock(doneMutex_);
        done_ = true;
      }
      doneChanged_.notify_all();
    });
    pthread_setname_np(thread_.native_handle(), "api-io");
  }

  [[nodiscard]] bool onIoThread() const { return std::this_thread::get_id() == thread_.get_id(); }

  // Closes the acceptor on the I/O thread and returns once it is closed.
  void closeAcceptor() {
    std::promise<void> closed;
    net::post(io_, [this, &closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      retry_.cancel();
      closed.set_value();
    });
    closed.get_future().wait();
  }

  // Lets the I/O thread finish once nothing is pending, then joins it.
  void join() {
    work_.reset();
    std::unique_lock lock(doneMutex_);
    if (!doneChanged_.wait_for(lock, kIoJoinGrace, [this] { return done_; })) {
      core_->logger().warn("api_io_forced_stop", {});
      io_.stop();
    }
    lock.unlock();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(io_), [this](boost::system::error_code ec, tcp::socket socket) {
      onAccept(ec, std::move(socket));
    });
  }

  void onAccept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || ec == net::error::operation_aborted) return;
    if (ec) {
      core_->logger().warn("api_accept_failed", {{"error", ec.message()}});
      retry_.expires_after(kAcceptRetry);
      retry_.async_wait([this](boost::system::error_code waitError) {
        if (!waitError && acceptor_.is_open()) accept();
      });
      return;
    }
    auto session = std::make_shared<HttpSession>(std::move(socket), core_);
    if (core_->sessionCount() >= core_->limits().maxConnections) {
      session->startRejected(503, "too_many_connections", "The agent has too many open connections; retry shortly.");
    } else {
      session->start();
    }
    accept();
  }

  std::shared_ptr<ServerCore> core_;
  net::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  net::steady_timer retry_{io_};
  net::executor_work_guard<net::io_context::executor_type> work_;
  std::thread thread_;
  std::mutex doneMutex_;
  std::condition_variable doneChanged_;
  bool done_ = false;
};

}  // namespace detail

HttpServer::HttpServer(HttpServerOptions options, Router router, BearerToken token, log::JsonLogger& logger)
    : options_(std::move(options)),
      core_(std::make_shared<detail::ServerCore>(std::move(router), std::move(token), options_.limits, options_.lanes,
                                                 logger)) {}

HttpServer::~HttpServer() {
  try {
    stop();
  } catch (const std::exception& e) {
    core_->logger().error("api_stop_failed", {{"what", e.what()}});
  }
}

Result<std::uint16_t> HttpServer::start() {
  const std::lock_guard lock(lifecycleMutex_);
  if (runtime_ || stopped_) {
    return makeError(ErrorCode::rejected, "already_started", "This server was started before; make a new one.");
  }
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(options_.address, ec);
  if (ec) {
    return makeError(ErrorCode::invalid_input, "invalid_address",
                     "\"" + options_.address + "\" is not an IP address (use 127.0.0.1 or ::1).");
  }
  if (!address.is_loopback() && !options_.allowNonLoopback) {
    return makeError(ErrorCode::invalid_input, "non_loopback_address",
                     options_.address + " is not a loopback address; the API is for the POS on this machine only.");
  }
  auto runtime = std::make_unique<detail::ServerRuntime>(core_);
  Result<std::uint16_t> port = runtime->listen(boost::asio::ip::tcp::endpoint(address, options_.port));
  if (!port) return port;
  port_.store(*port, std::memory_order_release);
  core_->lanes().start();
  runtime->run();
  runtime_ = std::move(runtime);
  core_->logger().info("api_listening", {{"address", options_.address},
                                         {"port", *port},
                                         {"lanes", core_->lanes().size()},
                                         {"nonLoopback", !address.is_loopback()}});
  return port;
}

std::uint16_t HttpServer::port() const noexcept { return port_.load(std::memory_order_acquire); }

void HttpServer::updateLimits(const ServerLimits& limits) { core_->setLimits(limits); }

void HttpServer::setBearerToken(BearerToken token) { core_->setToken(std::move(token)); }

void HttpServer::stop() {
  const std::lock_guard lock(lifecycleMutex_);
  if (!runtime_ || stopped_) return;
  if (core_->lanes().onLane() || runtime_->onIoThread()) {
    throw std::logic_error("HttpServer::stop() called from one of its own threads; it would wait for itself");
  }
  stopped_ = true;
  const auto begun = std::chrono::steady_clock::now();
  core_->beginStop();
  const auto deadline = begun + core_->limits().drainTimeout;
  runtime_->closeAcceptor();  // from here on, connecting is refused
  for (const auto& session : core_->liveSessions()) session->onServerStop();
  if (!core_->waitForNoSessions(deadline)) {
    const auto left = core_->liveSessions();
    core_->logger().warn("api_drain_timeout", {{"connections", left.size()}});
    for (const auto& session : left) session->forceClose();
  }
  // Jobs still waiting belong to connections just closed: nobody waits for their answer.
  // A handler already running finishes (a commit in flight completes) before the join.
  core_->lanes().shutdown(false);
  runtime_->join();
  runtime_.reset();
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begun);
  core_->logger().info("api_stopped", {{"millis", millis.count()}});
}

}  // namespace loyalty::api
