// What the bundle parsers know about the ids defined elsewhere in the bundle, so that
// every reference (tier, currency, campaign, store, region) is checked where it is made.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "codec/json_reader.h"
#include "engine/bundle.h"

namespace loyalty::codec {

// A set of defined ids that reports duplicates and unknown references.
class IdSet {
 public:
  explicit IdSet(std::string what) : what_(std::move(what)) {}

  // Adds `id` defined at `pointer`; a second definition is a "duplicate_id" issue.
  void define(const std::string& id, const std::string& pointer, Issues& issues);
  [[nodiscard]] bool contains(std::string_view id) const;
  // Adds "unknown_reference" unless `id` is defined. Empty ids are not checked (their
  // own read already reported them).
  bool require(const std::string& id, const std::string& pointer, Issues& issues) const;
  void requireAll(const std::vector<std::string>& ids, const std::string& pointer, Issues& issues) const;
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return order_; }

 private:
  std::string what_;
  std::unordered_map<std::string, std::string> pointers_;  // id -> where it was defined
  std::vector<std::string> order_;
};

// Ids defined at bundle level (stores are parsed before the programs).
struct BundleScope {
  IdSet stores{"store"};
  IdSet regions{"region"};
};

// Ids defined inside one program, known before its rules are parsed.
struct ProgramScope {
  const BundleScope* bundle = nullptr;
  IdSet currencies{"point currency"};
  std::map<std::string, engine::CurrencyKind> currencyKinds;
  IdSet tiers{"tier"};  // in ascending order
  IdSet campaigns{"campaign"};
};

}  // namespace loyalty::codec
