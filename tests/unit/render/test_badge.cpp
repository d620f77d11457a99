#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "core/identity/token.hpp"
#include "core/render/badge.hpp"
#include "core/render/image.hpp"
#include "core/render/qr.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const Uuid kEvent = *Uuid::parse("0192f3a0-0000-7000-8000-00000000e001");
const Uuid kAttendee = *Uuid::parse("0192f3a0-0000-7000-8000-0000000a0001");
constexpr std::uint32_t kFrom = 1'800'000'000;
constexpr std::uint32_t kUntil = 1'800'086'400;

struct Signed {
    SigningKey key = SigningKey::generate();
    std::string token = signToken({{}, kEvent, kAttendee, kFrom - 100, kFrom, kUntil}, key);

    TokenStatus verify(const std::string& text) const {
        TokenVerifier verifier(kEvent);
        verifier.addEventKey(key.publicKey);
        return verifier.verify(text, kFrom + 60).status;
    }
};

struct NameSample {
    const char* script;
    const char* name;
    const char* pronouns;
    const char* team;
    const char* language;
    Role role;
};

const NameSample kNames[] = {
    {"latin", "Léa Dubois", "she/her", "Payments Platform", "", Role::Intern},
    {"arabic", "محمد عبد الله", "هو", "فريق النمو", "ar", Role::Guest},
    {"devanagari", "प्रिया शर्मा", "she/her", "खोज टीम", "hi", Role::Staff},
    {"chinese", "王小明", "他", "基础设施", "zh", Role::Lead},
    {"japanese", "山田 太郎", "", "検索チーム", "ja", Role::Intern},
    {"korean", "김민준", "he/him", "결제팀", "ko", Role::Guest},
};

BadgeData badgeFor(const NameSample& s, const std::string& token) {
    BadgeData b;
    b.name = s.name;
    b.pronouns = s.pronouns;
    b.team = s.team;
    b.eventName = "Open House · Spring Showcase 2026";
    b.token = token;
    b.language = s.language;
    b.role = s.role;
    return b;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int pdfPageCount(const std::string& pdf) {
    // cairo writes one "/Type /Page" object per page (and "/Type /Pages" for the tree).
    const std::regex page("/Type\\s*/Page[^s]");
    return static_cast<int>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

unsigned modeOf(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}

void keepSample(const std::string& from, const std::string& name) {
    if (const char* dir = std::getenv("OH_SAMPLE_DIR")) {
        std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << readAll(from);
    }
}

// Bounding box of dark, non-white pixels (text, QR, band).
struct Bounds {
    int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;
};

Bounds inkBounds(const GrayImage& img, int fromY) {
    Bounds b;
    for (int y = fromY; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            if (img.at(x, y) > 160) continue;
            b.left = std::min(b.left, x);
            b.right = std::max(b.right, x);
            b.top = std::min(b.top, y);
            b.bottom = std::max(b.bottom, y);
        }
    }
    return b;
}

const BadgeSize kAllSizes[] = {BadgeSize::Badge4x3, BadgeSize::Badge4x6, BadgeSize::A6,
                               BadgeSize::CR80, BadgeSize::A4Sheet8Up};

}  // namespace

TEST(Badge, ParsesSizeNames) {
    EXPECT_EQ(parseBadgeSize("4x3"), BadgeSize::Badge4x3);
    EXPECT_EQ(parseBadgeSize("4X6"), BadgeSize::Badge4x6);
    EXPECT_EQ(parseBadgeSize("a6"), BadgeSize::A6);
    EXPECT_EQ(parseBadgeSize("CR80"), BadgeSize::CR80);
    EXPECT_EQ(parseBadgeSize("a4-8up"), BadgeSize::A4Sheet8Up);
    EXPECT_FALSE(parseBadgeSize("letter"));
    EXPECT_FALSE(parseBadgeSize(""));
    for (const auto size : kAllSizes) EXPECT_EQ(parseBadgeSize(badgeSizeName(size)), size);
}

