#include "upload/beast_hq_client.h"

#include "wire/ledger_batch_codec.h"

namespace loyalty::upload {

Result<wire::BatchAnswer> BeastHqClient::uploadBatch(const wire::LedgerBatch& batch) {
  auto body = wire::printBatch(batch);
  if (!body) return body.error();
  net::ClientRequest request;
  request.method = "POST";
  request.target = "/v1/ledger/batches";
  request.body = std::move(body.value());
  auto response = client_->call(request);
  if (!response) return response.error();
  auto answer = wire::parseAnswer(response->body);
  if (!answer) {
    return makeError(ErrorCode::parse_error, "bad_answer", "HQ's answer to a batch does not decode: " +
                                                               answer.error().message);
  }
  if (answer->terminalId != batch.terminalId) {
    return makeError(ErrorCode::parse_error, "bad_answer",
                     "HQ answered for terminal '" + answer->terminalId + "', not '" + batch.terminalId + "'.");
  }
  return answer;
}

}  // namespace loyalty::upload
