// RGBA8 images: screenshots of the rendered frame and their PNG files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace oh::kiosk {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  // top row first, 4 bytes per pixel

    const std::uint8_t* pixel(int x, int y) const {
        return &rgba[(static_cast<size_t>(y) * width + x) * 4];
    }
    bool operator==(const Image&) const = default;
};

// Reads the current GL read buffer (call before swapping) and flips it so row 0 is the top.
Image readFramebuffer(int width, int height);

// Throws std::runtime_error with the path and libpng's message on failure.
void writePng(const Image& image, const std::filesystem::path& path);
Image readPng(const std::filesystem::path& path);

}  // namespace oh::kiosk
