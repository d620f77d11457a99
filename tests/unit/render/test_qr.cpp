#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/render/image.hpp"
#include "core/render/invite_sheet.hpp"
#include "core/render/qr.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kFrameWidth = 1280;
constexpr int kFrameHeight = 720;

// Same shape as a real signed token: "OH:" + 181 base32 characters.
std::string tokenText(unsigned seed) {
    static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::mt19937 rng(seed);
    std::string text = "OH:";
    for (int i = 0; i < 181; ++i) text += kBase32[rng() % 32];
    return text;
}

void addNoise(oh::GrayImage& image, double sigma, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, sigma);
    for (auto& p : image.pixels)
        p = static_cast<std::uint8_t>(std::clamp(p + noise(rng), 0.0, 255.0));
}

// A code as a camera sees it: resampled to codePx, grey-ish rather than
// black/white, on a non-uniform background, with sensor noise.
oh::GrayImage cameraFrame(const std::string& text, int codePx, int x, int y, unsigned seed,
                          bool lightOnDark = false) {
    oh::GrayImage frame(kFrameWidth, kFrameHeight);
    for (int row = 0; row < kFrameHeight; ++row) {
        for (int col = 0; col < kFrameWidth; ++col) {
            frame.at(col, row) = static_cast<std::uint8_t>(110 + (col * 60) / kFrameWidth +
                                                           (row * 30) / kFrameHeight);
        }
    }
    if (codePx > 0) {
        const auto code = oh::encodeQr(text);
        auto scaled = oh::resizeBilinear(oh::renderQr(*code, 1), codePx, codePx);
        for (auto& p : scaled.pixels) {
            const int v = 40 + p * 175 / 255;  // dark 40, light 215
            p = static_cast<std::uint8_t>(lightOnDark ? 255 - v : v);
        }
        oh::blit(frame, scaled, x, y);
    }
    addNoise(frame, 6.0, seed);
    return frame;
}

// ---- encoding ----------------------------------------------------------------

TEST(QrEncode, TokenFitsVersion8AtM) {
    const auto code = oh::encodeQr(tokenText(1), 'M');
    ASSERT_TRUE(code);
    EXPECT_LE(code->version, 10);  // DESIGN.md section 3
    EXPECT_EQ(code->version, 8);   // all-alphanumeric segments; 8-bit mode would need 10+
    EXPECT_EQ(code->size, 17 + 4 * 8 + 2 * oh::kQrQuietZoneModules);
    EXPECT_EQ(code->dark.size(), static_cast<std::size_t>(code->size * code->size));
}

TEST(QrEncode, HigherLevelsNeedLargerVersions) {
    const auto l = oh::encodeQr(tokenText(2), 'L');
    const auto h = oh::encodeQr(tokenText(2), 'H');
    ASSERT_TRUE(l && h);
    EXPECT_LT(l->version, h->version);
}

TEST(QrEncode, RejectsBadInput) {
    EXPECT_FALSE(oh::encodeQr(tokenText(3), 'X'));
    EXPECT_FALSE(oh::encodeQr(""));
    EXPECT_FALSE(oh::encodeQr(std::string("OH:\0AB", 6)));
    EXPECT_FALSE(oh::encodeQr(std::string(8000, 'A')));  // beyond version 40
}

TEST(QrEncode, RenderDrawsQuietZoneAndFinderPattern) {
    const auto code = oh::encodeQr(tokenText(4));
    ASSERT_TRUE(code);
    const auto image = oh::renderQr(*code, 4);
    ASSERT_EQ(image.width, code->size * 4);
    ASSERT_EQ(image.height, image.width);
    for (int i = 0; i < oh::kQrQuietZoneModules * 4; ++i) {
        EXPECT_EQ(image.at(i, i), 255);  // quiet zone, top left
        EXPECT_EQ(image.at(image.width - 1 - i, image.height - 1 - i), 255);
    }
    const int finder = oh::kQrQuietZoneModules * 4;
    EXPECT_EQ(image.at(finder, finder), 0);            // outer ring of the finder
    EXPECT_EQ(image.at(finder + 4, finder + 4), 255);  // its white ring
    EXPECT_EQ(image.at(finder + 12, finder + 12), 0);  // its centre
    EXPECT_TRUE(oh::renderQr(*code, 0).empty());
    EXPECT_TRUE(oh::renderQr(oh::QrCode{}, 4).empty());
}

