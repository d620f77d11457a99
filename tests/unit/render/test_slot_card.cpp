// The slot card: renders in every script on A6 and 4x6, private (0600), its QR scans back to a
// slot code that verifies (from the PNG preview and from the printed PDF rasterised), says
// what the slot is and how to redeem it, and stays inside the card with long texts.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "core/identity/slot_code.hpp"
#include "core/render/image.hpp"
#include "core/render/qr.hpp"
#include "core/render/slot_card.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const Uuid kEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e001");
const Uuid kSlot = *Uuid::parse("0192f3a0-1111-7000-8000-0000005a0001");
const Uuid kIntern = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0001");
constexpr std::uint32_t kIssued = 1'800'003'600;

struct Signed {
    SigningKey key = SigningKey::generate();
    std::string code = signSlotCode(key, {{}, kEvent, kSlot, kIntern, kIssued});

    TokenStatus verify(const std::string& text) const {
        TokenVerifier verifier(kEvent);
        verifier.addEventKey(key.publicKey);
        return verifySlotCode(verifier, text, kIssued + 60).status;
    }
};

struct NameSample {
    const char* script;
    const char* name;
    const char* language;
    const char* demo;
};

const NameSample kNames[] = {
    {"latin", "Léa Dubois", "", "Churn early warning"},
    {"arabic", "محمد عبد الله", "ar", "لوحة مراقبة الجودة"},
    {"devanagari", "प्रिया शर्मा", "hi", "खोज रैंकिंग सुधार"},
    {"cjk", "王小明", "zh", "数据管道重构"},
};

