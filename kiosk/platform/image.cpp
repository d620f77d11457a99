#include "kiosk/platform/image.hpp"

#include <SDL.h>
#include <png.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "core/render/image.hpp"

namespace oh::kiosk {

namespace {

// GL entry points through SDL: the ImGui backend dlopens libGL itself, and EGL (headless) or
// GLX (X11) may own the context, so we ask the current driver rather than link libGL.
constexpr unsigned kGlRgba = 0x1908;
constexpr unsigned kGlUnsignedByte = 0x1401;
constexpr unsigned kGlPackAlignment = 0x0D05;
using ReadPixelsFn = void (*)(int, int, int, int, unsigned, unsigned, void*);
using PixelStoreiFn = void (*)(unsigned, int);

template <typename Fn>
Fn glProc(const char* name) {
    auto fn = reinterpret_cast<Fn>(SDL_GL_GetProcAddress(name));
    if (!fn) throw std::runtime_error(std::string("OpenGL function missing: ") + name);
    return fn;
}

}  // namespace

Image readFramebuffer(int width, int height) {
    static auto readPixels = glProc<ReadPixelsFn>("glReadPixels");
    static auto pixelStorei = glProc<PixelStoreiFn>("glPixelStorei");
    Image img;
    img.width = width;
    img.height = height;
    img.rgba.resize(static_cast<size_t>(width) * height * 4);
    pixelStorei(kGlPackAlignment, 1);
    readPixels(0, 0, width, height, kGlRgba, kGlUnsignedByte, img.rgba.data());
    // GL's origin is bottom-left; PNG rows go top-down.
    const size_t stride = static_cast<size_t>(width) * 4;
    std::vector<std::uint8_t> row(stride);
    for (int y = 0; y < height / 2; ++y) {
        std::uint8_t* a = &img.rgba[y * stride];
        std::uint8_t* b = &img.rgba[(height - 1 - y) * stride];
        std::memcpy(row.data(), a, stride);
        std::memcpy(a, b, stride);
        std::memcpy(b, row.data(), stride);
    }
    // The default framebuffer's alpha is whatever blending left; screenshots are opaque.
    for (size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;
    return img;
}

// Screenshots show walk-ins' names and e-mails: written by core's PNG writer, like every private
// file (mode 0600 from the first byte, a temporary file renamed into place).
void writePng(const Image& image, const std::filesystem::path& path) {
    RgbaImage rgba;
    rgba.width = image.width;
    rgba.height = image.height;
    rgba.pixels = image.rgba;
    std::string error;
    if (!oh::writePng(path.string(), rgba, &error)) throw std::runtime_error(error);
}

Image readPng(const std::filesystem::path& path) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&png, path.c_str())) {
        throw std::runtime_error("cannot read " + path.string() + ": " + png.message);
    }
    png.format = PNG_FORMAT_RGBA;
    Image img;
    img.width = static_cast<int>(png.width);
    img.height = static_cast<int>(png.height);
    img.rgba.resize(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, img.rgba.data(), 0, nullptr)) {
        std::string msg = png.message;
        png_image_free(&png);
        throw std::runtime_error("cannot decode " + path.string() + ": " + msg);
    }
    return img;
}

}  // namespace oh::kiosk
