// The terminal's HTTPS/1.1 client for HQ (sync side). Synchronous, for the sync loop's
// own thread: every step (connect, TLS handshake, write, read) has its deadline. Trusts
// only HQ's pinned CA (never the system store), checks HQ's host name or IP against the
// server certificate, presents the terminal's client certificate, keeps the connection
// alive between requests and reconnects when it broke.
//
// stop() (from any thread) interrupts a request in progress at once by closing the
// socket, and makes every later request fail with "client_stopped".
//
// Transport errors (Error, code io_error unless noted), by reason:
//   resolve_failed, connection_refused, connect_timeout, handshake_timeout,
//   write_timeout, read_timeout, connection_reset (closed or reset mid-exchange),
//   tls_untrusted_server (certificate not from the pinned CA, expired...),
//   tls_host_mismatch (certificate not for the configured host),
//   tls_client_refused (HQ refused our certificate: TLS alert, or 401
//     client_certificate_*; code rejected), tls_handshake_failed, response_too_large,
//   bad_response, client_stopped; invalid_input invalid_options / invalid_target.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "engine/result.h"
#include "net/https_message.h"

namespace loyalty::net {

struct HttpsClientOptions {
  std::string host;                   // HQ's host name or IP literal, as in its certificate
  std::uint16_t port = 443;
  std::string caPem;                  // HQ's CA, pinned
  std::string certificatePem;         // the terminal's client certificate and key; both empty
  std::string privateKeyPem;          //   for enrollment (no certificate yet)
  std::chrono::milliseconds connectTimeout{5'000};
  std::chrono::milliseconds handshakeTimeout{5'000};
  std::chrono::milliseconds writeTimeout{10'000};
  std::chrono::milliseconds readTimeout{30'000};   // request sent -> complete response
  // A kept-alive connection idle longer than this is not reused (HQ closes idle ones
  // after its idleTimeout, 60 s by default: stay below it).
  std::chrono::milliseconds maxIdleReuse{30'000};
  std::uint64_t maxResponseBytes = 64 * 1024 * 1024;  // a full snapshot fits
};

struct ClientRequest {
  std::string method = "GET";
  std::string target = "/";          // path and query, e.g. "/v1/updates?after=7&wait=25"
  std::string body;
  std::string contentType = "application/json";
  HeaderList headers;
  std::optional<std::chrono::milliseconds> readTimeout;  // e.g. long-poll wait + margin
  // Resend once on a fresh connection when a reused one turns out closed before any
  // response byte (the server closed it while idle). The protocol's requests are
  // idempotent (batches deduplicate; enrollment tokens are checked once per CSR), so
  // this is the default.
  bool retryOnStaleConnection = true;
};

struct ClientResponse {
  int status = 0;
  std::string contentType;
  std::string body;
  HeaderList headers;  // names lowercased

  // The protocol error body's reason / message ("" when the body is not one).
  [[nodiscard]] std::string errorReason() const;
  [[nodiscard]] std::string errorMessage() const;
};

namespace detail {
class ClientConnection;
}

class HttpsClient {
 public:
  // Checks the options and builds the TLS context. Errors: invalid_input
  // "invalid_options", "invalid_pinned_ca", "invalid_client_credentials".
  [[nodiscard]] static Result<std::unique_ptr<HttpsClient>> create(HttpsClientOptions options);
  ~HttpsClient();
  HttpsClient(const HttpsClient&) = delete;
  HttpsClient& operator=(const HttpsClient&) = delete;

  // One exchange; any HTTP status is a response (the caller decides on 4xx/5xx).
  // Not for concurrent use: one request at a time (calls are serialized).
  [[nodiscard]] Result<ClientResponse> send(const ClientRequest& request);

  // Like send, but a status outside 2xx is an Error: 401 client_certificate_* ->
  // rejected "tls_client_refused"; anything else -> rejected "http_status" whose message
  // carries the status and HQ's reason and message.
  [[nodiscard]] Result<ClientResponse> call(const ClientRequest& request);

  // Interrupts a request in progress and refuses later ones. Thread-safe, idempotent.
  void stop();
  // Drops the kept-alive connection (e.g. after the terminal's certificate changed).
  void disconnect();

  // Connections opened so far (tests and diagnostics: keep-alive reuse).
  [[nodiscard]] std::uint64_t connectionsOpened() const noexcept;

 private:
  explicit HttpsClient(std::unique_ptr<detail::ClientConnection> connection);

  std::mutex callMutex_;  // one exchange at a time
  std::unique_ptr<detail::ClientConnection> connection_;
};

}  // namespace loyalty::net
