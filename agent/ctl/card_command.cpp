#include "card_command.h"

#include <vector>

#include "card_key_file.h"
#include "card_verdict_text.h"
#include "cards/card_signer.h"
#include "cards/card_verifier.h"
#include "cards/file_io.h"
#include "cards/public_key_text.h"
#include "cards/qr_code.h"
#include "engine/calendar.h"
#include "iso_instant.h"
#include "service/snapshot_card_keys.h"
#include "service/store_clock.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::ctl {

using service::StoreClock;
namespace {

constexpr std::size_t kMaxKeyFileBytes = 64U * 1024U;

Result<cards::SigningKey> loadSigningKey(const std::string& path) {
  auto pem = cards::readFileLimited(path, kMaxKeyFileBytes, "private key");
  if (!pem) return pem.error();
  auto key = cards::SigningKey::fromPem(pem.value());
  if (!key) {
    Error error = key.error();
    error.message = "The private key file '" + path + "': " + error.message;
    return error;
  }
  return std::move(key).value();
}

// "2027-12-31" -> days since 1970-01-01.
Result<std::int64_t> parseDay(const std::string& text) {
  const auto bad = [&] {
    return makeError(ErrorCode::parse_error, "bad_date",
                     "'" + text + "' is not a date; expected YYYY-MM-DD, e.g. 2027-12-31.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  engine::LocalDate date;
  int* parts[] = {&date.year, &date.month, &date.day};
  const std::size_t starts[] = {0, 5, 8}, lengths[] = {4, 2, 2};
  for (std::size_t part = 0; part < 3; ++part) {
    int value = 0;
    for (std::size_t i = starts[part]; i < starts[part] + lengths[part]; ++i) {
      if (text[i] < '0' || text[i] > '9') return bad();
      value = value * 10 + (text[i] - '0');
    }
    *parts[part] = value;
  }
  if (!engine::isValidDate(date)) return bad();
  return engine::daysFromCivil(date);
}

Result<std::string> finishPayload(const Result<std::string>& payload,
                                  const std::optional<std::string>& pngPath, int moduleSize) {
  if (!payload) return payload.error();
  if (pngPath) {
    auto written = cards::writeQrPng(payload.value(), *pngPath, cards::QrRenderOptions{moduleSize, 4});
    if (!written) return written.error();
  }
  return payload.value() + "\n";
}

std::string publicKeyLines(const cards::PublicKey& key) {
  return "public_key: " + cards::publicKeyToBase64Url(key) + "\npublic_key_hex: " +
         cards::publicKeyToHex(key) + "\n";
}

}  // namespace

Result<std::string> runCardIssue(const CardIssueOptions& options) {
  auto key = loadSigningKey(options.keyPath);
  if (!key) return key.error();
  std::optional<std::int64_t> expires;
  if (options.expires) {
    auto day = parseDay(*options.expires);
    if (!day) return day.error();
    expires = day.value();
  }
  const cards::CardSigner signer(std::move(key).value());
  return finishPayload(signer.staticCard(options.keyId, options.cardId, expires), options.pngPath,
                       options.moduleSize);
}

Result<std::string> runCardCode(const CardCodeOptions& options, std::int64_t nowEpochSeconds) {
  auto at = instantOrNow(options.at, nowEpochSeconds);
  if (!at) return at.error();
  auto key = loadSigningKey(options.deviceKeyPath);
  if (!key) return key.error();
  const cards::CardSigner signer(std::move(key).value());
  return finishPayload(signer.rotatingCode(options.keyId, at.value()), options.pngPath,
                       options.moduleSize);
}

Result<CardVerifyOutput> runCardVerify(const CardVerifyOptions& options,
                                       std::int64_t nowEpochSeconds) {
  if (options.imagePath.has_value() == options.payload.has_value()) {
    return makeError(ErrorCode::invalid_input, "bad_arguments",
                     "Give exactly one of --image FILE and --payload TEXT.");
  }
  auto now = instantOrNow(options.at, nowEpochSeconds);
  if (!now) return now.error();
  auto clock = StoreClock::forZone(options.timeZone.value_or("UTC"));
  if (!clock) return clock.error();
  const std::int64_t storeDay = engine::daysFromCivil(clock->at(now.value()).localDate);
  if (options.databasePath.has_value() == !options.keysPath.empty()) {
    return makeError(ErrorCode::invalid_input, "bad_arguments", "Give exactly one of --keys FILE and --db FILE.");
  }
  // The terminal's own view: the keys and revocations of its active snapshot.
  std::unique_ptr<store::StoreDatabase> database;
  std::unique_ptr<store::SqliteSnapshotStore> snapshot;
  std::unique_ptr<service::SnapshotCardKeys> snapshotKeys;
  std::optional<cards::MemoryCardKeyDirectory> fileKeys;
  if (options.databasePath) {
    store::StoreOptions storeOptions;
    storeOptions.path = *options.databasePath;
    storeOptions.create = false;
    auto opened = store::StoreDatabase::open(storeOptions);
    if (!opened) return opened.error();
    database = std::move(opened.value());
    snapshot = std::make_unique<store::SqliteSnapshotStore>(*database);
    snapshotKeys = std::make_unique<service::SnapshotCardKeys>(*snapshot);
  } else {
    auto loaded = loadCardKeyFile(options.keysPath);
    if (!loaded) return loaded.error();
    fileKeys.emplace(std::move(loaded.value()));
  }
  const cards::CardKeyDirectory& keys =
      snapshotKeys ? static_cast<const cards::CardKeyDirectory&>(*snapshotKeys) : *fileKeys;

  std::vector<std::string> texts;
  if (options.payload) {
    texts.push_back(*options.payload);
  } else {
    auto decoded = cards::decodeImageFile(*options.imagePath);
    if (!decoded) return decoded.error();
    texts = std::move(decoded).value();
  }
  // loyaltyctl keeps no record between runs (and never writes the terminal's replay
  // memory: checking a code must not use it up): replay is checked within this run only.
  cards::MemoryReplayGuard replays;
  const cards::CardVerifier verifier(keys, replays);
  std::vector<ScannedCode> scanned;
  CardVerifyOutput output;
  for (const std::string& text : texts) {
    scanned.push_back(ScannedCode{text, verifier.verify(text, now.value(), storeDay)});
    output.accepted = output.accepted || scanned.back().verdict.accepted;
  }
  const VerifyContext context{now.value(), clock->zoneName(), options.imagePath.has_value()};
  output.text = options.format == OutputFormat::json ? verdictsToJson(scanned, context)
                                                     : verdictsToText(scanned, context);
  return output;
}

Result<std::string> runCardKeygen(const std::string& outPath) {
  auto key = cards::SigningKey::generate();
  if (!key) return key.error();
  auto pem = key->toPem();
  if (!pem) return pem.error();
  auto written = cards::writePrivateFile(outPath, pem.value(), cards::ExistingFile::refuse);
  if (!written) return written.error();
  return publicKeyLines(key->publicKey());
}

Result<std::string> runCardPublicKey(const std::string& keyPath) {
  auto key = loadSigningKey(keyPath);
  if (!key) return key.error();
  return publicKeyLines(key->publicKey());
}

}  // namespace loyalty::ctl
