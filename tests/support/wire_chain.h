// A terminal's ledger chain as it travels to HQ (wire::WireEntry), generated from a seed:
// valid ids, sequences from 1 and the hash chain of docs/ledger-format.md, for HQ store
// tests and the ingest benchmark.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "wire/ledger_batch.h"

namespace loyalty::testing {

class WireChain {
 public:
  WireChain(std::string terminalId, std::uint64_t seed, std::size_t payloadBytes = 200);

  // The next entry of the chain.
  [[nodiscard]] wire::WireEntry next();
  [[nodiscard]] std::vector<wire::WireEntry> take(std::size_t count);

  // A UUID v4 text from the chain's generator.
  [[nodiscard]] std::string newId();
  // Re-hashes an entry after a test changed it (keeps prev_hash as it is).
  static void rehash(wire::WireEntry& entry);

 private:
  std::string terminalId_;
  std::mt19937_64 random_;
  std::size_t payloadBytes_;
  std::int64_t sequence_ = 0;
  std::string prevHash_;
};

}  // namespace loyalty::testing
