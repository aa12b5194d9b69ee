// Shared pieces of the agent-level tests: a started agent per test case (in its own
// directory under the build tree), JSON bodies of the local API, and answers parsed.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent_harness.h"
#include "ledger_inspector.h"

namespace loyalty::daemon_test {

using nlohmann::json;
using testing::AgentOptions;
using testing::AgentProcess;

inline std::filesystem::path testDir(const std::string& name) {
  return std::filesystem::path(LOYALTY_BINARY_DIR) / "daemon_test_files" / name;
}

// A fresh agent directory with snapshot version 1 imported, the agent started.
inline std::unique_ptr<AgentProcess> startedAgent(const std::string& name, AgentOptions options = {}) {
  auto agent = AgentProcess::create(testDir(name), std::move(options));
  if (!agent) FAIL(agent.error().reason << ": " << agent.error().message);
  auto started = agent.value()->start();
  if (!started) FAIL(started.error().reason << ": " << started.error().message);
  return std::move(agent.value());
}

// The response of a call that must have been answered (transport errors fail the test).
inline pos::PosResponse call(pos::PosClient& client, const std::string& method, const std::string& target,
                             const std::string& body = {}, const std::string& contentType = "application/json") {
  auto response = client.request(method, target, body, contentType);
  if (!response) FAIL(method << " " << target << ": " << response.error().reason << ": " << response.error().message);
  return std::move(response.value());
}

inline json bodyOf(const pos::PosResponse& response) {
  json parsed = json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) FAIL("the answer is not JSON: " << response.body);
  return parsed;
}

// {"error": {"reason", "message", "status"}} with the HTTP status; returns the reason.
inline std::string errorReason(const pos::PosResponse& response) {
  const json body = bodyOf(response);
  INFO(response.body);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["status"] == response.status);
  CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
  return body["error"]["reason"].get<std::string>();
}

// A basket of the example bundle's store berlin-01 (SKUs of config/examples/baskets).
inline json basketLines(std::mt19937_64& random) {
  struct Item {
    const char* sku;
    const char* category;
    std::int64_t price;
  };
  static const Item kItems[] = {{"espresso-beans-1kg", "coffee", 1499},   {"coffee-house-blend-500g", "coffee", 899},
                                {"pretzel", "bakery", 89},                {"croissant", "bakery", 129},
                                {"whole-milk-1l", "dairy", 119},          {"cheddar-200g", "dairy", 349},
                                {"orange-juice-1l", "beverages", 279},    {"sparkling-water-1l", "beverages", 59}};
  json lines = json::array();
  const int count = 1 + static_cast<int>(random() % 4);
  for (int line = 1; line <= count; ++line) {
    const Item& item = kItems[random() % std::size(kItems)];
    lines.push_back(json{{"line", line},
                         {"sku", item.sku},
                         {"categories", {item.category}},
                         {"quantity", 1 + static_cast<std::int64_t>(random() % 3)},
                         {"unit_price", item.price}});
  }
  return lines;
}

inline json fixedLines() {
  return json::array({json{{"line", 1}, {"sku", "espresso-beans-1kg"}, {"categories", {"coffee"}}, {"quantity", 2},
                           {"unit_price", 1499}},
                      json{{"line", 2}, {"sku", "cheddar-200g"}, {"categories", {"dairy"}}, {"quantity", 1},
                           {"unit_price", 349}}});
}

inline json saleBody(const std::string& saleId, const std::string& memberId, const json& lines) {
  json body{{"pos_sale_id", saleId}, {"lines", lines}};
  if (!memberId.empty()) body["member_id"] = memberId;
  return body;
}

// Active members of the generated snapshot (the ones that can earn and spend).
inline std::vector<testing::SnapshotMember> activeMembers(const AgentProcess& agent) {
  auto members = agent.snapshotMembers();
  if (!members) FAIL(members.error().message);
  std::vector<testing::SnapshotMember> active;
  for (auto& member : members.value()) {
    if (member.status == "active" && !member.cards.empty()) active.push_back(std::move(member));
  }
  REQUIRE(active.size() > 10);
  return active;
}

inline testing::LedgerContents ledgerOf(const AgentProcess& agent) {
  auto inspector = testing::LedgerInspector::open(agent.databasePath().string());
  if (!inspector) FAIL(inspector.error().message);
  auto contents = inspector->contents();
  if (!contents) FAIL(contents.error().message);
  return std::move(contents.value());
}

// integrity_check ok, no ledger problem, `loyaltyctl ledger verify` exit 0.
inline void requireSoundDatabase(const AgentProcess& agent) {
  auto inspector = testing::LedgerInspector::open(agent.databasePath().string());
  if (!inspector) FAIL(inspector.error().message);
  auto integrity = inspector->integrityCheck();
  if (!integrity) FAIL(integrity.error().message);
  REQUIRE(integrity.value() == "ok");
  auto contents = inspector->contents();
  if (!contents) FAIL(contents.error().message);
  const std::vector<std::string> problems = testing::ledgerProblems(contents.value());
  for (const auto& problem : problems) UNSCOPED_INFO(problem);
  REQUIRE(problems.empty());
  auto verified = agent.verifyLedger();
  if (!verified) FAIL(verified.error().message);
  INFO(verified->out << verified->err);
  REQUIRE(verified->status.code == 0);
}

}  // namespace loyalty::daemon_test