SlotCardContent cardFor(const NameSample& s, const std::string& code) {
    SlotCardContent c;
    c.eventName = "Open House · Spring Showcase 2026";
    c.fullName = s.name;
    c.language = s.language;
    c.demoTitle = s.demo;
    c.compliment = "Your model cut support tickets by 12%.";
    c.issuedOn = "Thursday 10 December 2026";
    c.code = code;
    c.shortCode = slotCodeShortForm(code);
    return c;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned modeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

// OH_SAMPLE_DIR=/some/dir keeps the rendered cards to look at.
void keepSample(const std::string& from, const std::string& name) {
    if (const char* dir = std::getenv("OH_SAMPLE_DIR"))
        std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << readAll(from);
}

// The PDF's first page as the printer would put it on paper, at 200 dpi, gray.
std::optional<GrayImage> rasterise(const std::string& pdf, const TempDir& dir) {
    const std::string prefix = dir.file("raster");
    const std::string cmd = "pdftoppm -r 200 -gray -png -f 1 -l 1 -singlefile " + shellQuote(pdf) +
                            " " + shellQuote(prefix);
    if (std::system(cmd.c_str()) != 0) return std::nullopt;
    return readImageGray(prefix + ".png", nullptr);
}

// The PDF's text layer with its lines joined by spaces: the card wraps where it must.
std::string pdfText(const std::string& pdf, const TempDir& dir) {
    const std::string txt = dir.file("card.txt");
    if (std::system(("pdftotext " + shellQuote(pdf) + " " + shellQuote(txt)).c_str()) != 0)
        return "<pdftotext failed>";
    std::string text = readAll(txt);
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

const BadgeSize kCardSizes[] = {BadgeSize::A6, BadgeSize::Badge4x6};

}  // namespace

TEST(SlotCard, PngInEveryScriptAndSizeScansBackToAVerifiedSlotCode) {
    TempDir dir;
    const Signed s;
    ASSERT_EQ(s.verify(s.code), TokenStatus::Ok);
    for (const auto size : kCardSizes) {
        for (const auto& sample : kNames) {
            const std::string name =
                std::string("slot-card-") + badgeSizeName(size) + "-" + sample.script + ".png";
            const std::string path = dir.file(name);
            const auto r = renderSlotCardPng(path, cardFor(sample, s.code), size, 200);
            ASSERT_TRUE(r.ok) << name << ": " << r.error;
            EXPECT_EQ(r.unknownGlyphs, 0) << name;
            EXPECT_GE(r.qrVersion, 1);
            EXPECT_LE(r.qrVersion, 10);
            EXPECT_EQ(modeOf(path), 0600u) << name;
            keepSample(path, name);
            const auto gray = readImageGray(path, nullptr);
            ASSERT_TRUE(gray) << name;
            const auto text = decodeQr(FrameView::of(*gray));
            ASSERT_TRUE(text) << name;
            EXPECT_EQ(*text, s.code) << name;
            EXPECT_EQ(s.verify(*text), TokenStatus::Ok) << name;
        }
    }
}

TEST(SlotCard, PrintedPdfIsPrivateSaysWhatTheSlotIsAndItsQrScans) {
    TempDir dir;
    const Signed s;
    for (const auto& sample : kNames) {
        const std::string pdf = dir.file(std::string(sample.script) + ".pdf");
        const auto r = renderSlotCardPdf(pdf, cardFor(sample, s.code), BadgeSize::A6);
        ASSERT_TRUE(r.ok) << sample.script << ": " << r.error;
        EXPECT_EQ(r.unknownGlyphs, 0) << sample.script;
        EXPECT_EQ(modeOf(pdf), 0600u);
        const std::string bytes = readAll(pdf);
        EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
        EXPECT_NE(bytes.find("%%EOF", bytes.size() - 16), std::string::npos);
        EXPECT_GT(bytes.size(), 8000u) << sample.script;  // fonts and the QR's rectangles
        keepSample(pdf, std::string("slot-card-a6-") + sample.script + ".pdf");

        const std::string text = pdfText(pdf, dir);
        for (const std::string& said :
             {std::string("tickets by 12%"), std::string(sample.name), std::string("return offer"),
              std::string("program lead"), std::string("offline"), std::string("10 December 2026"),
              std::string("Spring Showcase 2026")})
            EXPECT_NE(text.find(said), std::string::npos) << sample.script << ": " << said << "\n"
                                                          << text;
        // The code is drawn as rectangles: only its short form's last characters are text.
        EXPECT_EQ(bytes.find(s.code.substr(4, 20)), std::string::npos);
        EXPECT_EQ(text.find(s.code.substr(4, 20)), std::string::npos);

        const auto page = rasterise(pdf, dir);
        ASSERT_TRUE(page) << sample.script;
        const auto scanned = decodeQr(FrameView::of(*page));
        ASSERT_TRUE(scanned) << sample.script;
        EXPECT_EQ(s.verify(*scanned), TokenStatus::Ok) << sample.script;
    }
}

TEST(SlotCard, ComplimentComesFirstAndADemoAloneLeadsWithoutOne) {
    TempDir dir;
    const Signed s;
    SlotCardContent card = cardFor(kNames[0], s.code);
    const std::string pdf = dir.file("card.pdf");
    ASSERT_TRUE(renderSlotCardPdf(pdf, card, BadgeSize::Badge4x6).ok);
    std::string text = pdfText(pdf, dir);
    const auto compliment = text.find("tickets by 12%");
    const auto demo = text.find("Churn early warning");
    const auto name = text.find("Léa Dubois");
    ASSERT_NE(compliment, std::string::npos) << text;
    ASSERT_NE(demo, std::string::npos) << text;
    EXPECT_LT(compliment, demo) << text;
    EXPECT_LT(demo, name) << text;

    card.compliment.clear();
    ASSERT_TRUE(renderSlotCardPdf(pdf, card, BadgeSize::Badge4x6).ok);
    text = pdfText(pdf, dir);
    EXPECT_NE(text.find("earned a"), std::string::npos) << text;
    EXPECT_LT(text.find("Churn early warning"), text.find("Léa Dubois")) << text;
}

TEST(SlotCard, ASlotWonThroughAnEncoreSaysSo) {
    TempDir dir;
    const Signed s;
    SlotCardContent card = cardFor(kNames[0], s.code);
    const std::string pdf = dir.file("card.pdf");
    ASSERT_TRUE(renderSlotCardPdf(pdf, card, BadgeSize::A6).ok);
    EXPECT_EQ(pdfText(pdf, dir).find("encore"), std::string::npos);
    card.throughEncore = true;
    ASSERT_TRUE(renderSlotCardPdf(pdf, card, BadgeSize::A6).ok);
    std::string text = pdfText(pdf, dir);
    for (char& c : text)
        if (c == '\n') c = ' ';
    EXPECT_NE(text.find("Your encore on"), std::string::npos) << text;
    EXPECT_NE(text.find("Churn early warning"), std::string::npos) << text;
}

TEST(SlotCard, LongTextsShrinkAndStayInsideAndTheCodeStillScans) {
    TempDir dir;
    const Signed s;
    SlotCardContent card = cardFor(kNames[0], s.code);
    card.fullName = "Maximiliana Alexandra Featherstonehaugh-Wolfeschlegelsteinhausen";
    card.demoTitle = "A real-time anomaly detector for the payments platform's settlement queue";
    card.compliment =
        "Your detector caught three settlement incidents before customers noticed, and the "
        "on-call team adopted it in its second week.";
    card.eventName = "Open House · Spring Showcase 2026 of the Municipal Convention Centre";
    for (const auto size : kCardSizes) {
        const std::string path = dir.file("long.png");
        const auto r = renderSlotCardPng(path, card, size, 150);
        ASSERT_TRUE(r.ok) << r.error;
        keepSample(path, std::string("slot-card-long-") + badgeSizeName(size) + ".png");
        const auto gray = readImageGray(path, nullptr);
        ASSERT_TRUE(gray);
        // Below the band, nothing touches the card's outer 2 % margin.
        int left = gray->width, right = -1, bottom = -1;
        for (int y = gray->height / 8; y < gray->height; ++y)
            for (int x = 0; x < gray->width; ++x)
                if (gray->at(x, y) < 160) {
                    left = std::min(left, x);
                    right = std::max(right, x);
                    bottom = std::max(bottom, y);
                }
        EXPECT_GE(left, gray->width / 50) << badgeSizeName(size);
        EXPECT_LE(right, gray->width - 1 - gray->width / 50) << badgeSizeName(size);
        EXPECT_LE(bottom, gray->height - 1 - gray->height / 50) << badgeSizeName(size);
        const auto text = decodeQr(FrameView::of(*gray));
        ASSERT_TRUE(text) << badgeSizeName(size);
        EXPECT_EQ(*text, s.code);
    }
}

TEST(SlotCard, RefusesWhatItCannotPrintWithoutLeavingAFile) {
    TempDir dir;
    const Signed s;
    SlotCardContent card = cardFor(kNames[0], s.code);
    auto r = renderSlotCardPdf(dir.file("small.pdf"), card, BadgeSize::Badge4x3);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("a6 or 4x6"), std::string::npos) << r.error;
    card.code.clear();
    EXPECT_FALSE(renderSlotCardPdf(dir.file("none.pdf"), card, BadgeSize::A6).ok);
    card.code = "OHS:" + std::string(5000, 'A');  // beyond QR capacity
    r = renderSlotCardPdf(dir.file("bad.pdf"), card, BadgeSize::A6);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error.find("AAAA"), std::string::npos);  // no credential in messages
    EXPECT_FALSE(renderSlotCardPng(dir.file("bad.png"), card, BadgeSize::A6).ok);
    EXPECT_FALSE(std::ifstream(dir.file("small.pdf")).good());
    EXPECT_FALSE(std::ifstream(dir.file("none.pdf")).good());
    EXPECT_FALSE(std::ifstream(dir.file("bad.pdf")).good());
    EXPECT_FALSE(std::ifstream(dir.file("bad.png")).good());
}
