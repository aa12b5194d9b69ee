#include "pos_demo/checkout_script.h"

#include <map>

#include <nlohmann/json.hpp>

#include "pos_demo/cashier_screen.h"
#include "pos_demo/pos_answers.h"
#include "pos_demo/pos_requests.h"

namespace loyalty::pos_demo {
namespace {

using nlohmann::json;

// One exchange with the agent: the request line shown to the reader, then the answer
// checked for the statuses this step expects (anything else is the agent's error).
class Till {
 public:
  Till(pos::PosClient& client, std::ostream& out) : client_(client), out_(out) {}

  void heading(int step, const std::string& title) {
    std::string line = "== " + std::to_string(step) + ". " + title + " ";
    if (line.size() < 96) line.append(96 - line.size(), '=');
    out_ << "\n" << line << "\n";
  }

  Result<pos::PosResponse> call(std::string_view method, const std::string& target, const std::string& body,
                                std::string_view contentType, const std::string& shown,
                                std::initializer_list<int> expected) {
    out_ << "POS  " << method << " " << target << (shown.empty() ? "" : "  ") << shown << "\n\n";
    auto response = client_.request(method, target, body, contentType);
    if (!response) return response.error();
    for (const int status : expected) {
      if (response->status == status) return response;
    }
    return agentError(response.value());
  }

  std::ostream& out() { return out_; }

