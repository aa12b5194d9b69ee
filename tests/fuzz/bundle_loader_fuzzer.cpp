// Any bytes given to the bundle loader: a list of issues or a bundle, never a crash; a
// loaded bundle must price an empty basket at each of its stores.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/bundle_loader.h"
#include "engine/pricing_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  loyalty::codec::BundleLoad load = loyalty::codec::loadBundle(text);
  if (!load.ok()) {
    if (load.issues.empty()) __builtin_trap();  // a refusal must say why
    return 0;
  }
  const loyalty::engine::PricingEngine engine(std::move(*load.bundle));
  for (const auto& store : engine.bundle().stores) {
    loyalty::engine::QuoteRequest request;
    request.basket.storeId = store.id;
    auto result = engine.quote(request);
    if (result && result->toPay != 0) __builtin_trap();
  }
  return 0;
}
