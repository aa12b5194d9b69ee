// The content of a campaign_switch update (the kill switch, SEMANTICS 4): the complete set
// of campaigns HQ has disabled for the store at that version. A full set rather than a
// change, so an agent that missed a version still ends up exactly right; a campaign is
// enabled again by leaving it out. Tiny, so it is read whole.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace loyalty::updates {

inline constexpr std::size_t kMaxCampaignSwitchBytes = 1024 * 1024;

struct CampaignSwitch {
  std::vector<std::string> disabled;  // campaign ids, sorted, no duplicates
  friend bool operator==(const CampaignSwitch&, const CampaignSwitch&) = default;
};

// {"disabled": ["spring-sale", "welcome500"]}. Errors: parse_error "malformed" (not JSON,
// unknown keys, duplicate or empty ids, too large), with the pointer in the message.
[[nodiscard]] Result<CampaignSwitch> parseCampaignSwitch(std::string_view content);

// The canonical content text (ids sorted and deduplicated), what HQ hashes and signs.
[[nodiscard]] std::string campaignSwitchText(CampaignSwitch campaignSwitch);

}  // namespace loyalty::updates
