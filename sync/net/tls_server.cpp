#include "net/tls_server.h"

#include <pthread.h>

#include <condition_variable>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "net/server_core.h"
#include "net/tls_context.h"
#include "net/tls_session.h"

namespace loyalty::net {
namespace detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// After a failed accept (e.g. out of file descriptors) wait a little instead of spinning.
constexpr std::chrono::milliseconds kAcceptRetry{100};
// How long stop() waits for the I/O threads once every connection is closed.
constexpr std::chrono::seconds kIoJoinGrace{5};

// The I/O side: one io_context run by N threads, the acceptor (on its own strand).
class ServerRuntime {
 public:
  explicit ServerRuntime(std::shared_ptr<ServerCore> core) : core_(std::move(core)) {}

  [[nodiscard]] asio::any_io_executor executor() { return io_.get_executor(); }

  Result<std::uint16_t> listen(const tcp::endpoint& endpoint) {
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      const std::string where = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
      if (ec == asio::error::address_in_use) {
        return makeError(ErrorCode::io_error, "address_in_use", where + " is already in use by another program.");
      }
      return makeError(ErrorCode::io_error, "bind_failed", "Cannot listen on " + where + ": " + ec.message() + ".");
    }
    return acceptor_.local_endpoint().port();
  }

  void run(std::size_t threads) {
    asio::post(acceptor_.get_executor(), [this] { accept(); });
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i) {
      threads_.emplace_back([this] { runThread(); });
      pthread_setname_np(threads_.back().native_handle(), "tls-io");
    }
  }

  [[nodiscard]] bool onIoThread() const {
    for (const std::thread& thread : threads_) {
      if (thread.get_id() == std::this_thread::get_id()) return true;
    }
    return false;
  }

  // Closes the acceptor on its strand and returns once it is closed.
  void closeAcceptor() {
    std::promise<void> closed;
    asio::post(acceptor_.get_executor(), [this, &closed] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      retry_.cancel();
      closed.set_value();
    });
    closed.get_future().wait();
  }

  // Lets the threads finish once nothing is pending (forcing after a grace), joins them.
  void join() {
    work_.reset();
    std::unique_lock lock(doneMutex_);
    if (!doneChanged_.wait_for(lock, kIoJoinGrace, [this] { return running_ == 0; })) {
      core_->event("io_forced_stop", "pending work after every connection closed");
      io_.stop();
    }
    lock.unlock();
    for (std::thread& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

 private:
  void runThread() {
    {
      const std::lock_guard lock(doneMutex_);
      ++running_;
    }
    for (;;) {
      try {
        io_.run();
        break;
      } catch (const std::exception& e) {
        // A completion handler broke its promise not to throw; report and keep serving.
        core_->event("io_exception", e.what());
      } catch (...) {
        core_->event("io_exception", "unknown exception");
      }
    }
    {
      const std::lock_guard lock(doneMutex_);
      --running_;
    }
    doneChanged_.notify_all();
  }

  void accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](boost::system::error_code ec, tcp::socket socket) {
      onAccept(ec, std::move(socket));
    });
  }

  void onAccept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || ec == asio::error::operation_aborted) return;
    if (ec) {
      core_->event("accept_failed", ec.message());
      retry_.expires_after(kAcceptRetry);
      retry_.async_wait([this](boost::system::error_code waitError) {
        if (!waitError && acceptor_.is_open()) accept();
      });
      return;
    }
    if (core_->sessionCount() >= core_->limits().maxConnections) {
      core_->event("connection_limit", "closed a new connection at the limit");
      boost::system::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<TlsSession>(std::move(socket), core_)->start();
    }
    accept();
  }

  std::shared_ptr<ServerCore> core_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_{asio::make_work_guard(io_)};
  tcp::acceptor acceptor_{asio::make_strand(io_)};
  asio::steady_timer retry_{acceptor_.get_executor()};
  std::vector<std::thread> threads_;
  std::mutex doneMutex_;
  std::condition_variable doneChanged_;
  std::size_t running_ = 0;
};

}  // namespace detail

TlsServer::TlsServer(TlsServerOptions options)
    : core_(std::make_shared<detail::ServerCore>(std::move(options))),
      runtime_(std::make_unique<detail::ServerRuntime>(core_)) {}

TlsServer::~TlsServer() {
  try {
    stop();
  } catch (const std::exception& e) {
    core_->event("stop_failed", e.what());
  }
}

void TlsServer::addRoute(std::string method, std::string path, ClientCertificate certificate, Handler handler) {
  const std::lock_guard lock(lifecycleMutex_);
  if (started_) throw std::logic_error("TlsServer::addRoute after start()");
  if (!handler) throw std::logic_error("TlsServer::addRoute without a handler");
  core_->addRoute(detail::Route{std::move(method), std::move(path), certificate, std::move(handler)});
}

Result<std::uint16_t> TlsServer::start() {
  const std::lock_guard lock(lifecycleMutex_);
  if (started_) return makeError(ErrorCode::rejected, "already_started", "This server was started before; make a new one.");
  const TlsServerOptions& options = core_->options();
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(options.address, ec);
  if (ec) {
    return makeError(ErrorCode::invalid_input, "invalid_address", "\"" + options.address + "\" is not an IP address.");
  }
  auto context = detail::makeServerTlsContext(options.certificatePem, options.privateKeyPem, options.clientCaPem);
  if (!context) return context.error();
  core_->setContext(std::move(*context));
  Result<std::uint16_t> bound = runtime_->listen(boost::asio::ip::tcp::endpoint(address, options.port));
  if (!bound) return bound;
  started_ = true;
  port_.store(*bound);
  runtime_->run(options.threads);
  return bound;
}

std::uint16_t TlsServer::port() const noexcept { return port_.load(); }

boost::asio::any_io_executor TlsServer::executor() const { return runtime_->executor(); }

std::size_t TlsServer::connectionCount() const { return core_->sessionCount(); }

void TlsServer::stop() {
  const std::lock_guard lock(lifecycleMutex_);
  if (!started_ || stopped_) return;
  if (runtime_->onIoThread()) {
    throw std::logic_error("TlsServer::stop() called from one of its own threads; it would wait for itself");
  }
  stopped_ = true;
  core_->beginStop();
  const auto deadline = std::chrono::steady_clock::now() + core_->limits().drainTimeout;
  runtime_->closeAcceptor();  // from here on, connecting is refused
  for (const auto& session : core_->liveSessions()) session->onServerStop();
  if (!core_->waitForNoSessions(deadline)) {
    const auto left = core_->liveSessions();
    core_->event("drain_timeout", std::to_string(left.size()) + " connections closed unanswered");
    for (const auto& session : left) session->forceClose();
    // Closing completes their pending operations; they release themselves promptly.
    (void)core_->waitForNoSessions(std::chrono::steady_clock::now() + std::chrono::seconds(2));
  }
  runtime_->join();
}

}  // namespace loyalty::net
