#include "daemon/api_requests.h"

#include "codec/basket_codec.h"
#include "codec/json_reader.h"
#include "codec/value_codec.h"
#include "engine/money.h"

namespace loyalty::daemon {
namespace {

using codec::Issues;
using codec::Json;
using codec::ObjectReader;

constexpr codec::IntRange kPoints{1, engine::kMaxAmount};
constexpr std::size_t kMaxRedeem = 50;

service::SaleRequest readSale(const Json& document, Issues& issues, bool commit) {
  ObjectReader reader(document, "", issues);
  service::SaleRequest sale;
  sale.posSaleId = commit ? reader.requiredString("pos_sale_id") : reader.string("pos_sale_id");
  sale.memberId = reader.string("member_id");
  // The basket codec checks lines and totals, read in place (a copy printed and parsed
  // again cost about a fifth of a quote's CPU time).
  sale.lines = codec::readBasketLines(reader);
  reader.forEach("redeem", false, [&](const Json& item, const std::string& pointer, std::size_t index) {
    if (index >= kMaxRedeem) {
      if (index == kMaxRedeem) issues.add(pointer, "too_many", "at most 50 codes can be redeemed in one basket.");
      return;
    }
    ObjectReader code(item, pointer, issues);
    engine::RedeemRequest request;
    request.code = code.requiredString("code");
    request.quantity = code.integer("quantity", codec::IntRange{1, 1000}, 1);
    code.finish();
    sale.redeem.push_back(std::move(request));
  });
  if (const Json* burn = reader.optional("burn")) {
    ObjectReader b(*burn, reader.pointerOf("burn"), issues);
    const bool max = b.boolean("max", false);
    const std::optional<std::int64_t> points = b.optionalInt("points", kPoints);
    b.finish();
    if (max == points.has_value()) {
      issues.add(reader.pointerOf("burn"), "invalid_value", "burn needs either \"points\" or \"max\": true.");
    } else {
      sale.burn.mode = max ? engine::BurnMode::max : engine::BurnMode::exact;
      sale.burn.points = points.value_or(0);
    }
  }
  sale.expectedToPay = reader.optionalInt("expected_to_pay", codec::IntRange{0, engine::kMaxAmount});
  reader.finish();
  return sale;
}

service::ReturnRequestIn readReturn(const Json& document, Issues& issues, const std::string& posSaleId) {
  ObjectReader reader(document, "", issues);
  service::ReturnRequestIn request;
  request.posSaleId = posSaleId;
  request.returnId = reader.requiredString("return_id");
  reader.forEach("lines", true, [&](const Json& item, const std::string& pointer, std::size_t) {
    ObjectReader line(item, pointer, issues);
    engine::ReturnLine out;
    out.lineNo = line.requiredInt("line", codec::IntRange{1, 1'000'000'000});
    out.quantity = line.requiredInt("quantity", codec::IntRange{1, engine::kMaxQuantity});
    line.finish();
    request.lines.push_back(out);
  });
  reader.finish();
  return request;
}

service::EnrollRequest readEnroll(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  service::EnrollRequest request;
  request.enrollmentId = reader.requiredString("enrollment_id");
  request.displayName = reader.requiredString("display_name");
  request.programId = reader.string("program");
  reader.finish();
  return request;
}

std::string readScan(const Json& document, Issues& issues) {
  ObjectReader reader(document, "", issues);
  std::string payload = reader.requiredString("payload");
  reader.finish();
  if (payload.size() > 4096) issues.add("/payload", "too_long", "a member code is at most 4096 characters.");
  return payload;
}

}  // namespace

Result<service::SaleRequest> parseSaleRequest(std::string_view body, bool commit) {
  return codec::parseSingle<service::SaleRequest>(
      body, [&](const Json& document, Issues& issues) { return readSale(document, issues, commit); });
}

Result<service::ReturnRequestIn> parseReturnRequest(std::string_view body, const std::string& posSaleId) {
  return codec::parseSingle<service::ReturnRequestIn>(
      body, [&](const Json& document, Issues& issues) { return readReturn(document, issues, posSaleId); });
}

Result<service::EnrollRequest> parseEnrollRequest(std::string_view body) {
  return codec::parseSingle<service::EnrollRequest>(body, readEnroll);
}

Result<std::string> parseScanPayload(std::string_view body) {
  return codec::parseSingle<std::string>(body, readScan);
}

}  // namespace loyalty::daemon
