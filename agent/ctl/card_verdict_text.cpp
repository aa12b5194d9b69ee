#include "card_verdict_text.h"

#include <array>

#include <nlohmann/json.hpp>

#include "engine/calendar.h"
#include "iso_instant.h"

namespace loyalty::ctl {
namespace {

using cards::CardReason;
using cards::CardVerdict;

std::string dayText(std::int64_t day) { return engine::formatDate(engine::civilFromDays(day)); }

// The stage of the verifier's order that decided a refusal (index into kStages).
constexpr std::array<const char*, 6> kStages = {"format", "key", "signature", "time",
                                                "revocation", "replay"};
std::size_t decidingStage(CardReason reason) {
  switch (reason) {
    case CardReason::not_a_member_card:
    case CardReason::unsupported_version:
    case CardReason::malformed: return 0;
    case CardReason::unknown_key: return 1;
    case CardReason::bad_signature: return 2;
    case CardReason::expired:
    case CardReason::not_yet_valid: return 3;
    case CardReason::revoked: return 4;
    case CardReason::replayed:
    case CardReason::replay_check_failed: return 5;
    case CardReason::accepted:
    case CardReason::unknown_member:
    case CardReason::member_closed: break;
  }
  return kStages.size();
}

std::string checksLine(const CardVerdict& verdict) {
  const bool isStatic = verdict.kind == cards::CardKind::static_card;
  const std::size_t failed = verdict.accepted ? kStages.size() : decidingStage(verdict.reason);
  std::string line;
  for (std::size_t stage = 0; stage < kStages.size(); ++stage) {
    if (isStatic && stage == 5) {
      if (failed == kStages.size()) line += ", replay not checked (a printed card is scanned many times)";
      break;
    }
    if (stage > failed) break;
    if (!line.empty()) line += ", ";
    line += kStages[stage];
    line += stage == failed ? " FAILED" : " ok";
  }
  if (verdict.accepted && !isStatic) {
    line += " (first presentation in this run: loyaltyctl keeps no record; the agent does)";
  }
  return line;
}

// A scanned text is untrusted: control characters (escape sequences) are shown as \xNN
// rather than sent to the person's terminal, and long texts are cut.
std::string shown(const std::string& text) {
  constexpr std::size_t kMax = 256;  // a whole version 1 payload fits
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() > kMax) out += "... (" + std::to_string(text.size()) + " characters)";
  return out;
}

void describe(std::string& out, const ScannedCode& code) {
  const CardVerdict& v = code.verdict;
  out += "  " + v.message + "\n";
  if (!v.accepted && !v.detail.empty()) out += "  why:      " + v.detail + "\n";
  out += "  payload:  " + shown(code.text) + "\n";
  if (v.kind == cards::CardKind::static_card) {
    out += "  kind:     static card, signed by HQ card key " + v.keyId + "\n";
  } else if (v.kind == cards::CardKind::rotating_code) {
    out += "  kind:     rotating app code, signed by device key " + v.keyId + "\n";
  }
  if (!v.cardId.empty()) out += "  card:     " + v.cardId + "\n";
  if (!v.memberId.empty()) out += "  member:   " + v.memberId + "\n";
  if (v.expiresOnDay) out += "  expires:  " + dayText(*v.expiresOnDay) + " (last valid day)\n";
  if (v.timeStep && v.codeValidUntilUnix) {
    out += "  step:     " + std::to_string(*v.timeStep) + ", shown from " +
           formatIsoInstant(*v.timeStep * cards::kTimeStepSeconds) + ", refused from " +
           formatIsoInstant(*v.codeValidUntilUnix) + "\n";
  }
  out += "  checks:   " + checksLine(v) + "\n";
}

}  // namespace

std::string verdictsToText(const std::vector<ScannedCode>& codes, const VerifyContext& context) {
  std::string out;
  if (context.fromImage) {
    out += std::to_string(codes.size()) + (codes.size() == 1 ? " QR code" : " QR codes") +
           " found in the picture.\n";
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const CardVerdict& verdict = codes[i].verdict;
    out += (codes.size() > 1 ? "Code " + std::to_string(i + 1) + ": " : std::string()) +
           (verdict.accepted ? std::string("ACCEPTED")
                             : "REFUSED (" + std::string(cards::toString(verdict.reason)) + ")") +
           "\n";
    describe(out, codes[i]);
  }
  out += "Verified at " + formatIsoInstant(context.nowUnix) + ", card dates in " +
         context.timeZone + ".\n";
  return out;
}

std::string verdictsToJson(const std::vector<ScannedCode>& codes, const VerifyContext& context) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  bool anyAccepted = false;
  for (const ScannedCode& code : codes) {
    const CardVerdict& v = code.verdict;
    anyAccepted = anyAccepted || v.accepted;
    nlohmann::ordered_json entry;
    entry["payload"] = code.text;
    entry["accepted"] = v.accepted;
    entry["reason"] = std::string(cards::toString(v.reason));
    entry["message"] = v.message;
    if (!v.detail.empty()) entry["detail"] = v.detail;
    if (v.kind) entry["kind"] = std::string(cards::toString(*v.kind));
    if (!v.keyId.empty()) entry["key_id"] = v.keyId;
    if (!v.cardId.empty()) entry["card_id"] = v.cardId;
    if (!v.memberId.empty()) entry["member_id"] = v.memberId;
    if (v.expiresOnDay) entry["expires_on"] = dayText(*v.expiresOnDay);
    if (v.timeStep) entry["time_step"] = *v.timeStep;
    if (v.codeValidUntilUnix) entry["valid_until"] = formatIsoInstant(*v.codeValidUntilUnix);
    list.push_back(std::move(entry));
  }
  nlohmann::ordered_json root;
  root["verified_at"] = formatIsoInstant(context.nowUnix);
  root["time_zone"] = context.timeZone;
  root["accepted"] = anyAccepted;
  root["codes"] = std::move(list);
  // Invalid UTF-8 in a scanned text must not throw: replace it.
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace loyalty::ctl
