// Offline verification of member QR codes with the snapshot's keys. Checks run in a fixed
// order and the first failure decides the verdict:
//   1. format      not_a_member_card, unsupported_version, malformed
//   2. key         unknown_key
//   3. signature   bad_signature
//   4. time        expired / not_yet_valid (static: card expiry date, card key validity;
//                  rotating: time step within one step of the terminal's)
//   5. revocation  revoked (static: the card; rotating: the device key, then its card)
//   6. replay      replayed (rotating codes only; recorded only now, so a forged or
//                  otherwise refused code can never burn a genuine one)
// Static cards are not replay-checked: a printed card is meant to be scanned again and again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cards/card_keys.h"
#include "cards/card_verdict.h"

namespace loyalty::cards {

class CardVerifier {
 public:
  // Both must outlive the verifier. verify() is safe to call from several threads when the
  // directory and the guard are.
  CardVerifier(const CardKeyDirectory& keys, ReplayGuard& replays) noexcept
      : keys_(keys), replays_(replays) {}

  // `payload` is the scanned text; surrounding whitespace (a scanner's CR/LF) is ignored.
  // `nowUnix` is the terminal's clock. A static card's expiry date counts in the store's
  // calendar: `storeLocalDay` is today's date there (days since 1970-01-01); the overload
  // without it uses the UTC date of nowUnix.
  [[nodiscard]] CardVerdict verify(std::string_view payload, std::int64_t nowUnix) const;
  [[nodiscard]] CardVerdict verify(std::string_view payload, std::int64_t nowUnix,
                                   std::int64_t storeLocalDay) const;

 private:
  [[nodiscard]] CardVerdict verifyStatic(const CardPayload& card, CardVerdict verdict,
                                         std::int64_t nowUnix, std::int64_t storeLocalDay) const;
  [[nodiscard]] CardVerdict verifyRotating(const CardPayload& code, CardVerdict verdict,
                                           std::int64_t nowUnix) const;

  const CardKeyDirectory& keys_;
  ReplayGuard& replays_;
};

// floor(unixSeconds / 30), also for instants before 1970.
[[nodiscard]] std::int64_t timeStepAt(std::int64_t unixSeconds) noexcept;

// The digest a ReplayGuard stores for a rotating code: SHA-256 (lowercase hex) of its signed
// message, i.e. of (device key, time step). Re-encodings or altered signatures of the same
// code map to the same digest.
[[nodiscard]] std::string replayDigest(const CardPayload& code);

}  // namespace loyalty::cards
