#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/render/text_render.hpp"

using namespace oh;

namespace {

struct Ink {
    int left = -1, right = -1, top = -1, bottom = -1;
    long pixels = 0;
};

Ink inkOf(const RgbaImage& image) {
    Ink ink;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 4 + 3] < 128)
                continue;
            ++ink.pixels;
            if (ink.left < 0 || x < ink.left) ink.left = x;
            if (x > ink.right) ink.right = x;
            if (ink.top < 0) ink.top = y;
            ink.bottom = y;
        }
    }
    return ink;
}

struct Sample {
    const char* script;
    const char* text;
    const char* language;
};

const Sample kSamples[] = {
    {"latin", "Welcome, Léa Dubois", ""},         {"arabic", "أهلاً، محمد عبد الله", "ar"},
    {"devanagari", "स्वागत है, प्रिया शर्मा", "hi"},  {"chinese", "欢迎，王小明", "zh"},
    {"japanese", "ようこそ、山田太郎さん", "ja"}, {"korean", "환영합니다, 김민준", "ko"},
};

}  // namespace

TEST(TextRender, EveryScriptRendersWithoutUnknownGlyphs) {
    for (const auto& s : kSamples) {
        TextStyle style;
        style.sizePx = 40;
        style.rgba = 0x202020FF;
        style.language = s.language;
        const auto r = renderText(s.text, style);
        // OH_SAMPLE_DIR=/tmp/x keeps the images for a person to look at.
        if (const char* dir = std::getenv("OH_SAMPLE_DIR"))
            writePng(std::string(dir) + "/text-" + s.script + ".png", r.image, nullptr);
        EXPECT_EQ(r.unknownGlyphs, 0) << s.script;
        ASSERT_FALSE(r.image.empty()) << s.script;
        const Ink ink = inkOf(r.image);
        EXPECT_GT(ink.pixels, 200) << s.script;
        EXPECT_GT(r.baseline, 20) << s.script;
        EXPECT_LT(r.baseline, r.image.height) << s.script;
        EXPECT_LE(r.image.height, 120) << s.script;  // one line at 40 px
    }
}

TEST(TextRender, ColourIsStraightAlpha) {
    TextStyle style;
    style.rgba = 0xFF8000FF;  // orange
    const auto r = renderText("Ana", style);
    bool sawSolid = false;
    for (std::size_t i = 0; i < r.image.pixels.size(); i += 4) {
        const auto* px = &r.image.pixels[i];
        if (px[3] == 0) continue;
        // Straight alpha: colour stays orange even where coverage is partial.
        if (px[3] > 32) {
            EXPECT_NEAR(px[0], 255, 12);
            EXPECT_NEAR(px[1], 128, 12);
            EXPECT_NEAR(px[2], 0, 12);
        }
        if (px[3] == 255) sawSolid = true;
    }
    EXPECT_TRUE(sawSolid);
}

TEST(TextRender, UnknownGlyphsAreReported) {
    // U+E000 is private use: no Noto face has it.
    const auto r = renderText(
        "A\xEE\x80\x80"
        "B",
        TextStyle{});
    EXPECT_GE(r.unknownGlyphs, 1);
}

TEST(TextRender, AlignmentIsScreenAlignmentForRtl) {
    for (const char* text : {"محمد", "Ana"}) {
        TextStyle style;
        style.sizePx = 32;
        style.maxWidthPx = 600;
        style.align = TextStyle::Align::Right;
        const auto right = renderText(text, style);
        style.align = TextStyle::Align::Left;
        const auto left = renderText(text, style);
        ASSERT_EQ(right.image.width, 600);
        const Ink r = inkOf(right.image);
        const Ink l = inkOf(left.image);
        EXPECT_GT(r.left, 450) << text;  // hugs the right edge
        EXPECT_GE(r.right, 580) << text;
        EXPECT_LT(l.right, 150) << text;  // hugs the left edge
        EXPECT_LE(l.left, 20) << text;
    }
}

TEST(TextRender, WrapsAtMaxWidth) {
    const std::string text =
        "Welcome, Ana — your onboarding flow cut support tickets by 12%. Your demo: Table 3 at "
        "14:20.";
    TextStyle style;
    style.sizePx = 28;
    const auto oneLine = renderText(text, style);
    style.maxWidthPx = 400;
    style.align = TextStyle::Align::Left;
    const auto wrapped = renderText(text, style);
    EXPECT_GT(oneLine.image.width, 800);
    EXPECT_EQ(wrapped.image.width, 400);
    EXPECT_GT(wrapped.image.height, oneLine.image.height * 3);
    const Ink ink = inkOf(wrapped.image);
    EXPECT_LT(ink.right, 400);
    EXPECT_EQ(wrapped.unknownGlyphs, 0);
}

TEST(TextRender, EmptyTextGivesEmptyImage) {
    EXPECT_TRUE(renderText("", TextStyle{}).image.empty());
}

TEST(TextRender, SafeFromSeveralThreads) {
    std::vector<std::thread> threads;
    std::vector<int> unknown(4, -1);
    std::vector<long> ink(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                const auto& s = kSamples[(t + i) % 6];
                TextStyle style;
                style.language = s.language;
                const auto r = renderText(s.text, style);
                unknown[t] = std::max(unknown[t], r.unknownGlyphs);
                ink[t] += inkOf(r.image).pixels;
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < 4; ++t) {
        EXPECT_EQ(unknown[t], 0);
        EXPECT_GT(ink[t], 1000);
    }
}

TEST(TextRender, LanguageSelectsHanGlyphShapes) {
    // 骨 and 直 are drawn differently in Chinese and Japanese typography; with
    // the language attribute set, the CJK font's locl feature picks the shape.
    TextStyle style;
    style.sizePx = 64;
    style.language = "zh";
    const auto zh = renderText("骨直", style);
    style.language = "ja";
    const auto ja = renderText("骨直", style);
    EXPECT_EQ(zh.unknownGlyphs, 0);
    EXPECT_EQ(ja.unknownGlyphs, 0);
    ASSERT_FALSE(zh.image.empty());
    EXPECT_NE(zh.image.pixels, ja.image.pixels);
}
