// Picture manipulations for the QR tests: what cameras and phones do to a code (turn it,
// shrink it, add sensor noise, invert it for dark mode) and a JPEG writer, so decoding is
// tested on realistic pictures rather than on the encoder's perfect output only.
#pragma once

#include <cstdint>
#include <string>

#include "cards/grey_image.h"

namespace loyalty::cards::test {

[[nodiscard]] GreyImage rotated90(const GreyImage& image);
[[nodiscard]] GreyImage rotated180(const GreyImage& image);
[[nodiscard]] GreyImage inverted(const GreyImage& image);
// Box-filter shrink by an integer factor (the code's modules become grey-edged).
[[nodiscard]] GreyImage scaledDown(const GreyImage& image, int factor);
// Adds uniform noise of +-amplitude to every pixel, seeded.
[[nodiscard]] GreyImage withNoise(const GreyImage& image, int amplitude, std::uint64_t seed);
// The image centred on a larger mid-grey canvas with a gradient, like a photo's background.
[[nodiscard]] GreyImage onBackground(const GreyImage& image, int border);
// A picture with no code at all: gradients and blobs.
[[nodiscard]] GreyImage sceneWithoutCode(int width, int height, std::uint64_t seed);
[[nodiscard]] std::string encodeJpeg(const GreyImage& image, int quality);
void writeBytes(const std::string& path, const std::string& bytes);

}  // namespace loyalty::cards::test
