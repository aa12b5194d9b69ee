#include "pos_demo/pos_requests.h"

#include <array>
#include <fstream>

#include <nlohmann/json.hpp>

#include "codec/basket_codec.h"

namespace loyalty::pos_demo {
namespace {

using nlohmann::json;

json saleJson(const SaleBody& sale) {
  json body{{"member_id", sale.memberId},
            {"lines", codec::basketToJson(engine::Basket{"", sale.lines})["lines"]}};
  if (!sale.vouchers.empty()) {
    json redeem = json::array();
    for (const auto& code : sale.vouchers) redeem.push_back(json{{"code", code}});
    body["redeem"] = redeem;
  }
  if (sale.burn.mode == engine::BurnMode::max) body["burn"] = json{{"max", true}};
  if (sale.burn.mode == engine::BurnMode::exact) body["burn"] = json{{"points", sale.burn.points}};
  return body;
}

}  // namespace

Result<std::string> readWholeFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::io_error, "file_unreadable", "Cannot read " + what + " " + path + ".");
  std::string bytes;
  std::array<char, 65536> chunk{};
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return makeError(ErrorCode::io_error, "file_unreadable", "Reading " + what + " " + path + " failed.");
  return bytes;
}

Result<std::vector<engine::BasketLine>> readBasketLines(const std::string& path) {
  auto text = readWholeFile(path, "the basket");
  if (!text) return text.error();
  auto basket = codec::parseBasket(text.value());
  if (!basket) {
    Error error = basket.error();
    error.message = path + ": " + error.message;
    return error;
  }
  return std::move(basket->lines);
}

std::string quoteBody(const SaleBody& sale) { return saleJson(sale).dump(); }

std::string commitBody(const SaleBody& sale, const std::string& posSaleId, engine::Money expectedToPay) {
  json body = saleJson(sale);
  body["pos_sale_id"] = posSaleId;
  body["expected_to_pay"] = expectedToPay;
  return body.dump();
}

std::string returnBody(const std::string& returnId, const std::vector<engine::ReturnLine>& lines) {
  json items = json::array();
  for (const auto& line : lines) items.push_back(json{{"line", line.lineNo}, {"quantity", line.quantity}});
  return json{{"return_id", returnId}, {"lines", items}}.dump();
}

std::string pathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

Result<std::string> imageContentType(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (bytes.starts_with("\xFF\xD8\xFF")) return std::string("image/jpeg");
  return makeError(ErrorCode::invalid_input, "not_an_image", "The card picture must be a PNG or a JPEG file.");
}

std::string describeAsk(const SaleBody& sale) {
  std::string out;
  for (const auto& code : sale.vouchers) out += (out.empty() ? "voucher " : ", voucher ") + code;
  if (out.empty()) out = "no voucher";
  switch (sale.burn.mode) {
    case engine::BurnMode::none: return out + ", no points payment";
    case engine::BurnMode::max: return out + ", pay as many points as allowed";
    case engine::BurnMode::exact: return out + ", pay " + std::to_string(sale.burn.points) + " points";
  }
  return out;
}

std::string describeReturn(const std::vector<engine::ReturnLine>& lines, const engine::QuoteResult& sale) {
  std::string out;
  for (const auto& line : lines) {
    std::string sku;
    for (const auto& sold : sale.lines) sku = sold.lineNo == line.lineNo ? sold.sku : sku;
    out += (out.empty() ? "" : ", ") + std::to_string(line.quantity) + " x " + (sku.empty() ? "?" : sku) +
           " (line " + std::to_string(line.lineNo) + ")";
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace loyalty::pos_demo
