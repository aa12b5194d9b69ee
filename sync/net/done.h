// The value of a Result that carries nothing but success.
#pragma once

namespace loyalty::net {

struct Done {};

}  // namespace loyalty::net
