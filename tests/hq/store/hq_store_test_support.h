// Small helpers of the HQ store suite.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "hq/store/hq_store.h"
#include "wire_chain.h"

namespace loyalty::hq::test {

inline constexpr std::int64_t kNow = 1'773'700'000'000;

inline void registerOk(HqStore& store, const std::string& terminalId, const std::string& storeId = "store-1") {
  auto done = store.registerTerminal(terminalId, storeId, kNow);
  INFO((done ? std::string() : done.error().message));
  REQUIRE(done.ok());
}

inline wire::BatchAnswer ingestOk(HqStore& store, const std::string& terminalId,
                                  const std::vector<wire::WireEntry>& entries, std::int64_t now = kNow) {
  auto answer = store.ingest(terminalId, entries, now);
  INFO((answer ? std::string() : answer.error().reason + ": " + answer.error().message));
  REQUIRE(answer.ok());
  const auto counted = answer->applied + answer->duplicates + answer->notApplied +
                       static_cast<std::int64_t>(answer->refused.size());
  REQUIRE(counted == static_cast<std::int64_t>(entries.size()));  // every entry counted once
  return answer.value();
}

inline std::vector<wire::WireEntry> heldEntries(const HqStore& store, const std::string& terminalId) {
  auto held = store.entriesAfter(terminalId, 0, 1'000'000);
  REQUIRE(held.ok());
  std::vector<wire::WireEntry> out;
  for (auto& stored : held.value()) out.push_back(std::move(stored.entry));
  return out;
}

inline std::vector<wire::WireEntry> slice(const std::vector<wire::WireEntry>& chain, std::size_t from, std::size_t to) {
  return {chain.begin() + static_cast<std::ptrdiff_t>(from), chain.begin() + static_cast<std::ptrdiff_t>(to)};
}

}  // namespace loyalty::hq::test