// ---- decoding ----------------------------------------------------------------

TEST(QrDecode, RoundTripAtEveryLevel) {
    const std::string text = tokenText(5);
    for (const char level : {'L', 'M', 'Q', 'H'}) {
        const auto code = oh::encodeQr(text, level);
        ASSERT_TRUE(code) << level;
        const auto image = oh::renderQr(*code, 3);
        EXPECT_EQ(oh::decodeQr(oh::FrameView::of(image)), text) << level;
    }
}

TEST(QrDecode, MixedCaseAndUtf8TextRoundTrip) {
    for (const std::string text : {"hello, World 123", "Zoë — 東京 — مرحبا"}) {
        const auto code = oh::encodeQr(text);
        ASSERT_TRUE(code);
        EXPECT_EQ(oh::decodeQr(oh::FrameView::of(oh::renderQr(*code, 4))), text);
    }
}

TEST(QrDecode, CameraFrameAtSeveralSizesAndPlaces) {
    struct Case {
        int px, x, y;
    };
    const Case cases[] = {{140, 600, 300}, {200, 40, 500}, {280, 500, 220}, {500, 700, 110}};
    unsigned seed = 10;
    for (const auto& c : cases) {
        const std::string text = tokenText(seed);
        const auto frame = cameraFrame(text, c.px, c.x, c.y, seed++);
        EXPECT_EQ(oh::decodeQr(oh::FrameView::of(frame)), text) << c.px << " px";
        oh::DecodeOptions defaults;
        defaults.zxingDefaults = true;
        EXPECT_EQ(oh::decodeQr(oh::FrameView::of(frame), defaults), text) << c.px << " px";
    }
}

TEST(QrDecode, InvertedCodeNeedsInvertedOption) {
    const std::string text = tokenText(20);
    const auto frame = cameraFrame(text, 300, 400, 200, 20, /*lightOnDark=*/true);
    EXPECT_FALSE(oh::decodeQr(oh::FrameView::of(frame)));
    oh::DecodeOptions inverted;
    inverted.inverted = true;
    EXPECT_EQ(oh::decodeQr(oh::FrameView::of(frame), inverted), text);
    // And the inverted pass does not find a normal code.
    const auto normal = cameraFrame(text, 300, 400, 200, 21);
    EXPECT_FALSE(oh::decodeQr(oh::FrameView::of(normal), inverted));
}

TEST(QrDecode, LiveDecoderFindsInvertedCodeAndKeepsThatPolarity) {
    const std::string text = tokenText(22);
    const auto dark = cameraFrame(text, 300, 100, 100, 22, true);
    oh::LiveDecoder live(5);
    std::optional<std::string> got;
    int frames = 0;
    while (!got && frames < 4) {
        got = live.decode(oh::FrameView::of(dark));
        ++frames;
    }
    EXPECT_EQ(got, text);
    EXPECT_LE(frames, 2);  // the inverted pass runs every other frame
    EXPECT_TRUE(live.preferInverted());
    EXPECT_EQ(live.decode(oh::FrameView::of(dark)), text);  // first pass now succeeds

    // A normal code afterwards is still found, and the preference flips back.
    const auto light = cameraFrame(text, 300, 100, 100, 23);
    got.reset();
    for (int i = 0; i < 4 && !got; ++i) got = live.decode(oh::FrameView::of(light));
    EXPECT_EQ(got, text);
    EXPECT_FALSE(live.preferInverted());
}

TEST(QrDecode, LiveDecoderFindsSmallInvertedCodeThroughTheHarderPass) {
    // Too small for the half-resolution probe: found by the full-resolution
    // harder pass, whose polarity alternates (frame 5 with harderEvery = 5).
    const std::string text = tokenText(25);
    const auto dark = cameraFrame(text, 160, 900, 400, 25, true);
    oh::LiveDecoder live(5);
    std::optional<std::string> got;
    int frames = 0;
    while (!got && frames < 12) {
        got = live.decode(oh::FrameView::of(dark));
        ++frames;
    }
    EXPECT_EQ(got, text);
    EXPECT_LE(frames, 10);
}

