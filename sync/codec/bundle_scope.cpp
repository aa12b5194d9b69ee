#include "codec/bundle_scope.h"

namespace loyalty::codec {

void IdSet::define(const std::string& id, const std::string& pointer, Issues& issues) {
  if (id.empty()) return;
  const auto [it, inserted] = pointers_.emplace(id, pointer);
  if (!inserted) {
    issues.add(pointer, "duplicate_id",
               "the " + what_ + " id \"" + id + "\" is already defined at " + it->second + ".");
    return;
  }
  order_.push_back(id);
}

bool IdSet::contains(std::string_view id) const {
  return pointers_.find(std::string(id)) != pointers_.end();
}

bool IdSet::require(const std::string& id, const std::string& pointer, Issues& issues) const {
  if (id.empty() || contains(id)) return true;
  std::string known;
  for (const auto& defined : order_) {
    if (known.size() > 200) {
      known += ", ...";
      break;
    }
    known += known.empty() ? "" : ", ";
    known += defined;
  }
  issues.add(pointer, "unknown_reference",
             "unknown " + what_ + " \"" + id + "\"" +
                 (known.empty() ? std::string("; none is defined.") : "; defined: " + known + "."));
  return false;
}

void IdSet::requireAll(const std::vector<std::string>& ids, const std::string& pointer, Issues& issues) const {
  for (std::size_t i = 0; i < ids.size(); ++i) require(ids[i], childPointer(pointer, i), issues);
}

}  // namespace loyalty::codec
