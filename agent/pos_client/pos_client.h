// A reference client of the local API (docs/api.md): what a POS integration does, in C++.
// One keep-alive connection to the agent on loopback, a deadline on every step. Used by
// the demo checkout, the API and crash tests and the benchmark.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace loyalty::pos {

struct PosResponse {
  int status = 0;
  std::string body;
};

class PosClient {
 public:
  PosClient(std::string host, std::uint16_t port, std::string token,
            std::chrono::milliseconds deadline = std::chrono::milliseconds(5000));
  ~PosClient();
  PosClient(const PosClient&) = delete;
  PosClient& operator=(const PosClient&) = delete;

  // Errors: io_error "connect_failed", "timeout", "connection_lost" (nothing was
  // answered: for a commit, retry with the same sale id; the agent answers it once).
  [[nodiscard]] Result<PosResponse> request(std::string_view method, std::string_view target,
                                            std::string_view body = {},
                                            std::string_view contentType = "application/json");
  [[nodiscard]] Result<PosResponse> get(std::string_view target) { return request("GET", target); }
  [[nodiscard]] Result<PosResponse> post(std::string_view target, std::string_view json) {
    return request("POST", target, json);
  }
  void setToken(std::string token) { token_ = std::move(token); }

 private:
  struct Connection;
  [[nodiscard]] Result<PosResponse> once(std::string_view method, std::string_view target, std::string_view body,
                                         std::string_view contentType, bool& sentOnReused);
  std::string host_;
  std::uint16_t port_;
  std::string token_;
  std::chrono::milliseconds deadline_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace loyalty::pos