TEST(QrDecode, LiveDecoderOnASmallCameraProbesAtFullResolution) {
    const std::string text = tokenText(26);
    const auto big = cameraFrame(text, 220, 40, 40, 26, true);
    oh::GrayImage vga(640, 480);
    for (int y = 0; y < 480; ++y) {
        std::copy_n(&big.pixels[static_cast<std::size_t>(y) * kFrameWidth], 640,
                    &vga.pixels[static_cast<std::size_t>(y) * 640]);
    }
    oh::LiveDecoder live;
    EXPECT_FALSE(live.decode(oh::FrameView::of(vga)));  // frame 0: normal polarity only
    EXPECT_EQ(live.decode(oh::FrameView::of(vga)), text);
}

TEST(QrDecode, LiveDecoderReadsEveryFrameOfAVisibleCode) {
    const std::string text = tokenText(24);
    const auto frame = cameraFrame(text, 280, 500, 220, 24);
    oh::LiveDecoder live;
    for (int i = 0; i < 12; ++i) EXPECT_EQ(live.decode(oh::FrameView::of(frame)), text) << i;
    EXPECT_EQ(live.frames(), 12u);
}

// A YUYV (YUY2) frame as a webcam delivers it: Y0 U Y1 V ...
std::vector<std::uint8_t> toYuyv(const oh::GrayImage& gray) {
    std::vector<std::uint8_t> yuyv(gray.pixels.size() * 2);
    for (std::size_t i = 0; i < gray.pixels.size(); ++i) {
        yuyv[2 * i] = gray.pixels[i];
        yuyv[2 * i + 1] = static_cast<std::uint8_t>(i % 2 ? 40 : 220);  // chroma: must be ignored
    }
    return yuyv;
}

TEST(QrDecode, YuyvFrameDecodesByPixelStride) {
    const std::string text = tokenText(30);
    const auto yuyv = toYuyv(cameraFrame(text, 280, 300, 300, 30));
    const oh::FrameView view{yuyv.data(), kFrameWidth, kFrameHeight, 2, kFrameWidth * 2};
    EXPECT_EQ(oh::decodeQr(view), text);
    oh::LiveDecoder live;
    EXPECT_EQ(live.decode(view), text);

    const auto darkYuyv = toYuyv(cameraFrame(text, 280, 300, 300, 31, true));
    const oh::FrameView darkView{darkYuyv.data(), kFrameWidth, kFrameHeight, 2, kFrameWidth * 2};
    oh::DecodeOptions inverted;
    inverted.inverted = true;
    EXPECT_EQ(oh::decodeQr(darkView, inverted), text);
}

TEST(QrDecode, PaddedRowsDecode) {
    const std::string text = tokenText(32);
    const auto frame = cameraFrame(text, 280, 300, 300, 32);
    const int stride = kFrameWidth + 64;
    std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride) * kFrameHeight, 0);
    for (int y = 0; y < kFrameHeight; ++y) {
        std::copy_n(&frame.pixels[static_cast<std::size_t>(y) * kFrameWidth], kFrameWidth,
                    &padded[static_cast<std::size_t>(y) * stride]);
    }
    EXPECT_EQ(oh::decodeQr({padded.data(), kFrameWidth, kFrameHeight, 1, stride}), text);
}

TEST(QrDecode, EmptyAndMalformedFramesReturnNothing) {
    const auto empty = cameraFrame("", 0, 0, 0, 40);
    EXPECT_FALSE(oh::decodeQr(oh::FrameView::of(empty)));
    oh::DecodeOptions all;
    all.zxingDefaults = true;
    EXPECT_FALSE(oh::decodeQr(oh::FrameView::of(empty), all));
    oh::LiveDecoder live;
    for (int i = 0; i < 6; ++i) EXPECT_FALSE(live.decode(oh::FrameView::of(empty)));

    const std::uint8_t pixel = 0;
    EXPECT_FALSE(oh::decodeQr({nullptr, 640, 480, 1, 640}));
    EXPECT_FALSE(oh::decodeQr({&pixel, 0, 0, 1, 0}));
    EXPECT_FALSE(oh::decodeQr({&pixel, 1, 1, 1, 1}));
    EXPECT_FALSE(oh::decodeQr(
        {empty.pixels.data(), kFrameWidth, kFrameHeight, 1, 100}));  // stride too small
    EXPECT_FALSE(oh::decodeQr({empty.pixels.data(), kFrameWidth, kFrameHeight, 0, kFrameWidth}));
    EXPECT_FALSE(live.decode({nullptr, 0, 0, 1, 0}));
}

