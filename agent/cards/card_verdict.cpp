#include "card_verdict.h"

#include <array>
#include <utility>

namespace loyalty::cards {
namespace {

struct ReasonRow {
  CardReason reason;
  std::string_view code;
  std::string_view sentence;
};

// One table for codes and sentences, so the two never drift apart.
constexpr std::array<ReasonRow, 13> kReasons{{
    {CardReason::accepted, "accepted", "Member card accepted."},
    {CardReason::not_a_member_card, "not_a_member_card",
     "This code is not a loyalty member card."},
    {CardReason::unsupported_version, "unsupported_version",
     "This card uses a newer format than this terminal reads; the terminal needs an update."},
    {CardReason::malformed, "malformed",
     "The card code is damaged or incomplete; please scan it again."},
    {CardReason::unknown_key, "unknown_key",
     "This card was signed with a key this terminal does not know; the terminal may need to "
     "sync, or the card is not ours."},
    {CardReason::bad_signature, "bad_signature",
     "This card's signature does not match: it is forged or altered. Do not accept it."},
    {CardReason::expired, "expired", "This card has expired."},
    {CardReason::not_yet_valid, "not_yet_valid", "This card is not valid yet."},
    {CardReason::revoked, "revoked", "This card has been blocked."},
    {CardReason::replayed, "replayed",
     "This code was already used at this till; ask the member to show a fresh code in the app."},
    {CardReason::replay_check_failed, "replay_check_failed",
     "The terminal could not record this code; please try again."},
    {CardReason::unknown_member, "unknown_member",
     "The card is genuine but its member is not known to this terminal yet."},
    {CardReason::member_closed, "member_closed", "This member's account is closed."},
}};

const ReasonRow& rowOf(CardReason reason) noexcept {
  for (const auto& row : kReasons) {
    if (row.reason == reason) return row;
  }
  return kReasons[3];  // unreachable while the table lists every enumerator
}

}  // namespace

std::string_view toString(CardReason reason) noexcept { return rowOf(reason).code; }

std::optional<CardReason> cardReasonFromString(std::string_view code) noexcept {
  for (const auto& row : kReasons) {
    if (row.code == code) return row.reason;
  }
  return std::nullopt;
}

std::string_view cashierSentence(CardReason reason) noexcept { return rowOf(reason).sentence; }

CardVerdict refuse(CardVerdict verdict, CardReason reason, std::string message) {
  verdict.accepted = reason == CardReason::accepted;
  verdict.reason = reason;
  verdict.message = message.empty() ? std::string(cashierSentence(reason)) : std::move(message);
  return verdict;
}

}  // namespace loyalty::cards
