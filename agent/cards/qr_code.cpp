#include "qr_code.h"

#include <algorithm>
#include <exception>

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>

namespace loyalty::cards {
namespace {

// MultiFormatWriter's 0..8 scale maps (level - 1) / 2 onto L, M, Q, H: 4 is M, which
// survives 15% damage and keeps a static card at QR version 7 or below.
constexpr int kEccLevelM = 4;

Error noCode() {
  return makeError(ErrorCode::rejected, "no_code_found",
                   "No QR code was found in the picture; hold the code flat, fully in view and "
                   "in focus, and scan again.");
}

std::vector<std::string> readQrTexts(const ZXing::ImageView& view) {
  const auto hints = ZXing::DecodeHints()
                         .setFormats(ZXing::BarcodeFormat::QRCode)
                         .setTryHarder(true)
                         .setTryRotate(true)
                         .setTryDownscale(true);
  std::vector<std::string> texts;
  for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
    if (!result.isValid()) continue;
    const auto& bytes = result.bytes();
    std::string text(bytes.begin(), bytes.end());
    if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace

Result<QrPicture> renderQr(std::string_view payload, const QrRenderOptions& options) {
  if (payload.empty() || payload.size() > kMaxQrTextLength) {
    return makeError(ErrorCode::invalid_input, "bad_payload",
                     "A QR payload must have 1 to " + std::to_string(kMaxQrTextLength) +
                         " characters.");
  }
  if (options.moduleSize < 1 || options.moduleSize > 64 || options.quietZoneModules < 0 ||
      options.quietZoneModules > 16) {
    return makeError(ErrorCode::invalid_input, "bad_render_options",
                     "The module size must be 1 to 64 pixels and the quiet zone 0 to 16 modules.");
  }
  ZXing::BitMatrix matrix;
  try {
    // Margin 0 and size 0: one pixel per module; scaling and the quiet zone are done below.
    matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                 .setEccLevel(kEccLevelM)
                 .setMargin(0)
                 .encode(std::string(payload), 0, 0);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::rejected, "encode_failed",
                     std::string("The QR encoder refused the payload: ") + e.what() + ".");
  }
  QrPicture picture;
  picture.modules = matrix.width();
  picture.version = (picture.modules - 17) / 4;
  const int side = (picture.modules + 2 * options.quietZoneModules) * options.moduleSize;
  picture.image.width = side;
  picture.image.height = side;
  picture.image.pixels.assign(static_cast<std::size_t>(side) * static_cast<std::size_t>(side), 255);
  const int offset = options.quietZoneModules * options.moduleSize;
  for (int y = 0; y < picture.modules; ++y) {
    for (int x = 0; x < picture.modules; ++x) {
      if (!matrix.get(x, y)) continue;
      for (int dy = 0; dy < options.moduleSize; ++dy) {
        const auto row = static_cast<std::size_t>(offset + y * options.moduleSize + dy);
        const auto first = row * static_cast<std::size_t>(side) +
                           static_cast<std::size_t>(offset + x * options.moduleSize);
        std::fill_n(picture.image.pixels.begin() + static_cast<std::ptrdiff_t>(first),
                    options.moduleSize, std::uint8_t{0});
      }
    }
  }
  return picture;
}

Result<WrittenFile> writeQrPng(std::string_view payload, const std::string& path,
                               const QrRenderOptions& options) {
  auto picture = renderQr(payload, options);
  if (!picture) return picture.error();
  auto png = encodePng(picture->image);
  if (!png) return png.error();
  return writePrivateFile(path, png.value(), ExistingFile::replace);
}

Result<std::vector<std::string>> decodeGreyFrame(const GreyFrameView& frame) {
  const int stride = frame.rowStride == 0 ? frame.width : frame.rowStride;
  if (frame.pixels == nullptr || frame.width <= 0 || frame.height <= 0 ||
      frame.width > kMaxImageSide || frame.height > kMaxImageSide || stride < frame.width) {
    return makeError(ErrorCode::invalid_input, "bad_frame",
                     "A frame needs pixels, a width and height of 1 to " +
                         std::to_string(kMaxImageSide) + " and a row stride of at least its width.");
  }
  try {
    std::vector<std::string> texts =
        readQrTexts(ZXing::ImageView(frame.pixels, frame.width, frame.height,
                                     ZXing::ImageFormat::Lum, stride));
    if (!texts.empty()) return texts;
    // Light modules on a dark ground (phone dark mode, some printed designs): try the negative.
    std::vector<std::uint8_t> inverted(static_cast<std::size_t>(frame.width) *
                                       static_cast<std::size_t>(frame.height));
    for (int y = 0; y < frame.height; ++y) {
      const std::uint8_t* source = frame.pixels + static_cast<std::ptrdiff_t>(y) * stride;
      std::uint8_t* target = inverted.data() + static_cast<std::ptrdiff_t>(y) * frame.width;
      for (int x = 0; x < frame.width; ++x) target[x] = static_cast<std::uint8_t>(255 - source[x]);
    }
    texts = readQrTexts(ZXing::ImageView(inverted.data(), frame.width, frame.height,
                                         ZXing::ImageFormat::Lum));
    if (!texts.empty()) return texts;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::rejected, "decode_failed",
                     std::string("The QR reader failed on this picture: ") + e.what() + ".");
  }
  return noCode();
}

Result<std::vector<std::string>> decodeImageBytes(std::span<const std::uint8_t> fileBytes) {
  auto image = decodeImage(fileBytes);
  if (!image) return image.error();
  return decodeGreyFrame(GreyFrameView{image->pixels.data(), image->width, image->height, 0});
}

Result<std::vector<std::string>> decodeImageFile(const std::string& path) {
  auto bytes = readFileLimited(path, kMaxImageFileBytes, "image");
  if (!bytes) return bytes.error();
  const std::string& content = bytes.value();
  return decodeImageBytes(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(content.data()), content.size()));
}

}  // namespace loyalty::cards
