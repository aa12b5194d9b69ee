#include "text/text_table.h"

#include <algorithm>
#include <utility>

namespace loyalty::text {

std::size_t displayWidth(std::string_view text) noexcept {
  std::size_t width = 0;
  for (const char c : text) {
    // Continuation bytes (10xxxxxx) belong to the code point before them.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++width;
  }
  return width;
}

std::string padRight(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t shown = displayWidth(text);
  if (shown < width) out.append(width - shown, ' ');
  return out;
}

std::string padLeft(std::string_view text, std::size_t width) {
  const std::size_t shown = displayWidth(text);
  std::string out = shown < width ? std::string(width - shown, ' ') : std::string();
  out += text;
  return out;
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::addRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(Row{RowKind::cells, std::move(cells)});
}

void TextTable::addNote(std::string text) {
  rows_.push_back(Row{RowKind::note, {std::move(text)}});
}

void TextTable::addRule() { rows_.push_back(Row{RowKind::rule, {}}); }

std::string TextTable::render(std::size_t indent) const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  for (std::size_t i = 0; i < columns_.size(); ++i) widths[i] = displayWidth(columns_[i].header);
  for (const auto& row : rows_) {
    if (row.kind != RowKind::cells) continue;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      widths[i] = std::max(widths[i], displayWidth(row.cells[i]));
    }
  }
  std::size_t total = 0;
  for (const auto width : widths) total += width;
  total += widths.empty() ? 0 : 2 * (widths.size() - 1);

  const std::string margin(indent, ' ');
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = margin;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) text += "  ";
      const bool last = i + 1 == columns_.size();
      if (columns_[i].align == Align::right) {
        text += padLeft(cells[i], widths[i]);
      } else {
        text += last ? cells[i] : padRight(cells[i], widths[i]);  // no trailing blanks
      }
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\n";
  };

  std::vector<std::string> headers;
  headers.reserve(columns_.size());
  for (const auto& column : columns_) headers.push_back(column.header);
  std::string out = line(headers);
  for (const auto& row : rows_) {
    switch (row.kind) {
      case RowKind::cells: out += line(row.cells); break;
      case RowKind::note: out += margin + row.cells.front() + "\n"; break;
      case RowKind::rule: out += margin + std::string(total, '-') + "\n"; break;
    }
  }
  return out;
}

}  // namespace loyalty::text
