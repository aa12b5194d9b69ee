// Helpers shared by the codec tests: the example bundle as a mutable document, and
// lookups of issues by pointer and reason.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "codec/bundle_loader.h"

namespace codec_test {

inline std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string exampleBundleText() {
  return readText(std::string(LOYALTY_SOURCE_DIR) + "/config/examples/bundle.json");
}

inline nlohmann::json exampleBundle() { return nlohmann::json::parse(exampleBundleText()); }

inline loyalty::codec::BundleLoad load(const nlohmann::json& document) {
  return loyalty::codec::loadBundle(document.dump());
}

inline bool hasIssue(const loyalty::codec::BundleLoad& result, const std::string& pointer, const std::string& reason) {
  for (const auto& issue : result.issues) {
    if (issue.pointer == pointer && issue.reason == reason) return true;
  }
  return false;
}

inline std::string describe(const loyalty::codec::BundleLoad& result) {
  std::string out;
  for (const auto& issue : result.issues) out += issue.pointer + " [" + issue.reason + "] " + issue.message + "\n";
  return out;
}

// Loads `document` and expects a rejection that names `pointer` with `reason`, and no bundle.
inline bool rejectsWith(const nlohmann::json& document, const std::string& pointer, const std::string& reason) {
  const auto result = load(document);
  return !result.ok() && hasIssue(result, pointer, reason);
}

}  // namespace codec_test
