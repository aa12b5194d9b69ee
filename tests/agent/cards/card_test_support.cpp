#include "card_test_support.h"

#include <filesystem>
#include <stdexcept>

#include <unistd.h>

namespace loyalty::cards::test {

CardSigner newSigner() {
  auto key = SigningKey::generate();
  if (!key) throw std::runtime_error(key.error().message);
  return CardSigner(std::move(key).value());
}

Result<bool> CountingReplayGuard::firstPresentation(std::string_view codeDigest,
                                                    std::int64_t expiresAtUnix,
                                                    std::int64_t nowUnix) {
  ++calls;
  lastDigest = codeDigest;
  lastExpiresAt = expiresAtUnix;
  if (failing) return makeError(ErrorCode::io_error, "disk_full", "The database disk is full.");
  return inner_.firstPresentation(codeDigest, expiresAtUnix, nowUnix);
}

CardWorld::CardWorld() {
  keys.addIssuerKey("HQ1", IssuerKey{hq.publicKey(), std::nullopt, std::nullopt});
  keys.addDeviceKey("D1", DeviceKey{device.publicKey(), "M-1001", "4000123412341234", false});
}

std::string CardWorld::staticCard(const std::string& cardId,
                                  std::optional<std::int64_t> expires) const {
  auto payload = hq.staticCard("HQ1", cardId, expires);
  if (!payload) throw std::runtime_error(payload.error().message);
  return payload.value();
}

std::string CardWorld::rotatingCode(std::int64_t at) const {
  auto payload = device.rotatingCode("D1", at);
  if (!payload) throw std::runtime_error(payload.error().message);
  return payload.value();
}

std::string scratchPath(const std::string& name) {
  const auto dir = std::filesystem::path(LOYALTY_BINARY_DIR) / "cards_test_files" /
                   std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

}  // namespace loyalty::cards::test
