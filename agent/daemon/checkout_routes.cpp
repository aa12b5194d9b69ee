#include "daemon/checkout_routes.h"

#include <cstdint>
#include <span>

#include "cards/qr_code.h"
#include "daemon/api_requests.h"
#include "service/answer_json.h"

namespace loyalty::daemon {
namespace {

using api::ApiRequest;
using api::ApiResponse;

ApiResponse ok(int status, const nlohmann::json& body) { return api::jsonResponse(status, body.dump()); }

ApiResponse committed(const Result<service::CommitAnswer>& answer, std::string_view what, const std::string& id,
                      log::JsonLogger& logger) {
  if (!answer) {
    const bool refused = answer.error().reason == "not_durable";
    logger.log(refused ? log::LogLevel::error : log::LogLevel::warn, "booking_refused",
               {{"what", what}, {"id", id}, {"reason", answer.error().reason}, {"message", answer.error().message}});
    return serviceError(answer.error());
  }
  const std::int64_t first = answer->entries.empty() ? 0 : answer->entries.front().sequence;
  const std::int64_t last = answer->entries.empty() ? 0 : answer->entries.back().sequence;
  logger.info("booked", {{"what", what},
                         {"id", id},
                         {"entries", answer->entries.size()},
                         {"first_sequence", first},
                         {"last_sequence", last},
                         {"retry", answer->alreadyCommitted}});
  // 201 when this call wrote the entries, 200 when it only repeated an earlier commit.
  return api::jsonResponse(answer->alreadyCommitted ? 200 : 201, service::commitAnswerText(answer.value()));
}

bool isImage(const ApiRequest& request) {
  const auto type = request.header("content-type");
  return type && (type->starts_with("image/png") || type->starts_with("image/jpeg"));
}

}  // namespace

ApiResponse serviceError(const Error& error) {
  const std::string& reason = error.reason;
  int status = api::httpStatusFor(error.code);
  if (reason == "quote_changed" || reason == "already_returned" || reason == "return_id_in_use") status = 409;
  if (reason == "not_durable" || reason == "no_snapshot" || reason == "store_busy") status = 503;
  if (reason == "unknown_member" || reason == "unknown_sale") status = 404;
  return api::errorResponse(status, reason, error.message);
}

void addCheckoutRoutes(api::Router& router, service::CheckoutService& checkout, log::JsonLogger& logger) {
  api::RouteOptions imageOrJson;
  imageOrJson.bodyTypes = {"application/json", "image/png", "image/jpeg"};
  router.add(
      "POST", "/v1/scan",
      [&checkout](const ApiRequest& request) {
        std::string payload;
        if (isImage(request)) {
          const auto* bytes = reinterpret_cast<const std::uint8_t*>(request.body.data());
          auto codes = cards::decodeImageBytes(std::span<const std::uint8_t>(bytes, request.body.size()));
          if (!codes) return serviceError(codes.error());
          if (codes->empty()) return api::errorResponse(422, "no_code", "No QR code was found in the picture.");
          payload = codes->front();
        } else {
          auto parsed = parseScanPayload(request.body);
          if (!parsed) return serviceError(parsed.error());
          payload = std::move(parsed.value());
        }
        auto answer = checkout.scan(payload);
        return answer ? ok(200, service::scanAnswerToJson(answer.value())) : serviceError(answer.error());
      },
      imageOrJson);
  router.add("GET", "/v1/members/{memberId}", [&checkout](const ApiRequest& request) {
    auto answer = checkout.member(std::string(request.param("memberId")));
    return answer ? ok(200, service::memberSummaryToJson(answer.value())) : serviceError(answer.error());
  });
  router.add("POST", "/v1/members", [&checkout, &logger](const ApiRequest& request) {
    auto parsed = parseEnrollRequest(request.body);
    if (!parsed) return serviceError(parsed.error());
    return committed(checkout.enroll(parsed.value()), "enrollment", parsed->enrollmentId, logger);
  });
  router.add("POST", "/v1/quote", [&checkout](const ApiRequest& request) {
    auto parsed = parseSaleRequest(request.body, false);
    if (!parsed) return serviceError(parsed.error());
    auto answer = checkout.quote(parsed.value());
    return answer ? api::jsonResponse(200, service::quoteAnswerText(answer.value(), "quoted"))
                  : serviceError(answer.error());
  });
  router.add("POST", "/v1/sales", [&checkout, &logger](const ApiRequest& request) {
    auto parsed = parseSaleRequest(request.body, true);
    if (!parsed) return serviceError(parsed.error());
    return committed(checkout.commit(parsed.value()), "sale", parsed->posSaleId, logger);
  });
  router.add("POST", "/v1/sales/{saleId}/returns", [&checkout, &logger](const ApiRequest& request) {
    auto parsed = parseReturnRequest(request.body, std::string(request.param("saleId")));
    if (!parsed) return serviceError(parsed.error());
    return committed(checkout.returnSale(parsed.value()), "return", parsed->returnId, logger);
  });
  router.add("POST", "/v1/sales/{saleId}/void", [&checkout, &logger](const ApiRequest& request) {
    const std::string saleId(request.param("saleId"));
    return committed(checkout.voidSale(saleId), "void", saleId, logger);
  });
  router.add("GET", "/v1/status", [&checkout](const ApiRequest&) {
    auto answer = checkout.status();
    return answer ? ok(200, service::statusToJson(answer.value())) : serviceError(answer.error());
  });
}

}  // namespace loyalty::daemon
