#include "store/snapshot_records.h"

namespace loyalty::store {

std::string_view toString(engine::MemberStatus status) noexcept {
  switch (status) {
    case engine::MemberStatus::active: return "active";
    case engine::MemberStatus::suspended: return "suspended";
    case engine::MemberStatus::closed: return "closed";
  }
  return "active";
}

std::optional<engine::MemberStatus> memberStatusFromString(std::string_view name) noexcept {
  if (name == "active") return engine::MemberStatus::active;
  if (name == "suspended") return engine::MemberStatus::suspended;
  if (name == "closed") return engine::MemberStatus::closed;
  return std::nullopt;
}

}  // namespace loyalty::store
