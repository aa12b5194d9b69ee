// Bad input never crashes loyaltyctl: exit 2, "error: <reason>: <sentence>" on stderr.
#include <catch2/catch.hpp>

#include "cli_test_support.h"

using namespace loyalty::ctl::test;

namespace {

ProcessResult quoteWith(const std::string& basketPath, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"quote", "--bundle", example("bundle.json"), "--basket",
                                   basketPath, "--at", "2026-03-17T09:00:00Z"};
  args.insert(args.end(), extra.begin(), extra.end());
  return runCtl(args);
}

void checkBadInput(const ProcessResult& run, const std::string& reason) {
  INFO(run.err);
  CHECK(run.exitCode == 2);
  CHECK(run.signal == 0);
  CHECK(run.out.empty());
  CHECK(run.err.rfind("error: " + reason + ": ", 0) == 0);
  CHECK(run.err.back() == '\n');
}

}  // namespace

TEST_CASE("cli bad input: usage errors", "[cli][bad_input]") {
  checkBadInput(runCtl({}), "usage");
  checkBadInput(runCtl({"frobnicate"}), "usage");
  checkBadInput(runCtl({"quote"}), "usage");
  checkBadInput(runCtl({"quote", "--bundle", example("bundle.json")}), "usage");  // no basket
  checkBadInput(quoteWith(example("baskets/weekly-shop.json"), {"--format", "xml"}), "usage");
  checkBadInput(quoteWith(example("baskets/weekly-shop.json"), {"--no-such-flag"}), "usage");
  checkBadInput(runCtl({"return", "--bundle", example("bundle.json")}), "usage");  // no sale
}

TEST_CASE("cli bad input: help is not an error", "[cli][bad_input]") {
  auto help = runCtl({"--help"});
  CHECK(help.exitCode == 0);
  CHECK(help.out.find("quote") != std::string::npos);
  CHECK(help.out.find("return") != std::string::npos);
  CHECK(help.out.find("bundle") != std::string::npos);
  auto quoteHelp = runCtl({"quote", "--help"});
  CHECK(quoteHelp.exitCode == 0);
  CHECK(quoteHelp.out.find("--burn") != std::string::npos);
}

TEST_CASE("cli bad input: files", "[cli][bad_input]") {
  checkBadInput(quoteWith("/nonexistent/basket.json"), "file_not_found");
  checkBadInput(quoteWith(std::string(LOYALTY_SOURCE_DIR)), "not_a_file");
  checkBadInput(quoteWith(writeTempFile("malformed-basket.json", "{\"store\": \"berlin-01\", ")),
                "malformed_json");
  checkBadInput(quoteWith(writeTempFile("deep-basket.json", std::string(200000, '{'))),
                "too_deep");
  checkBadInput(quoteWith(example("baskets/weekly-shop.json"),
                          {"--member", "/nonexistent/member.json"}),
                "file_not_found");
  checkBadInput(quoteWith(example("baskets/weekly-shop.json"),
                          {"--context", writeTempFile("bad-context.json", "[1, 2")}),
                "malformed_json");
  auto bundle = runCtl({"quote", "--bundle", example("baskets/weekly-shop.json"), "--basket",
                        example("baskets/weekly-shop.json"), "--at", "2026-03-17T09:00:00Z"});
  checkBadInput(bundle, "invalid_bundle");
}

TEST_CASE("cli bad input: basket contents", "[cli][bad_input]") {
  checkBadInput(quoteWith(writeTempFile("unknown-store.json",
                                        R"({"store": "paris-99", "lines": [{"line": 1, "sku": "x",
                                            "categories": [], "quantity": 1, "unit_price": 100}]})")),
                "unknown_store");
  auto floatPrice = quoteWith(writeTempFile("float-price.json",
                                            R"({"store": "berlin-01", "lines": [{"line": 1, "sku": "x",
                                                "categories": [], "quantity": 1, "unit_price": 1.5}]})"));
  CHECK(floatPrice.exitCode == 2);
  CHECK(floatPrice.err.find("unit_price") != std::string::npos);
  auto overflow = quoteWith(writeTempFile("overflow.json",
                                          R"({"store": "berlin-01", "lines": [{"line": 1, "sku": "x",
                                              "categories": [], "quantity": 1000000000,
                                              "unit_price": 9223372036854775807}]})"));
  CHECK(overflow.exitCode == 2);
  CHECK(overflow.signal == 0);
  auto duplicate = quoteWith(writeTempFile("duplicate.json",
                                           R"({"store": "berlin-01", "lines": [
                                               {"line": 1, "sku": "x", "categories": [], "quantity": 1, "unit_price": 1},
                                               {"line": 1, "sku": "y", "categories": [], "quantity": 1, "unit_price": 1}]})"));
  checkBadInput(duplicate, "duplicate_line_number");
}

TEST_CASE("cli bad input: flags", "[cli][bad_input]") {
  const auto basket = example("baskets/weekly-shop.json");
  checkBadInput(runCtl({"quote", "--bundle", example("bundle.json"), "--basket", basket, "--at",
                        "2026-03-16T17:30:00"}),
                "bad_instant");  // no offset
  checkBadInput(runCtl({"quote", "--bundle", example("bundle.json"), "--basket", basket, "--at",
                        "yesterday"}),
                "bad_instant");
  checkBadInput(quoteWith(basket, {"--burn", "lots"}), "bad_burn");
  checkBadInput(quoteWith(basket, {"--burn", "12.5"}), "bad_burn");
  checkBadInput(quoteWith(basket, {"--burn", "0"}), "bad_burn");
  checkBadInput(quoteWith(basket, {"--reward", "free-coffee-reward:zero"}), "bad_reward");
  checkBadInput(quoteWith(basket, {"--redeem", ""}), "bad_code");
}

TEST_CASE("cli bad input: unknown codes are a business no, not an error", "[cli][bad_input]") {
  auto run = quoteWith(example("baskets/weekly-shop.json"), {"--redeem", "NOPE-0000"});
  CHECK(run.exitCode == 0);
  CHECK(run.out.find("unknown_code") != std::string::npos);
}

TEST_CASE("cli bad input: a huge basket is priced or refused, never crashes", "[cli][bad_input]") {
  std::string lines;
  for (int i = 1; i <= 100000; ++i) {
    if (i > 1) lines += ",";
    lines += R"({"line":)" + std::to_string(i) +
             R"(,"sku":"s","categories":["dairy"],"quantity":1,"unit_price":99})";
  }
  auto run = quoteWith(writeTempFile("huge.json", R"({"store":"berlin-01","lines":[)" + lines + "]}"),
                       {"--member", example("members/gold-de.json")});
  CHECK(run.signal == 0);
  REQUIRE(run.exitCode == 0);
  auto parsed = loyalty::codec::quoteResultFromJson(run.out);
  REQUIRE(parsed.ok());
  CHECK(parsed->gross == 9900000);
  CHECK(parsed->toPay == parsed->gross - parsed->discountTotal - parsed->pointsPayment);
}
