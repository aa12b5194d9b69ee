// Terminals, enrollment tokens and conflicts through HqStore, on both backends.
#include <thread>

#include "hq_store_backends.h"
#include "hq_store_test_support.h"

using namespace loyalty;
using namespace loyalty::hq;
using namespace loyalty::hq::test;

TEMPLATE_TEST_CASE("registry: terminals register once, with checked ids", "[hqstore]", SqliteBackend,
                   PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-2", "berlin-01");
  registerOk(*store, "till-1", "berlin-01");
  auto again = store->registerTerminal("till-1", "hamburg-02", kNow);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().reason == "terminal_exists");
  CHECK(store->registerTerminal("", "s", kNow).error().reason == "invalid_terminal_id");
  CHECK(store->registerTerminal("till 3", "s", kNow).error().reason == "invalid_terminal_id");
  CHECK(store->registerTerminal(std::string(129, 'x'), "s", kNow).error().reason == "invalid_terminal_id");
  CHECK(store->registerTerminal("till-3", "", kNow).error().reason == "invalid_store_id");

  const auto all = store->terminals().value();
  REQUIRE(all.size() == 2);
  CHECK(all[0] == TerminalRecord{"till-1", "berlin-01", true, "", kNow});
  CHECK(all[1].terminalId == "till-2");
  CHECK(store->terminal("till-1").value() == all[0]);
  CHECK_FALSE(store->terminal("nope").value().has_value());

  REQUIRE(store->setCertificateSerial("till-1", "4F:2A:01").ok());
  CHECK(store->terminal("till-1").value()->certificateSerial == "4F:2A:01");
  CHECK(store->setCertificateSerial("till-1", "").error().reason == "invalid_serial");
  CHECK(store->setCertificateSerial("nope", "01").error().reason == "unknown_terminal");

  CHECK(store->isEnabled("till-1").value());
  REQUIRE(store->setEnabled("till-1", false).ok());
  CHECK_FALSE(store->isEnabled("till-1").value());
  CHECK_FALSE(store->terminal("till-1").value()->enabled);
  CHECK(store->isEnabled("nope").error().reason == "unknown_terminal");
  CHECK(store->setEnabled("nope", true).error().reason == "unknown_terminal");
  CHECK(store->recordContact("nope", kNow).error().reason == "unknown_terminal");
}

TEMPLATE_TEST_CASE("registry: enrollment tokens are single-use, expire, and are stored only as a digest",
                   "[hqstore]", SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  registerOk(*store, "till-1");
  CHECK(store->createEnrollmentToken("nope", kNow, 60'000).error().reason == "unknown_terminal");
  CHECK(store->createEnrollmentToken("till-1", kNow, 0).error().reason == "invalid_validity");

  const auto token = store->createEnrollmentToken("till-1", kNow, 60'000).value();
  CHECK(token.token.size() == 64);
  CHECK(token.expiresMs == kNow + 60'000);
  const auto other = store->createEnrollmentToken("till-1", kNow, 60'000).value();
  CHECK(other.token != token.token);

  CHECK(store->consumeEnrollmentToken("0123", kNow).error().reason == "unknown_token");
  CHECK(store->consumeEnrollmentToken(token.token, kNow + 1).value() == "till-1");
  CHECK(store->consumeEnrollmentToken(token.token, kNow + 2).error().reason == "token_used");
  CHECK(store->consumeEnrollmentToken(other.token, kNow + 60'000).error().reason == "token_expired");

  const auto forDisabled = store->createEnrollmentToken("till-1", kNow, 60'000).value();
  REQUIRE(store->setEnabled("till-1", false).ok());
  CHECK(store->consumeEnrollmentToken(forDisabled.token, kNow).error().reason == "terminal_disabled");
  REQUIRE(store->setEnabled("till-1", true).ok());
  CHECK(store->consumeEnrollmentToken(forDisabled.token, kNow).value() == "till-1");
}

TEMPLATE_TEST_CASE("registry: of two connections consuming one token at once, exactly one wins", "[hqstore]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto first = backend.open();
  auto second = backend.open();
  registerOk(*first, "till-1");
  for (int round = 0; round < 10; ++round) {
    const auto token = first->createEnrollmentToken("till-1", kNow, 60'000).value();
    Result<std::string> a = Error{};
    Result<std::string> b = Error{};
    std::thread ta([&] { a = first->consumeEnrollmentToken(token.token, kNow); });
    std::thread tb([&] { b = second->consumeEnrollmentToken(token.token, kNow); });
    ta.join();
    tb.join();
    CHECK(a.ok() != b.ok());
    const auto& loser = a.ok() ? b : a;
    CHECK(loser.error().reason == "token_used");
  }
}

TEMPLATE_TEST_CASE("conflicts: recorded once per kind and set of entries, listed in order", "[hqstore]",
                   SqliteBackend, PostgresBackend) {
  TestType backend;
  if (!backend.available()) return;
  auto store = backend.open();
  const NewConflict overdraft{ConflictKind::overdraft, {"e-2", "e-1"}, "m-claudia",
                              "two stores spent the same 500 points offline"};
  const auto first = store->recordConflict(overdraft, kNow).value();
  CHECK(first.inserted);
  NewConflict reordered = overdraft;
  reordered.entryIds = {"e-1", "e-2", "e-1"};
  const auto again = store->recordConflict(reordered, kNow + 1).value();
  CHECK_FALSE(again.inserted);
  CHECK(again.id == first.id);
  const auto voucher =
      store->recordConflict({ConflictKind::voucher_reuse, {"e-1", "e-2"}, "", "code WELCOME10 used twice"}, kNow + 2)
          .value();
  CHECK(voucher.inserted);
  CHECK(voucher.id > first.id);
  CHECK(store->recordConflict({ConflictKind::negative_after_return, {"e-9"}, "m-x", ""}, kNow).value().inserted);

  CHECK(store->recordConflict({ConflictKind::overdraft, {}, "m", ""}, kNow).error().reason == "invalid_conflict");
  CHECK(store->recordConflict({ConflictKind::overdraft, {"a,b"}, "m", ""}, kNow).error().reason == "invalid_conflict");
  CHECK(store->recordConflict({ConflictKind::overdraft, {"a"}, "m", std::string(5000, 'x')}, kNow).error().reason ==
        "invalid_conflict");

  const auto listed = store->conflicts(0, 10).value();
  REQUIRE(listed.size() == 3);
  CHECK(listed[0] == Conflict{first.id, ConflictKind::overdraft, {"e-1", "e-2"}, "m-claudia",
                              "two stores spent the same 500 points offline", kNow});
  CHECK(listed[1].kind == ConflictKind::voucher_reuse);
  CHECK(listed[1].memberId.empty());
  CHECK(listed[2].kind == ConflictKind::negative_after_return);
  CHECK(store->conflicts(listed[1].id, 10).value().size() == 1);
}
