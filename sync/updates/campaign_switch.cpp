#include "updates/campaign_switch.h"

#include <algorithm>

#include "codec/canonical_json.h"
#include "codec/json_document.h"
#include "codec/json_reader.h"

namespace loyalty::updates {

Result<CampaignSwitch> parseCampaignSwitch(std::string_view content) {
  if (content.size() > kMaxCampaignSwitchBytes) {
    return makeError(ErrorCode::parse_error, "malformed", "Campaign switch: larger than 1 MiB.");
  }
  codec::Issues issues;
  CampaignSwitch out;
  if (const std::optional<codec::Json> document = codec::parseDocument(content, issues)) {
    codec::ObjectReader reader(*document, "", issues);
    if (reader.valid()) {
      if (const codec::Json* list = reader.required("disabled")) {
        out.disabled = codec::readStringList(*list, "/disabled", issues);
      }
      reader.finish();
    }
  }
  if (!issues.empty()) {
    const codec::Issue& first = issues.list().front();
    return makeError(ErrorCode::parse_error, "malformed",
                     "Campaign switch: " + (first.pointer.empty() ? std::string("/") : first.pointer) + ": " +
                         first.message + " (" + first.reason + ")");
  }
  std::sort(out.disabled.begin(), out.disabled.end());
  return out;
}

std::string campaignSwitchText(CampaignSwitch campaignSwitch) {
  std::sort(campaignSwitch.disabled.begin(), campaignSwitch.disabled.end());
  campaignSwitch.disabled.erase(std::unique(campaignSwitch.disabled.begin(), campaignSwitch.disabled.end()),
                                campaignSwitch.disabled.end());
  codec::Json document = codec::Json::object();
  document["disabled"] = campaignSwitch.disabled;
  return codec::canonicalJson(document);
}

}  // namespace loyalty::updates
