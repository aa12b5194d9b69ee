#include "command_line.h"

#include <exception>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bundle_command.h"
#include "card_command.h"
#include "event_command.h"
#include "iso_instant.h"
#include "ledger_command.h"
#include "quote_command.h"
#include "return_command.h"
#include "snapshot_command.h"
#include "terminal_command.h"

namespace loyalty::ctl {
namespace {

// Raw values as CLI11 fills them; turned into the commands' option structs after parsing.
struct RawArgs {
  std::string bundle, member, basket, at, burn, context, saleId, format = "json";
  std::vector<std::string> redeem, rewards;
  std::string sale, lines, returnedBefore;
  std::vector<std::string> lineArgs;
  std::string checkFile;
  std::string event, timeZone, creditId;
  std::string database, terminal, storeId, snapshotFile, out, cardKeyPrivate, cardKeyId = "hq-card-1", createdAt;
  std::int64_t members = 0, version = 1;
  std::uint64_t seed = 1;
  std::string memberId;
  std::string key, keyId, card, expires, png, image, payload, keys;  // card commands (out: above)
  int moduleSize = 8;
};

std::optional<std::string> given(const CLI::Option* option, const std::string& value) {
  return option->count() > 0 ? std::optional<std::string>(value) : std::nullopt;
}

OutputFormat formatOf(const std::string& name) {
  return name == "text" ? OutputFormat::text : OutputFormat::json;
}

int finish(const Result<std::string>& outcome, std::ostream& out, std::ostream& err) {
  if (!outcome) {
    const Error& error = outcome.error();
    err << "error: " << error.reason << ": " << error.message;
    if (error.message.empty() || error.message.back() != '\n') err << '\n';
    return kExitBadInput;
  }
  out << outcome.value();
  out.flush();
  return kExitOk;
}

int run(int argc, const char* const* argv, std::int64_t now, std::ostream& out,
        std::ostream& err) {
  RawArgs raw;
  CLI::App app{"loyaltyctl: price baskets, compute returns and check rule bundles offline, "
               "exactly as a terminal would."};
  app.require_subcommand(1);

  auto* quote = app.add_subcommand("quote", "Price a basket with a rule bundle.");
  quote->add_option("--bundle", raw.bundle, "Rule bundle JSON")->required();
  auto* memberOpt = quote->add_option("--member", raw.member, "Member JSON (omit: anonymous)");
  quote->add_option("--basket", raw.basket, "Basket JSON")->required();
  auto* atOpt = quote->add_option("--at", raw.at, "Instant, ISO-8601 with Z or offset (default: now)");
  quote->add_option("--redeem", raw.redeem, "Voucher code (repeatable)")->take_all()->allow_extra_args(false);
  quote->add_option("--reward", raw.rewards, "Reward item ID[:QTY] (repeatable)")->take_all()->allow_extra_args(false);
  auto* burnOpt = quote->add_option("--burn", raw.burn, "Points to burn: N or max");
  auto* contextOpt = quote->add_option("--context", raw.context, "Quote context JSON");
  auto* saleIdOpt = quote->add_option("--sale-id", raw.saleId, "Sale id (default: store + instant)");
  quote->add_option("--format", raw.format, "json or text")->check(CLI::IsMember({"json", "text"}));

  auto* ret = app.add_subcommand("return", "Compute the reversal of lines of an earlier sale.");
  ret->add_option("--bundle", raw.bundle, "Rule bundle JSON")->required();
  ret->add_option("--sale", raw.sale, "Quote result JSON of the sale")->required();
  auto* linesOpt = ret->add_option("--lines", raw.lines, "Returned lines JSON");
  ret->add_option("--line", raw.lineArgs, "Returned line N:QTY (repeatable)")->take_all()->allow_extra_args(false);
  auto* beforeOpt = ret->add_option("--returned-before", raw.returnedBefore, "Lines JSON of earlier returns");
  auto* retMemberOpt = ret->add_option("--member", raw.member, "Member JSON, state now");
  auto* retAtOpt = ret->add_option("--at", raw.at, "Instant, ISO-8601 with Z or offset (default: now)");
  auto* retContextOpt = ret->add_option("--context", raw.context, "Quote context JSON (disabled campaigns)");
  ret->add_option("--format", raw.format, "json or text")->check(CLI::IsMember({"json", "text"}));

  auto* event = app.add_subcommand("event", "Credit a non-transactional event (social share...).");
  event->add_option("--bundle", raw.bundle, "Rule bundle JSON")->required();
  event->add_option("--member", raw.member, "Member JSON")->required();
  event->add_option("--event", raw.event, "Event name, e.g. social_share")->required();
  auto* eventAtOpt = event->add_option("--at", raw.at, "Instant, ISO-8601 with Z or offset (default: now)");
  auto* zoneOpt = event->add_option("--time-zone", raw.timeZone, "IANA zone for cap periods (default: the member's program's first store)");
  auto* creditOpt = event->add_option("--credit-id", raw.creditId, "Credit id (default: member, event, instant)");
  event->add_option("--format", raw.format, "json or text")->check(CLI::IsMember({"json", "text"}));

  auto* bundle = app.add_subcommand("bundle", "Rule bundle tools.");
  bundle->require_subcommand(1);
  auto* check = bundle->add_subcommand("check", "Validate a rule bundle.");
  check->add_option("FILE", raw.checkFile, "Rule bundle JSON")->required();

  auto* snapshot = app.add_subcommand("snapshot", "Terminal snapshot files.");
  snapshot->require_subcommand(1);
  auto* snapshotImport = snapshot->add_subcommand("import", "Load a snapshot file into a terminal's database.");
  snapshotImport->add_option("--db", raw.database, "Terminal database file (created if missing)")->required();
  snapshotImport->add_option("--terminal", raw.terminal, "This terminal's id")->required();
  auto* importStoreOpt = snapshotImport->add_option("--store", raw.storeId, "Refuse a snapshot for another store");
  snapshotImport->add_option("FILE", raw.snapshotFile, "Snapshot file (NDJSON)")->required();
  auto* generate = snapshot->add_subcommand("generate", "Write a realistic test snapshot file.");
  generate->add_option("--members", raw.members, "Number of members")->required();
  generate->add_option("--bundle", raw.bundle, "Rule bundle JSON")->required();
  generate->add_option("--store", raw.storeId, "Store id (of the bundle)")->required();
  generate->add_option("--out", raw.out, "Snapshot file to write")->required();
  generate->add_option("--seed", raw.seed, "Seed: the same seed gives the same file (default 1)");
  auto* keyOpt = generate->add_option("--card-key-private", raw.cardKeyPrivate,
                                      "HQ card key, Ed25519 private key PEM (default: derived, written beside --out)");
  generate->add_option("--card-key-id", raw.cardKeyId, "Key id of the card key (default hq-card-1)");
  generate->add_option("--version", raw.version, "Snapshot version (default 1)");
  auto* createdOpt = generate->add_option("--created-at", raw.createdAt, "Creation instant, ISO-8601 (default: now)");

  auto* statusCommand = app.add_subcommand("status", "What a terminal's database holds: snapshot, ledger backlog, disk.");
  statusCommand->add_option("--db", raw.database, "Terminal database file")->required();
  auto* memberCommand = app.add_subcommand("member", "A member as the terminal sees them (snapshot plus local entries).");
  memberCommand->add_option("--db", raw.database, "Terminal database file")->required();
  memberCommand->add_option("--id", raw.memberId, "Member id")->required();
  auto* ledger = app.add_subcommand("ledger", "Terminal ledger tools.");
  ledger->require_subcommand(1);
  auto* ledgerVerify = ledger->add_subcommand("verify", "Check a ledger's sequence and hash chain.");
  ledgerVerify->add_option("--db", raw.database, "Terminal database file")->required();
  auto* card = app.add_subcommand("card", "Member QR cards: issue, verify, rotating codes, keys.");
  card->require_subcommand(1);
  auto* issue = card->add_subcommand("issue", "Sign a static member card; print its payload.");
  issue->add_option("--key", raw.key, "HQ card private key, PEM")->required();
  issue->add_option("--key-id", raw.keyId, "The key's id in the snapshot")->required();
  issue->add_option("--card", raw.card, "Printed card number")->required();
  auto* expiresOpt = issue->add_option("--expires", raw.expires, "Last valid day, YYYY-MM-DD (default: never)");
  auto* issuePngOpt = issue->add_option("--png", raw.png, "Also write the QR code as PNG (0600)");
  issue->add_option("--module-size", raw.moduleSize, "PNG pixels per QR module (default 8)")->check(CLI::Range(1, 64));
  auto* code = card->add_subcommand("code", "A rotating app code, as the member's phone shows it.");
  code->add_option("--device-key", raw.key, "Device private key, PEM")->required();
  code->add_option("--key-id", raw.keyId, "The device key's id as HQ registered it")->required();
  auto* codeAtOpt = code->add_option("--at", raw.at, "Instant, ISO-8601 with Z or offset (default: now)");
  auto* codePngOpt = code->add_option("--png", raw.png, "Also write the QR code as PNG (0600)");
  code->add_option("--module-size", raw.moduleSize, "PNG pixels per QR module (default 8)")->check(CLI::Range(1, 64));
  auto* verify = card->add_subcommand("verify", "Verify a card picture or payload and explain the verdict.");
  auto* imageOpt = verify->add_option("--image", raw.image, "PNG or JPEG picture of the code");
  auto* payloadOpt = verify->add_option("--payload", raw.payload, "The scanned text");
  auto* verifyKeysOpt = verify->add_option("--keys", raw.keys, "Card key file JSON (docs/member-cards.md)");
  auto* verifyDbOpt = verify->add_option("--db", raw.database, "A terminal's database: its snapshot's keys");
  verifyKeysOpt->excludes(verifyDbOpt);
  auto* verifyAtOpt = verify->add_option("--at", raw.at, "The terminal's clock, ISO-8601 (default: now)");
  auto* verifyZoneOpt = verify->add_option("--time-zone", raw.timeZone, "IANA zone of the store for card expiry dates (default UTC)");
  verify->add_option("--format", raw.format, "text or json (default text)")->check(CLI::IsMember({"json", "text"}));
  auto* keygen = card->add_subcommand("keygen", "Make an Ed25519 key pair; print the public key.");
  keygen->add_option("--out", raw.out, "Private key file to create (0600, never overwritten)")->required();
  auto* publicKey = card->add_subcommand("public-key", "Print the public key of a private key file.");
  publicKey->add_option("--key", raw.key, "Private key, PEM")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "error: usage: " << e.what() << "\nRun 'loyaltyctl --help' (or 'loyaltyctl "
        << "COMMAND --help') for usage.\n";
    return kExitBadInput;
  }

