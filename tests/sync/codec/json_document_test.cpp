#include <catch2/catch.hpp>

#include <string>

#include "codec/json_document.h"
#include "codec/json_reader.h"

using loyalty::codec::Issues;
using loyalty::codec::parseDocument;

TEST_CASE("parseDocument accepts a plain object", "[codec][json]") {
  Issues issues;
  const auto document = parseDocument(R"({"a": [1, 2, {"b": "x"}]})", issues);
  REQUIRE(document.has_value());
  CHECK(issues.empty());
  CHECK((*document)["a"][2]["b"] == "x");
}

TEST_CASE("parseDocument reports malformed JSON", "[codec][json]") {
  for (const std::string text : {"", "{", "{\"a\":}", "[1,2", "nul", "{\"a\":1}}", "\"\xff\""}) {
    Issues issues;
    CHECK_FALSE(parseDocument(text, issues).has_value());
    REQUIRE(issues.size() == 1);
    CHECK(issues.list()[0].reason == "malformed_json");
    CHECK(issues.list()[0].pointer.empty());
  }
}

TEST_CASE("parseDocument rejects 100000 nested brackets before parsing", "[codec][json]") {
  for (const char open : {'[', '{'}) {
    const std::string text(100'000, open);
    Issues issues;
    CHECK_FALSE(parseDocument(text, issues).has_value());
    REQUIRE(issues.size() == 1);
    CHECK(issues.list()[0].reason == "too_deep");
  }
}

TEST_CASE("nesting depth ignores brackets inside strings and counts to the limit", "[codec][json]") {
  using loyalty::codec::nestingDepth;
  CHECK(nestingDepth(R"({"a":"[[[[[[\"[[["})", 64) == 1);
  CHECK(nestingDepth("[[[]],[]]", 64) == 3);
  CHECK(nestingDepth(std::string(64, '[') + std::string(64, ']'), 64) == 64);
  CHECK(nestingDepth(std::string(65, '['), 64) == 65);
  Issues issues;
  CHECK(parseDocument(std::string(64, '[') + std::string(64, ']'), issues).has_value());
}

TEST_CASE("parseDocument rejects oversized documents", "[codec][json]") {
  std::string text = "\"";
  text.append(loyalty::codec::kMaxDocumentBytes, 'a');
  text += '"';
  Issues issues;
  CHECK_FALSE(parseDocument(text, issues).has_value());
  REQUIRE(issues.size() == 1);
  CHECK(issues.list()[0].reason == "too_large");
}

TEST_CASE("parseDocument rejects duplicate keys with their pointer", "[codec][json]") {
  Issues issues;
  CHECK_FALSE(parseDocument(R"({"a":[{"x":1},{"y":2,"y":3}],"b":1,"b":2})", issues).has_value());
  REQUIRE(issues.size() == 2);
  CHECK(issues.list()[0].pointer == "/a/1/y");
  CHECK(issues.list()[0].reason == "duplicate_key");
  CHECK(issues.list()[1].pointer == "/b");
}

TEST_CASE("pointer tokens are escaped per RFC 6901", "[codec][json]") {
  using loyalty::codec::childPointer;
  CHECK(childPointer("", "a/b~c") == "/a~1b~0c");
  CHECK(childPointer("/x", std::size_t{3}) == "/x/3");
}