TEST(Badge, PngInEveryScriptScansBackToAVerifiedToken) {
    TempDir dir;
    const Signed s;
    ASSERT_EQ(s.verify(s.token), TokenStatus::Ok);
    for (const auto& sample : kNames) {
        const std::string path = dir.file(std::string(sample.script) + ".png");
        const auto r = renderBadgePng(path, badgeFor(sample, s.token), BadgeSize::Badge4x3, 200);
        ASSERT_TRUE(r.ok) << sample.script << ": " << r.error;
        EXPECT_EQ(r.unknownGlyphs, 0) << sample.script;
        EXPECT_GE(r.qrVersion, 1);
        EXPECT_LE(r.qrVersion, 10);
        EXPECT_EQ(modeOf(path), 0600u);
        keepSample(path, std::string("badge-4x3-") + sample.script + ".png");

        std::string error;
        const auto gray = readImageGray(path, &error);
        ASSERT_TRUE(gray) << error;
        EXPECT_EQ(gray->width, 800);  // 4 in at 200 dpi
        EXPECT_EQ(gray->height, 600);
        const auto text = decodeQr(FrameView::of(*gray));
        ASSERT_TRUE(text) << sample.script;
        EXPECT_EQ(*text, s.token);
        EXPECT_EQ(s.verify(*text), TokenStatus::Ok);
    }
}

TEST(Badge, EverySizeRendersAndScans) {
    TempDir dir;
    const Signed s;
    for (const auto size : kAllSizes) {
        for (const auto& sample : kNames) {
            const std::string name =
                std::string("badge-") + badgeSizeName(size) + "-" + sample.script + ".png";
            const std::string path = dir.file(name);
            const auto r = renderBadgePng(path, badgeFor(sample, s.token), size, 200);
            ASSERT_TRUE(r.ok) << name << ": " << r.error;
            EXPECT_EQ(r.unknownGlyphs, 0) << name;
            keepSample(path, name);
            const auto gray = readImageGray(path, nullptr);
            ASSERT_TRUE(gray);
            const auto text = decodeQr(FrameView::of(*gray));
            ASSERT_TRUE(text) << name;
            EXPECT_EQ(*text, s.token) << name;
        }
        const std::string pdf = dir.file(std::string("badges-") + badgeSizeName(size) + ".pdf");
        std::vector<BadgeData> badges;
        for (const auto& sample : kNames) badges.push_back(badgeFor(sample, s.token));
        const auto r = renderBadgePdf(pdf, badges, size);
        ASSERT_TRUE(r.ok) << r.error;
        EXPECT_EQ(r.unknownGlyphs, 0);
        const int expectedPages = size == BadgeSize::A4Sheet8Up ? 1 : 6;
        EXPECT_EQ(pdfPageCount(readAll(pdf)), expectedPages) << badgeSizeName(size);
    }
}

TEST(Badge, PdfIsValidPrivateAndPaginated) {
    TempDir dir;
    const Signed s;
    std::vector<BadgeData> badges;
    for (int i = 0; i < 9; ++i) badges.push_back(badgeFor(kNames[i % 6], s.token));
    const std::string sheet = dir.file("sheet.pdf");
    const auto r = renderBadgePdf(sheet, badges, BadgeSize::A4Sheet8Up);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.unknownGlyphs, 0);
    EXPECT_GE(r.qrVersion, 1);
    const std::string bytes = readAll(sheet);
    EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
    EXPECT_NE(bytes.find("%%EOF", bytes.size() - 16), std::string::npos);
    EXPECT_EQ(pdfPageCount(bytes), 2);
    EXPECT_EQ(modeOf(sheet), 0600u);
    keepSample(sheet, "badges-a4-8up.pdf");

    const std::string single = dir.file("single.pdf");
    ASSERT_TRUE(renderBadgePdf(single, badges, BadgeSize::Badge4x3).ok);
    EXPECT_EQ(pdfPageCount(readAll(single)), 9);
    // The token is drawn as rectangles, never embedded as text.
    EXPECT_EQ(readAll(single).find(s.token.substr(3, 20)), std::string::npos);
}

