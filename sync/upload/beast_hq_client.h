// HqClient over HTTPS (protocol v1, docs/sync-protocol.md): POST /v1/ledger/batches with
// the wire codec, through net::HttpsClient (mutual TLS, HQ's CA pinned, a deadline on
// every step). HQ's answer is checked before the uploader trusts it.
#pragma once

#include <memory>

#include "net/https_client.h"
#include "upload/hq_client.h"

namespace loyalty::upload {

class BeastHqClient final : public HqClient {
 public:
  explicit BeastHqClient(std::unique_ptr<net::HttpsClient> client) : client_(std::move(client)) {}

  // Errors: the client's transport reasons (connect_timeout, tls_client_refused...),
  // rejected "http_status" (HQ said no: its reason and sentence are in the message),
  // parse_error "bad_answer" (an answer that does not decode, or names another terminal).
  [[nodiscard]] Result<wire::BatchAnswer> uploadBatch(const wire::LedgerBatch& batch) override;

  void stop() { client_->stop(); }  // interrupts a request in flight (shutdown)

 private:
  std::unique_ptr<net::HttpsClient> client_;
};

}  // namespace loyalty::upload
