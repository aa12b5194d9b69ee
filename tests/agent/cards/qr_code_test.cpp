#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <sys/stat.h>

#include <ZXing/ReadBarcode.h>

#include "card_test_support.h"
#include "cards/qr_code.h"
#include "image_fixtures.h"

using namespace loyalty::cards;
using namespace loyalty::cards::test;

namespace {

std::span<const std::uint8_t> bytesOf(const std::string& data) {
  return {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
}

GreyImage render(const std::string& payload, int moduleSize = 6, int quiet = 4) {
  auto picture = renderQr(payload, QrRenderOptions{moduleSize, quiet});
  REQUIRE(picture);
  return std::move(picture).value().image;
}

// Decodes `image` after a round trip through a real file in `format` ("png" or "jpg").
loyalty::Result<std::vector<std::string>> throughFile(const GreyImage& image, const std::string& name) {
  const std::string path = scratchPath(name);
  if (name.ends_with(".jpg")) {
    writeBytes(path, encodeJpeg(image, 75));
  } else {
    auto png = encodePng(image);
    REQUIRE(png);
    writeBytes(path, png.value());
  }
  return decodeImageFile(path);
}

bool found(const loyalty::Result<std::vector<std::string>>& texts, const std::string& payload) {
  return texts && std::find(texts->begin(), texts->end(), payload) != texts->end();
}

}  // namespace

TEST_CASE("qr: a card written as PNG decodes back, file 0600, error level M", "[cards][qr]") {
  const CardWorld world;
  const std::string payload = world.staticCard();
  const std::string path = scratchPath("card.png");
  std::filesystem::remove(path);
  auto written = writeQrPng(payload, path);
  REQUIRE(written);
  CHECK(written->bytes == std::filesystem::file_size(path));
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  auto texts = decodeImageFile(path);
  REQUIRE(texts);
  CHECK(*texts == std::vector<std::string>{payload});
  CHECK(world.verifier.verify(texts->front(), kNow).accepted);

  // Read it back with ZXing directly to see the symbol's own error correction level.
  const GreyImage image = render(payload);
  const auto result = ZXing::ReadBarcode(
      ZXing::ImageView(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum));
  REQUIRE(result.isValid());
  CHECK(result.ecLevel() == "M");
  CHECK(result.text() == payload);
}

TEST_CASE("qr: payloads stay in small QR versions", "[cards][qr]") {
  CardPayload largest;
  largest.kind = CardKind::static_card;
  largest.keyId = std::string(kMaxKeyIdLength, 'K');
  largest.cardId = std::string(kMaxCardIdLength, '9');
  largest.expiresOnDay = kMaxExpiryDay;
  auto text = encodeCardPayload(largest);
  REQUIRE(text);
  auto picture = renderQr(*text);
  REQUIRE(picture);
  CHECK(picture->version <= 7);
  CHECK(picture->modules == 17 + 4 * picture->version);
  CHECK(picture->image.width == (picture->modules + 8) * 8);  // defaults: 8 px, quiet zone 4

  const CardWorld world;
  auto typical = renderQr(world.staticCard());
  REQUIRE(typical);
  CHECK(typical->version <= 6);
  auto code = renderQr(world.rotatingCode());
  REQUIRE(code);
  CHECK(code->version <= 6);
}

TEST_CASE("qr: JPEG, turned, inverted, shrunk and noisy pictures decode", "[cards][qr]") {
  const CardWorld world;
  const std::string payload = world.rotatingCode();
  const GreyImage image = render(payload);
  CHECK(found(throughFile(image, "plain.jpg"), payload));
  CHECK(found(throughFile(rotated90(image), "r90.png"), payload));
  CHECK(found(throughFile(rotated180(image), "r180.png"), payload));
  CHECK(found(throughFile(inverted(image), "inverted.png"), payload));  // dark mode
  CHECK(found(throughFile(scaledDown(image, 3), "small.png"), payload));  // 2 px a module
  CHECK(found(throughFile(withNoise(image, 70, 7), "noise.png"), payload));
  // A photo: the code on a background, turned, noisy, then JPEG-compressed.
  const GreyImage photo = withNoise(rotated90(onBackground(image, 120)), 40, 11);
  CHECK(found(throughFile(photo, "photo.jpg"), payload));
  CHECK(found(throughFile(inverted(photo), "photo-dark.jpg"), payload));
}

TEST_CASE("qr: two codes in one picture are both reported", "[cards][qr]") {
  const CardWorld world;
  const GreyImage left = render(world.staticCard("1111222233334444"), 4);
  const GreyImage right = render(world.staticCard("5555666677778888"), 4);
  GreyImage both;
  both.width = left.width + right.width;
  both.height = std::max(left.height, right.height);
  both.pixels.assign(static_cast<std::size_t>(both.width * both.height), 255);
  for (int y = 0; y < left.height; ++y) {
    std::copy_n(left.pixels.begin() + y * left.width, left.width, both.pixels.begin() + y * both.width);
    std::copy_n(right.pixels.begin() + y * right.width, right.width,
                both.pixels.begin() + y * both.width + left.width);
  }
  auto texts = decodeGreyFrame(GreyFrameView{both.pixels.data(), both.width, both.height, 0});
  REQUIRE(texts);
  CHECK(texts->size() == 2);
  CHECK(found(texts, world.staticCard("1111222233334444")));
  CHECK(found(texts, world.staticCard("5555666677778888")));
}

TEST_CASE("qr: camera frames with a row stride", "[cards][qr]") {
  const CardWorld world;
  const std::string payload = world.rotatingCode();
  const GreyImage image = render(payload, 3);
  const int stride = image.width + 37;  // padded rows, as camera buffers often are
  std::vector<std::uint8_t> frame(static_cast<std::size_t>(stride * image.height), 0);
  for (int y = 0; y < image.height; ++y) {
    std::copy_n(image.pixels.begin() + y * image.width, image.width, frame.begin() + y * stride);
  }
  auto texts = decodeGreyFrame(GreyFrameView{frame.data(), image.width, image.height, stride});
  REQUIRE(texts);
  CHECK(texts->front() == payload);

  CHECK(decodeGreyFrame(GreyFrameView{nullptr, 10, 10, 0}).error().reason == "bad_frame");
  CHECK(decodeGreyFrame(GreyFrameView{frame.data(), 0, 10, 0}).error().reason == "bad_frame");
  CHECK(decodeGreyFrame(GreyFrameView{frame.data(), 10, 10, 5}).error().reason == "bad_frame");
  CHECK(decodeGreyFrame(GreyFrameView{frame.data(), 20000, 1, 0}).error().reason == "bad_frame");
}

TEST_CASE("qr: a picture without a code is a clean no_code_found", "[cards][qr]") {
  auto texts = throughFile(sceneWithoutCode(400, 300, 3), "scene.png");
  REQUIRE_FALSE(texts);
  CHECK(texts.error().reason == "no_code_found");
  CHECK(texts.error().message.find("No QR code") == 0);
  auto jpeg = throughFile(sceneWithoutCode(320, 240, 4), "scene.jpg");
  REQUIRE_FALSE(jpeg);
  CHECK(jpeg.error().reason == "no_code_found");
}

TEST_CASE("qr: corrupt, truncated, huge and missing files are errors, never crashes", "[cards][qr]") {
  auto png = encodePng(render("LY1SHELLO"));
  REQUIRE(png);
  CHECK(decodeImageBytes(bytesOf(png->substr(0, png->size() / 2))).error().reason == "bad_image");
  CHECK(decodeImageBytes(bytesOf(png->substr(0, 30))).error().reason == "bad_image");
  CHECK(decodeImageBytes(bytesOf(std::string())).error().reason == "bad_image");
  CHECK(decodeImageBytes(bytesOf(std::string(5000, '\x7f'))).error().reason == "bad_image");
  CHECK(decodeImageBytes(bytesOf("GIF89a" + std::string(100, '\0'))).error().reason == "bad_image");
  const std::string jpeg = encodeJpeg(render("LY1SHELLO"), 80);
  CHECK_FALSE(decodeImageBytes(bytesOf(jpeg.substr(0, 200))));

  // Damage every 97th byte of a PNG and of a JPEG: an error or some text, never a crash.
  const std::string pngBytes = png.value();
  for (const std::string* file : {&pngBytes, &jpeg}) {
    for (std::size_t at = 8; at < file->size(); at += 97) {
      std::string damaged = *file;
      damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
      auto result = decodeImageBytes(bytesOf(damaged));
      if (result) CHECK_FALSE(result->empty());
    }
  }

  // A valid PNG header announcing 10000 x 10000 pixels is refused before decoding.
  std::string huge = png->substr(0, 33);
  const auto put32 = [&](std::size_t offset, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) huge[offset + static_cast<std::size_t>(i)] = static_cast<char>(value >> (24 - 8 * i));
  };
  put32(16, 10000);
  put32(20, 10000);
  CHECK(decodeImageBytes(bytesOf(huge)).error().reason == "image_too_large");

  CHECK(decodeImageFile(scratchPath("no-such.png")).error().reason == "file_not_found");
  std::filesystem::create_directories(scratchPath("a-directory.png"));
  CHECK(decodeImageFile(scratchPath("a-directory.png")).error().reason == "not_a_file");
  const std::string corrupt = scratchPath("corrupt.png");
  writeBytes(corrupt, png->substr(0, png->size() - 40));
  CHECK(decodeImageFile(corrupt).error().reason == "bad_image");
}

TEST_CASE("qr: rendering refuses what it cannot draw", "[cards][qr]") {
  CHECK(renderQr("").error().reason == "bad_payload");
  CHECK(renderQr(std::string(2000, 'A')).error().reason == "bad_payload");
  CHECK(renderQr("LY1S", QrRenderOptions{0, 4}).error().reason == "bad_render_options");
  CHECK(renderQr("LY1S", QrRenderOptions{8, -1}).error().reason == "bad_render_options");
  CHECK(writeQrPng("LY1S", scratchPath("no-dir/card.png")).error().reason == "write_failed");
}
