// What the terminal's sync asks of HQ, as a seam: the uploader depends on this, the
// composition root passes BeastHqClient (HTTPS, beast_hq_client.h) and tests pass an HQ
// of their own (an in-process archive, one that fails on purpose).
#pragma once

#include "engine/result.h"
#include "wire/ledger_batch.h"

namespace loyalty::upload {

class HqClient {
 public:
  virtual ~HqClient() = default;
  // Sends one batch and returns HQ's answer. An Error means no answer arrived (HQ may or
  // may not have applied the batch: resending is always safe, HQ deduplicates).
  [[nodiscard]] virtual Result<wire::BatchAnswer> uploadBatch(const wire::LedgerBatch& batch) = 0;
};

}  // namespace loyalty::upload
