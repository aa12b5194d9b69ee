#include "codec/context_codec.h"

#include <set>

#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

engine::QuoteContext readContext(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  engine::QuoteContext context;
  context.campaignUsage = readArray<engine::CampaignUsage>(
      reader, "campaign_usage", false,
      [](const Json& v, const std::string& p, Issues& i) { return readCampaignUsage(v, p, Strictness::input, i); });
  std::set<std::string, std::less<>> campaigns;
  for (std::size_t i = 0; i < context.campaignUsage.size(); ++i) {
    const std::string& id = context.campaignUsage[i].campaignId;
    if (!id.empty() && !campaigns.insert(id).second) {
      issues.add(childPointer("/campaign_usage", i), "duplicate_id",
                 "the campaign \"" + id + "\" has two usage entries.");
    }
  }
  context.disabledCampaigns = reader.stringList("disabled_campaigns");
  context.usedVoucherCodes = reader.stringList("used_voucher_codes");
  context.offlineBurnAllowance = reader.optionalInt("offline_burn_allowance", IntRange{0, engine::kMaxAmount});
  context.snapshotStale = reader.boolean("snapshot_stale", false);
  reader.finish();
  return context;
}

}  // namespace

Result<engine::QuoteContext> parseQuoteContext(std::string_view jsonText) {
  return parseSingle<engine::QuoteContext>(jsonText, readContext);
}

nlohmann::json quoteContextToJson(const engine::QuoteContext& context) {
  return Json{{"campaign_usage", arrayToJson(context.campaignUsage, campaignUsageToJson)},
              {"disabled_campaigns", context.disabledCampaigns},
              {"used_voucher_codes", context.usedVoucherCodes},
              {"offline_burn_allowance",
               context.offlineBurnAllowance ? Json(*context.offlineBurnAllowance) : Json(nullptr)},
              {"snapshot_stale", context.snapshotStale}};
}

}  // namespace loyalty::codec
