// ISO-8601 instants: offsets are mandatory; every malformed spelling is an error.
#include <catch2/catch.hpp>

#include "iso_instant.h"

using loyalty::ctl::formatIsoInstant;
using loyalty::ctl::parseIsoInstant;

TEST_CASE("iso instant: accepted spellings", "[iso_instant]") {
  const std::int64_t expected = 1773678600;  // 2026-03-16T16:30:00Z
  CHECK(parseIsoInstant("2026-03-16T16:30:00Z").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T16:30Z").value() == expected);
  CHECK(parseIsoInstant("2026-03-16t16:30:00z").value() == expected);
  CHECK(parseIsoInstant("2026-03-16 16:30:00Z").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T17:30:00+01:00").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T17:30:00+0100").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T17:30:00+01").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T12:30:00-04:00").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T16:30:00.999Z").value() == expected);
  CHECK(parseIsoInstant("2026-03-16T22:15:00+05:45").value() == expected);
  CHECK(parseIsoInstant("1970-01-01T00:00:00Z").value() == 0);
  CHECK(parseIsoInstant("1969-12-31T23:59:59Z").value() == -1);
}

TEST_CASE("iso instant: leap days", "[iso_instant]") {
  CHECK(parseIsoInstant("2028-02-29T00:00:00Z").ok());
  CHECK_FALSE(parseIsoInstant("2026-02-29T00:00:00Z").ok());
  CHECK_FALSE(parseIsoInstant("2100-02-29T00:00:00Z").ok());
  CHECK(parseIsoInstant("2000-02-29T00:00:00Z").ok());
}

TEST_CASE("iso instant: rejected spellings", "[iso_instant]") {
  for (const char* bad : {"", "2026-03-16", "2026-03-16T16:30:00", "2026-03-16T16:30",
                          "2026-3-16T16:30:00Z", "2026-03-16T1:30:00Z", "2026-13-01T00:00:00Z",
                          "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-03-16T24:00:00Z",
                          "2026-03-16T23:60:00Z", "2026-03-16T23:59:60Z", "2026-03-16T16:30:00+1",
                          "2026-03-16T16:30:00+24:00", "2026-03-16T16:30:00Z ", " 2026-03-16T16:30Z",
                          "2026-03-16T16:30:00.Z", "2026-03-16T16:30:00ZZ", "0000-01-01T00:00:00Z",
                          "now", "1773678600", "2026-03-16T16:30:00+01:00:00"}) {
    INFO(bad);
    auto parsed = parseIsoInstant(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().reason == "bad_instant");
    CHECK(parsed.error().code == loyalty::ErrorCode::parse_error);
  }
}

TEST_CASE("iso instant: format is UTC with Z and round-trips", "[iso_instant]") {
  CHECK(formatIsoInstant(1773678600) == "2026-03-16T16:30:00Z");
  CHECK(formatIsoInstant(0) == "1970-01-01T00:00:00Z");
  for (std::int64_t t : {std::int64_t{0}, std::int64_t{951782400}, std::int64_t{1773678600},
                         std::int64_t{4102444799}}) {
    CHECK(parseIsoInstant(formatIsoInstant(t)).value() == t);
  }
}
