// Realistic test members for generated snapshots: tiers, statuses, segments, attributes,
// lots with expiries, usage counters, B2B accounts with several cards, phone-app keys.
// Member i depends only on (seed, i), so any member can be regenerated on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "codec/snapshot_codec.h"
#include "engine/bundle.h"
#include "engine/calendar.h"
#include "engine/member.h"

namespace loyalty::ctl {

// SplitMix64: tiny, fast, and the same sequence on every platform (unlike std distributions).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept;
  // Uniform enough in [0, n) for test data; n > 0.
  std::int64_t below(std::int64_t n) noexcept { return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
  bool percent(int p) noexcept { return below(100) < p; }

 private:
  std::uint64_t state_;
};

struct GeneratedMember {
  engine::MemberView view;
  std::vector<std::string> cards;
  std::vector<std::string> revokedCards;
  std::optional<codec::SnapshotDeviceKey> deviceKey;
  std::optional<std::int64_t> offlineAllowance;
};

class MemberGenerator {
 public:
  // `today` is the snapshot's creation date: lots expiring before it are left out.
  MemberGenerator(const engine::Bundle& bundle, const engine::Store& store, std::uint64_t seed, engine::LocalDate today);

  [[nodiscard]] GeneratedMember generate(std::int64_t index) const;

  // The label of derivedKeyPair for device keys (docs/cli.md tells how to rebuild them).
  static constexpr std::string_view kDeviceKeyLabel = "loyalty-test-device-key";

 private:
  struct ProgramFacts {
    const engine::Program* program = nullptr;
    std::string rewardCurrency;
    const engine::PointCurrency* reward = nullptr;
    std::vector<std::string> segments;
    std::vector<const engine::EarningRule*> cappedRules;
    std::vector<const engine::Redeemable*> limitedRedeemables;
  };

  void addLots(SplitMix64& random, const ProgramFacts& facts, engine::MemberView& member, std::size_t tierIndex) const;
  void addUsage(SplitMix64& random, const ProgramFacts& facts, engine::MemberView& member) const;

  std::vector<ProgramFacts> programs_;
  std::uint64_t seed_;
  engine::LocalDate today_;
};

}  // namespace loyalty::ctl