TEST(QrDecode, JpegFixtureDecodes) {
    const std::string dir = std::string(OPENHOUSE_TEST_DATA) + "/qr/";
    std::ifstream in(dir + "token-q90.txt");
    const std::string expected((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    std::string error;
    const auto image = oh::readImageGray(dir + "token-q90.jpg", &error);
    ASSERT_TRUE(image) << error;
    EXPECT_EQ(oh::decodeQr(oh::FrameView::of(*image)), expected);
}

TEST(QrDecode, PngFileRoundTrip) {
    std::string dir = (fs::temp_directory_path() / "oh-qr-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    const std::string text = tokenText(41);
    const std::string path = dir + "/code.png";
    std::string error;
    ASSERT_TRUE(oh::writePng(path, oh::renderQr(*oh::encodeQr(text), 4), &error)) << error;
    const auto image = oh::readImageGray(path, &error);
    ASSERT_TRUE(image) << error;
    EXPECT_EQ(oh::decodeQr(oh::FrameView::of(*image)), text);
    fs::remove_all(dir);
}

// ---- invitation sheets -------------------------------------------------------

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// cairo writes one "/Type /Page" object per page (and one "/Type /Pages" tree).
int pdfPageCount(const std::string& pdf) {
    int pages = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos;
         at = pdf.find("/Type /Page", at + 1)) {
        if (pdf.compare(at, 12, "/Type /Pages") != 0) ++pages;
    }
    return pages;
}

class InviteSheet : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "oh-invite-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

std::vector<oh::InviteEntry> sampleEntries(int count) {
    const char* names[] = {"Ada Lovelace",
                           "فاطمة الزهراء",
                           "अनन्या शर्मा",
                           "山田 花子",
                           "Maximilian Alexander von Hohenberg-Schwarzenbach",
                           "Zoë Ødegård"};
    std::vector<oh::InviteEntry> entries;
    for (int i = 0; i < count; ++i) {
        entries.push_back({names[i % 6], "Team " + std::to_string(i % 3),
                           i % 2 ? "Intern" : "Guest", tokenText(100 + static_cast<unsigned>(i))});
    }
    return entries;
}

TEST_F(InviteSheet, WritesPrivateMultiPagePdf) {
    const std::string path = (dir_ / "invites.pdf").string();
    std::string error;
    ASSERT_TRUE(oh::writeInviteSheetPdf(path, sampleEntries(11), "Spring Open House", &error))
        << error;
    const std::string pdf = slurp(path);
    ASSERT_GT(pdf.size(), 10000u);
    EXPECT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
    EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos);
    EXPECT_EQ(pdfPageCount(pdf), 2);  // 8 per page
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(InviteSheet, ExactlyOnePageForEightEntries) {
    const std::string path = (dir_ / "eight.pdf").string();
    std::string error;
    ASSERT_TRUE(oh::writeInviteSheetPdf(path, sampleEntries(8), "Demo Day", &error)) << error;
    EXPECT_EQ(pdfPageCount(slurp(path)), 1);
}

TEST_F(InviteSheet, RejectsNoEntriesAndUnencodableTokenWithoutLeavingAFile) {
    const std::string path = (dir_ / "bad.pdf").string();
    std::string error;
    EXPECT_FALSE(oh::writeInviteSheetPdf(path, {}, "Demo Day", &error));
    EXPECT_FALSE(error.empty());
    auto entries = sampleEntries(3);
    entries[1].token = std::string(8000, 'A');
    EXPECT_FALSE(oh::writeInviteSheetPdf(path, entries, "Demo Day", &error));
    EXPECT_NE(error.find("entry 2"), std::string::npos) << error;
    EXPECT_EQ(error.find("AAAA"), std::string::npos) << "tokens must not appear in errors";
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::is_empty(dir_));
    EXPECT_FALSE(
        oh::writeInviteSheetPdf((dir_ / "missing/x.pdf").string(), sampleEntries(1), "D", &error));
}

}  // namespace
