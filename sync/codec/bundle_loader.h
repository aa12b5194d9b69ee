// Loads a rule bundle from JSON into engine::Bundle with complete validation: every
// problem is reported with its JSON pointer, and a bundle is never partly loaded.
// The format is described in docs/bundle-format.md and docs/bundle.schema.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/bundle.h"

namespace loyalty::codec {

// One problem in a document: where (JSON pointer, e.g. "/programs/0/tiers/1/threshold"),
// what (a machine reason code, e.g. "unknown_field") and a sentence a person can read.
struct Issue {
  std::string pointer;
  std::string reason;
  std::string message;
};

struct BundleLoad {
  std::optional<engine::Bundle> bundle;  // set only when issues is empty: never partly loaded
  std::vector<Issue> issues;             // EVERY problem found, not just the first
  [[nodiscard]] bool ok() const noexcept { return bundle.has_value(); }
};

// Parses and validates a bundle document; sets engine::Bundle::hash to bundleHash().
[[nodiscard]] BundleLoad loadBundle(std::string_view jsonText);

// Lowercase hex sha256 (OpenSSL EVP) of the canonical form of the document: keys sorted,
// no whitespace, as nlohmann's dump() gives. Stable across key order and formatting.
[[nodiscard]] std::string bundleHash(const nlohmann::json& bundleDocument);

}  // namespace loyalty::codec
