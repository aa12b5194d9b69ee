#include "net/https_client.h"

#include "net/client_connection.h"
#include "net/tls_context.h"

namespace loyalty::net {

std::string ClientResponse::errorReason() const {
  const auto parsed = parseErrorBody(body);
  return parsed ? parsed->first : std::string();
}

std::string ClientResponse::errorMessage() const {
  const auto parsed = parseErrorBody(body);
  return parsed ? parsed->second : std::string();
}

Result<std::unique_ptr<HttpsClient>> HttpsClient::create(HttpsClientOptions options) {
  if (options.host.empty() || options.port == 0) {
    return makeError(ErrorCode::invalid_input, "invalid_options", "The HQ address needs a host and a port.");
  }
  if (options.certificatePem.empty() != options.privateKeyPem.empty()) {
    return makeError(ErrorCode::invalid_input, "invalid_options",
                     "Give both the terminal certificate and its key, or neither (enrollment).");
  }
  auto context = detail::makeClientTlsContext(options.caPem, options.certificatePem, options.privateKeyPem);
  if (!context) return context.error();
  auto connection = std::make_unique<detail::ClientConnection>(std::move(options), std::move(*context));
  return std::unique_ptr<HttpsClient>(new HttpsClient(std::move(connection)));
}

HttpsClient::HttpsClient(std::unique_ptr<detail::ClientConnection> connection) : connection_(std::move(connection)) {}

HttpsClient::~HttpsClient() = default;

Result<ClientResponse> HttpsClient::send(const ClientRequest& request) {
  const std::lock_guard lock(callMutex_);
  return connection_->exchange(request);
}

Result<ClientResponse> HttpsClient::call(const ClientRequest& request) {
  Result<ClientResponse> response = send(request);
  if (!response || (response->status >= 200 && response->status < 300)) return response;
  const std::string reason = response->errorReason();
  const std::string message = response->errorMessage();
  if (response->status == 401 && reason.rfind("client_certificate_", 0) == 0) {
    return makeError(ErrorCode::rejected, "tls_client_refused",
                     "HQ refused this terminal's certificate (" + reason + "): " + message);
  }
  return makeError(ErrorCode::rejected, "http_status",
                   "HQ answered " + std::to_string(response->status) +
                       (reason.empty() ? std::string() : " " + reason) + (message.empty() ? "" : ": " + message));
}

void HttpsClient::stop() { connection_->stop(); }

void HttpsClient::disconnect() {
  const std::lock_guard lock(callMutex_);
  connection_->disconnect();
}

std::uint64_t HttpsClient::connectionsOpened() const noexcept { return connection_->connectionsOpened(); }

}  // namespace loyalty::net
