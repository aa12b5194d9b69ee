#include "golden_inputs.h"

#include <utility>

#include "codec/bundle_loader.h"
#include "command_inputs.h"
#include "iso_instant.h"
#include "text_file.h"

namespace loyalty::golden {

using nlohmann::json;

namespace {

Error caseError(std::string message) {
  return makeError(ErrorCode::invalid_input, "bad_case", std::move(message));
}

}  // namespace

Result<std::string> documentText(const json& reference, const std::filesystem::path& caseDir,
                                 const std::string& what) {
  if (reference.is_object() || reference.is_array()) return reference.dump();
  if (!reference.is_string()) {
    return caseError("\"" + what + "\" must be a file name (relative to the case) or the document itself");
  }
  return ctl::readTextFile((caseDir / reference.get<std::string>()).string(), what);
}

Result<engine::Bundle> loadCaseBundle(const json& reference, const std::filesystem::path& caseDir) {
  if (!reference.is_string()) {
    return caseError("\"bundle\" must name a bundle file (relative to the case directory)");
  }
  auto text = documentText(reference, caseDir, "bundle");
  if (!text) return text.error();
  codec::BundleLoad load = codec::loadBundle(text.value());
  if (!load.ok()) {
    return caseError("the bundle " + reference.get<std::string>() + " does not load:\n" +
                     ctl::formatIssues(load.issues));
  }
  return std::move(*load.bundle);
}

Result<std::vector<engine::RedeemRequest>> readRedeem(const json& value) {
  std::vector<engine::RedeemRequest> requests;
  if (value.is_null()) return requests;
  if (!value.is_array()) return caseError("\"redeem\" must be an array of codes");
  for (const json& item : value) {
    if (item.is_string()) {
      requests.push_back({item.get<std::string>(), 1});
      continue;
    }
    const bool valid = item.is_object() && item.contains("code") && item["code"].is_string() &&
                       unknownKeys(item, {"code", "quantity"}).empty() &&
                       (!item.contains("quantity") || item["quantity"].is_number_integer());
    if (!valid) {
      return caseError("each \"redeem\" entry is a code or {\"code\": ..., \"quantity\": N}");
    }
    const std::int64_t quantity = item.value("quantity", std::int64_t{1});
    requests.push_back({item["code"].get<std::string>(), quantity});
  }
  return requests;
}

Result<engine::BurnRequest> readBurn(const json& value) {
  if (value.is_null()) return engine::BurnRequest{};
  if (value.is_string() && value.get<std::string>() == "max") {
    return engine::BurnRequest{engine::BurnMode::max, 0};
  }
  if (value.is_number_integer() && value.get<std::int64_t>() > 0) {
    return engine::BurnRequest{engine::BurnMode::exact, value.get<std::int64_t>()};
  }
  return caseError("\"burn\" must be null, a positive number of points or \"max\"");
}

Result<std::int64_t> readInstant(const json& value, const std::string& what) {
  if (!value.is_string()) return caseError("\"" + what + "\" must be an RFC 3339 instant string");
  return ctl::parseIsoInstant(value.get<std::string>());
}

std::vector<std::string> unknownKeys(const json& object, const std::set<std::string, std::less<>>& allowed) {
  std::vector<std::string> errors;
  for (const auto& [key, value] : object.items()) {
    if (allowed.count(key) == 0) errors.push_back("unknown key \"" + key + "\" (a typo?)");
  }
  return errors;
}

json errorJson(const Error& error) {
  return json{{"code", toString(error.code)}, {"reason", error.reason}, {"message", error.message}};
}

}  // namespace loyalty::golden
