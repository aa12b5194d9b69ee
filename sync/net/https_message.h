// The requests and responses the HTTPS server hands to its handlers (tls_server.h): plain
// values, no Beast types, so HQ's handlers stay independent of the transport.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/result.h"

namespace loyalty::net {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The verified client certificate of a request's connection.
struct PeerIdentity {
  std::string commonName;  // the terminal id
  std::string serialHex;   // lowercase hex, no leading zeros (as inspectCertificate)
};

struct HttpsRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target without its query, e.g. "/v1/updates"
  std::vector<std::pair<std::string, std::string>> query;  // percent-decoded, in order
  HeaderList headers;  // names lowercased
  std::string body;
  std::optional<PeerIdentity> peer;  // set only for a certificate that verified against the CA
  std::string remote;                // "ip:port" of the client, for logs

  // The first value of a query parameter / header (name compared exactly / lowercase).
  [[nodiscard]] std::optional<std::string> queryValue(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> header(std::string_view lowercaseName) const;
};

struct HttpsResponse {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  HeaderList headers;  // extra headers (Content-Type and Content-Length are set for you)

  [[nodiscard]] static HttpsResponse json(int status, std::string body);
  // The protocol's error shape: {"error": {"reason": "...", "message": "..."}}.
  [[nodiscard]] static HttpsResponse error(int status, std::string_view reason, std::string_view message);
};

// The reason and message of an error body in the protocol's shape, if `body` is one.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> parseErrorBody(std::string_view body);

// Splits a request target into its path and percent-decoded query. Errors: invalid_input
// "invalid_target" (not origin-form, bad percent escape, NUL).
struct SplitTarget {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};
[[nodiscard]] Result<SplitTarget> splitTarget(std::string_view target);

}  // namespace loyalty::net
