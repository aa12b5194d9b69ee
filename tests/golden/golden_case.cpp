#include "golden_case.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "golden_runner.h"
#include "text_file.h"

namespace loyalty::golden {
namespace {

using nlohmann::json;

// Keys only the case level has; every other key is a quote setting a variant may override.
const std::set<std::string, std::less<>> kCaseOnlyKeys = {"description", "semantics", "known_failure",
                                                          "variants"};

bool isStringOrStrings(const json& value) {
  if (value.is_string()) return !value.get_ref<const std::string&>().empty();
  if (!value.is_array() || value.empty()) return false;
  return std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
}

void checkCaseKeys(const json& doc, CaseOutcome& outcome) {
  if (!doc.contains("description") || !doc["description"].is_string()) {
    outcome.errors.push_back("case.json needs a \"description\" string");
  }
  // Every case says which rule of SEMANTICS.md it pins down, quoting it.
  if (!doc.contains("semantics") || !isStringOrStrings(doc["semantics"])) {
    outcome.errors.push_back("case.json needs \"semantics\": the rule quoted (a string or strings)");
  }
  if (doc.contains("known_failure")) {
    const json& reason = doc["known_failure"];
    if (!reason.is_string() || reason.get_ref<const std::string&>().empty()) {
      outcome.errors.push_back("\"known_failure\" must be a non-empty string (why the engine fails)");
    } else {
      outcome.knownFailure = reason.get<std::string>();
    }
  }
}

// The quote settings of the case, with a variant's keys replacing the case's.
json mergedRun(const json& doc, const json* variant) {
  json run = json::object();
  for (const auto& [key, value] : doc.items()) {
    if (kCaseOnlyKeys.count(key) == 0) run[key] = value;
  }
  if (variant != nullptr) {
    for (const auto& [key, value] : variant->items()) run[key] = value;
  }
  return run;
}

std::optional<json> readCaseFile(const std::filesystem::path& file, CaseOutcome& outcome) {
  auto text = ctl::readTextFile(file.string(), "case");
  if (!text) {
    outcome.errors.push_back(text.error().message);
    return std::nullopt;
  }
  try {
    return json::parse(text.value());
  } catch (const std::exception& e) {
    outcome.errors.push_back(file.string() + " is not JSON: " + e.what());
    return std::nullopt;
  }
}

}  // namespace

std::vector<std::filesystem::path> listCaseDirs(const std::filesystem::path& casesDir) {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(casesDir, ec)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "case.json")) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

CaseOutcome runGoldenCase(const std::filesystem::path& caseDir) {
  CaseOutcome outcome;
  outcome.name = caseDir.filename().string();
  const auto doc = readCaseFile(caseDir / "case.json", outcome);
  if (!doc) return outcome;
  if (!doc->is_object()) {
    outcome.errors.push_back("case.json must hold an object");
    return outcome;
  }
  checkCaseKeys(*doc, outcome);
  if (!outcome.errors.empty()) return outcome;

  if (!doc->contains("variants")) {
    runQuoteStep(mergedRun(*doc, nullptr), caseDir, "", outcome);
    return outcome;
  }
  const json& variants = (*doc)["variants"];
  if (!variants.is_array() || variants.empty()) {
    outcome.errors.push_back("\"variants\" must be a non-empty array of objects");
    return outcome;
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const json& variant = variants[i];
    if (!variant.is_object() || !variant.contains("name") || !variant["name"].is_string()) {
      outcome.errors.push_back("variant " + std::to_string(i) + " must be an object with a \"name\"");
      continue;
    }
    const std::string name = variant["name"].get<std::string>();
    if (!names.insert(name).second) {
      outcome.errors.push_back("variant name \"" + name + "\" is used twice");
      continue;
    }
    runQuoteStep(mergedRun(*doc, &variant), caseDir, "variant '" + name + "': ", outcome);
  }
  return outcome;
}

}  // namespace loyalty::golden
