// Partial JSON matching for the golden cases: an expected document names only what a case
// is about, and every value it names must match the actual document exactly.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace loyalty::golden {

// One difference, located by a JSON pointer (RFC 6901) into the actual document.
struct Mismatch {
  std::string pointer;
  std::string expected;  // compact JSON text, or a description ("an object")
  std::string actual;
};

// Rules:
// - an expected object matches an actual object that has every expected key, each value
//   matching recursively; keys the expectation leaves out are not checked;
// - an expected array matches an actual array of the SAME length whose elements match
//   element by element (each one partially, by these rules);
// - any other expected value (string, integer, boolean, null) must equal the actual value.
// Floating-point numbers are refused in expectations (money and points are integers): such a
// value is reported as a mismatch, so a case cannot pass by accident.
// Returns every mismatch found (empty = match), in document order.
[[nodiscard]] std::vector<Mismatch> matchPartial(const nlohmann::json& expected,
                                                 const nlohmann::json& actual,
                                                 const std::string& pointer = "");

// "at /applied/0/discount: expected 901, actual 900".
[[nodiscard]] std::string describe(const Mismatch& mismatch);

}  // namespace loyalty::golden
