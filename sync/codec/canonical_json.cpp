#include "codec/canonical_json.h"

#include "codec/bundle_loader.h"
#include "codec/sha256.h"

namespace loyalty::codec {

std::string canonicalJson(const nlohmann::json& document) {
  // Strings were validated as UTF-8 by the parser; `replace` keeps dump() from throwing on
  // a document built in code with invalid bytes.
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string bundleHash(const nlohmann::json& bundleDocument) {
  return sha256Hex(canonicalJson(bundleDocument));
}

}  // namespace loyalty::codec
