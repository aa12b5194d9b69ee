// A plain-text table for terminal output: columns sized to their widest cell, numbers
// right-aligned, free-text note rows (e.g. a line's discounts) between the data rows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace loyalty::text {

enum class Align { left, right };

class TextTable {
 public:
  struct Column {
    std::string header;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns);

  void addRow(std::vector<std::string> cells);  // missing cells print empty
  void addNote(std::string text);               // printed as is, after the indent
  void addRule();                               // a dashed line across the table

  // Every row ends with '\n'; `indent` spaces precede each row.
  [[nodiscard]] std::string render(std::size_t indent = 0) const;

 private:
  enum class RowKind { cells, note, rule };
  struct Row {
    RowKind kind = RowKind::cells;
    std::vector<std::string> cells;  // one cell holds the text of a note
  };

  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

// Display width of UTF-8 text: one per code point (names may hold umlauts).
[[nodiscard]] std::size_t displayWidth(std::string_view text) noexcept;
[[nodiscard]] std::string padRight(std::string_view text, std::size_t width);
[[nodiscard]] std::string padLeft(std::string_view text, std::size_t width);

}  // namespace loyalty::text
