#include "core/render/image.hpp"

#include <fcntl.h>
#include <png.h>
#include <sys/stat.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>

namespace oh {
namespace {

void setError(std::string* error, std::string message) {
    if (error) *error = std::move(message);
}

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

bool sizeIsSane(std::int64_t width, std::int64_t height) {
    return width > 0 && height > 0 && width <= kMaxImageSide && height <= kMaxImageSide &&
           width * height <= kMaxImagePixels;
}

// Checked on the header's dimensions, before any pixel is decoded or allocated.
std::optional<std::string> decodeSizeProblem(const char* format, std::int64_t width,
                                             std::int64_t height) {
    if (width > 0 && height > 0 && width <= kMaxImageSide && height <= kMaxImageSide &&
        width * height <= kMaxDecodePixels)
        return std::nullopt;
    return std::string(format) + " is too large (" + std::to_string(width) + "x" +
           std::to_string(height) + "); images up to " +
           std::to_string(kMaxDecodePixels / 1'000'000) +
           " megapixels are read (a camera frame or a photo of an invitation needs far less)";
}

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// ---- reading a whole file ---------------------------------------------------

constexpr std::int64_t kMaxImageFileBytes = 256LL * 1024 * 1024;

const char* fileKind(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "not a regular file";
}

std::string notRegular(const std::string& path, mode_t mode) {
    return quoted(path) + " is " + fileKind(mode) + ", not an image file";
}

// Only regular files are read. The type is checked before opening (opening a FIFO blocks until
// a writer comes, opening some devices has effects), and again on the open descriptor, which
// is opened non-blocking in case the path was swapped for a FIFO in between.
std::optional<std::vector<std::uint8_t>> readWholeFile(const std::string& path,
                                                       std::string* error) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        setError(error, "cannot open " + quoted(path) + ": " + std::strerror(errno));
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        setError(error, notRegular(path, st.st_mode));
        return std::nullopt;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        setError(error, "cannot open " + quoted(path) + ": " + std::strerror(errno));
        return std::nullopt;
    }
    FilePtr file(::fdopen(fd, "rb"));
    if (!file) {
        setError(error, "cannot open " + quoted(path) + ": " + std::strerror(errno));
        ::close(fd);
        return std::nullopt;
    }
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        setError(error, notRegular(path, st.st_mode));
        return std::nullopt;
    }
    if (st.st_size > kMaxImageFileBytes) {
        setError(error, quoted(path) + " is too large to be an image we accept");
        return std::nullopt;
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(st.st_size));
    const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (got != bytes.size()) {
        setError(error, "cannot read " + quoted(path) + ": " + std::strerror(errno));
        return std::nullopt;
    }
    return bytes;
}

// ---- PNG (libpng "simplified API": it handles its own longjmp internally) ----

struct PngImageGuard {
    png_image image{};
    PngImageGuard() { image.version = PNG_IMAGE_VERSION; }
    ~PngImageGuard() { png_image_free(&image); }  // safe after finish_read freed it
    PngImageGuard(const PngImageGuard&) = delete;
    PngImageGuard& operator=(const PngImageGuard&) = delete;
};

bool isPng(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 8 && png_sig_cmp(bytes.data(), 0, 8) == 0;
}

bool isJpeg(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}

std::optional<GrayImage> decodePngGray(std::span<const std::uint8_t> bytes, std::string* error) {
    PngImageGuard png;
    if (!png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size())) {
        setError(error, std::string("corrupt PNG header (") + png.image.message + ")");
        return std::nullopt;
    }
    if (auto problem = decodeSizeProblem("PNG", png.image.width, png.image.height)) {
        setError(error, *problem);
        return std::nullopt;
    }
    png.image.format = PNG_FORMAT_GRAY;
    GrayImage out(static_cast<int>(png.image.width), static_cast<int>(png.image.height));
    // Transparent areas become white: a QR drawn on a transparent background
    // must still read as dark-on-light.
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&png.image, &white, out.pixels.data(), out.width, nullptr)) {
        setError(error, std::string("truncated or corrupt PNG (") + png.image.message + ")");
        return std::nullopt;
    }
    return out;
}

// ---- JPEG (TurboJPEG) --------------------------------------------------------

struct TjDeleter {
    void operator()(void* handle) const {
        if (handle) tjDestroy(handle);
    }
};
using TjPtr = std::unique_ptr<void, TjDeleter>;

