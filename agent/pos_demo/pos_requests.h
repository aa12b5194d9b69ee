// The requests the demo POS sends (docs/api.md): JSON bodies for quote, commit and return,
// a percent-encoded path segment, the files it sends (basket, card picture) and their
// content type, and the short descriptions the demo prints above each call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/basket.h"
#include "engine/quote.h"
#include "engine/result.h"
#include "engine/returns.h"

namespace loyalty::pos_demo {

struct SaleBody {
  std::string memberId;
  std::vector<engine::BasketLine> lines;
  std::vector<std::string> vouchers;
  engine::BurnRequest burn;
};

// The whole file. Error io_error "file_unreadable" naming `what` ("the basket").
[[nodiscard]] Result<std::string> readWholeFile(const std::string& path, const std::string& what);

// The lines of a basket document (docs/data-formats.md), checked as the agent checks them.
// Errors: io_error "file_unreadable", the basket codec's.
[[nodiscard]] Result<std::vector<engine::BasketLine>> readBasketLines(const std::string& path);

[[nodiscard]] std::string quoteBody(const SaleBody& sale);
[[nodiscard]] std::string commitBody(const SaleBody& sale, const std::string& posSaleId, engine::Money expectedToPay);
[[nodiscard]] std::string returnBody(const std::string& returnId, const std::vector<engine::ReturnLine>& lines);

// RFC 3986 unreserved characters kept, everything else %XX.
[[nodiscard]] std::string pathSegment(std::string_view text);

// "image/png" or "image/jpeg" from the file's first bytes. Error invalid_input
// "not_an_image" for anything else.
[[nodiscard]] Result<std::string> imageContentType(std::string_view bytes);

// "voucher MEMBER20, pay 500 points", "no voucher, no points payment".
[[nodiscard]] std::string describeAsk(const SaleBody& sale);
// "1 x coffee-house-blend-500g (line 1)".
[[nodiscard]] std::string describeReturn(const std::vector<engine::ReturnLine>& lines, const engine::QuoteResult& sale);

}  // namespace loyalty::pos_demo
