// `loyaltyctl card ...`: member QR cards from the command line. HQ staff issue printed
// cards and make key pairs; anyone can verify a card picture or payload offline against a
// key file, with the verdict explained; `card code` is the phone app's reference.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/result.h"
#include "quote_command.h"

namespace loyalty::ctl {

struct CardIssueOptions {
  std::string keyPath;                  // HQ card key, PEM (loyaltyctl card keygen)
  std::string keyId;                    // its id in the snapshot
  std::string cardId;                   // the printed card number
  std::optional<std::string> expires;   // YYYY-MM-DD, last valid day; absent: never
  std::optional<std::string> pngPath;   // also write the QR picture here (0600)
  int moduleSize = 8;                   // PNG pixels per QR module
};

struct CardCodeOptions {
  std::string deviceKeyPath;            // the phone's device key, PEM
  std::string keyId;                    // its id as HQ registered it
  std::optional<std::string> at;        // instant of the code; absent: now
  std::optional<std::string> pngPath;
  int moduleSize = 8;
};

struct CardVerifyOptions {
  std::optional<std::string> imagePath;  // exactly one of image and payload
  std::optional<std::string> payload;
  std::string keysPath;                  // card key file (docs/member-cards.md), or:
  std::optional<std::string> databasePath;  // a terminal's database: its snapshot's keys and revocations
  std::optional<std::string> at;         // the terminal's clock; absent: now
  std::optional<std::string> timeZone;   // store zone for card expiry dates; absent: UTC
  OutputFormat format = OutputFormat::text;
};

struct CardVerifyOutput {
  std::string text;
  bool accepted = false;  // some code in the input was accepted
};

// Prints the payload and a newline. Errors: key file, id, date and PNG errors.
[[nodiscard]] Result<std::string> runCardIssue(const CardIssueOptions& options);
// Prints the rotating code for the step containing --at (or now).
[[nodiscard]] Result<std::string> runCardCode(const CardCodeOptions& options,
                                              std::int64_t nowEpochSeconds);
// Every code found in the picture (or the one payload) with its verdict. A refused card is
// not an error: it is output, with accepted == false.
[[nodiscard]] Result<CardVerifyOutput> runCardVerify(const CardVerifyOptions& options,
                                                     std::int64_t nowEpochSeconds);
// Writes a new Ed25519 private key (0600, never over an existing file) and prints its
// public key as "public_key: BASE64URL" and "public_key_hex: HEX" lines.
[[nodiscard]] Result<std::string> runCardKeygen(const std::string& outPath);
// The same two lines for an existing private key.
[[nodiscard]] Result<std::string> runCardPublicKey(const std::string& keyPath);

}  // namespace loyalty::ctl
