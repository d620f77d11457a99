#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <vector>

#include "core/render/image.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed afterwards.
class ImageFiles : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "oh-image-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    static std::vector<char> slurp(const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    static void spit(const std::string& p, const char* data, std::size_t size) {
        std::ofstream out(p, std::ios::binary);
        out.write(data, static_cast<std::streamsize>(size));
    }
    static unsigned modeOf(const std::string& p) {
        struct stat st {};
        EXPECT_EQ(::stat(p.c_str(), &st), 0);
        return st.st_mode & 0777;
    }

    fs::path dir_;
};

oh::GrayImage gradient(int w, int h) {
    oh::GrayImage image(w, h);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x)
            image.at(x, y) = static_cast<std::uint8_t>((x * 7 + y * 3) & 0xFF);
    }
    return image;
}

TEST_F(ImageFiles, GrayPngRoundTripsExactly) {
    const auto image = gradient(37, 23);  // odd sizes catch stride mistakes
    std::string error;
    ASSERT_TRUE(oh::writePng(path("g.png"), image, &error)) << error;
    const auto back = oh::readImageGray(path("g.png"), &error);
    ASSERT_TRUE(back) << error;
    EXPECT_EQ(back->width, 37);
    EXPECT_EQ(back->height, 23);
    EXPECT_EQ(back->pixels, image.pixels);
}

TEST_F(ImageFiles, PngIsCreatedPrivateEvenOverAWorldReadableFile) {
    const std::string p = path("private.png");
    spit(p, "old", 3);
    ASSERT_EQ(::chmod(p.c_str(), 0644), 0);
    std::string error;
    ASSERT_TRUE(oh::writePng(p, gradient(8, 8), &error)) << error;
    EXPECT_EQ(modeOf(p), 0600u);
    // No temporary files are left next to it.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(ImageFiles, RgbaPngReadsBackAsGrayWithAlphaOnWhite) {
    oh::RgbaImage rgba(4, 1);
    const std::uint8_t px[16] = {0,   0,   0,   255,   // black
                                 255, 255, 255, 255,   // white
                                 0,   0,   0,   0,     // fully transparent -> white
                                 255, 0,   0,   255};  // red -> some mid gray
    std::copy(std::begin(px), std::end(px), rgba.pixels.begin());
    std::string error;
    ASSERT_TRUE(oh::writePng(path("c.png"), rgba, &error)) << error;
    EXPECT_EQ(modeOf(path("c.png")), 0600u);
    const auto gray = oh::readImageGray(path("c.png"), &error);
    ASSERT_TRUE(gray) << error;
    EXPECT_EQ(gray->at(0, 0), 0);
    EXPECT_EQ(gray->at(1, 0), 255);
    EXPECT_EQ(gray->at(2, 0), 255);
    EXPECT_GT(gray->at(3, 0), 20);
    EXPECT_LT(gray->at(3, 0), 200);
}

