// Member QR codes as pictures: rendering a payload (ZXing-cpp's encoder, error correction
// level M, QR only) and finding codes in camera frames and image files (ZXing-cpp's reader,
// QR only, trying harder, rotated, and on an inverted copy when nothing is found, since
// ZXing 1.4 has no option for light-on-dark codes).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cards/file_io.h"
#include "cards/grey_image.h"
#include "engine/result.h"

namespace loyalty::cards {

// A camera frame's luma (Y) plane, not owned: width x height bytes, rows rowStride apart
// (0 means width).
struct GreyFrameView {
  const std::uint8_t* pixels = nullptr;
  int width = 0;
  int height = 0;
  int rowStride = 0;
};

struct QrRenderOptions {
  int moduleSize = 8;        // pixels per module: 1..64
  int quietZoneModules = 4;  // white border in modules (the standard asks for 4): 0..16
};

struct QrPicture {
  int version = 0;  // QR version 1..40 (a side of 17 + 4 x version modules)
  int modules = 0;  // modules a side, without the quiet zone
  GreyImage image;
};

inline constexpr std::size_t kMaxQrTextLength = 1024;

// Errors: invalid_input "bad_payload" (empty, longer than kMaxQrTextLength),
// "bad_render_options"; rejected "encode_failed" (the encoder refused the text).
[[nodiscard]] Result<QrPicture> renderQr(std::string_view payload, const QrRenderOptions& options = {});

// renderQr, then a greyscale PNG written as with writePrivateFile (0600, replaced atomically).
[[nodiscard]] Result<WrittenFile> writeQrPng(std::string_view payload, const std::string& path,
                                             const QrRenderOptions& options = {});

// The texts of every QR code found, in the reader's order, duplicates removed; member card
// or not (the verifier decides). Never an empty list: no code is an Error.
// Errors: invalid_input "bad_frame"; rejected "no_code_found", "decode_failed".
[[nodiscard]] Result<std::vector<std::string>> decodeGreyFrame(const GreyFrameView& frame);

// PNG or JPEG bytes. Errors: decodeImage's and decodeGreyFrame's.
[[nodiscard]] Result<std::vector<std::string>> decodeImageBytes(std::span<const std::uint8_t> fileBytes);

// Errors: readFileLimited's (io_error), decodeImage's and decodeGreyFrame's.
[[nodiscard]] Result<std::vector<std::string>> decodeImageFile(const std::string& path);

}  // namespace loyalty::cards