 private:
  pos::PosClient& client_;
  std::ostream& out_;
};

Result<MemberAnswer> identify(Till& till, const CashierScreen& screen, const CheckoutOptions& options) {
  if (options.cardImagePath.empty()) {
    till.heading(1, "Key in the member number (no card)");
    auto response = till.call("GET", "/v1/members/" + pathSegment(options.memberId), "", "application/json", "", {200});
    if (!response) return response.error();
    auto member = parseMemberAnswer(response->body);
    if (!member) return member.error();
    till.out() << screen.member(member.value());
    return member;
  }
  till.heading(1, "Scan the member card");
  auto image = readWholeFile(options.cardImagePath, "the card picture");
  if (!image) return image.error();
  auto type = imageContentType(image.value());
  if (!type) return type.error();
  const std::string shown = "(" + type.value() + ", " + std::to_string(image->size()) + " bytes: the camera's picture " +
                            options.cardImagePath.substr(options.cardImagePath.find_last_of('/') + 1) + ")";
  auto response = till.call("POST", "/v1/scan", image.value(), type.value(), shown, {200});
  if (!response) return response.error();
  auto scan = parseScanAnswer(response->body);
  if (!scan) return scan.error();
  till.out() << screen.scan(scan.value());
  if (!scan->accepted || !scan->member) {
    return makeError(ErrorCode::invalid_input, "card_refused", "The card was refused: " + scan->message);
  }
  if (!options.memberId.empty() && scan->member->id != options.memberId) {
    return makeError(ErrorCode::invalid_input, "wrong_member",
                     "The card belongs to " + scan->member->id + ", not to " + options.memberId + ".");
  }
  return std::move(*scan->member);
}

// The member's balance per currency as the receipts imply it: the sale's "after" less the
// points the return reversed plus those it gave back.
std::map<std::string, engine::Points> expectedBalances(const engine::QuoteResult& sale,
                                                       const engine::ReturnResult& returned) {
  std::map<std::string, engine::Points> expected;
  for (const auto& balance : sale.balances) expected[balance.currency] = balance.after;
  for (const auto& reversed : returned.reversed) expected[reversed.currency] -= reversed.reversedNow;
  for (const auto& restored : returned.restored) expected[restored.currency] += restored.restoredNow;
  return expected;
}

bool checkBalances(std::ostream& out, const engine::QuoteResult& sale, const engine::ReturnResult& returned,
                   const MemberAnswer& member) {
  bool agree = true;
  for (const auto& [currency, expected] : expectedBalances(sale, returned)) {
    engine::Points reversed = 0;
    engine::Points restored = 0;
    for (const auto& r : returned.reversed) reversed += r.currency == currency ? r.reversedNow : 0;
    for (const auto& r : returned.restored) restored += r.currency == currency ? r.restoredNow : 0;
    const engine::CurrencyBalance* b = nullptr;
    for (const auto& balance : sale.balances) b = balance.currency == currency ? &balance : b;
    const engine::Points actual = member.balance(currency);
    out << "  Check     " << currency << ": " << (b ? b->before : 0) << " before - " << (b ? b->spent : 0)
        << " spent + " << (b ? b->earned : 0) << " earned - " << reversed << " reversed + " << restored
        << " restored = " << expected << "; the terminal says " << actual
        << (actual == expected ? ": agrees\n" : ": DOES NOT AGREE\n");
    agree = agree && actual == expected;
  }
  return agree;
}

}  // namespace

Result<CheckoutSummary> runCheckout(pos::PosClient& client, const CheckoutOptions& options, std::ostream& out) {
  const CashierScreen screen(options.currency);
  Till till(client, out);
  CheckoutSummary summary;

  till.heading(0, "The till and its agent");
  auto statusResponse = till.call("GET", "/v1/status", "", "application/json", "", {200});
  if (!statusResponse) return statusResponse.error();
  auto status = parseStatusAnswer(statusResponse->body);
  if (!status) return status.error();
  out << screen.terminal(status.value());

  auto member = identify(till, screen, options);
  if (!member) return member.error();
  summary.memberId = member->id;

  auto basketLines = readBasketLines(options.basketPath);
  if (!basketLines) return basketLines.error();
  const SaleBody sale{member->id, basketLines.value(), options.vouchers, options.burn};
  till.heading(2, "Price the basket: " + describeAsk(sale));
  auto quoteResponse = till.call("POST", "/v1/quote", quoteBody(sale), "application/json",
                                 "(" + std::to_string(basketLines->size()) + " lines)", {200});
  if (!quoteResponse) return quoteResponse.error();
  auto quote = parseSaleAnswer(quoteResponse->body);
  if (!quote) return quote.error();
  out << screen.quote(quote.value());

  till.heading(3, "The customer pays " + screen.money(quote->result.toPay) + ": commit the sale");
  const std::string commit = commitBody(sale, options.saleId, quote->result.toPay);
  auto commitResponse = till.call("POST", "/v1/sales", commit, "application/json",
                                  "(pos_sale_id " + options.saleId + ", expected_to_pay " +
                                      std::to_string(quote->result.toPay) + ": the price the customer saw)",
                                  {200, 201});
  if (!commitResponse) return commitResponse.error();
  auto approved = parseSaleAnswer(commitResponse->body);
  if (!approved) return approved.error();
  out << screen.approval(approved.value());
  summary.toPay = approved->result.toPay;
  summary.pointsBurned = approved->result.burn && approved->result.burn->applied ? approved->result.burn->points : 0;
  if (!approved->alreadyCommitted) summary.entriesWritten += static_cast<std::int64_t>(approved->entries.size());

  out << "\n  The answer was lost? The POS sends the same commit again:\n";
  auto retryResponse = client.request("POST", "/v1/sales", commit, "application/json");
  if (!retryResponse) return retryResponse.error();
  if (retryResponse->status != 200) return agentError(retryResponse.value());
  auto retry = parseSaleAnswer(retryResponse->body);
  if (!retry) return retry.error();
  out << "  HTTP 200, already_committed " << (retry->alreadyCommitted ? "true" : "false") << ", to pay "
      << screen.money(retry->result.toPay) << ", " << retry->entries.size()
      << " entries named (the same ones): nothing is booked twice.\n";

  std::vector<engine::ReturnLine> lines = options.returnLines;
  if (lines.empty() && !approved->result.lines.empty()) lines.push_back({approved->result.lines.front().lineNo, 1});
  const std::string returnId = options.saleId + "-r1";
  till.heading(4, "The customer brings back " + describeReturn(lines, approved->result));
  auto returnResponse = till.call("POST", "/v1/sales/" + pathSegment(options.saleId) + "/returns",
                                  returnBody(returnId, lines), "application/json", "(return_id " + returnId + ")",
                                  {200, 201});
  if (!returnResponse) return returnResponse.error();
  auto returned = parseReturnAnswer(returnResponse->body);
  if (!returned) return returned.error();
  out << screen.refund(returned.value(), approved->result);
  summary.refund = returned->result.refund;
  if (!returned->alreadyCommitted) summary.entriesWritten += static_cast<std::int64_t>(returned->entries.size());

  till.heading(5, "The member's account now");
  auto after = till.call("GET", "/v1/members/" + pathSegment(member->id), "", "application/json", "", {200});
  if (!after) return after.error();
  auto now = parseMemberAnswer(after->body);
  if (!now) return now.error();
  out << screen.member(now.value());
  out << "  Recent    ";
  for (std::size_t i = 0; i < now->recentActivity.size() && i < 3; ++i) {
    const auto& a = now->recentActivity[i];
    out << (i == 0 ? "" : "; ") << "#" << a.sequence << " " << a.kind << " " << a.posSaleId << " "
        << (a.pointsChange > 0 ? "+" : "") << a.pointsChange;
  }
  out << (now->recentActivity.empty() ? "no local activity\n" : "\n");
  summary.balancesAgree = checkBalances(out, approved->result, returned->result, now.value());
  if (!summary.balancesAgree) {
    return makeError(ErrorCode::rejected, "balance_mismatch",
                     "The member's balance on the terminal is not what the sale and the return imply.");
  }
  return summary;
}

}  // namespace loyalty::pos_demo
