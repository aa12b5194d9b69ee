#include "terminal_command.h"

#include "cards/memory_card_keys.h"
#include "service/answer_json.h"
#include "service/checkout_service.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_snapshot_store.h"
#include "store/store_database.h"

namespace loyalty::ctl {
namespace {

class FixedClock final : public service::Clock {
 public:
  explicit FixedClock(std::int64_t unix) : wallMs_(unix * 1000) {}
  [[nodiscard]] std::int64_t wallMs() const override { return wallMs_; }
  [[nodiscard]] std::int64_t monotonicNs() const override { return 0; }

 private:
  std::int64_t wallMs_;
};

// The database opened as it is (never created), and a checkout service over it that only
// reads: no card is verified here, so the key directory stays empty.
struct Terminal {
  std::unique_ptr<store::StoreDatabase> database;
  std::unique_ptr<store::SqliteLedger> ledger;
  std::unique_ptr<store::SqliteSnapshotStore> snapshot;
  cards::MemoryCardKeyDirectory keys;
  cards::MemoryReplayGuard replays;
  std::unique_ptr<cards::CardVerifier> verifier;
  std::unique_ptr<FixedClock> clock;
  std::unique_ptr<service::CheckoutService> service;
  Result<store::Done> loaded = store::Done{};
};

Result<std::unique_ptr<Terminal>> openTerminal(const TerminalQueryOptions& options) {
  store::StoreOptions storeOptions;
  storeOptions.path = options.databasePath;
  storeOptions.create = false;
  auto database = store::StoreDatabase::open(storeOptions);
  if (!database) return database.error();
  auto terminal = std::make_unique<Terminal>();
  terminal->database = std::move(database.value());
  terminal->ledger = std::make_unique<store::SqliteLedger>(*terminal->database);
  terminal->snapshot = std::make_unique<store::SqliteSnapshotStore>(*terminal->database);
  auto info = terminal->snapshot->info();
  if (!info) return info.error();
  const std::string storeId = info.value() ? info.value()->storeId : std::string();
  terminal->verifier = std::make_unique<cards::CardVerifier>(terminal->keys, terminal->replays);
  terminal->clock = std::make_unique<FixedClock>(options.nowUnix);
  terminal->service = std::make_unique<service::CheckoutService>(
      *terminal->snapshot, *terminal->ledger, *terminal->verifier, *terminal->clock,
      service::ServiceOptions{terminal->database->terminalId().value_or(""), storeId, options.databasePath, 30, 10});
  terminal->loaded = terminal->service->reload();
  return terminal;
}

}  // namespace

Result<std::string> runStatus(const TerminalQueryOptions& options) {
  auto terminal = openTerminal(options);
  if (!terminal) return terminal.error();
  auto status = terminal.value()->service->status();
  if (!status) return status.error();
  return service::statusToJson(status.value()).dump(2) + "\n";
}

Result<std::string> runMember(const TerminalQueryOptions& options, const std::string& memberId) {
  auto terminal = openTerminal(options);
  if (!terminal) return terminal.error();
  if (!terminal.value()->loaded) return terminal.value()->loaded.error();
  auto member = terminal.value()->service->member(memberId);
  if (!member) return member.error();
  return service::memberSummaryToJson(member.value()).dump(2) + "\n";
}

}  // namespace loyalty::ctl
