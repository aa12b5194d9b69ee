// Shared fixtures of the card tests: keys, a directory holding them, a replay guard that
// counts its calls, and a scratch directory for files.
#pragma once

#include <cstdint>
#include <string>

#include "cards/card_keys.h"
#include "cards/card_signer.h"
#include "cards/card_verifier.h"
#include "cards/memory_card_keys.h"

namespace loyalty::cards::test {

// 2026-03-16T16:30:00Z, at the start of a 30-second step.
inline constexpr std::int64_t kNow = 1773678600;
inline constexpr std::int64_t kToday = kNow / 86400;  // 2026-03-16

[[nodiscard]] CardSigner newSigner();

// Counts calls so tests can prove which codes reached the replay check.
class CountingReplayGuard final : public ReplayGuard {
 public:
  [[nodiscard]] Result<bool> firstPresentation(std::string_view codeDigest,
                                               std::int64_t expiresAtUnix,
                                               std::int64_t nowUnix) override;
  int calls = 0;
  bool failing = false;  // answer with an io_error, as a full disk would
  std::string lastDigest;
  std::int64_t lastExpiresAt = 0;

 private:
  MemoryReplayGuard inner_;
};

// An HQ card key "HQ1", a device key "D1" (member M-1001, card 4000123412341234) and their
// signers, with a verifier over them.
struct CardWorld {
  CardSigner hq = newSigner();
  CardSigner device = newSigner();
  CardSigner stranger = newSigner();  // a key nobody registered
  MemoryCardKeyDirectory keys;
  CountingReplayGuard replays;
  CardVerifier verifier{keys, replays};

  CardWorld();
  [[nodiscard]] std::string staticCard(const std::string& cardId = "4000123412341234",
                                       std::optional<std::int64_t> expires = std::nullopt) const;
  [[nodiscard]] std::string rotatingCode(std::int64_t at = kNow) const;
};

// A fresh directory under the build tree for this test process.
[[nodiscard]] std::string scratchPath(const std::string& name);

}  // namespace loyalty::cards::test
