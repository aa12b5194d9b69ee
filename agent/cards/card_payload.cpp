#include "card_payload.h"

#include <algorithm>
#include <stdexcept>

#include "cards/base32.h"

namespace loyalty::cards {
namespace {

bool isIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::optional<Error> checkId(std::string_view id, std::size_t maxLength, const char* reason,
                             const char* what) {
  if (id.empty() || id.size() > maxLength || !std::all_of(id.begin(), id.end(), isIdChar)) {
    return makeError(ErrorCode::invalid_input, reason,
                     std::string("A ") + what + " must be 1 to " + std::to_string(maxLength) +
                         " characters of A-Z, a-z, 0-9, '.', '_' or '-'.");
  }
  return std::nullopt;
}

std::string_view prefixOf(CardKind kind) {
  return kind == CardKind::static_card ? kStaticPrefix : kRotatingPrefix;
}

void appendId(std::vector<std::uint8_t>& out, std::string_view id) {
  out.push_back(static_cast<std::uint8_t>(id.size()));
  out.insert(out.end(), id.begin(), id.end());
}

void appendBigEndian(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

// The body without the signature. Fields must already be valid.
std::vector<std::uint8_t> unsignedBody(const CardPayload& payload) {
  std::vector<std::uint8_t> body;
  body.reserve(2 + payload.keyId.size() + payload.cardId.size() + 4);
  appendId(body, payload.keyId);
  if (payload.kind == CardKind::static_card) {
    appendId(body, payload.cardId);
    appendBigEndian(body, static_cast<std::uint64_t>(payload.expiresOnDay), 2);
  } else {
    appendBigEndian(body, static_cast<std::uint64_t>(payload.timeStep), 4);
  }
  return body;
}

std::optional<Error> checkFields(const CardPayload& payload) {
  if (auto error = checkKeyId(payload.keyId)) return error;
  if (payload.kind == CardKind::static_card) {
    if (auto error = checkCardId(payload.cardId)) return error;
    if (payload.expiresOnDay < 0 || payload.expiresOnDay > kMaxExpiryDay) {
      return makeError(ErrorCode::invalid_input, "bad_expiry",
                       "A card expiry must fall between 1970-01-02 and 2149-06-06.");
    }
  } else if (payload.timeStep < 0 || payload.timeStep > kMaxTimeStep) {
    return makeError(ErrorCode::invalid_input, "bad_time_step",
                     "The code's time must fall between 1970 and the year 6053.");
  }
  return std::nullopt;
}

// Reads the body front to back; every read is bounds-checked.
class BodyReader {
 public:
  explicit BodyReader(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}

  bool id(std::string& out, std::size_t maxLength) {
    if (pos_ >= bytes_.size()) return false;
    const std::size_t length = bytes_[pos_];
    if (length == 0 || length > maxLength || bytes_.size() - pos_ - 1 < length) return false;
    out.assign(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + 1),
               bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + 1 + length));
    pos_ += 1 + length;
    return std::all_of(out.begin(), out.end(), isIdChar);
  }
  bool bigEndian(std::int64_t& out, std::size_t bytes) {
    if (bytes_.size() - pos_ < bytes) return false;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i) value = (value << 8) | bytes_[pos_ + i];
    pos_ += bytes;
    out = static_cast<std::int64_t>(value);
    return true;
  }
  // The signature must be exactly what is left: no trailing bytes hide in a payload.
  bool signature(Signature& out) {
    if (bytes_.size() - pos_ != out.size()) return false;
    std::copy(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_), bytes_.end(), out.begin());
    pos_ = bytes_.size();
    return true;
  }

 private:
  const std::vector<std::uint8_t>& bytes_;
  std::size_t pos_ = 0;
};

Error formatError(const char* reason, std::string message) {
  return makeError(ErrorCode::parse_error, reason, std::move(message));
}

}  // namespace

std::string_view toString(CardKind kind) noexcept {
  return kind == CardKind::static_card ? "static" : "rotating";
}

std::optional<Error> checkKeyId(std::string_view keyId) {
  return checkId(keyId, kMaxKeyIdLength, "bad_key_id", "key id");
}

std::optional<Error> checkCardId(std::string_view cardId) {
  return checkId(cardId, kMaxCardIdLength, "bad_card_id", "card id");
}

std::vector<std::uint8_t> signedMessage(const CardPayload& payload) {
  if (auto error = checkFields(payload)) throw std::invalid_argument(error->message);
  std::vector<std::uint8_t> message(kSignatureDomain.begin(), kSignatureDomain.end());
  message.push_back(0);
  const std::string_view prefix = prefixOf(payload.kind);
  message.insert(message.end(), prefix.begin(), prefix.end());
  const std::vector<std::uint8_t> body = unsignedBody(payload);
  message.insert(message.end(), body.begin(), body.end());
  return message;
}

Result<std::string> encodeCardPayload(const CardPayload& payload) {
  if (auto error = checkFields(payload)) return *error;
  std::vector<std::uint8_t> body = unsignedBody(payload);
  body.insert(body.end(), payload.signature.begin(), payload.signature.end());
  return std::string(prefixOf(payload.kind)) + encodeBase32(body);
}

Result<CardPayload> parseCardPayload(std::string_view text) {
  const bool looksVersioned = text.size() >= 3 && text.substr(0, 2) == "LY" && text[2] >= '0' &&
                              text[2] <= '9';
  if (!looksVersioned) {
    return formatError("not_a_member_card", "The code does not start with a member card prefix.");
  }
  if (text[2] != '1') {
    return formatError("unsupported_version", "The card payload is format version " +
                                                  std::string(1, text[2]) +
                                                  "; this terminal reads version 1.");
  }
  CardPayload payload;
  if (text.substr(0, 4) == kStaticPrefix) {
    payload.kind = CardKind::static_card;
  } else if (text.substr(0, 4) == kRotatingPrefix) {
    payload.kind = CardKind::rotating_code;
  } else {
    return formatError("malformed", "The card payload names no known card kind after 'LY1'.");
  }
  if (text.size() > kMaxPayloadLength) {
    return formatError("malformed", "The card payload is longer than any version 1 card.");
  }
  const auto body = decodeBase32(text.substr(4));
  if (!body) return formatError("malformed", "The card payload's body is not valid base32.");

  BodyReader reader(*body);
  bool ok = reader.id(payload.keyId, kMaxKeyIdLength);
  if (ok && payload.kind == CardKind::static_card) {
    ok = reader.id(payload.cardId, kMaxCardIdLength) && reader.bigEndian(payload.expiresOnDay, 2);
  } else if (ok) {
    ok = reader.bigEndian(payload.timeStep, 4);
  }
  ok = ok && reader.signature(payload.signature);
  if (!ok) {
    return formatError("malformed",
                       "The card payload's fields do not lay out as a version 1 " +
                           std::string(toString(payload.kind)) + " card.");
  }
  return payload;
}

}  // namespace loyalty::cards
