// The commit answer's text, built by appending to the stored response, says exactly what
// the parsed-and-printed answer says, for first commits, retries and odd stored texts.
#include <catch2/catch.hpp>

#include "service/answer_json.h"
#include "service_fixture.h"

using namespace loyalty;
using namespace loyalty::service;
using loyalty::service::test::line;
using loyalty::service::test::ServiceFixture;

namespace {

void sameAnswer(const CommitAnswer& answer) {
  INFO(answer.response.substr(0, 200));
  const std::string text = commitAnswerText(answer);
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed == commitAnswerToJson(answer));
}

}  // namespace

TEST_CASE("service: the commit answer text equals the answer as JSON", "[service][json]") {
  ServiceFixture f;
  SaleRequest sale;
  sale.posSaleId = "S-text";
  sale.memberId = "m-claudia";
  sale.lines = {line(1, "espresso-beans-1kg", "coffee", 2, 1499), line(2, "pretzel", "bakery", 1, 89)};
  auto first = f.service->commit(sale);
  REQUIRE(first.ok());
  REQUIRE(first->entries.size() >= 1);
  sameAnswer(first.value());
  auto again = f.service->commit(sale);
  REQUIRE(again.ok());
  sameAnswer(again.value());
  CHECK(nlohmann::json::parse(commitAnswerText(again.value()))["already_committed"] == true);

  // Stored texts this agent does not write take the parsing way or still come out right.
  for (const std::string stored : {"{}", " { } ", "", "[1,2]", "not json", R"({"ledger_entries":[],"a":1})",
                                   R"({"status":"approved","already_committed":true})"}) {
    CommitAnswer odd;
    odd.response = stored;
    odd.entries = {EntryRef{"e-1", 7, "accrual"}};
    sameAnswer(odd);
  }
}
