// The local API's endpoints (docs/openapi.yaml) over the checkout service.
#pragma once

#include <string>

#include "api/router.h"
#include "log/json_logger.h"
#include "service/checkout_service.h"

namespace loyalty::daemon {

// Every booking (commit, return, void, enrollment) is logged once: what store staff and
// support need after a power cut (which sale, which entries, retried or not, refused why).
void addCheckoutRoutes(api::Router& router, service::CheckoutService& checkout, log::JsonLogger& logger);

// The HTTP status for a service error: its reason first (quote_changed 409, not_durable
// 503...), else the error code's default.
[[nodiscard]] api::ApiResponse serviceError(const Error& error);

}  // namespace loyalty::daemon
