// 8-bit greyscale images and the only two file formats cards need: PNG and JPEG in (photos
// of cards, screenshots), PNG out (printable cards). Decoding is stb_image restricted to
// those formats, with size limits checked before any pixel is decoded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/result.h"

namespace loyalty::cards {

// Row-major, one byte a pixel, 0 black .. 255 white, no row padding.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
};

inline constexpr std::size_t kMaxImageFileBytes = 32U * 1024U * 1024U;
inline constexpr int kMaxImageSide = 16384;
inline constexpr std::int64_t kMaxImagePixels = 40'000'000;  // a 40 MP photo

// Errors: parse_error "bad_image" (not PNG/JPEG, or damaged, with the decoder's reason),
// rejected "image_too_large" (file, side or pixel count above the limits).
[[nodiscard]] Result<GreyImage> decodeImage(std::span<const std::uint8_t> fileBytes);

// Errors: invalid_input "bad_image" (sizes and pixels disagree); rejected "encode_failed".
[[nodiscard]] Result<std::string> encodePng(const GreyImage& image);

}  // namespace loyalty::cards
