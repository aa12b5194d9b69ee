#include "api/signal_watcher.h"

#include <csignal>
#include <exception>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>

namespace loyalty::api {

namespace net = boost::asio;

struct SignalWatcher::State {
  State(Handlers h, log::JsonLogger& l) : handlers(std::move(h)), logger(l) {}

  Handlers handlers;
  log::JsonLogger& logger;
  net::io_context io{1};
  net::signal_set signals{io, SIGTERM, SIGINT, SIGHUP};
  bool stopped = false;

  template <typename F>
  void guarded(const char* which, F&& call) {
    try {
      call();
    } catch (const std::exception& e) {
      logger.error("signal_handler_failed", {{"handler", which}, {"what", e.what()}});
    } catch (...) {
      logger.error("signal_handler_failed", {{"handler", which}, {"what", "unknown"}});
    }
  }

  void wait() {
    signals.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;  // cancelled: stopping
      if (signal == SIGHUP) {
        logger.info("signal_received", {{"signal", "SIGHUP"}, {"action", "reload"}});
        if (handlers.reload) guarded("reload", [&] { handlers.reload(); });
        wait();
        return;
      }
      logger.info("signal_received", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}, {"action", "stop"}});
      stop(signal);
    });
  }

  void stop(int signal) {
    if (stopped) return;
    stopped = true;
    if (handlers.stop) guarded("stop", [&] { handlers.stop(signal); });
    boost::system::error_code ignored;
    signals.cancel(ignored);
  }
};

SignalWatcher::SignalWatcher(Handlers handlers, log::JsonLogger& logger)
    : state_(std::make_unique<State>(std::move(handlers), logger)) {
  std::signal(SIGPIPE, SIG_IGN);
}

SignalWatcher::~SignalWatcher() = default;

void SignalWatcher::run() {
  state_->wait();
  for (;;) {
    try {
      state_->io.run();
      return;
    } catch (...) {
      // Handlers are guarded; nothing else runs here. Keep waiting rather than die.
      state_->logger.error("signal_watcher_exception", {});
    }
  }
}

void SignalWatcher::requestStop() {
  net::post(state_->io, [state = state_.get()] { state->stop(0); });
}

}  // namespace loyalty::api
