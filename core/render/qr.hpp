// QR codes: encoding (libqrencode) and decoding of camera frames (ZXing-cpp 1.4).
//
// Every ZXing call lives in qr.cpp: ZXing 2.x renames DecodeHints to
// ReaderOptions and changes Result, so a port touches one file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/render/image.hpp"

namespace oh {

// ---- encoding ----------------------------------------------------------------

constexpr int kQrQuietZoneModules = 4;

struct QrCode {
    int version = 0;                 // 1..40
    int size = 0;                    // modules per side, including the quiet zone on every side
    std::vector<std::uint8_t> dark;  // size * size, row-major, 1 = dark module

    bool isDark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

// Encodes text with the smallest version that fits at error correction level
// ecLevel ('L', 'M', 'Q' or 'H'), letting libqrencode split the text into
// numeric / alphanumeric / byte segments (case-sensitive). Tokens ("OH:" +
// base32) are all alphanumeric and come out as version 8 at 'M'.
// nullopt for an unknown level, text containing NUL, or text too long for QR.
std::optional<QrCode> encodeQr(std::string_view text, char ecLevel = 'M');

// Dark-on-white raster with square modules of pixelsPerModule pixels (the
// quiet zone is part of the code). Empty image if pixelsPerModule < 1.
GrayImage renderQr(const QrCode& code, int pixelsPerModule);

// ---- decoding ----------------------------------------------------------------

struct DecodeOptions {
    bool tryHarder = false;      // slower, finds small/blurred/skewed codes more often
    bool tryRotate = false;      // only matters for 1D formats; QR is rotation invariant
    bool inverted = false;       // light-on-dark code (phone in dark mode): invert first
    bool qrOnly = true;          // look for QR codes only
    bool zxingDefaults = false;  // ignore the above: ZXing's defaults (all formats,
                                 // harder, rotate, downscale) -- the baseline in bench/
};

// A view of a camera frame's luma. Gray frames: pixelStride 1. YUYV (YUY2)
// frames: point data at the first Y byte and use pixelStride 2, rowStride =
// 2 * width -- no conversion needed. The view does not own the bytes.
struct FrameView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    int pixelStride = 1;
    int rowStride = 0;  // bytes from one row to the next; 0 = width * pixelStride

    static FrameView of(const GrayImage& image) {
        return {image.pixels.data(), image.width, image.height, 1, image.width};
    }
};

// The text of the first QR code found, or nullopt (also for an empty or
// malformed view). Stateless and thread-safe.
std::optional<std::string> decodeQr(const FrameView& frame, const DecodeOptions& options = {});

// Decoder for a live camera (one per camera; not thread-safe). Every frame gets
// the fast QR-only pass. When it finds nothing:
//  - every other frame also probes the other polarity at half resolution
//    (phones in dark mode show light-on-dark codes, and show them large), and
//  - every harderEvery-th frame also runs a full-resolution tryHarder pass,
//    alternating polarity (small or blurred codes of either kind).
// Whichever polarity last decoded is tried first, so a dark-mode phone held in
// front of the camera costs one pass per frame, not two.
class LiveDecoder {
  public:
    explicit LiveDecoder(int harderEvery = 5);

    std::optional<std::string> decode(const FrameView& frame);

    // Counters for diagnostics and tests.
    std::uint64_t frames() const { return frames_; }
    bool preferInverted() const { return preferInverted_; }

  private:
    std::optional<std::string> pass(const FrameView& frame, bool inverted, bool harder);
    std::optional<std::string> probe(const FrameView& frame, bool inverted);  // half resolution

    int harderEvery_;
    std::uint64_t frames_ = 0;
    bool preferInverted_ = false;
    std::vector<std::uint8_t> scratch_;  // inverted luma, reused frame to frame
};

}  // namespace oh