TEST(Badge, RoleLabelsFollowTheEventLanguage) {
    EXPECT_STREQ(badgeRoleLabel(Role::Intern, "en"), "INTERN");
    EXPECT_STREQ(badgeRoleLabel(Role::Intern, "es"), "BECARIO/A");
    EXPECT_STREQ(badgeRoleLabel(Role::Guest, "es-MX"), "INVITADO/A");
    EXPECT_STREQ(badgeRoleLabel(Role::Staff, "es"), "EQUIPO");
    EXPECT_STREQ(badgeRoleLabel(Role::Lead, "es"), "ORGANIZACIÓN");
    EXPECT_STREQ(badgeRoleLabel(Role::Lead, "fr"), "LEAD");  // no French yet: English

    // What is printed: the PDF's text layer (poppler's pdftotext, installed by setup.sh).
    TempDir dir;
    const Signed s;
    BadgeData badge = badgeFor(kNames[3], s.token);  // Role::Lead
    badge.labelLanguage = "es";
    const std::string pdf = dir.file("es.pdf");
    ASSERT_TRUE(renderBadgePdf(pdf, {badge}, BadgeSize::Badge4x3).ok);
    const std::string txt = dir.file("es.txt");
    ASSERT_EQ(std::system(("pdftotext " + pdf + " " + txt).c_str()), 0);
    EXPECT_NE(readAll(txt).find("ORGANIZACIÓN"), std::string::npos) << readAll(txt);
    EXPECT_EQ(readAll(txt).find("LEAD"), std::string::npos) << readAll(txt);
    // The longest label on the narrowest band still fits beside the event name.
    const std::string png = dir.file("es.png");
    ASSERT_TRUE(renderBadgePng(png, badge, BadgeSize::Badge4x3, 200).ok);
    keepSample(png, "badge-es-lead-4x3.png");
}

TEST(Badge, RejectsWhatItCannotDraw) {
    TempDir dir;
    EXPECT_FALSE(renderBadgePdf(dir.file("none.pdf"), {}, BadgeSize::A6).ok);
    BadgeData tooLong;
    tooLong.name = "X";
    tooLong.token = std::string(5000, 'A');  // beyond QR capacity
    const auto r = renderBadgePdf(dir.file("bad.pdf"), {tooLong}, BadgeSize::A6);
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(r.error.find("AAAA"), std::string::npos);  // no credential in messages
    EXPECT_FALSE(std::ifstream(dir.file("bad.pdf")).good());
    EXPECT_FALSE(renderBadgePng(dir.file("x.png"), tooLong, BadgeSize::A6, 10).ok);
}

TEST(Badge, OverlongNamesShrinkAndStayInside) {
    TempDir dir;
    const Signed s;
    const char* longNames[] = {
        "Maximiliana Alexandra Featherstonehaugh-Wolfeschlegelsteinhausen",
        "Hubertusvonwolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft",
        "عبد الرحمن بن محمد بن عبد العزيز آل سعود الفيصل",
        "श्रीमती अनन्यालक्ष्मी वेंकटरामन सुब्रमण्यम अय्यर",
    };
    for (const auto size : kAllSizes) {
        for (const char* const& name : longNames) {
            BadgeData b = badgeFor(kNames[0], s.token);
            b.name = name;
            b.language = "";
            const std::string path = dir.file("long.png");
            const auto r = renderBadgePng(path, b, size, 150);
            ASSERT_TRUE(r.ok) << r.error;
            EXPECT_EQ(r.unknownGlyphs, 0);
            const auto gray = readImageGray(path, nullptr);
            ASSERT_TRUE(gray);
            keepSample(path, std::string("badge-long-") + badgeSizeName(size) + "-" +
                                 std::to_string(&name - longNames) + ".png");
            // Below the band, nothing may touch the badge's outer 2 % margin.
            const int marginX = gray->width / 50;
            const int marginY = gray->height / 50;
            const Bounds ink = inkBounds(*gray, gray->height / 5);
            EXPECT_GE(ink.left, marginX) << badgeSizeName(size) << " " << name;
            EXPECT_LE(ink.right, gray->width - 1 - marginX) << badgeSizeName(size) << " " << name;
            EXPECT_LE(ink.bottom, gray->height - 1 - marginY) << badgeSizeName(size) << " " << name;
            EXPECT_TRUE(decodeQr(FrameView::of(*gray))) << badgeSizeName(size) << " " << name;
        }
    }
}
