// Errors as values. A business "no" is never an Error: it is part of a result.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace loyalty {

enum class ErrorCode {
  invalid_input,     // structurally wrong input (duplicate line numbers, negative price...)
  overflow,          // an amount would leave the supported range
  unknown_reference, // a program, store, sale line... that does not exist
  parse_error,       // malformed text (JSON, dates) at an edge
  io_error,          // files, sockets
  rejected,          // refused as a whole with a reason code (e.g. an invalid bundle)
};

[[nodiscard]] const char* toString(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::invalid_input;
  std::string reason;   // machine-readable reason code, e.g. "duplicate_line_number"
  std::string message;  // a sentence a person can read
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}        // NOLINT: implicit by design

  [[nodiscard]] bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  [[nodiscard]] T& value() & { return std::get<0>(data_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(data_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(data_)); }
  [[nodiscard]] const Error& error() const { return std::get<1>(data_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> data_;
};

inline Error makeError(ErrorCode code, std::string reason, std::string message) {
  return Error{code, std::move(reason), std::move(message)};
}

}  // namespace loyalty
