// The ledger upload's JSON codec: round trips, strictness (unknown fields, types,
// limits, caps), and the terminal check; seeded round trips of random entries.
#include <catch2/catch.hpp>

#include <random>

#include <nlohmann/json.hpp>

#include "codec/ledger_entry_hash.h"
#include "wire/ledger_batch_codec.h"
#include "wire_chain.h"

using namespace loyalty;
using namespace loyalty::wire;
using loyalty::testing::WireChain;
using nlohmann::json;

namespace {

LedgerBatch sampleBatch(std::size_t count = 3) { return LedgerBatch{"till-1", WireChain("till-1", 5).take(count)}; }

json printed(const LedgerBatch& batch) {
  auto text = printBatch(batch);
  REQUIRE(text.ok());
  return json::parse(text.value());
}

Error parseError(const json& document) {
  auto parsed = parseBatch(document.dump());
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("wire batch: print and parse round-trip every field", "[wire]") {
  LedgerBatch batch = sampleBatch();
  batch.entries[1].memberId.clear();
  batch.entries[2].payload = "line one\nline \"two\"\t\x01 \xc3\xa9 = : {}";  // control bytes and UTF-8 survive
  WireChain::rehash(batch.entries[2]);
  const auto text = printBatch(batch);
  REQUIRE(text.ok());
  const auto parsed = parseBatch(text.value());
  REQUIRE(parsed.ok());
  CHECK(parsed.value() == batch);
  CHECK(hashMatches(parsed->entries[2]));
  const json document = json::parse(text.value());
  CHECK(document["entries"][0].size() == 12);
  CHECK(document["entries"][0]["wall_time_ms"].is_number_integer());
}

TEST_CASE("wire batch: the hash of docs/ledger-format.md's example", "[wire]") {
  WireEntry e{"6f1c2a7e-3b5d-4c8e-9a10-2b3c4d5e6f70",
              "berlin-01-till-3",
              42,
              "accrual",
              "berlin-01-20260316T163000Z",
              "m-claudia",
              1'773'678'600'123,
              86'400'000'000'123,
              "8b8ef7771759119687ad2908a6d9d17e1e2aecd9238b854f979af46cd3d465f7",
              R"({"earned":[{"rule":"base-reward","points":40}]})",
              "3f0a" + std::string(60, '0'),
              "f6c7e5701a624a12bd334394cb51af6f413083321d59a5cce5d568dcdea2324d"};
  CHECK(hashMatches(e));
  e.sequence = 43;
  CHECK_FALSE(hashMatches(e));
}

TEST_CASE("wire batch: strict parsing names the first problem", "[wire]") {
  const json good = printed(sampleBatch());
  CHECK(parseBatch("{").error().reason == "malformed_json");
  CHECK(parseBatch("[]").error().reason == "wrong_type");
  CHECK(parseBatch(R"({"terminal_id":"t","entries":[],"terminal_id":"u"})").error().reason == "duplicate_key");

  auto with = [&good](const std::function<void(json&)>& change) {
    json copy = good;
    change(copy);
    return parseError(copy);
  };
  CHECK(with([](json& d) { d["extra"] = 1; }).reason == "unknown_field");
  CHECK(with([](json& d) { d["entries"][0]["extra"] = 1; }).reason == "unknown_field");
  CHECK(with([](json& d) { d.erase("terminal_id"); }).reason == "missing_field");
  CHECK(with([](json& d) { d["entries"][1].erase("hash"); }).reason == "missing_field");
  CHECK(with([](json& d) { d["entries"] = "x"; }).reason == "wrong_type");
  CHECK(with([](json& d) { d["entries"][0]["sequence"] = 0; }).reason == "out_of_range");
  CHECK(with([](json& d) { d["entries"][0]["sequence"] = 1.5; }).reason == "wrong_type");
  CHECK(with([](json& d) { d["entries"][0]["sequence"] = "1"; }).reason == "wrong_type");
  CHECK(with([](json& d) { d["entries"][0]["kind"] = "gift"; }).reason == "invalid_value");
  CHECK(with([](json& d) { d["entries"][0]["id"] = "not-a-uuid"; }).reason == "invalid_value");
  CHECK(with([](json& d) { d["entries"][0]["id"] = "6F1C2A7E-3B5D-4C8E-9A10-2B3C4D5E6F70"; }).reason ==
        "invalid_value");
  CHECK(with([](json& d) { d["entries"][0]["hash"] = std::string(64, 'G'); }).reason == "invalid_value");
  CHECK(with([](json& d) { d["entries"][0]["prev_hash"] = "00"; }).reason == "invalid_value");
  CHECK(with([](json& d) { d["entries"][0]["sale_ref"] = ""; }).reason == "out_of_range");
  CHECK(with([](json& d) { d["entries"][0]["member_id"] = std::string(kMaxRefBytes + 1, 'm'); }).reason ==
        "out_of_range");
  CHECK(with([](json& d) { d["entries"][0]["payload"] = std::string("a\0b", 3); }).reason == "invalid_value");
  CHECK(with([](json& d) { d["entries"][2]["terminal_id"] = "till-2"; }).reason == "terminal_mismatch");
  const Error located = with([](json& d) { d["entries"][2]["kind"] = 3; });
  CHECK(located.message.find("/entries/2/kind") != std::string::npos);
  CHECK(located.code == ErrorCode::invalid_input);
}

TEST_CASE("wire batch: caps on entries and bytes hold on both sides", "[wire]") {
  LedgerBatch full = sampleBatch(kMaxBatchEntries);
  REQUIRE(printBatch(full).ok());
  LedgerBatch over = full;
  over.entries.push_back(WireChain("till-1", 6).next());
  CHECK(printBatch(over).error().reason == "batch_too_large");
  json document = printed(full);
  document["entries"].push_back(document["entries"][0]);
  CHECK(parseError(document).reason == "batch_too_large");
  CHECK(parseBatch(std::string(kMaxBatchBytes + 1, ' ')).error().reason == "batch_too_large");

  // Bytes: 1 MiB payloads fill 8 MiB long before 500 entries.
  LedgerBatch heavy{"till-1", {}};
  WireChain chain("till-1", 7, kMaxPayloadBytes);
  std::size_t bytes = kBatchOverheadBytes + heavy.terminalId.size();
  for (;;) {
    WireEntry next = chain.next();
    const std::size_t size = printedEntryBytes(next);
    if (bytes + size > kMaxBatchBytes) break;
    bytes += size;
    heavy.entries.push_back(std::move(next));
  }
  CHECK(heavy.entries.size() == 7);
  const auto text = printBatch(heavy);
  REQUIRE(text.ok());
  CHECK(text->size() <= bytes);
  CHECK(parseBatch(text.value()).ok());

  LedgerBatch empty{"till-1", {}};
  CHECK(parseBatch(printBatch(empty).value()).value() == empty);  // asks for the mark only
}

TEST_CASE("wire batch: the printer refuses what HQ could not store", "[wire]") {
  LedgerBatch batch = sampleBatch();
  batch.entries[0].payload = "\xff\xfe";
  CHECK(printBatch(batch).error().reason == "invalid_entry");
  batch = sampleBatch();
  batch.entries[0].kind = "gift";
  CHECK(printBatch(batch).error().reason == "invalid_entry");
  batch = sampleBatch();
  batch.entries[1].terminalId = "till-9";
  CHECK(printBatch(batch).error().reason == "terminal_mismatch");
  CHECK_FALSE(isValidUtf8("\xc0\xaf"));        // overlong
  CHECK_FALSE(isValidUtf8("\xed\xa0\x80"));    // surrogate
  CHECK_FALSE(isValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  CHECK(isValidUtf8("\xf0\x9f\x98\x80 \xe2\x82\xac"));
}

TEST_CASE("wire answer: print and parse round-trip, strictly", "[wire]") {
  BatchAnswer answer{"till-1", 41, 10, 3,
                     {RefusedEntry{"6f1c2a7e-3b5d-4c8e-9a10-2b3c4d5e6f70", 44, RefusalReason::sequence_gap, 42,
                                   "sequence 44 follows a gap"},
                      RefusedEntry{"6f1c2a7e-3b5d-4c8e-9a10-2b3c4d5e6f71", 12, RefusalReason::id_reused_with_other_content,
                                   std::nullopt, "id reused"}},
                     5};
  const std::string text = printAnswer(answer);
  const auto parsed = parseAnswer(text);
  REQUIRE(parsed.ok());
  CHECK(parsed.value() == answer);
  json document = json::parse(text);
  CHECK(document["refused"][0]["reason"] == "sequence_gap");
  CHECK_FALSE(document["refused"][1].contains("expected_sequence"));

  json bad = document;
  bad["refused"][0]["reason"] = "tired";
  CHECK(parseAnswer(bad.dump()).error().reason == "invalid_value");
  bad = document;
  bad["acknowledged_through"] = -1;
  CHECK(parseAnswer(bad.dump()).error().reason == "out_of_range");
  bad = document;
  bad["applied"] = 600;
  CHECK(parseAnswer(bad.dump()).error().reason == "out_of_range");
  bad = document;
  bad.erase("not_applied");
  CHECK(parseAnswer(bad.dump()).error().reason == "missing_field");
}

TEST_CASE("wire batch property: random entries round-trip and keep their hashes", "[wire][property]") {
  std::mt19937_64 random(2024);
  for (int round = 0; round < 200; ++round) {
    WireChain chain("till-" + std::to_string(round % 7), random(), 10 + random() % 400);
    LedgerBatch batch{"till-" + std::to_string(round % 7), chain.take(1 + random() % 20)};
    for (auto& e : batch.entries) {
      std::string payload;
      const std::size_t length = random() % 64;
      for (std::size_t i = 0; i < length; ++i) payload += static_cast<char>(1 + random() % 127);  // any ASCII but NUL
      e.payload = payload;
      WireChain::rehash(e);
    }
    const auto text = printBatch(batch);
    REQUIRE(text.ok());
    const auto parsed = parseBatch(text.value());
    REQUIRE(parsed.ok());
    REQUIRE(parsed.value() == batch);
    for (const auto& e : parsed->entries) REQUIRE(hashMatches(e));
  }
}
