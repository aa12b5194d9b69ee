// The limits of the local API: all of them can change while the server runs (SIGHUP);
// a connection applies the values current when each of its requests begins.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace loyalty::api {

struct ServerLimits {
  std::uint64_t maxBodyBytes = 1024 * 1024;      // larger: 413 body_too_large
  std::uint32_t maxHeaderBytes = 16 * 1024;      // request line and headers; larger: 431
  // From a request's first byte to its complete body (slower: 408 and close); also the
  // deadline of each response write (then the connection is closed).
  std::chrono::milliseconds requestTimeout{10'000};
  std::chrono::milliseconds idleTimeout{60'000};  // keep-alive wait for the next request
  std::chrono::milliseconds drainTimeout{10'000}; // stop(): wait this long for requests in flight
  std::size_t maxConnections = 64;                // beyond: 503 too_many_connections, closed
  std::size_t maxQueuedRequests = 32;             // waiting for a lane; beyond: 503 overloaded

  bool operator==(const ServerLimits&) const = default;
};

}  // namespace loyalty::api
