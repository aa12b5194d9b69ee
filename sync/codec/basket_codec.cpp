#include "codec/basket_codec.h"

#include <algorithm>

#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::codec {
namespace {

constexpr IntRange kLineNumber{0, INT64_MAX};
constexpr IntRange kQuantity{1, engine::kMaxQuantity};
constexpr IntRange kPrice{0, engine::kMaxAmount};

// quantity x price without overflow (both already range-checked and non-negative).
bool lineTotal(std::int64_t quantity, engine::Money price, engine::Money& total) {
  if (price != 0 && quantity > engine::kMaxAmount / price) return false;
  total = quantity * price;
  return total <= engine::kMaxAmount;
}

engine::BasketLine readLine(const Json& value, const std::string& pointer, Issues& issues) {
  ObjectReader reader(value, pointer, issues);
  engine::BasketLine line;
  line.lineNo = reader.requiredInt("line", kLineNumber);
  line.sku = reader.requiredString("sku");
  line.categories = reader.stringList("categories");
  line.quantity = reader.requiredInt("quantity", kQuantity);
  line.unitPrice = reader.requiredInt("unit_price", kPrice);
  reader.finish();
  return line;
}

engine::Basket readBasket(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  engine::Basket basket;
  basket.storeId = reader.requiredString("store");
  basket.lines = readBasketLines(reader);
  reader.finish();
  return basket;
}

Json lineToJson(const engine::BasketLine& line) {
  return Json{{"line", line.lineNo},
              {"sku", line.sku},
              {"categories", line.categories},
              {"quantity", line.quantity},
              {"unit_price", line.unitPrice}};
}

}  // namespace

std::vector<engine::BasketLine> readBasketLines(ObjectReader& reader) {
  Issues& issues = reader.issues();
  const std::size_t before = issues.size();
  std::vector<engine::BasketLine> lines = readArray<engine::BasketLine>(reader, "lines", true, readLine);
  if (issues.size() != before) return lines;  // totals only make sense over valid lines

  // Totals: each line and the whole basket stay within kMaxAmount.
  const std::string linesPointer = reader.pointerOf("lines");
  engine::Money basketTotal = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const engine::BasketLine& line = lines[i];
    engine::Money total = 0;
    const std::string pointer = childPointer(linesPointer, i);
    if (!lineTotal(line.quantity, line.unitPrice, total)) {
      issues.add(pointer, "overflow",
                 "quantity x unit_price exceeds the largest supported amount (" + std::to_string(engine::kMaxAmount) +
                     " minor units).");
      return lines;
    }
    basketTotal += total;  // both terms <= kMaxAmount: no overflow
    if (basketTotal > engine::kMaxAmount) {
      issues.add(pointer, "overflow",
                 "the basket total exceeds the largest supported amount (" + std::to_string(engine::kMaxAmount) +
                     " minor units).");
      return lines;
    }
  }

  // Duplicate line numbers: sort the numbers with their positions (n log n).
  std::vector<std::pair<std::int64_t, std::size_t>> numbers;
  numbers.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) numbers.emplace_back(lines[i].lineNo, i);
  std::sort(numbers.begin(), numbers.end());
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i].first == numbers[i - 1].first) {
      const std::size_t later = std::max(numbers[i].second, numbers[i - 1].second);
      const std::size_t earlier = std::min(numbers[i].second, numbers[i - 1].second);
      issues.add(childPointer(childPointer(linesPointer, later), "line"), "duplicate_line_number",
                 "line number " + std::to_string(numbers[i].first) + " is already used by " +
                     childPointer(linesPointer, earlier) + "; line numbers are unique in a basket.");
      break;
    }
  }
  return lines;
}

Result<engine::Basket> parseBasket(std::string_view jsonText) {
  return parseSingle<engine::Basket>(jsonText, readBasket);
}

nlohmann::json basketToJson(const engine::Basket& basket) {
  return Json{{"store", basket.storeId}, {"lines", arrayToJson(basket.lines, lineToJson)}};
}

}  // namespace loyalty::codec
