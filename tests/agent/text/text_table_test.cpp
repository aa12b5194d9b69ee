// Text tables: columns sized to the widest cell, UTF-8 names aligned by code point.
#include <catch2/catch.hpp>

#include "text/text_table.h"

using namespace loyalty::text;

TEST_CASE("text table: alignment and rules", "[text_table]") {
  TextTable table({{"SKU", Align::left}, {"Amount", Align::right}});
  table.addRow({"coffee", "1.00"});
  table.addRow({"b", "123.45"});
  table.addNote("  a note");
  table.addRule();
  CHECK(table.render(2) ==
        "  SKU     Amount\n"
        "  coffee    1.00\n"
        "  b       123.45\n"
        "    a note\n"
        "  --------------\n");
}

TEST_CASE("text table: umlauts count as one column", "[text_table]") {
  CHECK(displayWidth("Brötchen") == 8);
  CHECK(padRight("Brötchen", 10) == "Brötchen  ");
  CHECK(padLeft("ä", 3) == "  ä");
  TextTable table({{"Name", Align::left}, {"X", Align::left}});
  table.addRow({"Brötchen", "1"});
  table.addRow({"Kaffee", "2"});
  CHECK(table.render() == "Name      X\nBrötchen  1\nKaffee    2\n");
}

TEST_CASE("text table: missing cells print empty, no trailing blanks", "[text_table]") {
  TextTable table({{"A", Align::left}, {"B", Align::left}});
  table.addRow({"x"});
  CHECK(table.render() == "A  B\nx\n");
}
