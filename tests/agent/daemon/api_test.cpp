// The local API of a real loyalty-agent process over real sockets (issue 3, "API tests"):
// every endpoint, idempotency, and the error answers a POS sees.
#include "daemon_test_support.h"

namespace loyalty::daemon_test {
namespace {

std::vector<std::string> entryIds(const json& answer) {
  std::vector<std::string> ids;
  for (const auto& entry : answer["ledger_entries"]) ids.push_back(entry["id"].get<std::string>());
  return ids;
}

std::vector<std::string> ledgerIdsOf(const AgentProcess& agent, const std::string& saleRef) {
  const testing::LedgerContents ledger = ledgerOf(agent);
  std::vector<std::string> ids;
  for (const auto* row : ledger.entriesOf(saleRef)) ids.push_back(row->id);
  return ids;
}

}  // namespace

TEST_CASE("status, member view, quote and an idempotent commit over real sockets", "[daemon][api]") {
  auto agent = startedAgent("api-commit");
  auto client = agent->client();
  const std::string member = activeMembers(*agent).front().id;

  const json status = bodyOf(call(*client, "GET", "/v1/status"));
  CHECK(status["terminal_id"] == "berlin-01-till-1");
  CHECK(status["store_id"] == "berlin-01");
  CHECK(status["snapshot"]["version"] == 1);
  CHECK(status["snapshot"]["members"] == 200);
  CHECK(status["snapshot"]["stale"] == false);
  CHECK(status["ledger"]["last_sequence"] == 0);
  CHECK(status["disk"]["free_bytes"].get<std::int64_t>() > 0);

  const auto view = call(*client, "GET", "/v1/members/" + member);
  REQUIRE(view.status == 200);
  const json memberBefore = bodyOf(view);
  CHECK(memberBefore["member_id"] == member);
  CHECK(memberBefore["status"] == "active");
  CHECK(memberBefore["balances"].is_array());
  CHECK(memberBefore["recent_activity"].empty());

  const json sale = saleBody("api-sale-1", member, fixedLines());
  const auto quoted = call(*client, "POST", "/v1/quote", sale.dump());
  REQUIRE(quoted.status == 200);
  const json quote = bodyOf(quoted);
  CHECK(quote["status"] == "quoted");
  const std::int64_t toPay = quote["result"]["to_pay"].get<std::int64_t>();
  CHECK(toPay > 0);
  CHECK(ledgerOf(*agent).entries.empty());  // a quote books nothing

  json commit = sale;
  commit["expected_to_pay"] = toPay;
  const auto first = call(*client, "POST", "/v1/sales", commit.dump());
  INFO(first.body);
  REQUIRE(first.status == 201);
  const json approved = bodyOf(first);
  CHECK(approved["status"] == "approved");
  CHECK(approved["already_committed"] == false);
  CHECK(approved["result"]["to_pay"] == toPay);
  REQUIRE_FALSE(approved["ledger_entries"].empty());

  // The POS did not hear the answer and retries: same answer, nothing new written.
  const auto again = call(*client, "POST", "/v1/sales", commit.dump());
  REQUIRE(again.status == 200);
  json repeated = bodyOf(again);
  CHECK(repeated["already_committed"] == true);
  repeated["already_committed"] = false;
  CHECK(repeated == approved);
  // Even with another basket under the same sale id: the id is the POS's promise.
  std::mt19937_64 random(3);
  const auto other = call(*client, "POST", "/v1/sales", saleBody("api-sale-1", member, basketLines(random)).dump());
  REQUIRE(other.status == 200);
  CHECK(entryIds(bodyOf(other)) == entryIds(approved));

  CHECK(ledgerIdsOf(*agent, "api-sale-1") == entryIds(approved));
  const json after = bodyOf(call(*client, "GET", "/v1/status"));
  CHECK(after["ledger"]["last_sequence"] == approved["ledger_entries"].size());
  CHECK(after["ledger"]["unsynced_entries"] == approved["ledger_entries"].size());
  const json memberAfter = bodyOf(call(*client, "GET", "/v1/members/" + member));
  REQUIRE_FALSE(memberAfter["recent_activity"].empty());
  CHECK(memberAfter["recent_activity"][0]["pos_sale_id"] == "api-sale-1");
  requireSoundDatabase(*agent);
  const auto stopped = agent->stop();
  REQUIRE(stopped);
  CHECK(stopped.value() == testing::ExitStatus{0, 0});
}

TEST_CASE("a return and a void over real sockets, each idempotent on its own id", "[daemon][api]") {
  auto agent = startedAgent("api-return");
  auto client = agent->client();
  const std::string member = activeMembers(*agent).front().id;
  REQUIRE(call(*client, "POST", "/v1/sales", saleBody("api-ret-1", member, fixedLines()).dump()).status == 201);

  const json returnBody{{"return_id", "ret-1"}, {"lines", {json{{"line", 1}, {"quantity", 1}}}}};
  const auto returned = call(*client, "POST", "/v1/sales/api-ret-1/returns", returnBody.dump());
  INFO(returned.body);
  REQUIRE(returned.status == 201);
  const json returnAnswer = bodyOf(returned);
  CHECK(returnAnswer["status"] == "returned");
  CHECK(returnAnswer["ledger_entries"].size() == 1);
  CHECK(returnAnswer["ledger_entries"][0]["kind"] == "reversal");
  const auto returnedAgain = call(*client, "POST", "/v1/sales/api-ret-1/returns", returnBody.dump());
  REQUIRE(returnedAgain.status == 200);
  CHECK(entryIds(bodyOf(returnedAgain)) == entryIds(returnAnswer));

  const auto voided = call(*client, "POST", "/v1/sales/api-ret-1/void");
  INFO(voided.body);
  REQUIRE(voided.status == 201);
  const json voidAnswer = bodyOf(voided);
  CHECK(voidAnswer["status"] == "voided");
  CHECK(voidAnswer["ledger_entries"][0]["kind"] == "voiding");
  REQUIRE(call(*client, "POST", "/v1/sales/api-ret-1/void").status == 200);

  // Everything is back: another return of the sale is refused, nothing is booked.
  const std::size_t before = ledgerOf(*agent).entries.size();
  const auto tooMuch = call(*client, "POST", "/v1/sales/api-ret-1/returns",
                            json{{"return_id", "ret-2"}, {"lines", {json{{"line", 2}, {"quantity", 1}}}}}.dump());
  INFO(tooMuch.body);
  CHECK(tooMuch.status >= 400);
  CHECK(tooMuch.status < 500);
  CHECK(ledgerOf(*agent).entries.size() == before);

  const auto unknownSale = call(*client, "POST", "/v1/sales/no-such-sale/void");
  CHECK(unknownSale.status == 404);
  CHECK(errorReason(unknownSale) == "unknown_sale");
  requireSoundDatabase(*agent);
}

TEST_CASE("a return id used for another sale is not answered with the first sale's return", "[daemon][api]") {
  auto agent = startedAgent("api-return-ids");
  auto client = agent->client();
  const std::string member = activeMembers(*agent).front().id;
  REQUIRE(call(*client, "POST", "/v1/sales", saleBody("sale-a", member, fixedLines()).dump()).status == 201);
  REQUIRE(call(*client, "POST", "/v1/sales", saleBody("sale-b", member, fixedLines()).dump()).status == 201);
  const json body{{"return_id", "1"}, {"lines", {json{{"line", 2}, {"quantity", 1}}}}};
  REQUIRE(call(*client, "POST", "/v1/sales/sale-a/returns", body.dump()).status == 201);
  // POS systems number returns per receipt: "1" again, for sale-b.
  const auto second = call(*client, "POST", "/v1/sales/sale-b/returns", body.dump());
  INFO(second.body);
  if (second.status == 201) {
    CHECK(bodyOf(second)["pos_sale_id"] == "sale-b");
    CHECK(ledgerOf(*agent).entriesOf("sale-b").size() >= 2);
  } else {
    // Refused is acceptable; being told "done" for sale-a's return is not.
    CHECK(second.status == 409);
    CHECK(errorReason(second) == "return_id_in_use");
  }
  requireSoundDatabase(*agent);
}

TEST_CASE("enrollment at the till gives a provisional member that can buy at once", "[daemon][api]") {
  auto agent = startedAgent("api-enroll");
  auto client = agent->client();
  const json enroll{{"enrollment_id", "till-enroll-1"}, {"display_name", "Erika M."}};
  const auto enrolled = call(*client, "POST", "/v1/members", enroll.dump());
  INFO(enrolled.body);
  REQUIRE(enrolled.status == 201);
  const json answer = bodyOf(enrolled);
  CHECK(answer["status"] == "enrolled");
  CHECK(answer["provisional"] == true);
  const std::string memberId = answer["member_id"].get<std::string>();
  CHECK(memberId.rfind("P-", 0) == 0);
  const auto again = call(*client, "POST", "/v1/members", enroll.dump());
  REQUIRE(again.status == 200);
  CHECK(bodyOf(again)["member_id"] == memberId);

  const json view = bodyOf(call(*client, "GET", "/v1/members/" + memberId));
  CHECK(view["provisional"] == true);
  CHECK(view["display_name"] == "Erika M.");
  const auto bought = call(*client, "POST", "/v1/sales", saleBody("api-enr-sale", memberId, fixedLines()).dump());
  INFO(bought.body);
  CHECK(bought.status == 201);
  const auto badName = call(*client, "POST", "/v1/members", json{{"enrollment_id", "e2"}, {"display_name", ""}}.dump());
  CHECK(badName.status == 422);
  CHECK(errorReason(badName) == "empty_value");
  requireSoundDatabase(*agent);
}

TEST_CASE("a wrong or missing token is 401 and books nothing", "[daemon][api]") {
  auto agent = startedAgent("api-token");
  const std::string member = activeMembers(*agent).front().id;
  pos::PosClient wrong("127.0.0.1", agent->port(), agent->token() + "x");
  const auto refused = call(wrong, "POST", "/v1/sales", saleBody("tok-1", member, fixedLines()).dump());
  CHECK(refused.status == 401);
  CHECK(errorReason(refused) == "invalid_token");
  CHECK(call(wrong, "GET", "/v1/status").status == 401);
  pos::PosClient none("127.0.0.1", agent->port(), "");
  const auto missing = call(none, "GET", "/v1/members/" + member);
  CHECK(missing.status == 401);
  CHECK(errorReason(missing) == "missing_token");
  CHECK(ledgerOf(*agent).commits.empty());
  auto good = agent->client();
  CHECK(call(*good, "GET", "/v1/status").status == 200);
}

TEST_CASE("malformed JSON, an oversized body, an unknown member and a changed quote get their status", "[daemon][api]") {
  AgentOptions options;
  options.configPatch = json{{"limits", {{"maxBodyBytes", 4096}}}};
  auto agent = startedAgent("api-errors", options);
  auto client = agent->client();
  const std::string member = activeMembers(*agent).front().id;

  const auto malformed = call(*client, "POST", "/v1/sales", "{\"pos_sale_id\": \"x\", \"lines\": [");
  CHECK(malformed.status == 400);
  CHECK(errorReason(malformed) == "malformed_json");

  json big = saleBody("big-1", member, fixedLines());
  big["lines"][0]["sku"] = std::string(5000, 'a');
  const auto oversized = call(*client, "POST", "/v1/sales", big.dump());
  CHECK(oversized.status == 413);
  CHECK(errorReason(oversized) == "body_too_large");

  const auto unknown = call(*client, "GET", "/v1/members/m-99999999");
  CHECK(unknown.status == 404);
  CHECK(errorReason(unknown) == "unknown_member");
  const auto unknownSale = call(*client, "POST", "/v1/sales", saleBody("unk-1", "m-99999999", fixedLines()).dump());
  CHECK(unknownSale.status == 404);
  CHECK(errorReason(unknownSale) == "unknown_member");

  json sale = saleBody("changed-1", member, fixedLines());
  const std::int64_t toPay = bodyOf(call(*client, "POST", "/v1/quote", sale.dump()))["result"]["to_pay"];
  sale["expected_to_pay"] = toPay + 1;
  const auto changed = call(*client, "POST", "/v1/sales", sale.dump());
  CHECK(changed.status == 409);
  CHECK(errorReason(changed) == "quote_changed");
  CHECK(ledgerOf(*agent).commits.empty());  // none of these booked anything
  sale["expected_to_pay"] = toPay;
  CHECK(call(*client, "POST", "/v1/sales", sale.dump()).status == 201);  // and the agent still serves
  requireSoundDatabase(*agent);
}

}  // namespace loyalty::daemon_test
