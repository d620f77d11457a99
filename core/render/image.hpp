// Small raster images and their files: PNG (libpng) and JPEG (libturbojpeg).
//
// Files we write can hold invitation codes, which are credentials: they are
// created with mode 0600 and appear atomically (temporary file + rename), so a
// reader never sees half a PNG and a crash never leaves a world-readable copy.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

// writePng writes through writePrivateFileAtomically, whose home is core/files/.
#include "core/files/private_file.hpp"

namespace oh {

// 8-bit luma, row-major, stride = width. 0 = black, 255 = white.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    GrayImage() = default;
    GrayImage(int w, int h, std::uint8_t fill = 255)
        : width(w), height(h), pixels(static_cast<std::size_t>(w) * h, fill) {}

    bool empty() const { return width <= 0 || height <= 0; }
    std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
    std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

// 8-bit R, G, B, A per pixel (straight alpha), row-major, stride = 4 * width.
struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    RgbaImage() = default;
    RgbaImage(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 4, 0) {}

    bool empty() const { return width <= 0 || height <= 0; }
};

// Largest image we read or write: bigger inputs are refused rather than
// allocated (a hostile or broken file must not exhaust memory).
constexpr int kMaxImageSide = 16384;
constexpr std::int64_t kMaxImagePixels = 64LL * 1024 * 1024;
// Largest image we decode (checked on the header, before any pixel is decoded): 24 megapixels,
// a full-size 6000x4000 camera photo. Camera frames are 1280x720 or 1920x1080 and photos of an
// invitation a few megapixels; a blank 8192x8192 PNG is 84 KB on disk but took 10 s and
// 232 MB to decode before this bound.
constexpr std::int64_t kMaxDecodePixels = 24'000'000;

// Writes an 8-bit grayscale / RGBA PNG. The file gets mode 0600 and replaces
// `path` atomically. On failure returns false, sets *error (if given) and
// leaves any previous file at `path` untouched.
bool writePng(const std::string& path, const GrayImage& image, std::string* error);
bool writePng(const std::string& path, const RgbaImage& image, std::string* error);

// Reads a PNG (any colour type, bit depth, palette, alpha composited on white)
// or a JPEG, converted to 8-bit gray. The format is detected from the bytes,
// not the file name. nullopt with a sentence in *error for a missing or
// unreadable file, anything but a regular file (a FIFO is refused without
// waiting for a writer), a file that is not a PNG/JPEG, one larger than
// kMaxDecodePixels, or a truncated/corrupt one.
std::optional<GrayImage> readImageGray(const std::string& path, std::string* error);
// The same for bytes already in memory (e.g. an MJPEG camera frame).
std::optional<GrayImage> decodeImageGray(std::span<const std::uint8_t> bytes, std::string* error);

// Bilinear resize (for synthesising camera frames and previews). Returns an
// empty image if either size is not positive.
GrayImage resizeBilinear(const GrayImage& src, int width, int height);
// Copies src into dst with its top-left corner at (x, y), clipped to dst.
void blit(GrayImage& dst, const GrayImage& src, int x, int y);

}  // namespace oh
