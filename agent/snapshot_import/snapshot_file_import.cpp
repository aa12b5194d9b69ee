#include "snapshot_import/snapshot_file_import.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "codec/snapshot_codec.h"

namespace loyalty::snapshot_import {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

constexpr std::size_t kReadBuffer = 1u << 20;

Result<store::Done> checkFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) {
      return makeError(ErrorCode::io_error, "file_not_found", "the snapshot file \"" + path + "\" does not exist.");
    }
    return makeError(ErrorCode::io_error, "file_unreadable",
                     "cannot read the snapshot file \"" + path + "\": " + std::strerror(errno) + ".");
  }
  if (!S_ISREG(info.st_mode)) {
    return makeError(ErrorCode::io_error, "not_a_file", "\"" + path + "\" is not a regular file.");
  }
  return store::Done{};
}

store::SnapshotMeta metaOf(codec::SnapshotHeader& header, const std::string& terminalId) {
  store::SnapshotMeta meta;
  meta.version = header.version;
  meta.storeId = header.storeId;
  meta.createdAt = header.createdAt;
  meta.bundleText = std::move(header.bundleText);
  meta.bundleHash = header.bundleHash;
  meta.bundleVersion = header.bundle.version;
  const auto included = header.ledgerIncluded.find(terminalId);
  meta.ledgerIncludedThrough = included == header.ledgerIncluded.end() ? 0 : included->second;
  return meta;
}

Result<store::Done> add(store::SnapshotImport& import, codec::SnapshotRecord&& record) {
  return std::visit(
      Overloaded{[&](codec::SnapshotMember&& r) {
                   const engine::MemberView& m = r.member;
                   return import.addMember(store::MemberRecord{m.id, m.programId, m.status, m.displayName, m.tier,
                                                               std::move(r.json)});
                 },
                 [&](codec::SnapshotCard&& r) {
                   return import.addCard(store::CardRecord{std::move(r.cardId), std::move(r.memberId)});
                 },
                 [&](codec::SnapshotCardKey&& r) {
                   return import.addCardKey(
                       store::CardKeyRecord{std::move(r.keyId), r.publicKey, r.validFrom, r.validUntil});
                 },
                 [&](codec::SnapshotDeviceKey&& r) {
                   return import.addDeviceKey(
                       store::DeviceKeyRecord{std::move(r.keyId), std::move(r.memberId), r.publicKey, r.revoked});
                 },
                 [&](codec::SnapshotRevokedCard&& r) { return import.addRevokedCard(std::move(r.cardId)); },
                 [&](engine::CampaignUsage&& r) { return import.addCampaignUsage(std::move(r)); },
                 [&](codec::SnapshotUsedVoucher&& r) { return import.addUsedVoucher(std::move(r.code)); },
                 [&](codec::SnapshotDisabledCampaign&& r) {
                   return import.addDisabledCampaign(std::move(r.campaignId));
                 },
                 [&](codec::SnapshotOfflineAllowance&& r) {
                   return import.addOfflineAllowance(store::OfflineAllowance{std::move(r.memberId), r.points});
                 }},
      std::move(record));
}

}  // namespace

Result<SnapshotSummary> importSnapshotFile(store::SnapshotStore& store, const std::string& path,
                                           const SnapshotFileImportOptions& options) {
  if (auto checked = checkFile(path); !checked) return checked.error();
  std::vector<char> buffer(kReadBuffer);
  std::ifstream in;
  in.rdbuf()->pubsetbuf(buffer.data(), static_cast<std::streamsize>(buffer.size()));  // before open, as required
  in.open(path, std::ios::binary);
  if (!in) {
    return makeError(ErrorCode::io_error, "file_unreadable", "cannot open the snapshot file \"" + path + "\".");
  }
  codec::SnapshotFileReader reader(in);
  auto header = reader.readHeader();
  if (!header) return header.error();
  if (options.storeId && header->storeId != *options.storeId) {
    return makeError(ErrorCode::rejected, "wrong_store",
                     "the snapshot is for store \"" + header->storeId + "\", not \"" + *options.storeId + "\".");
  }
  SnapshotSummary summary;
  summary.version = header->version;
  summary.storeId = header->storeId;
  summary.createdAt = header->createdAt;
  summary.bundleVersion = header->bundle.version;
  summary.bundleHash = header->bundleHash;
  const store::SnapshotMeta meta = metaOf(header.value(), options.terminalId);
  summary.ledgerIncludedThrough = meta.ledgerIncludedThrough;

  auto import = store.beginSnapshotImport(meta);
  if (!import) return import.error();
  for (;;) {
    auto record = reader.next();
    if (!record) return record.error();  // destroying the import abandons it
    if (!record->has_value()) break;
    if (auto added = add(*import.value(), std::move(**record)); !added) return added.error();
  }
  if (in.bad()) {
    return makeError(ErrorCode::io_error, "file_unreadable", "reading the snapshot file \"" + path + "\" failed.");
  }
  auto counts = import.value()->commit();
  if (!counts) return counts.error();
  summary.counts = counts.value();
  summary.lines = reader.lineNumber();
  return summary;
}

}  // namespace loyalty::snapshot_import
