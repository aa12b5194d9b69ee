// What a scan means for the cashier: accepted, or refused with a reason code and a sentence.
// A refusal is a verdict, not an Error: forged or expired cards are an everyday business "no".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cards/card_payload.h"

namespace loyalty::cards {

enum class CardReason {
  accepted,
  not_a_member_card,    // some other QR code (a URL, a product code)
  unsupported_version,  // a newer card format than this terminal reads
  malformed,            // a member card prefix, but damaged or truncated
  unknown_key,          // signed by a key the snapshot does not hold
  bad_signature,        // forged or altered
  expired,              // card past its expiry date, card key retired, code too old
  not_yet_valid,        // card key not valid yet, code from the future (phone clock ahead)
  revoked,              // card blocked, or the phone's device key revoked
  replayed,             // this rotating code was already accepted at this terminal
  replay_check_failed,  // the terminal could not record the code (disk): fails closed
  // Decided by the caller, who knows the member (see refuse()):
  unknown_member,       // a genuine card whose member is not in this terminal's snapshot
  member_closed,        // the member's account is closed
};

// "bad_signature"... (the enumerator's name).
[[nodiscard]] std::string_view toString(CardReason reason) noexcept;
[[nodiscard]] std::optional<CardReason> cardReasonFromString(std::string_view code) noexcept;
// The sentence a cashier reads for the reason, without particulars (the verdict's message
// may say more, e.g. the expiry date).
[[nodiscard]] std::string_view cashierSentence(CardReason reason) noexcept;

struct CardVerdict {
  bool accepted = false;
  CardReason reason = CardReason::malformed;
  std::string message;  // cashier sentence
  std::string detail;   // what exactly was wrong, for logs and loyaltyctl; may be empty
  // Known once the payload parsed (also for refusals), so a log can name the key:
  std::optional<CardKind> kind;
  std::string keyId;
  // Filled only from a verified signature, never from an unchecked payload:
  std::string cardId;    // static: the printed card; rotating: the device key's card (may be empty)
  std::string memberId;  // rotating only: the device key's member
  std::optional<std::int64_t> expiresOnDay;  // static card's last valid day, if it has one
  std::optional<std::int64_t> timeStep;      // rotating code's step
  std::optional<std::int64_t> codeValidUntilUnix;  // rotating: first instant it is refused
};

// A caller's refusal of a verified card (unknown_member, member_closed...): keeps what the
// card said, sets the reason and the table's sentence (or `message` when given).
[[nodiscard]] CardVerdict refuse(CardVerdict verdict, CardReason reason, std::string message = {});

}  // namespace loyalty::cards
