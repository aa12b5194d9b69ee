// The snapshot delta: the seeded property apply(base, diff(base, next)) == next, through the
// delta's text and back; strict parsing (every error names its line and field); strict
// apply (a delta for another base cannot quietly apply).
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "updates/delta_builder.h"
#include "updates/delta_codec.h"
#include "updates_test_support.h"

using namespace updates_test;

namespace {

const codec::ProgramTiers kPrograms{{"demo-de", {"basic", "silver", "gold"}}};

class StateGenerator {
 public:
  explicit StateGenerator(std::uint64_t seed) : random_(seed) {}

  std::int64_t pick(std::int64_t n) { return static_cast<std::int64_t>(random_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  std::string id(const char* prefix, std::int64_t range) { return prefix + std::to_string(pick(range)); }

  engine::MemberView member(const std::string& memberId) {
    engine::MemberView m;
    m.id = memberId;
    m.programId = "demo-de";
    m.status = chance(90) ? engine::MemberStatus::active : engine::MemberStatus::suspended;
    m.displayName = "Name " + std::to_string(pick(1000));
    m.tier = std::vector<std::string>{"basic", "silver", "gold"}[static_cast<std::size_t>(pick(3))];
    if (chance(30)) m.segments = {"vip"};
    m.attributes = {{"country", "DE"}};
    const std::int64_t lots = pick(3);
    for (std::int64_t i = 0; i < lots; ++i) {
      m.lots.push_back(engine::Lot{memberId + "/l" + std::to_string(i), "reward", 1 + pick(5000),
                                   engine::LocalDate{2026, 1 + static_cast<int>(pick(12)), 1}, std::nullopt});
    }
    return m;
  }

  codec::SnapshotCardKey cardKey(const std::string& keyId) {
    codec::SnapshotCardKey key{keyId, {}, std::nullopt, std::nullopt};
    for (auto& byte : key.publicKey) byte = static_cast<std::uint8_t>(pick(256));
    if (chance(50)) key.validFrom = kCreated - pick(1'000'000);
    if (chance(50)) key.validUntil = kCreated + 1 + pick(1'000'000);
    return key;
  }

  // Random changes to `state` (a copy of it is the next state); references stay valid.
  void mutate(SnapshotState& s, int percent) {
    for (auto it = s.members.begin(); it != s.members.end();) {
      if (chance(percent / 2)) {
        const std::string gone = it->first;
        it = s.members.erase(it);
        std::erase_if(s.cards, [&](const auto& e) { return e.second == gone; });
        std::erase_if(s.deviceKeys, [&](const auto& e) { return e.second.memberId == gone; });
        s.offlineAllowances.erase(gone);
      } else {
        if (chance(percent)) it->second = member(it->first);
        ++it;
      }
    }
    for (int i = 0; i < 6; ++i) {
      const std::string memberId = id("m-", 60);
      if (chance(percent)) s.members.insert_or_assign(memberId, member(memberId));
    }
    std::vector<std::string> ids;
    for (const auto& entry : s.members) ids.push_back(entry.first);
    auto anyMember = [&] { return ids[static_cast<std::size_t>(pick(static_cast<std::int64_t>(ids.size())))]; };
    if (ids.empty()) return;
    for (int i = 0; i < 8; ++i) {
      if (chance(percent)) s.cards.insert_or_assign(id("C", 80), anyMember());
      if (chance(percent)) s.cards.erase(id("C", 80));
      if (chance(percent)) {
        const std::string keyId = id("ck-", 4);
        s.cardKeys.insert_or_assign(keyId, cardKey(keyId));
      }
      if (chance(percent)) {
        const std::string keyId = id("dk-", 20);
        codec::SnapshotDeviceKey key{keyId, anyMember(), cardKey(keyId).publicKey, chance(20)};
        s.deviceKeys.insert_or_assign(keyId, key);
      }
      if (chance(percent)) s.revokedCards.insert(id("C", 80));
      if (chance(percent)) s.revokedCards.erase(id("C", 80));
      if (chance(percent)) {
        const std::string campaign = id("camp-", 5);
        s.campaignUsage.insert_or_assign(campaign, engine::CampaignUsage{campaign, pick(500), pick(90000), pick(900000)});
      }
      if (chance(percent)) s.usedVouchers.insert(id("V-", 40));
      if (chance(percent)) s.usedVouchers.erase(id("V-", 40));  // a reinstated voucher
      if (chance(percent)) s.disabledCampaigns.insert(id("camp-", 5));
      if (chance(percent)) s.disabledCampaigns.erase(id("camp-", 5));
      if (chance(percent)) s.offlineAllowances.insert_or_assign(anyMember(), pick(2000));
      if (chance(percent)) {
        Conflict conflict{id("c-", 10), chance(50) ? ConflictKind::overdraft : ConflictKind::voucher_reuse,
                          chance(70) ? std::optional<std::string>(anyMember()) : std::nullopt,
                          chance(50) ? std::optional<std::string>(id("V-", 40)) : std::nullopt,
                          chance(50) ? std::optional<std::int64_t>(pick(500) - 250) : std::nullopt,
                          kCreated + pick(100'000), {id("e-", 1000), id("e-", 1000)}};
        s.conflicts.insert_or_assign(conflict.id, conflict);
      }
      if (chance(percent)) s.conflicts.erase(id("c-", 10));  // resolved at HQ
      if (chance(percent)) s.ledgerIncluded[id("till-", 3)] += pick(50);  // marks only go up
    }
  }

 private:
  std::mt19937_64 random_;
};

std::string deltaText(const DeltaHeader& header, const std::vector<DeltaRecord>& records) {
  std::string text = deltaHeaderLine(header) + "\n";
  for (const DeltaRecord& record : records) text += deltaRecordLine(record) + "\n";
  return text + deltaEndLine(static_cast<std::int64_t>(records.size())) + "\n";
}

Result<std::vector<DeltaRecord>> readDelta(const std::string& text) {
  std::istringstream in(text);
  DeltaReader reader(in, kPrograms);
  auto header = reader.readHeader();
  if (!header) return header.error();
  std::vector<DeltaRecord> records;
  while (true) {
    auto record = reader.next();
    if (!record) return record.error();
    if (!record.value()) return records;
    records.push_back(std::move(**record));
  }
}

const DeltaHeader kHeader{kStore, 11, 12, kCreated};

std::string errorOf(const std::string& text) {
  auto read = readDelta(text);
  return read ? "ok" : read.error().reason + " | " + read.error().message;
}

}  // namespace

TEST_CASE("Seeded property: applying diff(base, next) to base, through the delta text, gives next") {
  std::size_t records = 0;
  std::size_t removals = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    StateGenerator generate(seed);
    SnapshotState base;
    for (int round = 0; round < 5; ++round) generate.mutate(base, 80);
    SnapshotState next = base;
    generate.mutate(next, static_cast<int>(seed % 4) * 15 + 5);
    INFO("seed " << seed);
    REQUIRE_FALSE(checkReferences(base));
    REQUIRE_FALSE(checkReferences(next));

    const std::vector<DeltaRecord> delta = diffSnapshots(base, next);
    records += delta.size();
    for (const DeltaRecord& record : delta) removals += std::holds_alternative<DeltaRemove>(record) ? 1U : 0U;
    SnapshotState direct = base;
    REQUIRE_FALSE(applyDelta(direct, delta));
    CHECK(direct == next);

    const std::vector<DeltaRecord> read = take(readDelta(deltaText(kHeader, delta)));
    REQUIRE(read.size() == delta.size());
    SnapshotState viaText = base;
    REQUIRE_FALSE(applyDelta(viaText, read));
    CHECK(viaText == next);

    CHECK(diffSnapshots(next, next).empty());
    CHECK(diffSnapshots(base, next).size() == delta.size());  // deterministic
    if (!(base == next)) CHECK_FALSE(delta.empty());
  }
  // The generator exercises both directions of every kind, not just empty deltas.
  CHECK(records > 300 * 10);
  CHECK(removals > 300);
}

TEST_CASE("A delta built for one base does not quietly apply to another") {
  StateGenerator generate(7);
  SnapshotState base;
  generate.mutate(base, 80);
  REQUIRE(base.members.size() > 3);
  SnapshotState next = base;
  next.members.erase(next.members.begin()->first);
  std::erase_if(next.cards, [&](const auto& e) { return next.members.count(e.second) == 0; });
  std::erase_if(next.deviceKeys, [&](const auto& e) { return next.members.count(e.second.memberId) == 0; });
  std::erase_if(next.offlineAllowances, [&](const auto& e) { return next.members.count(e.first) == 0; });
  const std::vector<DeltaRecord> delta = diffSnapshots(base, next);
  SnapshotState other = next;  // already without that member
  const auto error = applyDelta(other, delta);
  REQUIRE(error);
  CHECK(error->reason == "unknown_record");

  SnapshotState marks;
  marks.ledgerIncluded["till-1"] = 50;
  CHECK(applyDeltaRecord(marks, LedgerMark{"till-1", 49})->reason == "ledger_mark_backwards");
  CHECK(marks.ledgerIncluded["till-1"] == 50);
  CHECK_FALSE(applyDeltaRecord(marks, LedgerMark{"till-1", 51}));

  SnapshotState dangling;
  CHECK_FALSE(applyDeltaRecord(dangling, DeltaRecord(codec::SnapshotRecord(codec::SnapshotCard{"C1", "m-nobody"}))));
  CHECK(checkReferences(dangling)->reason == "unknown_member");
}

TEST_CASE("Delta lines: upserts are snapshot record lines with an op, removals name the key") {
  CHECK(deltaRecordLine(DeltaRemove{DeltaType::card_key, "hq-card-1"}) ==
        R"({"key":"hq-card-1","op":"remove","type":"card_key"})");
  CHECK(deltaRecordLine(DeltaRecord(codec::SnapshotRecord(codec::SnapshotUsedVoucher{"GIFT-1"}))) ==
        R"({"code":"GIFT-1","op":"upsert","type":"used_voucher"})");
  CHECK(deltaRecordLine(LedgerMark{"till-1", 5310}) == R"({"op":"upsert","sequence":5310,"terminal":"till-1","type":"ledger_included"})");
  CHECK(deltaHeaderLine(kHeader) ==
        R"({"base_version":11,"created_at":"2026-05-28T20:26:40Z","format":1,"store_id":"berlin-01","type":"header","version":12})");
  const std::string conflict =
      R"({"code":"GIFT-1","conflict":"c-1","detected_at":"2026-05-28T20:26:40Z","entries":["e-1","e-2"],"kind":"voucher_reuse","op":"upsert","type":"conflict"})";
  const auto read = take(readDelta(deltaHeaderLine(kHeader) + "\n" + conflict + "\n" + deltaEndLine(1) + "\n"));
  REQUIRE(read.size() == 1);
  CHECK(deltaRecordLine(read[0]) == conflict);
}

TEST_CASE("Bad delta files are refused with their line, field and reason") {
  const std::string header = deltaHeaderLine(kHeader) + "\n";
  const std::string voucher = R"({"code":"GIFT-1","op":"upsert","type":"used_voucher"})";
  auto file = [&](const std::vector<std::string>& lines, std::int64_t count) {
    std::string text = header;
    for (const std::string& line : lines) text += line + "\n";
    return text + deltaEndLine(count) + "\n";
  };
  CHECK(errorOf(file({voucher}, 1)) == "ok");
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "missing_header | line 1:"},
      {voucher + "\n", "missing_header | line 1: /type"},
      {R"({"base_version":12,"created_at":"2026-05-28T20:26:40Z","format":1,"store_id":"s","type":"header","version":12})"
       "\n",
       "invalid_range | line 1: /version"},
      {R"({"base_version":1,"created_at":"2026-05-28T20:26:40Z","format":2,"store_id":"s","type":"header","version":2})"
       "\n",
       "unsupported_format | line 1: /format"},
      {header + voucher + "\n", "truncated | line 3:"},
      {file({voucher}, 2), "record_count_mismatch | line 3:"},
      {file({voucher}, 1) + "{}\n", "data_after_end | line 4:"},
      {file({voucher, ""}, 1), "blank_line | line 3:"},
      {file({voucher, voucher}, 2), "duplicate_record | line 3:"},
      {file({R"({"code":"GIFT-1","op":"remove","type":"used_voucher"})", voucher}, 2), "duplicate_record | line 3:"},
      {file({R"({"code":"GIFT-1","op":"patch","type":"used_voucher"})"}, 1), "invalid_op | line 2: /op"},
      {file({R"({"code":"GIFT-1","type":"used_voucher"})"}, 1), "missing_field | line 2: /op"},
      {file({R"({"code":"GIFT-1","op":"upsert","type":"voucher"})"}, 1), "unknown_record_type | line 2: /type"},
      {file({R"({"code":"GIFT-1","extra":1,"op":"upsert","type":"used_voucher"})"}, 1), "unknown_field | line 2: /extra"},
      {file({R"({"code":"GIFT-1","member":"m","op":"remove","type":"used_voucher"})"}, 1), "unknown_field | line 2: /member"},
      {file({R"({"op":"upsert","sequence":-1,"terminal":"t","type":"ledger_included"})"}, 1), "out_of_range | line 2: /sequence"},
      {file({R"({"conflict":"c","detected_at":"now","entries":[],"kind":"overdraft","op":"upsert","type":"conflict"})"}, 1),
       "invalid_instant | line 2: /detected_at"},
      {file({R"({"conflict":"c","detected_at":"2026-05-28T20:26:40Z","kind":"theft","op":"upsert","type":"conflict"})"}, 1),
       "invalid_value | line 2: /kind"},
      {file({R"({"member":{"id":"m-1","program":"demo-at","status":"active","display_name":"A","tier":"basic"},"op":"upsert","type":"member"})"}, 1),
       "unknown_program | line 2: /member/program"},
      {file({R"({"member":{"id":"m-1","program":"demo-de","status":"active","display_name":"A","tier":"platinum"},"op":"upsert","type":"member"})"}, 1),
       "unknown_tier | line 2: /member/tier"},
      {file({R"({"key":"k","op":"upsert","public_key":"short","type":"card_key"})"}, 1), "invalid_key | line 2: /public_key"},
      {file({R"({"code":"GIFT-1","op":"upsert","type":"used_voucher")"}, 1), "malformed_json | line 2:"},
      {file({"{\"code\":\"" + std::string(kMaxDeltaLineBytes, 'x') + "\"}"}, 1), "line_too_long | line 2:"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text.substr(0, 200));
    const std::string error = errorOf(text);
    CHECK(error.rfind(expected, 0) == 0);
    if (error.rfind(expected, 0) != 0) WARN(error);
  }
}

TEST_CASE("Random byte flips in a delta file end in a clean error or a delta that still reads strictly") {
  StateGenerator generate(99);
  SnapshotState base;
  for (int round = 0; round < 5; ++round) generate.mutate(base, 80);
  SnapshotState next = base;
  generate.mutate(next, 50);
  const std::string original = deltaText(kHeader, diffSnapshots(base, next));
  std::mt19937_64 random(424242);
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text = original;
    const int flips = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < flips; ++i) text[random() % text.size()] ^= static_cast<char>(1 + random() % 255);
    auto read = readDelta(text);  // must return, never throw or crash
    if (!read) {
      ++refused;
      CHECK_FALSE(read.error().reason.empty());
      CHECK(read.error().message.rfind("line ", 0) == 0);
      continue;
    }
    // A flip inside a value can still be a valid delta (another name, another number):
    // the signature over its content hash is what rejects it on the wire. Applying it must
    // still end in an Error value or a consistent state, never an exception.
    SnapshotState applied = base;
    const auto error = applyDelta(applied, *read);
    if (error) CHECK_FALSE(error->reason.empty());
  }
  CHECK(refused > 1000);
}
