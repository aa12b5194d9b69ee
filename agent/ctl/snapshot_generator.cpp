#include "snapshot_generator.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "codec/json_document.h"
#include "codec/snapshot_codec.h"
#include "codec/time_text.h"
#include "command_inputs.h"
#include "ed25519_key.h"
#include "member_generator.h"
#include "text_file.h"

namespace loyalty::ctl {
namespace {

constexpr std::int64_t kMaxMembers = 100'000'000;
constexpr std::string_view kCardKeyLabel = "loyalty-test-card-key";

// Buffered output to a file created 0600 (the snapshot names members), checked on close.
class PrivateFile {
 public:
  static Result<std::unique_ptr<PrivateFile>> create(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
      if (fd >= 0) ::close(fd);
      return makeError(ErrorCode::io_error, "file_unwritable",
                       "cannot write \"" + path + "\": " + std::strerror(errno) + ".");
    }
    FILE* file = ::fdopen(fd, "w");
    if (file == nullptr) {
      ::close(fd);
      return makeError(ErrorCode::io_error, "file_unwritable", "cannot write \"" + path + "\".");
    }
    std::setvbuf(file, nullptr, _IOFBF, 1 << 20);
    return std::unique_ptr<PrivateFile>(new PrivateFile(file));
  }
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;
  ~PrivateFile() {
    if (file_ != nullptr) std::fclose(file_);
  }

  void line(const std::string& text) {
    ok_ = ok_ && std::fwrite(text.data(), 1, text.size(), file_) == text.size() && std::fputc('\n', file_) != EOF;
  }
  [[nodiscard]] bool close() {
    ok_ = ok_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    ok_ = (std::fclose(file_) == 0) && ok_;
    file_ = nullptr;
    return ok_;
  }

