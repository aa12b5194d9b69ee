#include "wire_chain.h"

#include "codec/ledger_entry_hash.h"

namespace loyalty::testing {

WireChain::WireChain(std::string terminalId, std::uint64_t seed, std::size_t payloadBytes)
    : terminalId_(std::move(terminalId)),
      random_(seed ^ std::hash<std::string>{}(terminalId_)),
      payloadBytes_(payloadBytes),
      prevHash_(codec::kGenesisHash) {}

std::string WireChain::newId() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
    auto digit = static_cast<unsigned>(random_() & 0x0f);
    if (i == 12) digit = 4;
    if (i == 16) digit = 8 | (digit & 3);
    id += kHex[digit];
  }
  return id;
}

wire::WireEntry WireChain::next() {
  wire::WireEntry e;
  e.id = newId();
  e.terminalId = terminalId_;
  e.sequence = ++sequence_;
  e.kind = std::string(codec::kLedgerEntryKinds[static_cast<std::size_t>(random_() % 3)]);
  e.saleRef = terminalId_ + "-sale-" + std::to_string(e.sequence);
  e.memberId = "m-" + std::to_string(random_() % 1000);
  e.wallTimeMs = 1'773'678'600'000 + e.sequence * 1000;
  e.monotonicNs = e.sequence * 1'000'000'000LL;
  e.bundleHash = std::string(64, 'b');
  e.payload = R"({"format":1,"pos_sale_id":")" + e.saleRef + R"(","detail":{"note":")";
  while (e.payload.size() + 3 < payloadBytes_) e.payload += static_cast<char>('a' + random_() % 26);
  e.payload += "\"}}";
  e.prevHash = prevHash_;
  e.hash = codec::entryHash(wire::hashFields(e));
  prevHash_ = e.hash;
  return e;
}

std::vector<wire::WireEntry> WireChain::take(std::size_t count) {
  std::vector<wire::WireEntry> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(next());
  return out;
}

void WireChain::rehash(wire::WireEntry& entry) { entry.hash = codec::entryHash(wire::hashFields(entry)); }

}  // namespace loyalty::testing
