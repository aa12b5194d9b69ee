// The snapshot file codec: a full round trip through the writer and the streaming reader,
// every kind of bad header and bad record line (each error names its line and field), and
// truncated files.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "codec/member_codec.h"
#include "codec/snapshot_codec.h"
#include "codec_test_support.h"

using namespace loyalty;
using namespace loyalty::codec;

namespace {

const std::string kMember =
    R"({"id":"m-anna","program":"demo-de","status":"active","display_name":"Anna B.","tier":"gold",)"
    R"("lots":[{"id":"s1/reward","currency":"reward","points":320,"earned_on":"2025-11-02","expires_on":"2026-11-02"}]})";

std::string headerLine(std::int64_t version = 3) {
  return snapshotHeaderLine(version, "berlin-01", 1'780'000'000, {{"till-1", 41}, {"till-2", 7}},
                            codec_test::exampleBundle());
}

std::string file(const std::vector<std::string>& records, bool withEnd = true) {
  std::string text = headerLine() + "\n";
  for (const std::string& line : records) text += line + "\n";
  if (withEnd) text += snapshotEndLine(static_cast<std::int64_t>(records.size())) + "\n";
  return text;
}

// Reads the whole file; the first error, or the records.
Result<std::vector<SnapshotRecord>> readAll(const std::string& text) {
  std::istringstream in(text);
  SnapshotFileReader reader(in);
  auto header = reader.readHeader();
  if (!header) return header.error();
  std::vector<SnapshotRecord> records;
  for (;;) {
    auto next = reader.next();
    if (!next) return next.error();
    if (!next->has_value()) return records;
    records.push_back(std::move(**next));
  }
}

Error errorOf(const std::string& text) {
  auto read = readAll(text);
  REQUIRE_FALSE(read.ok());
  return read.error();
}

PublicKeyBytes sampleKey(std::uint8_t seed) {
  PublicKeyBytes key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(seed * 31 + i * 7);
  return key;
}

}  // namespace