 private:
  explicit PrivateFile(FILE* file) noexcept : file_(file) {}
  FILE* file_;
  bool ok_ = true;
};

Error invalidOption(std::string message) {
  return makeError(ErrorCode::invalid_input, "invalid_option", std::move(message));
}

// The snapshot-wide records: HQ's card key, campaign counters, some used single-use codes.
void writeStoreRecords(PrivateFile& out, const engine::Bundle& bundle, const engine::Store& store,
                       const SnapshotGeneratorOptions& options, const codec::PublicKeyBytes& cardKey,
                       GeneratedSnapshot& result) {
  out.line(codec::snapshotRecordLine(
      codec::SnapshotCardKey{options.cardKeyId, cardKey, options.createdAt - 365 * 86'400, std::nullopt}));
  ++result.records;
  SplitMix64 random(options.seed ^ 0x5eedc0deULL);
  for (const engine::Program& program : bundle.programs) {
    if (std::find(store.programs.begin(), store.programs.end(), program.id) == store.programs.end()) continue;
    for (const engine::Campaign& campaign : program.campaigns) {
      const std::int64_t cap = campaign.limits.maxRedemptions.value_or(10'000);
      const std::int64_t redemptions = random.below(std::max<std::int64_t>(1, cap));
      const std::int64_t budget = campaign.limits.maxDiscountTotal.value_or(redemptions * 500);
      out.line(codec::snapshotRecordLine(engine::CampaignUsage{
          campaign.id, redemptions, std::min(budget, redemptions * (100 + random.below(400))),
          redemptions * (2000 + random.below(8000))}));
      ++result.campaignUsage;
    }
    for (const engine::VoucherCode& code : program.voucherCodes) {
      if (!code.singleUse || !random.percent(25)) continue;
      out.line(codec::snapshotRecordLine(codec::SnapshotUsedVoucher{code.code}));
      ++result.usedVouchers;
    }
  }
  result.records += result.campaignUsage + result.usedVouchers;
}

void writeMember(PrivateFile& out, GeneratedMember&& generated, GeneratedSnapshot& result) {
  const std::string memberId = generated.view.id;
  out.line(codec::snapshotRecordLine(codec::SnapshotMember{std::move(generated.view), {}}));
  for (std::string& card : generated.cards) out.line(codec::snapshotRecordLine(codec::SnapshotCard{card, memberId}));
  for (std::string& card : generated.revokedCards) {
    out.line(codec::snapshotRecordLine(codec::SnapshotRevokedCard{std::move(card)}));
  }
  if (generated.deviceKey) out.line(codec::snapshotRecordLine(*generated.deviceKey));
  if (generated.offlineAllowance) {
    out.line(codec::snapshotRecordLine(codec::SnapshotOfflineAllowance{memberId, *generated.offlineAllowance}));
  }
  ++result.members;
  result.cards += static_cast<std::int64_t>(generated.cards.size());
  result.revokedCards += static_cast<std::int64_t>(generated.revokedCards.size());
  result.deviceKeys += generated.deviceKey ? 1 : 0;
  result.offlineAllowances += generated.offlineAllowance ? 1 : 0;
  result.records += 1 + static_cast<std::int64_t>(generated.cards.size() + generated.revokedCards.size()) +
                    (generated.deviceKey ? 1 : 0) + (generated.offlineAllowance ? 1 : 0);
}

Result<codec::PublicKeyBytes> cardKeyFor(const SnapshotGeneratorOptions& options, GeneratedSnapshot& result) {
  if (options.cardKeyPrivatePath) return publicKeyOfPemFile(*options.cardKeyPrivatePath);
  const Ed25519KeyPair pair = derivedKeyPair(kCardKeyLabel, options.seed, options.cardKeyId);
  auto written = writePrivateKeyFile(options.outPath + ".card-key.pem", pair.privatePem);
  if (!written) return written.error();
  result.cardPrivateKeyPath = written.value();
  return pair.publicKey;
}

}  // namespace

Result<GeneratedSnapshot> generateSnapshot(const SnapshotGeneratorOptions& options) {
  if (options.members < 0 || options.members > kMaxMembers) {
    return invalidOption("--members must be between 0 and " + std::to_string(kMaxMembers) + ".");
  }
  if (options.version < 1) return invalidOption("--version must be at least 1.");
  if (options.cardKeyId.empty()) return invalidOption("--card-key-id must not be empty.");
  auto text = readTextFile(options.bundlePath, "bundle");
  if (!text) return text.error();
  auto bundle = loadBundleFile(options.bundlePath);
  if (!bundle) return bundle.error();
  codec::Issues issues;
  const std::optional<nlohmann::json> document = codec::parseDocument(text.value(), issues);
  if (!document) return codec::toError(issues.list().front());
  auto store = findStore(bundle.value(), options.storeId);
  if (!store) return store.error();

  GeneratedSnapshot result;
  auto cardKey = cardKeyFor(options, result);
  if (!cardKey) return cardKey.error();
  result.cardPublicKey = codec::encodePublicKey(cardKey.value());

  const std::string temporary = options.outPath + ".partial";
  auto out = PrivateFile::create(temporary);
  if (!out) return out.error();
  out.value()->line(codec::snapshotHeaderLine(options.version, options.storeId, options.createdAt, {}, *document));
  writeStoreRecords(*out.value(), bundle.value(), *store.value(), options, cardKey.value(), result);
  const engine::LocalDate today = engine::civilFromDays(options.createdAt / 86'400);
  const MemberGenerator members(bundle.value(), *store.value(), options.seed, today);
  for (std::int64_t i = 0; i < options.members; ++i) writeMember(*out.value(), members.generate(i), result);
  out.value()->line(codec::snapshotEndLine(result.records));
  if (!out.value()->close() || std::rename(temporary.c_str(), options.outPath.c_str()) != 0) {
    std::remove(temporary.c_str());
    return makeError(ErrorCode::io_error, "file_unwritable", "writing \"" + options.outPath + "\" failed.");
  }
  return result;
}

std::string describeGenerated(const SnapshotGeneratorOptions& options, const GeneratedSnapshot& result) {
  std::string text = "ok: wrote snapshot version " + std::to_string(options.version) + " for store " +
                     options.storeId + " to " + options.outPath + "\n";
  text += "  members " + std::to_string(result.members) + ", cards " + std::to_string(result.cards) +
          " (revoked " + std::to_string(result.revokedCards) + "), device keys " + std::to_string(result.deviceKeys) +
          ", offline allowances " + std::to_string(result.offlineAllowances) + ", campaign counters " +
          std::to_string(result.campaignUsage) + ", used vouchers " + std::to_string(result.usedVouchers) + "\n";
  text += "  card key " + options.cardKeyId + " public " + result.cardPublicKey;
  text += result.cardPrivateKeyPath ? " (private key written to " + *result.cardPrivateKeyPath + ")\n"
                                    : " (from " + options.cardKeyPrivatePath.value_or("") + ")\n";
  return text;
}

}  // namespace loyalty::ctl
