// loyalty-pos-demo: the README's scripted checkout, played as a POS against a running
// loyalty-agent (docs/api.md). The composition root: reads the command line, the token
// file and the clock (for a fresh sale id), then runs the checkout or the member finder.
#include <CLI/CLI.hpp>

#include <chrono>
#include <exception>
#include <iostream>

#include "pos_client/pos_client.h"
#include "pos_demo/checkout_script.h"
#include "pos_demo/member_finder.h"
#include "pos_demo/pos_requests.h"

namespace {

using loyalty::Error;
using loyalty::ErrorCode;
using loyalty::Result;

int fail(const Error& error) {
  std::cerr << "loyalty-pos-demo: " << error.reason << ": " << error.message << "\n";
  return 1;
}

// The token file the agent wrote (one token, perhaps a newline): the POS's shared secret.
Result<std::string> readToken(const std::string& path) {
  auto text = loyalty::pos_demo::readWholeFile(path, "the agent's token file");
  if (!text) return text.error();
  std::string token = std::move(text.value());
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.empty()) return loyalty::makeError(ErrorCode::invalid_input, "token_file_empty", path + " is empty.");
  return token;
}

// "500" or "max".
Result<loyalty::engine::BurnRequest> parseBurn(const std::string& text) {
  loyalty::engine::BurnRequest burn;
  if (text.empty()) return burn;
  if (text == "max") {
    burn.mode = loyalty::engine::BurnMode::max;
    return burn;
  }
  std::size_t used = 0;
  long long points = 0;
  try {
    points = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || points <= 0) {
    return loyalty::makeError(ErrorCode::invalid_input, "invalid_burn", "--burn takes a positive number of points or \"max\".");
  }
  burn.mode = loyalty::engine::BurnMode::exact;
  burn.points = points;
  return burn;
}

// "LINE:QTY", both positive.
Result<loyalty::engine::ReturnLine> parseReturnLine(const std::string& text) {
  const auto colon = text.find(':');
  try {
    std::size_t a = 0;
    std::size_t b = 0;
    const long long line = std::stoll(text.substr(0, colon), &a);
    const long long quantity = colon == std::string::npos ? 0 : std::stoll(text.substr(colon + 1), &b);
    if (a == colon && b == text.size() - colon - 1 && line > 0 && quantity > 0) {
      return loyalty::engine::ReturnLine{line, quantity};
    }
  } catch (const std::exception&) {
  }
  return loyalty::makeError(ErrorCode::invalid_input, "invalid_return", "--return takes LINE:QTY, e.g. 1:1; got " + text);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"loyalty-pos-demo: a scripted checkout against a running loyalty-agent, as the cashier sees it"};
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string tokenFile;
  int timeoutMs = 5000;
  loyalty::pos_demo::CheckoutOptions checkout;
  std::string burn;
  std::vector<std::string> returns;
  bool findMember = false;
  loyalty::pos_demo::MemberCriteria criteria;
  app.add_option("--host", host, "Agent address (default 127.0.0.1)");
  app.add_option("--port", port, "Agent port (its log's agent_ready line names it)")->required();
  app.add_option("--token-file", tokenFile, "The agent's API token file")->required();
  app.add_option("--timeout-ms", timeoutMs, "Deadline of each request (default 5000)")->check(CLI::Range(1, 600000));
  app.add_option("--card-image", checkout.cardImagePath, "PNG or JPEG of the member's QR card (loyaltyctl card issue)");
  app.add_option("--member", checkout.memberId, "Member id: keyed in without a card, or the member the card must be");
  app.add_option("--basket", checkout.basketPath, "Basket document to sell (config/examples/baskets/*.json)");
  app.add_option("--voucher", checkout.vouchers, "A code presented at the till (repeatable)");
  app.add_option("--burn", burn, "Points the member pays with: a number or \"max\"");
  app.add_option("--sale-id", checkout.saleId, "The POS's sale id (default demo-<unix ms>)");
  app.add_option("--return", returns, "LINE:QTY brought back after the sale (repeatable; default: 1 of the first line)");
  app.add_option("--currency", checkout.currency, "The till's currency (default EUR)");
  app.add_flag("--find-member", findMember, "Print the id of a generated member fit for the demo, then exit");
  app.add_option("--min-points", criteria.minPoints, "--find-member: points at least")->check(CLI::NonNegativeNumber);
  app.add_option("--tier", criteria.tier, "--find-member: this tier only");
  app.add_option("--points-currency", criteria.pointsCurrency, "--find-member: currency of --min-points (default reward)");
  app.add_option("--search-limit", criteria.searchLimit, "--find-member: members looked at (default 1000)")
      ->check(CLI::PositiveNumber);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    auto token = readToken(tokenFile);
    if (!token) return fail(token.error());
    loyalty::pos::PosClient client(host, port, token.value(), std::chrono::milliseconds(timeoutMs));
    if (findMember) {
      auto id = loyalty::pos_demo::findDemoMember(client, criteria);
      if (!id) return fail(id.error());
      std::cout << id.value() << "\n";
      return 0;
    }
    if (checkout.basketPath.empty() || (checkout.cardImagePath.empty() && checkout.memberId.empty())) {
      std::cerr << "loyalty-pos-demo: a checkout needs --basket and --card-image (or --member)\n";
      return 2;
    }
    auto parsedBurn = parseBurn(burn);
    if (!parsedBurn) return fail(parsedBurn.error());
    checkout.burn = parsedBurn.value();
    for (const auto& text : returns) {
      auto line = parseReturnLine(text);
      if (!line) return fail(line.error());
      checkout.returnLines.push_back(line.value());
    }
    if (checkout.saleId.empty()) {
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      checkout.saleId = "demo-" + std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
    }
    auto summary = loyalty::pos_demo::runCheckout(client, checkout, std::cout);
    std::cout.flush();
    if (!summary) return fail(summary.error());
    return 0;
  } catch (const std::exception& error) {
    // A broken precondition below (never bad input): say so, exit non-zero.
    std::cerr << "loyalty-pos-demo: internal error: " << error.what() << "\n";
    return 1;
  }
}