  if (quote->parsed()) {
    QuoteOptions options;
    options.bundlePath = raw.bundle;
    options.memberPath = given(memberOpt, raw.member);
    options.basketPath = raw.basket;
    options.at = given(atOpt, raw.at);
    options.redeemCodes = raw.redeem;
    options.rewards = raw.rewards;
    options.burn = given(burnOpt, raw.burn);
    options.contextPath = given(contextOpt, raw.context);
    options.saleId = given(saleIdOpt, raw.saleId);
    options.format = formatOf(raw.format);
    return finish(runQuote(options, now), out, err);
  }
  if (ret->parsed()) {
    ReturnOptions options;
    options.bundlePath = raw.bundle;
    options.salePath = raw.sale;
    options.linesPath = given(linesOpt, raw.lines);
    options.lineArgs = raw.lineArgs;
    options.returnedBeforePath = given(beforeOpt, raw.returnedBefore);
    options.memberPath = given(retMemberOpt, raw.member);
    options.at = given(retAtOpt, raw.at);
    options.contextPath = given(retContextOpt, raw.context);
    options.format = formatOf(raw.format);
    return finish(runReturn(options, now), out, err);
  }
  if (event->parsed()) {
    EventOptions options;
    options.bundlePath = raw.bundle;
    options.memberPath = raw.member;
    options.event = raw.event;
    options.at = given(eventAtOpt, raw.at);
    options.timeZone = given(zoneOpt, raw.timeZone);
    options.creditId = given(creditOpt, raw.creditId);
    options.format = formatOf(raw.format);
    return finish(runEvent(options, now), out, err);
  }
  if (snapshotImport->parsed()) {
    return finish(runSnapshotImport(SnapshotImportOptions{raw.database, raw.terminal,
                                                          given(importStoreOpt, raw.storeId), raw.snapshotFile}),
                  out, err);
  }
  if (generate->parsed()) {
    auto createdAt = instantOrNow(given(createdOpt, raw.createdAt), now);
    if (!createdAt) return finish(createdAt.error(), out, err);
    SnapshotGeneratorOptions options;
    options.members = raw.members;
    options.bundlePath = raw.bundle;
    options.storeId = raw.storeId;
    options.outPath = raw.out;
    options.seed = raw.seed;
    options.cardKeyPrivatePath = given(keyOpt, raw.cardKeyPrivate);
    options.cardKeyId = raw.cardKeyId;
    options.version = raw.version;
    options.createdAt = createdAt.value();
    return finish(runSnapshotGenerate(options), out, err);
  }
  if (statusCommand->parsed()) return finish(runStatus(TerminalQueryOptions{raw.database, now}), out, err);
  if (memberCommand->parsed()) return finish(runMember(TerminalQueryOptions{raw.database, now}, raw.memberId), out, err);
  if (ledgerVerify->parsed()) {
    auto outcome = runLedgerVerify(raw.database);
    if (!outcome) return finish(outcome.error(), out, err);
    out << outcome->text;
    out.flush();
    return outcome->intact ? kExitOk : kExitVerifyFailed;
  }
  if (issue->parsed()) {
    CardIssueOptions options;
    options.keyPath = raw.key;
    options.keyId = raw.keyId;
    options.cardId = raw.card;
    options.expires = given(expiresOpt, raw.expires);
    options.pngPath = given(issuePngOpt, raw.png);
    options.moduleSize = raw.moduleSize;
    return finish(runCardIssue(options), out, err);
  }
  if (code->parsed()) {
    CardCodeOptions options;
    options.deviceKeyPath = raw.key;
    options.keyId = raw.keyId;
    options.at = given(codeAtOpt, raw.at);
    options.pngPath = given(codePngOpt, raw.png);
    options.moduleSize = raw.moduleSize;
    return finish(runCardCode(options, now), out, err);
  }
  if (verify->parsed()) {
    CardVerifyOptions options;
    options.imagePath = given(imageOpt, raw.image);
    options.payload = given(payloadOpt, raw.payload);
    options.keysPath = raw.keys;
    options.databasePath = given(verifyDbOpt, raw.database);
    options.at = given(verifyAtOpt, raw.at);
    options.timeZone = given(verifyZoneOpt, raw.timeZone);
    // Verification explains itself to a person by default; other commands default to JSON.
    options.format = raw.format == "json" && verify->count("--format") > 0 ? OutputFormat::json
                                                                          : OutputFormat::text;
    auto verdicts = runCardVerify(options, now);
    if (!verdicts) return finish(verdicts.error(), out, err);
    const int status = finish(verdicts->text, out, err);
    return verdicts->accepted ? status : kExitCardRefused;
  }
  if (keygen->parsed()) return finish(runCardKeygen(raw.out), out, err);
  if (publicKey->parsed()) return finish(runCardPublicKey(raw.key), out, err);
  return finish(runBundleCheck(raw.checkFile), out, err);
}

}  // namespace

int runCommandLine(int argc, const char* const* argv, std::int64_t nowEpochSeconds,
                   std::ostream& out, std::ostream& err) noexcept {
  try {
    return run(argc, argv, nowEpochSeconds, out, err);
  } catch (const std::exception& e) {
    // A bug, not bad input: say so plainly rather than crash.
    try {
      err << "error: internal_error: " << e.what() << "\n";
    } catch (...) {
    }
    return kExitInternal;
  } catch (...) {
    try {
      err << "error: internal_error: unknown exception\n";
    } catch (...) {
    }
    return kExitInternal;
  }
}

}  // namespace loyalty::ctl
