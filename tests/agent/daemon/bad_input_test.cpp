// Bad input at every POST endpoint of a real agent (issue 3): oversized and deeply nested
// JSON, unknown fields, negative quantities, huge numbers, wrong types, broken bytes.
// Each gets a 4xx with a snake_case reason and a sentence; nothing is booked; the agent
// keeps serving. Plus a seeded run of randomly mangled bodies.
#include "daemon_test_support.h"

#include <regex>

namespace loyalty::daemon_test {
namespace {

struct BadBody {
  std::string name;
  std::string target;
  std::string body;
  int status = 0;          // 0: any 4xx
  std::string reason;      // empty: any reason
};

json validSale() {
  return json{{"pos_sale_id", "bad-1"},
              {"member_id", "m-00000001"},
              {"lines", {json{{"line", 1}, {"sku", "pretzel"}, {"categories", {"bakery"}}, {"quantity", 2},
                              {"unit_price", 89}}}}};
}

std::string withLine(const char* key, const json& value) {
  json sale = validSale();
  sale["lines"][0][key] = value;
  return sale.dump();
}

std::string withNul() {
  std::string body = R"({"pos_sale_id":"a)";
  body.push_back('\0');
  return body + R"(b","lines":[]})";
}

std::vector<BadBody> badBodies() {
  const std::string nested = std::string(10'000, '[') + std::string(10'000, ']');
  json deepInField = validSale();
  json deep = json::array();
  for (int i = 0; i < 100; ++i) deep = json::array({deep});
  deepInField["lines"][0]["categories"] = deep;
  json extra = validSale();
  extra["colour"] = "red";
  json manyLines = validSale();
  for (int i = 2; i <= 20'000; ++i) manyLines["lines"].push_back(validSale()["lines"][0]);
  json burnHuge = validSale();
  burnHuge["burn"] = json{{"points", 1'000'000'000'000'000'000LL}};
  json burnBoth = validSale();
  burnBoth["burn"] = json{{"points", 100}, {"max", true}};
  json redeemMany = validSale();
  redeemMany["redeem"] = json::array();
  for (int i = 0; i < 60; ++i) redeemMany["redeem"].push_back(json{{"code", "WELCOME5"}});
  return {
      {"empty body", "/v1/sales", "", 0, ""},
      {"not JSON", "/v1/sales", "pos_sale_id=1&lines=2", 400, "malformed_json"},
      {"truncated JSON", "/v1/sales", validSale().dump().substr(0, 40), 400, "malformed_json"},
      {"10000 nested arrays", "/v1/sales", nested, 0, "too_deep"},
      {"100 nested arrays in a field", "/v1/quote", deepInField.dump(), 0, "too_deep"},
      {"an unknown top-level field", "/v1/sales", extra.dump(), 422, "unknown_field"},
      {"an unknown line field", "/v1/quote", withLine("discount", 5), 422, ""},
      {"a negative quantity", "/v1/sales", withLine("quantity", -1), 422, ""},
      {"a zero quantity", "/v1/sales", withLine("quantity", 0), 422, ""},
      {"a negative price", "/v1/quote", withLine("unit_price", -89), 422, ""},
      {"a price beyond int64", "/v1/sales", R"({"pos_sale_id":"b","lines":[{"line":1,"sku":"x","categories":[],"quantity":1,"unit_price":99999999999999999999999}]})", 0, ""},
      {"a price in exponent form", "/v1/sales", withLine("unit_price", 1e30), 0, ""},
      {"a fractional quantity", "/v1/sales", withLine("quantity", 1.5), 0, ""},
      {"quantity x price overflowing", "/v1/sales", withLine("quantity", 4'000'000'000'000LL), 0, ""},
      {"a huge burn", "/v1/sales", burnHuge.dump(), 422, ""},
      {"burn points and max", "/v1/quote", burnBoth.dump(), 422, "invalid_value"},
      {"60 vouchers", "/v1/quote", redeemMany.dump(), 422, "too_many"},
      {"20000 lines", "/v1/sales", manyLines.dump(), 0, ""},
      {"lines as a string", "/v1/sales", R"({"pos_sale_id":"b","lines":"all"})", 0, "wrong_type"},
      {"sale id as a number", "/v1/sales", R"({"pos_sale_id":7,"lines":[]})", 0, ""},
      {"no sale id", "/v1/sales", R"({"lines":[{"line":1,"sku":"x","categories":[],"quantity":1,"unit_price":1}]})", 0, ""},
      {"a document that is an array", "/v1/sales", "[1,2,3]", 0, "wrong_type"},
      {"broken UTF-8", "/v1/sales", "{\"pos_sale_id\":\"\xff\xfe\",\"lines\":[]}", 400, "malformed_json"},
      {"a NUL byte", "/v1/sales", withNul(), 0, ""},
      {"a duplicate key", "/v1/sales", R"({"pos_sale_id":"a","pos_sale_id":"b","lines":[]})", 0, "duplicate_key"},
      {"a return with a negative quantity", "/v1/sales/bad-1/returns",
       R"({"return_id":"r","lines":[{"line":1,"quantity":-3}]})", 422, ""},
      {"a return with an unknown field", "/v1/sales/bad-1/returns",
       R"({"return_id":"r","lines":[{"line":1,"quantity":1}],"refund":"cash"})", 422, "unknown_field"},
      {"an enrollment without a name", "/v1/members", R"({"enrollment_id":"e"})", 422, ""},
      {"an enrollment with a 10 kB name", "/v1/members",
       json{{"enrollment_id", "e"}, {"display_name", std::string(10'000, 'n')}}.dump(), 422, ""},
      {"a scan of a number", "/v1/scan", R"({"payload":12345})", 0, "wrong_type"},
      {"a scan of 100 kB", "/v1/scan", json{{"payload", std::string(100'000, 'L')}}.dump(), 422, "too_long"},
  };
}

void requireClearRefusal(const pos::PosResponse& answer, const BadBody& bad) {
  INFO(bad.name << " -> " << answer.status << " " << answer.body);
  CHECK(answer.status >= 400);
  CHECK(answer.status < 500);
  if (bad.status != 0) CHECK(answer.status == bad.status);
  const json body = json::parse(answer.body, nullptr, false);
  REQUIRE(body.is_object());
  REQUIRE(body.contains("error"));
  const std::string reason = body["error"]["reason"].get<std::string>();
  CHECK(std::regex_match(reason, std::regex("[a-z][a-z0-9_]*")));
  CHECK(body["error"]["message"].get<std::string>().size() > 10);
  if (!bad.reason.empty()) CHECK(reason == bad.reason);
}

}  // namespace

TEST_CASE("malformed, oversized, nested and out-of-range bodies get a clear 4xx and the agent keeps serving",
          "[daemon][bad-input]") {
  auto agent = startedAgent("bad-input");
  auto client = agent->client();
  REQUIRE(call(*client, "POST", "/v1/sales", saleBody("bad-1", activeMembers(*agent).front().id, fixedLines()).dump())
              .status == 201);
  const std::size_t commitsBefore = ledgerOf(*agent).commits.size();
  for (const BadBody& bad : badBodies()) {
    requireClearRefusal(call(*client, "POST", bad.target, bad.body), bad);
  }
  // Larger than maxBodyBytes (1 MiB by default): refused before it is read.
  const BadBody tooLarge{"1.5 MiB", "/v1/sales", std::string(3 << 19, ' '), 413, "body_too_large"};
  auto fresh = agent->client();
  requireClearRefusal(call(*fresh, "POST", tooLarge.target, tooLarge.body), tooLarge);
  const BadBody wrongType{"text/plain", "/v1/sales", validSale().dump(), 415, "unsupported_media_type"};
  requireClearRefusal(call(*client, "POST", "/v1/sales", validSale().dump(), "text/plain"), wrongType);

  CHECK(ledgerOf(*agent).commits.size() == commitsBefore);
  CHECK(call(*client, "GET", "/v1/status").status == 200);
  CHECK(agent->running());
  requireSoundDatabase(*agent);
}

TEST_CASE("randomly mangled request bodies never crash the agent nor book anything", "[daemon][bad-input][property]") {
  const std::uint64_t seed = 20260316;
  std::mt19937_64 random(seed);
  auto agent = startedAgent("bad-input-random");
  auto client = agent->client();
  const std::string member = activeMembers(*agent).front().id;
  const std::vector<std::string> targets{"/v1/sales", "/v1/quote", "/v1/scan", "/v1/members", "/v1/sales/x/returns"};
  int refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string body = saleBody("mangled-" + std::to_string(i), member, basketLines(random)).dump();
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits && !body.empty(); ++e) {
      const std::size_t at = random() % body.size();
      switch (random() % 4) {
        case 0: body.erase(at, 1 + random() % 8); break;
        case 1: body.insert(at, 1, static_cast<char>(random() % 256)); break;
        case 2: body[at] = "{}[]\",:-0e9"[random() % 11]; break;
        default: body.insert(at, "99999999999999999999"); break;
      }
    }
    const std::string& target = targets[random() % targets.size()];
    const auto answer = call(*client, "POST", target, body);
    INFO("seed " << seed << " #" << i << " " << target << " " << body << " -> " << answer.status << " " << answer.body);
    REQUIRE(answer.status < 500);
    if (answer.status >= 400) {
      ++refused;
      const json error = bodyOf(answer);
      REQUIRE(error.contains("error"));
      CHECK_FALSE(error["error"]["reason"].get<std::string>().empty());
    }
  }
  CHECK(refused > 100);
  CHECK(call(*client, "GET", "/v1/status").status == 200);
  requireSoundDatabase(*agent);  // whatever got booked (a mangled body may still be a valid sale) is whole
}

}  // namespace loyalty::daemon_test
