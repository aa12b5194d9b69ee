// The local API's endpoints (docs/openapi.yaml) over the checkout service.
#pragma once

#include <string>

#include "api/router.h"
#include "service/checkout_service.h"

namespace loyalty::daemon {

void addCheckoutRoutes(api::Router& router, service::CheckoutService& checkout);

// The HTTP status for a service error: its reason first (quote_changed 409, not_durable
// 503...), else the error code's default.
[[nodiscard]] api::ApiResponse serviceError(const Error& error);

}  // namespace loyalty::daemon
