#include <catch2/catch.hpp>

#include <random>

#include "cards/base32.h"

using loyalty::cards::decodeBase32;
using loyalty::cards::encodeBase32;

namespace {
std::vector<std::uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }
}  // namespace

TEST_CASE("base32: RFC 4648 test vectors without padding", "[cards][base32]") {
  CHECK(encodeBase32(bytesOf("")).empty());
  CHECK(encodeBase32(bytesOf("f")) == "MY");
  CHECK(encodeBase32(bytesOf("fo")) == "MZXQ");
  CHECK(encodeBase32(bytesOf("foo")) == "MZXW6");
  CHECK(encodeBase32(bytesOf("foob")) == "MZXW6YQ");
  CHECK(encodeBase32(bytesOf("fooba")) == "MZXW6YTB");
  CHECK(encodeBase32(bytesOf("foobar")) == "MZXW6YTBOI");
  CHECK(decodeBase32("MZXW6YTBOI") == bytesOf("foobar"));
  CHECK(decodeBase32("MY") == bytesOf("f"));
  CHECK(decodeBase32("") == std::vector<std::uint8_t>{});
}

TEST_CASE("base32: random byte strings round-trip", "[cards][base32]") {
  std::mt19937_64 random(20260316);
  for (int round = 0; round < 500; ++round) {
    std::vector<std::uint8_t> bytes(random() % 120);
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
    const std::string text = encodeBase32(bytes);
    CHECK(text.size() == (bytes.size() * 8 + 4) / 5);
    CHECK(decodeBase32(text) == bytes);
  }
}

TEST_CASE("base32: only the canonical spelling decodes", "[cards][base32]") {
  CHECK_FALSE(decodeBase32("mzxw6ytboi"));  // lowercase: QR alphanumeric mode has none
  CHECK_FALSE(decodeBase32("MZXW6YTBOI======"));  // padding is not part of the format
  CHECK_FALSE(decodeBase32("MZXW6YTB0I"));  // '0' and '1' are not in the alphabet
  CHECK_FALSE(decodeBase32("MZXW 6YTBOI"));
  CHECK_FALSE(decodeBase32("M"));    // 1, 3 or 6 trailing characters: no byte count
  CHECK_FALSE(decodeBase32("MZX"));
  CHECK_FALSE(decodeBase32("MZXW6Y"));
  CHECK_FALSE(decodeBase32("MZ"));   // "f" is MY: the unused low bits must be zero
  CHECK_FALSE(decodeBase32("MZXR"));  // "fo" is MZXQ
}
