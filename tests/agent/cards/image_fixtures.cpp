#include "image_fixtures.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <stdexcept>

// A test-only copy of stb's writer with internal linkage, for JPEG output.
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace loyalty::cards::test {
namespace {

GreyImage blank(int width, int height, std::uint8_t value) {
  GreyImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), value);
  return image;
}

std::uint8_t& at(GreyImage& image, int x, int y) {
  return image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                      static_cast<std::size_t>(x)];
}
std::uint8_t at(const GreyImage& image, int x, int y) {
  return image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                      static_cast<std::size_t>(x)];
}

std::uint8_t clampByte(int value) { return static_cast<std::uint8_t>(std::clamp(value, 0, 255)); }

void appendToString(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

}  // namespace

GreyImage rotated90(const GreyImage& image) {
  GreyImage out = blank(image.height, image.width, 0);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) at(out, image.height - 1 - y, x) = at(image, x, y);
  }
  return out;
}

GreyImage rotated180(const GreyImage& image) {
  GreyImage out = image;
  std::reverse(out.pixels.begin(), out.pixels.end());
  return out;
}

GreyImage inverted(const GreyImage& image) {
  GreyImage out = image;
  for (auto& pixel : out.pixels) pixel = static_cast<std::uint8_t>(255 - pixel);
  return out;
}

GreyImage scaledDown(const GreyImage& image, int factor) {
  GreyImage out = blank(image.width / factor, image.height / factor, 0);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sum = 0;
      for (int dy = 0; dy < factor; ++dy) {
        for (int dx = 0; dx < factor; ++dx) sum += at(image, x * factor + dx, y * factor + dy);
      }
      at(out, x, y) = static_cast<std::uint8_t>(sum / (factor * factor));
    }
  }
  return out;
}

GreyImage withNoise(const GreyImage& image, int amplitude, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> noise(-amplitude, amplitude);
  GreyImage out = image;
  for (auto& pixel : out.pixels) pixel = clampByte(pixel + noise(random));
  return out;
}

GreyImage onBackground(const GreyImage& image, int border) {
  GreyImage out = blank(image.width + 2 * border, image.height + 2 * border, 0);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) at(out, x, y) = clampByte(90 + (x + y) * 80 / (out.width + out.height));
  }
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) at(out, x + border, y + border) = at(image, x, y);
  }
  return out;
}

GreyImage sceneWithoutCode(int width, int height, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  GreyImage out = blank(width, height, 0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) at(out, x, y) = clampByte(40 + x * 150 / width + y * 50 / height);
  }
  for (int blob = 0; blob < 12; ++blob) {
    const int cx = static_cast<int>(random() % static_cast<unsigned>(width));
    const int cy = static_cast<int>(random() % static_cast<unsigned>(height));
    const int radius = 5 + static_cast<int>(random() % 40);
    const auto shade = static_cast<std::uint8_t>(random() % 256);
    for (int y = std::max(0, cy - radius); y < std::min(height, cy + radius); ++y) {
      for (int x = std::max(0, cx - radius); x < std::min(width, cx + radius); ++x) {
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) at(out, x, y) = shade;
      }
    }
  }
  return out;
}

std::string encodeJpeg(const GreyImage& image, int quality) {
  std::string jpeg;
  if (stbi_write_jpg_to_func(appendToString, &jpeg, image.width, image.height, 1,
                             image.pixels.data(), quality) == 0) {
    throw std::runtime_error("JPEG encoding failed");
  }
  return jpeg;
}

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace loyalty::cards::test
