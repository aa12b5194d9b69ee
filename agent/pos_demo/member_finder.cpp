#include "pos_demo/member_finder.h"

#include <cstdio>

#include "pos_demo/pos_answers.h"

namespace loyalty::pos_demo {

std::string generatedMemberId(std::int64_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "m-%08lld", static_cast<long long>(number));
  return text;
}

Result<std::string> findDemoMember(pos::PosClient& client, const MemberCriteria& criteria) {
  for (std::int64_t number = 1; number <= criteria.searchLimit; ++number) {
    const std::string id = generatedMemberId(number);
    auto response = client.get("/v1/members/" + id);
    if (!response) return response.error();
    if (response->status == 404) break;  // generated ids are dense: past the last member
    if (response->status != 200) return agentError(response.value());
    auto member = parseMemberAnswer(response->body);
    if (!member) return member.error();
    const bool fits = member->status == "active" && !member->provisional &&
                      member->balance(criteria.pointsCurrency) >= criteria.minPoints &&
                      (criteria.tier.empty() || member->tier == criteria.tier);
    if (fits) return id;
  }
  return makeError(ErrorCode::rejected, "no_member_found",
                   "No active member with at least " + std::to_string(criteria.minPoints) + " " +
                       criteria.pointsCurrency + " points" + (criteria.tier.empty() ? "" : " and tier " + criteria.tier) +
                       " among the first " + std::to_string(criteria.searchLimit) + " members.");
}

}  // namespace loyalty::pos_demo