std::optional<GrayImage> decodeJpegGray(std::span<const std::uint8_t> bytes, std::string* error) {
    TjPtr tj(tjInitDecompress());
    if (!tj) {
        setError(error, "cannot start the JPEG decoder");
        return std::nullopt;
    }
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(tj.get(), bytes.data(), bytes.size(), &width, &height, &subsampling,
                            &colorspace) != 0) {
        setError(error, std::string("corrupt JPEG header (") + tjGetErrorStr2(tj.get()) + ")");
        return std::nullopt;
    }
    if (auto problem = decodeSizeProblem("JPEG", width, height)) {
        setError(error, *problem);
        return std::nullopt;
    }
    GrayImage out(width, height);
    // Stop on warnings: a truncated camera frame would otherwise come back
    // half grey and "succeed". Limit scans: hostile progressive files can
    // otherwise take minutes.
    const int flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;
    if (tjDecompress2(tj.get(), bytes.data(), bytes.size(), out.pixels.data(), width, width, height,
                      TJPF_GRAY, flags) != 0) {
        setError(error,
                 std::string("truncated or corrupt JPEG (") + tjGetErrorStr2(tj.get()) + ")");
        return std::nullopt;
    }
    return out;
}

// ---- PNG writing -------------------------------------------------------------

bool writePngImpl(const std::string& path, int width, int height, png_uint_32 format,
                  const std::uint8_t* pixels, std::size_t pixelBytes, int channels,
                  std::string* error) {
    if (!sizeIsSane(width, height) ||
        pixelBytes != static_cast<std::size_t>(width) * height * channels) {
        setError(error, "cannot write " + quoted(path) + ": image size and pixel data disagree");
        return false;
    }
    return writePrivateFileAtomically(
        path,
        [&](std::FILE* file, std::string* fillError) {
            PngImageGuard png;
            png.image.width = static_cast<png_uint_32>(width);
            png.image.height = static_cast<png_uint_32>(height);
            png.image.format = format;
            if (!png_image_write_to_stdio(&png.image, file, 0, pixels, width * channels, nullptr)) {
                setError(fillError, std::string("PNG encoder failed (") + png.image.message + ")");
                return false;
            }
            return true;
        },
        error);
}

}  // namespace

bool writePng(const std::string& path, const GrayImage& image, std::string* error) {
    return writePngImpl(path, image.width, image.height, PNG_FORMAT_GRAY, image.pixels.data(),
                        image.pixels.size(), 1, error);
}

bool writePng(const std::string& path, const RgbaImage& image, std::string* error) {
    return writePngImpl(path, image.width, image.height, PNG_FORMAT_RGBA, image.pixels.data(),
                        image.pixels.size(), 4, error);
}

std::optional<GrayImage> decodeImageGray(std::span<const std::uint8_t> bytes, std::string* error) {
    if (bytes.empty()) {
        setError(error, "empty file, not an image");
        return std::nullopt;
    }
    if (isPng(bytes)) return decodePngGray(bytes, error);
    if (isJpeg(bytes)) return decodeJpegGray(bytes, error);
    setError(error, "not a PNG or JPEG image");
    return std::nullopt;
}

std::optional<GrayImage> readImageGray(const std::string& path, std::string* error) {
    const auto bytes = readWholeFile(path, error);
    if (!bytes) return std::nullopt;
    std::string why;
    auto image = decodeImageGray(*bytes, &why);
    if (!image) setError(error, quoted(path) + ": " + why);
    return image;
}

GrayImage resizeBilinear(const GrayImage& src, int width, int height) {
    if (src.empty() || width <= 0 || height <= 0) return {};
    GrayImage out(width, height);
    const float sx = static_cast<float>(src.width) / width;
    const float sy = static_cast<float>(src.height) / height;
    for (int y = 0; y < height; ++y) {
        const float fy = std::clamp((y + 0.5f) * sy - 0.5f, 0.0f, src.height - 1.0f);
        const int y0 = static_cast<int>(fy);
        const int y1 = std::min(y0 + 1, src.height - 1);
        const float wy = fy - y0;
        for (int x = 0; x < width; ++x) {
            const float fx = std::clamp((x + 0.5f) * sx - 0.5f, 0.0f, src.width - 1.0f);
            const int x0 = static_cast<int>(fx);
            const int x1 = std::min(x0 + 1, src.width - 1);
            const float wx = fx - x0;
            const float top = src.at(x0, y0) * (1 - wx) + src.at(x1, y0) * wx;
            const float bottom = src.at(x0, y1) * (1 - wx) + src.at(x1, y1) * wx;
            out.at(x, y) = static_cast<std::uint8_t>(std::lround(top * (1 - wy) + bottom * wy));
        }
    }
    return out;
}

void blit(GrayImage& dst, const GrayImage& src, int x, int y) {
    const int x0 = std::max(0, x), y0 = std::max(0, y);
    const int x1 = std::min(dst.width, x + src.width), y1 = std::min(dst.height, y + src.height);
    if (x1 <= x0) return;
    for (int row = y0; row < y1; ++row) {
        const auto* from = &src.pixels[static_cast<std::size_t>(row - y) * src.width + (x0 - x)];
        std::copy(from, from + (x1 - x0),
                  &dst.pixels[static_cast<std::size_t>(row) * dst.width + x0]);
    }
}

}  // namespace oh