TEST_CASE("snapshot codec: every record kind round-trips through writer and reader", "[codec][snapshot]") {
  SnapshotMember member{parseMember(kMember).value(), {}};
  const std::vector<SnapshotRecord> written = {
      member,
      SnapshotCard{"c-1", "m-anna"},
      SnapshotCardKey{"hq-2026", sampleKey(1), 1'767'225'600, 1'798'761'600},
      SnapshotCardKey{"hq-open", sampleKey(2), std::nullopt, std::nullopt},
      SnapshotDeviceKey{"dk-1", "m-anna", sampleKey(3), true},
      SnapshotRevokedCard{"c-9"},
      engine::CampaignUsage{"welcome500", 499, 249'500, 1'873'420},
      SnapshotUsedVoucher{"GIFT-1234"},
      SnapshotDisabledCampaign{"spring-sale"},
      SnapshotOfflineAllowance{"m-anna", 750}};
  std::vector<std::string> lines;
  for (const SnapshotRecord& record : written) lines.push_back(snapshotRecordLine(record));
  const std::string text = file(lines);

  std::istringstream in(text);
  SnapshotFileReader reader(in);
  auto header = reader.readHeader();
  REQUIRE(header.ok());
  CHECK(header->version == 3);
  CHECK(header->storeId == "berlin-01");
  CHECK(header->createdAt == 1'780'000'000);
  CHECK(header->ledgerIncluded == std::map<std::string, std::int64_t>{{"till-1", 41}, {"till-2", 7}});
  CHECK(header->bundle.version == 1);
  CHECK(header->bundleHash == bundleHash(codec_test::exampleBundle()));
  CHECK(loadBundle(header->bundleText).bundle->hash == header->bundleHash);

  auto read = readAll(text);
  REQUIRE(read.ok());
  REQUIRE(read->size() == written.size());
  const auto& readMember = std::get<SnapshotMember>(read->at(0));
  CHECK(readMember.member == member.member);
  CHECK(parseMember(readMember.json).value() == member.member);  // the kept text is a valid member
  CHECK(std::get<SnapshotCard>(read->at(1)).memberId == "m-anna");
  const auto& key = std::get<SnapshotCardKey>(read->at(2));
  CHECK(key.publicKey == sampleKey(1));
  CHECK(key.validFrom == std::optional<std::int64_t>(1'767'225'600));
  CHECK(key.validUntil == std::optional<std::int64_t>(1'798'761'600));
  CHECK_FALSE(std::get<SnapshotCardKey>(read->at(3)).validFrom.has_value());
  CHECK(std::get<SnapshotDeviceKey>(read->at(4)).revoked);
  CHECK(std::get<SnapshotDeviceKey>(read->at(4)).publicKey == sampleKey(3));
  CHECK(std::get<SnapshotRevokedCard>(read->at(5)).cardId == "c-9");
  CHECK(std::get<engine::CampaignUsage>(read->at(6)) == engine::CampaignUsage{"welcome500", 499, 249'500, 1'873'420});
  CHECK(std::get<SnapshotUsedVoucher>(read->at(7)).code == "GIFT-1234");
  CHECK(std::get<SnapshotDisabledCampaign>(read->at(8)).campaignId == "spring-sale");
  CHECK(std::get<SnapshotOfflineAllowance>(read->at(9)).points == 750);
}

TEST_CASE("snapshot codec: CRLF lines and blank lines after the trailer are accepted", "[codec][snapshot]") {
  std::string text = headerLine() + "\r\n" + snapshotRecordLine(SnapshotRevokedCard{"c-1"}) + "\r\n" +
                     snapshotEndLine(1) + "\r\n\n\n";
  auto read = readAll(text);
  REQUIRE(read.ok());
  CHECK(read->size() == 1);
  // The trailer may also end the file without a newline.
  text = headerLine() + "\n" + snapshotEndLine(0);
  CHECK(readAll(text).ok());
}

TEST_CASE("snapshot codec: bad headers are refused with a reason", "[codec][snapshot]") {
  CHECK(errorOf("").reason == "missing_header");
  CHECK(errorOf(snapshotRecordLine(SnapshotRevokedCard{"c-1"}) + "\n").reason == "missing_header");
  CHECK(errorOf("{\"type\": \"header\",\n").reason == "malformed_json");

  auto header = nlohmann::json::parse(headerLine());
  auto withHeader = [](const nlohmann::json& h) { return h.dump() + "\n" + snapshotEndLine(0) + "\n"; };
  auto changed = [&](const std::string& key, const nlohmann::json& value) {
    auto copy = header;
    copy[key] = value;
    return errorOf(withHeader(copy));
  };
  CHECK(changed("format", 2).reason == "unsupported_format");
  CHECK(changed("version", 0).reason == "out_of_range");
  CHECK(changed("store_id", "paris-99").reason == "unknown_store");
  CHECK(changed("created_at", "yesterday").reason == "invalid_instant");
  CHECK(changed("ledger_included", nlohmann::json{{"till-1", -1}}).reason == "out_of_range");
  CHECK(changed("ledger_included", 5).reason == "wrong_type");
  CHECK(changed("bundle", "not an object").reason == "wrong_type");
  CHECK(changed("surprise", true).reason == "unknown_field");
  auto badBundle = codec_test::exampleBundle();
  badBundle["programs"][0]["tiers"][1]["threshold"] = -5;
  const Error invalid = changed("bundle", badBundle);
  CHECK(invalid.reason == "invalid_bundle");
  CHECK(invalid.message.rfind("line 1: /bundle/programs/0/tiers/1/threshold: ", 0) == 0);
  auto missing = header;
  missing.erase("store_id");
  const Error noStore = errorOf(withHeader(missing));
  CHECK(noStore.reason == "missing_field");
  CHECK(noStore.message.rfind("line 1: /store_id: ", 0) == 0);
}

TEST_CASE("snapshot codec: every kind of bad record names its line and field", "[codec][snapshot]") {
  const std::string good = snapshotRecordLine(SnapshotCard{"c-1", "m-anna"});
  auto errorAt3 = [&](const std::string& bad) {
    const Error error = errorOf(file({good, bad, good}));
    INFO(error.message);
    CHECK(error.message.rfind("line 3: ", 0) == 0);
    return error;
  };
  CHECK(errorAt3("{\"type\":\"card\",").reason == "malformed_json");
  CHECK(errorAt3("{\"type\":\"card\",\"card\":\"a\",\"card\":\"b\",\"member\":\"m\"}").reason == "duplicate_key");
  CHECK(errorAt3("[1,2]").reason == "missing_field");
  CHECK(errorAt3("{\"card\":\"c\"}").reason == "missing_field");
  CHECK(errorAt3("{\"type\":\"gift_card\"}").reason == "unknown_record_type");
  CHECK(errorAt3("{\"type\":\"card\",\"card\":\"c-2\"}").message.find("/member") != std::string::npos);
  CHECK(errorAt3("{\"type\":\"card\",\"card\":\"c-2\",\"member\":\"m\",\"pin\":\"1234\"}").reason == "unknown_field");
  CHECK(errorAt3("{\"type\":\"offline_allowance\",\"member\":\"m\",\"points\":\"500\"}").reason == "wrong_type");
  CHECK(errorAt3("{\"type\":\"offline_allowance\",\"member\":\"m\",\"points\":-1}").reason == "out_of_range");
  CHECK(errorAt3("{\"type\":\"campaign_usage\",\"campaign\":\"c\",\"redemptions\":1.5}").reason == "wrong_type");
  CHECK(errorAt3("{\"type\":\"device_key\",\"key\":\"k\",\"member\":\"m\",\"public_key\":\"short\"}").reason ==
        "invalid_key");
  CHECK(errorAt3("{\"type\":\"card_key\",\"key\":\"k\",\"public_key\":\"" + std::string(64, 'g') + "\"}").reason ==
        "invalid_key");
  CHECK(errorAt3("{\"type\":\"card_key\",\"key\":\"k\",\"public_key\":\"" + encodePublicKey(sampleKey(1)) +
                 "\",\"valid_from\":\"2026-13-01T00:00:00Z\"}")
            .reason == "invalid_instant");
  CHECK(errorAt3("{\"type\":\"card_key\",\"key\":\"k\",\"public_key\":\"" + encodePublicKey(sampleKey(1)) +
                 "\",\"valid_from\":\"2026-02-01T00:00:00Z\",\"valid_until\":\"2026-01-01T00:00:00Z\"}")
            .reason == "invalid_range");
  CHECK(errorAt3("").reason == "blank_line");

  auto member = nlohmann::json::parse(kMember);
  auto memberLine = [](const nlohmann::json& m) { return nlohmann::json{{"type", "member"}, {"member", m}}.dump(); };
  auto badPoints = member;
  badPoints["lots"][0]["points"] = -3;
  const Error lots = errorAt3(memberLine(badPoints));
  CHECK(lots.reason == "out_of_range");
  CHECK(lots.message.rfind("line 3: /member/lots/0/points: ", 0) == 0);
  auto otherProgram = member;
  otherProgram["program"] = "demo-fr";
  CHECK(errorAt3(memberLine(otherProgram)).reason == "unknown_program");
  auto otherTier = member;
  otherTier["tier"] = "platinum";
  CHECK(errorAt3(memberLine(otherTier)).reason == "unknown_tier");
  CHECK(errorAt3(R"({"type":"member"})").reason == "missing_field");
}

TEST_CASE("snapshot codec: truncated files and bad trailers are refused", "[codec][snapshot]") {
  const std::string record = snapshotRecordLine(SnapshotRevokedCard{"c-1"});
  const Error noTrailer = errorOf(file({record, record}, false));
  CHECK(noTrailer.reason == "truncated");
  CHECK(noTrailer.message.find("2 records") != std::string::npos);
  // Cut in the middle of a line, as an interrupted download leaves it.
  const std::string full = file({record, record});
  const Error cut = errorOf(full.substr(0, full.size() - 10));
  CHECK(cut.reason == "malformed_json");
  CHECK(errorOf(headerLine() + "\n" + record + "\n" + snapshotEndLine(2) + "\n").reason == "record_count_mismatch");
  CHECK(errorOf(file({record}) + record + "\n").reason == "data_after_end");
  CHECK(errorOf(file({record}) + "\n" + snapshotEndLine(1) + "\n").reason == "data_after_end");
  CHECK(errorOf(headerLine() + "\n{\"type\":\"end\"}\n").reason == "missing_field");
  const std::string longLine = "{\"type\":\"used_voucher\",\"code\":\"" + std::string(kMaxSnapshotRecordBytes, 'x') + "\"}";
  CHECK(errorOf(file({longLine})).reason == "line_too_long");
}

TEST_CASE("snapshot codec: after an error the reader keeps reporting it", "[codec][snapshot]") {
  std::istringstream in(file({"{oops", snapshotRecordLine(SnapshotRevokedCard{"c-1"})}));
  SnapshotFileReader reader(in);
  REQUIRE(reader.readHeader().ok());
  const auto first = reader.next();
  REQUIRE_FALSE(first.ok());
  const auto second = reader.next();
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message == first.error().message);
  CHECK(reader.lineNumber() == 2);
}

TEST_CASE("snapshot codec: public keys as base64url or hex", "[codec][snapshot][property]") {
  std::mt19937 random(99);
  for (int round = 0; round < 500; ++round) {
    PublicKeyBytes key{};
    for (auto& byte : key) byte = static_cast<std::uint8_t>(random() & 0xffU);
    const std::string text = encodePublicKey(key);
    REQUIRE(text.size() == 43);
    REQUIRE(decodePublicKey(text) == std::optional<PublicKeyBytes>(key));
    std::string hex;
    for (const auto byte : key) {
      static constexpr char kDigits[] = "0123456789abcdef";
      hex += kDigits[byte >> 4];
      hex += kDigits[byte & 0xfU];
    }
    REQUIRE(decodePublicKey(hex) == std::optional<PublicKeyBytes>(key));
  }
  const std::string valid = encodePublicKey(sampleKey(5));
  CHECK_FALSE(decodePublicKey(valid.substr(0, 42)).has_value());
  CHECK_FALSE(decodePublicKey(valid + "=").has_value());
  CHECK_FALSE(decodePublicKey(valid.substr(0, 42) + "+").has_value());  // base64, not base64url
  // 43 characters carry 2 bits more than 32 bytes: a spelling with those bits set is refused,
  // so each key has exactly one base64url text.
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto last = alphabet.find(valid.back());
  REQUIRE(last % 4 == 0);
  std::string loose = valid;
  loose.back() = alphabet[last + 1];
  CHECK_FALSE(decodePublicKey(loose).has_value());
}
