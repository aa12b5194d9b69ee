#include "card_key_file.h"

#include <optional>
#include <set>

#include "cards/card_payload.h"
#include "cards/public_key_text.h"
#include "codec/json_document.h"
#include "codec/json_reader.h"
#include "command_inputs.h"
#include "iso_instant.h"
#include "text_file.h"

namespace loyalty::ctl {
namespace {

using codec::Issues;
using codec::Json;
using codec::ObjectReader;

cards::PublicKey readPublicKey(ObjectReader& object) {
  const std::string text = object.requiredString("public_key");
  if (text.empty()) return {};
  const auto key = cards::parsePublicKey(text);
  if (!key) {
    object.issues().add(object.pointerOf("public_key"), "bad_public_key",
                        "a public key is 43 base64url characters or 64 hex digits (32 bytes).");
    return {};
  }
  if (cards::isWeakPublicKey(*key)) {
    object.issues().add(object.pointerOf("public_key"), "weak_public_key",
                        "this is a small-order Ed25519 point, which would verify forged "
                        "signatures; it cannot be a card key.");
  }
  return *key;
}

std::string readId(ObjectReader& object, std::string_view field,
                   std::optional<Error> (*check)(std::string_view)) {
  std::string id = object.requiredString(field);
  if (!id.empty()) {
    if (auto error = check(id)) object.issues().add(object.pointerOf(field), error->reason, error->message);
  }
  return id;
}

std::optional<std::int64_t> readInstant(ObjectReader& object, std::string_view field) {
  const std::optional<std::string> text = object.optionalString(field);
  if (!text) return std::nullopt;
  auto instant = parseIsoInstant(*text);
  if (!instant) {
    object.issues().add(object.pointerOf(field), instant.error().reason, instant.error().message);
    return std::nullopt;
  }
  return instant.value();
}

void noDuplicate(std::set<std::string>& seen, const std::string& id, ObjectReader& object) {
  if (!id.empty() && !seen.insert(id).second) {
    object.issues().add(object.pointerOf("key_id"), "duplicate_key_id",
                        "key id \"" + id + "\" is listed twice.");
  }
}

}  // namespace

Result<cards::MemoryCardKeyDirectory> parseCardKeyFile(std::string_view text) {
  Issues issues;
  const std::optional<Json> document = codec::parseDocument(text, issues);
  cards::MemoryCardKeyDirectory directory;
  if (document) {
    ObjectReader root(*document, "", issues);
    std::set<std::string> issuerIds, deviceIds;
    root.forEach("issuer_keys", false, [&](const Json& value, const std::string& pointer, std::size_t) {
      ObjectReader entry(value, pointer, issues);
      const std::string keyId = readId(entry, "key_id", cards::checkKeyId);
      noDuplicate(issuerIds, keyId, entry);
      cards::IssuerKey key;
      key.publicKey = readPublicKey(entry);
      key.validFromUnix = readInstant(entry, "valid_from");
      key.validUntilUnix = readInstant(entry, "valid_until");
      if (key.validFromUnix && key.validUntilUnix && *key.validUntilUnix <= *key.validFromUnix) {
        issues.add(entry.pointerOf("valid_until"), "empty_validity",
                   "valid_until must come after valid_from.");
      }
      entry.finish();
      directory.addIssuerKey(keyId, key);
    });
    root.forEach("device_keys", false, [&](const Json& value, const std::string& pointer, std::size_t) {
      ObjectReader entry(value, pointer, issues);
      const std::string keyId = readId(entry, "key_id", cards::checkKeyId);
      noDuplicate(deviceIds, keyId, entry);
      cards::DeviceKey key;
      key.publicKey = readPublicKey(entry);
      key.memberId = entry.requiredString("member_id");
      if (entry.has("card_id")) key.cardId = readId(entry, "card_id", cards::checkCardId);
      key.revoked = entry.boolean("revoked", false);
      entry.finish();
      directory.addDeviceKey(keyId, key);
    });
    const std::vector<std::string> revoked = root.stringList("revoked_cards");
    for (const std::string& cardId : revoked) directory.revokeCard(cardId);
    root.finish();
  }
  if (!issues.empty()) {
    const auto count = issues.size();
    return makeError(ErrorCode::invalid_input, "invalid_key_file",
                     "the key file has " + std::to_string(count) +
                         (count == 1 ? " problem" : " problems") + ":\n" +
                         formatIssues(issues.list()));
  }
  return directory;
}

Result<cards::MemoryCardKeyDirectory> loadCardKeyFile(const std::string& path) {
  auto text = readTextFile(path, "card key");
  if (!text) return text.error();
  auto directory = parseCardKeyFile(text.value());
  if (!directory) {
    Error error = directory.error();
    error.message = "The card key file '" + path + "' is not valid: " + error.message;
    return error;
  }
  return std::move(directory).value();
}

}  // namespace loyalty::ctl
