#include "grey_image.h"

#include <memory>

// stb's single-file implementations live in this file only, with internal linkage (STATIC)
// so they cannot clash with another copy in the program, and with every format but PNG and
// JPEG compiled out: less code reading untrusted bytes. Included as system headers, so
// stb's own style is not held to this project's warnings.
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_MAX_DIMENSIONS 16384
#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

static_assert(STBI_MAX_DIMENSIONS == loyalty::cards::kMaxImageSide);

namespace loyalty::cards {
namespace {

struct StbFree {
  void operator()(stbi_uc* pixels) const noexcept { stbi_image_free(pixels); }
};

void appendToString(void* context, void* data, int size) {
  if (size <= 0) return;
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

Error tooLarge(std::string detail) {
  return makeError(ErrorCode::rejected, "image_too_large", "The image is too large: " + detail + ".");
}

}  // namespace

Result<GreyImage> decodeImage(std::span<const std::uint8_t> fileBytes) {
  if (fileBytes.size() > kMaxImageFileBytes) {
    return tooLarge("the file has more than " + std::to_string(kMaxImageFileBytes) + " bytes");
  }
  const int length = static_cast<int>(fileBytes.size());
  int width = 0, height = 0, channels = 0;
  // Read the header first: a tiny file may claim a huge picture.
  if (stbi_info_from_memory(fileBytes.data(), length, &width, &height, &channels) != 1) {
    return makeError(ErrorCode::parse_error, "bad_image",
                     std::string("The file is not a readable PNG or JPEG image (") +
                         stbi_failure_reason() + ").");
  }
  if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide ||
      static_cast<std::int64_t>(width) * height > kMaxImagePixels) {
    return tooLarge(std::to_string(width) + " x " + std::to_string(height) + " pixels (at most " +
                    std::to_string(kMaxImagePixels) + " pixels, " +
                    std::to_string(kMaxImageSide) + " a side)");
  }
  std::unique_ptr<stbi_uc, StbFree> pixels(
      stbi_load_from_memory(fileBytes.data(), length, &width, &height, &channels, 1));
  if (!pixels) {
    return makeError(ErrorCode::parse_error, "bad_image",
                     std::string("The image could not be decoded (") + stbi_failure_reason() +
                         ").");
  }
  GreyImage image;
  image.width = width;
  image.height = height;
  const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  image.pixels.assign(pixels.get(), pixels.get() + count);
  return image;
}

Result<std::string> encodePng(const GreyImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() !=
          static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height)) {
    return makeError(ErrorCode::invalid_input, "bad_image",
                     "The image's pixel count does not match its width and height.");
  }
  if (image.width > kMaxImageSide || image.height > kMaxImageSide) {
    return tooLarge("at most " + std::to_string(kMaxImageSide) + " pixels a side");
  }
  std::string png;
  if (stbi_write_png_to_func(appendToString, &png, image.width, image.height, 1,
                             image.pixels.data(), image.width) == 0) {
    return makeError(ErrorCode::rejected, "encode_failed", "The PNG encoder failed.");
  }
  return png;
}

}  // namespace loyalty::cards
