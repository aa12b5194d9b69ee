// `loyaltyctl snapshot import` and `loyaltyctl snapshot generate`.
#pragma once

#include <optional>
#include <string>

#include "engine/result.h"
#include "snapshot_generator.h"

namespace loyalty::ctl {

struct SnapshotImportOptions {
  std::string databasePath;
  std::string terminalId;
  std::optional<std::string> storeId;
  std::string filePath;
};

// Opens (creating) the terminal's database and loads the snapshot file into it; the active
// snapshot changes only when the whole file is valid. Prints what was loaded.
[[nodiscard]] Result<std::string> runSnapshotImport(const SnapshotImportOptions& options);

[[nodiscard]] Result<std::string> runSnapshotGenerate(const SnapshotGeneratorOptions& options);

}  // namespace loyalty::ctl
