// `loyaltyctl return` through the real binary: full and partial returns of a quoted sale.
#include <catch2/catch.hpp>

#include <map>

#include "cli_test_support.h"
#include "codec/return_codec.h"

using namespace loyalty::ctl::test;

namespace {

struct Sale {
  std::string path;  // the quote result JSON, as `loyaltyctl quote` printed it
  loyalty::engine::QuoteResult result;
};

// Gold member, Monday happy hour, paying 5.00 with points: earned and burned points to undo.
Sale quotedSale(const std::string& name) {
  auto run = quoteExample("weekly-shop.json", "gold-de.json", "2026-03-16T16:30:00Z",
                          {"--burn", "500", "--redeem", "GIFT-1234", "--sale-id", name});
  REQUIRE(run.result.has_value());
  return Sale{writeTempFile(name + ".json", run.process.out), *run.result};
}

struct ReturnRun {
  ProcessResult process;
  std::optional<loyalty::engine::ReturnResult> result;
};

ReturnRun returnLines(const Sale& sale, std::vector<std::string> extra) {
  std::vector<std::string> args = {"return", "--bundle", example("bundle.json"), "--sale",
                                   sale.path, "--at", "2026-03-18T10:00:00Z"};
  args.insert(args.end(), extra.begin(), extra.end());
  ReturnRun run{runCtl(args), std::nullopt};
  if (run.process.exitCode == 0 && !run.process.out.empty() && run.process.out.front() == '{') {
    auto parsed = loyalty::codec::returnResultFromJson(run.process.out);
    if (parsed) run.result = std::move(parsed).value();
  }
  return run;
}

std::vector<std::string> allLines(const loyalty::engine::QuoteResult& sale) {
  std::vector<std::string> args;
  for (const auto& line : sale.lines) {
    args.push_back("--line");
    args.push_back(std::to_string(line.lineNo) + ":" + std::to_string(line.quantity));
  }
  return args;
}

}  // namespace

TEST_CASE("cli return: a full return reverses exactly what was earned and burned", "[cli][return]") {
  const Sale sale = quotedSale("full-return");
  REQUIRE(sale.result.burn.has_value());
  REQUIRE(sale.result.burn->applied);
  auto run = returnLines(sale, allLines(sale.result));
  REQUIRE(run.process.exitCode == 0);
  REQUIRE(run.result.has_value());
  const auto& r = *run.result;
  CHECK(r.completesSale);
  CHECK(r.refund == sale.result.toPay);
  for (const auto& earned : sale.result.earned) {
    bool found = false;
    for (const auto& reversed : r.reversed) {
      if (reversed.ruleId != earned.ruleId) continue;
      found = true;
      CHECK(reversed.reversedNow == earned.points);
    }
    CHECK(found);
  }
  REQUIRE_FALSE(r.restored.empty());
  CHECK(r.restored.front().restoredNow == 500);
  // The single-use gift voucher comes back with a full return.
  REQUIRE(r.reinstated.size() == 1);
  CHECK(r.reinstated.front().code == "GIFT-1234");
}

TEST_CASE("cli return: partial returns in two steps add up to the full return", "[cli][return]") {
  const Sale sale = quotedSale("two-step-return");
  auto first = returnLines(sale, {"--line", "2:1", "--line", "1:1"});
  REQUIRE(first.result.has_value());
  CHECK_FALSE(first.result->completesSale);
  CHECK(first.result->reinstated.empty());

  // The rest, with the first return's cumulative units as --returned-before (a lines file).
  std::string before = "[";
  for (const auto& line : first.result->returnedAfter) {
    if (before.size() > 1) before += ",";
    before += "{\"line\":" + std::to_string(line.lineNo) +
              ",\"quantity\":" + std::to_string(line.quantity) + "}";
  }
  before += "]";
  std::string rest = "[";
  for (const auto& line : sale.result.lines) {
    std::int64_t remaining = line.quantity;
    for (const auto& done : first.result->returnedAfter) {
      if (done.lineNo == line.lineNo) remaining -= done.quantity;
    }
    if (remaining == 0) continue;
    if (rest.size() > 1) rest += ",";
    rest += "{\"line\":" + std::to_string(line.lineNo) +
            ",\"quantity\":" + std::to_string(remaining) + "}";
  }
  rest += "]";
  auto second = returnLines(sale, {"--lines", writeTempFile("rest.json", rest),
                                   "--returned-before", writeTempFile("before.json", before)});
  REQUIRE(second.process.exitCode == 0);
  REQUIRE(second.result.has_value());
  CHECK(second.result->completesSale);
  CHECK(first.result->refund + second.result->refund == sale.result.toPay);

  std::map<std::string, std::int64_t> reversed;
  for (const auto* step : {&*first.result, &*second.result}) {
    for (const auto& rule : step->reversed) reversed[rule.ruleId] += rule.reversedNow;
  }
  for (const auto& earned : sale.result.earned) CHECK(reversed[earned.ruleId] == earned.points);
  std::int64_t restored = 0;
  for (const auto* step : {&*first.result, &*second.result}) {
    for (const auto& source : step->restored) restored += source.restoredNow;
  }
  CHECK(restored == 500);
}

TEST_CASE("cli return: text format", "[cli][return][text]") {
  const Sale sale = quotedSale("text-return");
  auto run = returnLines(sale, {"--line", "2:1", "--format", "text"});
  REQUIRE(run.process.exitCode == 0);
  const auto& text = run.process.out;
  CHECK(text.find("Return of sale text-return") != std::string::npos);
  CHECK(text.find("croissant") != std::string::npos);
  CHECK(text.find("Refund   ") != std::string::npos);
  CHECK(text.find(" EUR") != std::string::npos);
  CHECK(text.find("happy-hour-triple") != std::string::npos);
  CHECK(text.find("partly returned") != std::string::npos);
  CHECK(text.find("2026-03-18 11:00:00 Wednesday Europe/Berlin") != std::string::npos);
}

TEST_CASE("cli return: bad return requests exit 2 with the engine's reason", "[cli][return]") {
  const Sale sale = quotedSale("bad-return");
  auto tooMany = returnLines(sale, {"--line", "2:4"});  // 3 croissants were sold
  CHECK(tooMany.process.exitCode == 2);
  CHECK(tooMany.process.err.rfind("error: more_than_sold: ", 0) == 0);

  auto unknown = returnLines(sale, {"--line", "99:1"});
  CHECK(unknown.process.exitCode == 2);
  CHECK(unknown.process.err.rfind("error: unknown_line: ", 0) == 0);

  auto both = returnLines(sale, {"--line", "1:1", "--lines", example("bundle.json")});
  CHECK(both.process.exitCode == 2);
  CHECK(both.process.err.rfind("error: conflicting_lines: ", 0) == 0);

  auto none = returnLines(sale, {});
  CHECK(none.process.exitCode == 2);
  CHECK(none.process.err.rfind("error: missing_lines: ", 0) == 0);

  auto badLine = returnLines(sale, {"--line", "2"});
  CHECK(badLine.process.exitCode == 2);
  CHECK(badLine.process.err.rfind("error: bad_line: ", 0) == 0);

  auto notASale = runCtl({"return", "--bundle", example("bundle.json"), "--sale",
                          example("baskets/weekly-shop.json"), "--line", "1:1"});
  CHECK(notASale.exitCode == 2);
  CHECK(notASale.err.find("sale (quote result) file") != std::string::npos);
}
