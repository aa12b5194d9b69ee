// Finding a member worth demonstrating in a generated snapshot (members m-00000001...,
// docs/snapshot-format.md): the first active, confirmed member with enough points, asked
// through the local API as a POS looks a member up by number. The demo script uses it to
// choose whose card to print.
#pragma once

#include <cstdint>
#include <string>

#include "engine/money.h"
#include "engine/result.h"
#include "pos_client/pos_client.h"

namespace loyalty::pos_demo {

struct MemberCriteria {
  std::string pointsCurrency = "reward";  // the currency points are paid with
  engine::Points minPoints = 0;
  std::string tier;                       // empty: any tier
  std::int64_t searchLimit = 1000;        // members looked at, at most
};

// The member id. Errors: "no_member_found" (rejected), the client's io errors, the agent's.
[[nodiscard]] Result<std::string> findDemoMember(pos::PosClient& client, const MemberCriteria& criteria);

// "m-00000042" for 42: the generator's numbering.
[[nodiscard]] std::string generatedMemberId(std::int64_t number);

}  // namespace loyalty::pos_demo