TEST_F(ImageFiles, WriteRejectsInconsistentImageAndBadFolder) {
    oh::GrayImage bad;
    bad.width = 10;
    bad.height = 10;  // no pixels
    std::string error;
    EXPECT_FALSE(oh::writePng(path("bad.png"), bad, &error));
    EXPECT_NE(error.find("disagree"), std::string::npos) << error;
    EXPECT_FALSE(oh::writePng(path("no/such/folder/x.png"), gradient(4, 4), &error));
    EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

TEST_F(ImageFiles, MissingFileGivesClearError) {
    std::string error;
    EXPECT_FALSE(oh::readImageGray(path("missing.png"), &error));
    EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
    EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

TEST_F(ImageFiles, TextFileIsNotAnImage) {
    const std::string text = "name,team\nAda,Blue\n";
    spit(path("roster.png"), text.data(), text.size());  // the extension lies
    std::string error;
    EXPECT_FALSE(oh::readImageGray(path("roster.png"), &error));
    EXPECT_NE(error.find("not a PNG or JPEG"), std::string::npos) << error;
    spit(path("empty.png"), "", 0);
    EXPECT_FALSE(oh::readImageGray(path("empty.png"), &error));
    EXPECT_NE(error.find("empty"), std::string::npos) << error;
    EXPECT_FALSE(oh::readImageGray(dir_.string(), &error));  // a folder
    EXPECT_FALSE(error.empty());
}

TEST_F(ImageFiles, TruncatedPngGivesClearError) {
    std::string error;
    ASSERT_TRUE(oh::writePng(path("full.png"), gradient(200, 200), &error)) << error;
    const auto bytes = slurp(path("full.png"));
    ASSERT_GT(bytes.size(), 200u);
    for (const std::size_t keep : {bytes.size() / 2, std::size_t{40}, std::size_t{12}}) {
        spit(path("cut.png"), bytes.data(), keep);
        error.clear();
        EXPECT_FALSE(oh::readImageGray(path("cut.png"), &error)) << keep;
        EXPECT_NE(error.find("PNG"), std::string::npos) << error;
        EXPECT_NE(error.find("cut.png"), std::string::npos) << error;
    }
}

TEST_F(ImageFiles, JpegFixtureDecodesAndTruncatedJpegFails) {
    const std::string fixture = std::string(OPENHOUSE_TEST_DATA) + "/qr/token-q90.jpg";
    std::string error;
    const auto image = oh::readImageGray(fixture, &error);
    ASSERT_TRUE(image) << error;
    EXPECT_GT(image->width, 100);
    EXPECT_EQ(image->width, image->height);

    const auto bytes = slurp(fixture);
    spit(path("cut.jpg"), bytes.data(), bytes.size() / 2);
    EXPECT_FALSE(oh::readImageGray(path("cut.jpg"), &error));
    EXPECT_NE(error.find("JPEG"), std::string::npos) << error;
    spit(path("head.jpg"), bytes.data(), 3);  // magic only
    EXPECT_FALSE(oh::readImageGray(path("head.jpg"), &error));
    EXPECT_NE(error.find("JPEG"), std::string::npos) << error;
}

// ---- hostile inputs: a FIFO, and dimensions far beyond any camera -------------------

TEST_F(ImageFiles, FifoIsRefusedPromptlyWithoutWaitingForAWriter) {
    const std::string fifo = path("frame.png");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto reading = std::async(std::launch::async, [&fifo] {
        std::string error;
        bool read = oh::readImageGray(fifo, &error).has_value();
        return std::make_pair(read, error);
    });
    // Generous: a refusal takes microseconds; a reader blocked in open() never returns.
    if (reading.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
        // Release the blocked reader (a writer opens and closes: it sees end of file) so the
        // test can end, then fail.
        const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
        if (writer >= 0) ::close(writer);
        reading.wait();
        FAIL() << "reading a FIFO blocked for 60 s";
    }
    const auto [read, error] = reading.get();
    EXPECT_FALSE(read);
    EXPECT_NE(error.find("FIFO"), std::string::npos) << error;
    EXPECT_NE(error.find("frame.png"), std::string::npos) << error;
}

namespace {

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string bigEndian32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string pngChunk(const std::string& type, const std::string& data) {
    return bigEndian32(static_cast<std::uint32_t>(data.size())) + type + data +
           bigEndian32(crc32(type + data));
}

// A PNG with a valid header and no pixel data (its IDAT holds an empty zlib stream). A reader
// that decodes it reports a truncated or corrupt file; only a check of the header's size says
// "too large".
std::string pngHeaderOnly(std::uint32_t width, std::uint32_t height) {
    const std::string ihdr = bigEndian32(width) + bigEndian32(height) +
                             std::string("\x01\x00\x00\x00\x00", 5);  // 1-bit gray
    const std::string emptyZlib("\x78\x01\x01\x00\x00\xFF\xFF\x00\x00\x00\x01", 11);
    return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) +
           pngChunk("IDAT", emptyZlib) + pngChunk("IEND", "");
}

// Start of image, one 8-bit gray frame header (SOF0) of the given size, end of image.
std::string jpegHeaderOnly(std::uint16_t width, std::uint16_t height) {
    std::string sof("\xFF\xC0\x00\x0B\x08", 5);
    sof += {static_cast<char>(height >> 8), static_cast<char>(height & 0xFF),
            static_cast<char>(width >> 8), static_cast<char>(width & 0xFF)};
    sof += std::string("\x01\x01\x11\x00", 4);
    std::string sos("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    return std::string("\xFF\xD8", 2) + sof + sos + std::string("\xFF\xD9", 2);
}

}  // namespace

TEST_F(ImageFiles, HugePngIsRefusedFromItsHeaderBeforeDecoding) {
    // 8192x8192 (67 megapixels) is what a blank 84 KB PNG can claim.
    const std::string png = pngHeaderOnly(8192, 8192);
    spit(path("huge.png"), png.data(), png.size());
    std::string error;
    EXPECT_FALSE(oh::readImageGray(path("huge.png"), &error));
    EXPECT_NE(error.find("too large (8192x8192)"), std::string::npos) << error;
    EXPECT_NE(error.find("huge.png"), std::string::npos) << error;
}

TEST_F(ImageFiles, HugeJpegIsRefusedFromItsHeaderBeforeDecoding) {
    const std::string jpeg = jpegHeaderOnly(8192, 8192);
    std::string error;
    EXPECT_FALSE(oh::decodeImageGray(
        {reinterpret_cast<const std::uint8_t*>(jpeg.data()), jpeg.size()}, &error));
    EXPECT_NE(error.find("too large (8192x8192)"), std::string::npos) << error;
}

TEST_F(ImageFiles, TheDecodeBoundIsTwentyFourMegapixels) {
    // 6000x4000 is a full-size camera photo: not refused for its size (this one then fails
    // for its missing pixels); one column more is.
    std::string error;
    const std::string atBound = pngHeaderOnly(6000, 4000);
    EXPECT_FALSE(oh::decodeImageGray(
        {reinterpret_cast<const std::uint8_t*>(atBound.data()), atBound.size()}, &error));
    EXPECT_EQ(error.find("too large"), std::string::npos) << error;
    const std::string over = pngHeaderOnly(6001, 4000);
    EXPECT_FALSE(oh::decodeImageGray(
        {reinterpret_cast<const std::uint8_t*>(over.data()), over.size()}, &error));
    EXPECT_NE(error.find("too large (6001x4000)"), std::string::npos) << error;
}

TEST(ImageOps, ResizeAndBlitClipSafely) {
    const auto small = gradient(10, 10);
    const auto big = oh::resizeBilinear(small, 25, 13);
    EXPECT_EQ(big.width, 25);
    EXPECT_EQ(big.height, 13);
    EXPECT_TRUE(oh::resizeBilinear(small, 0, 5).empty());
    EXPECT_TRUE(oh::resizeBilinear(oh::GrayImage{}, 5, 5).empty());

    oh::GrayImage canvas(20, 20, 255);
    oh::blit(canvas, oh::GrayImage(10, 10, 0), 15, -5);  // partly outside on two sides
    EXPECT_EQ(canvas.at(15, 0), 0);
    EXPECT_EQ(canvas.at(19, 4), 0);
    EXPECT_EQ(canvas.at(19, 5), 255);
    EXPECT_EQ(canvas.at(14, 0), 255);
    oh::blit(canvas, oh::GrayImage(10, 10, 0), 100, 100);  // fully outside: no-op
    oh::blit(canvas, oh::GrayImage(10, 10, 0), -100, 0);
}

}  // namespace
