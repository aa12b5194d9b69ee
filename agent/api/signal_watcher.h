// The daemon's run loop: blocks the calling (main) thread until SIGTERM or SIGINT, calling
// the reload handler for each SIGHUP in between, then the stop handler once. Signals are
// caught through asio::signal_set from construction on, so one that arrives before run()
// is not lost. The stop handler typically calls HttpServer::stop() (finish the requests in
// flight, join the threads) and returns; run() then returns and main() exits cleanly.
#pragma once

#include <functional>
#include <memory>

#include "log/json_logger.h"

namespace loyalty::api {

class SignalWatcher {
 public:
  struct Handlers {
    std::function<void(int signal)> stop;  // SIGTERM, SIGINT, or 0 for requestStop()
    std::function<void()> reload;          // SIGHUP; may be empty
  };

  // Also ignores SIGPIPE for the process: a daemon must not die because the reader of its
  // stderr went away (sockets already write with MSG_NOSIGNAL).
  SignalWatcher(Handlers handlers, log::JsonLogger& logger);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Runs until a stop signal or requestStop(), and the stop handler has returned. A
  // handler's exception is logged ("signal_handler_failed"), never propagated. Once only.
  void run();

  // Ends run() as a stop signal would (e.g. a fatal error found by another thread).
  // Thread-safe; safe before run() too.
  void requestStop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace loyalty::api
