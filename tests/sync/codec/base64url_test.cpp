// The one base64url/hex codec behind key files, snapshot keys and update signatures.
#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "codec/base64url.h"

using loyalty::codec::base64UrlDecode;
using loyalty::codec::base64UrlEncode;
using loyalty::codec::hexDecode;
using loyalty::codec::hexEncode;

TEST_CASE("base64url: every length round-trips, spelled as RFC 4648 without padding", "[codec][base64url]") {
  std::mt19937 random(7);
  for (std::size_t length = 0; length <= 70; ++length) {
    std::vector<std::uint8_t> bytes(length);
    for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
    const std::string text = base64UrlEncode(bytes);
    CHECK(text.size() == (length * 8 + 5) / 6);
    std::vector<std::uint8_t> back(length);
    CHECK(base64UrlDecode(text, back));
    CHECK(back == bytes);
    std::vector<std::uint8_t> hexBack(length);
    CHECK(hexDecode(hexEncode(bytes), hexBack));
    CHECK(hexBack == bytes);
  }
  const std::array<std::uint8_t, 3> foo{'f', 'o', 'o'};
  CHECK(base64UrlEncode(foo) == "Zm9v");
  const std::array<std::uint8_t, 2> fo{0xfb, 0xff};
  CHECK(base64UrlEncode(fo) == "-_8");
}

TEST_CASE("base64url and hex: wrong lengths, alphabets and second spellings are refused", "[codec][base64url]") {
  std::array<std::uint8_t, 2> two{};
  CHECK(base64UrlDecode("-_8", two));
  CHECK_FALSE(base64UrlDecode("-_9", two));   // spare bits set: another spelling of 0xfbff
  CHECK_FALSE(base64UrlDecode("-_", two));    // too short
  CHECK_FALSE(base64UrlDecode("-_8A", two));  // too long
  CHECK_FALSE(base64UrlDecode("+/8", two));   // the standard alphabet, not the URL one
  CHECK_FALSE(base64UrlDecode("-_=", two));
  CHECK(hexDecode("fBfF", two));
  CHECK(two == std::array<std::uint8_t, 2>{0xfb, 0xff});
  CHECK_FALSE(hexDecode("fbf", two));
  CHECK_FALSE(hexDecode("fbfg", two));
}
