// The attract screen rendered headless at both kiosk sizes, checked by its pixels.
#include "kiosk_test_support.hpp"

namespace oh::kiosk::testing {
namespace {

constexpr Rgb kAccent{255, 196, 61};
constexpr Rgb kWhite{255, 255, 255};

class AttractRender : public ::testing::TestWithParam<Size> {};

TEST_P(AttractRender, ScreenshotHasExactWindowSize) {
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk, "screenshot attract\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    ASSERT_EQ(r.shots.count("attract"), 1u);
    EXPECT_EQ(r.shots["attract"].width, GetParam().width);
    EXPECT_EQ(r.shots["attract"].height, GetParam().height);
    EXPECT_EQ(r.screen, "attract");
}

TEST_P(AttractRender, TitleIsDrawnCentredNearTheTop) {
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk, "screenshot attract\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    const Image& img = r.shots["attract"];
    auto title = r.hits.find("Spring Open House 2026");
    ASSERT_TRUE(title);
    EXPECT_LT(title->max.y, img.height * 0.35f) << "the event name belongs at the top";
    EXPECT_GT(title->height(), img.height * 0.06f) << "the event name must be large";
    EXPECT_GT(inkFraction(img, *title), 0.12) << "title region looks empty";
    EXPECT_GT(colorFraction(img, *title, kWhite, 30), 0.08) << "title should be white text";
    // Centred: the free space left and right of the text is the same within a few pixels.
    EXPECT_NEAR(title->min.x, img.width - title->max.x, 4.0f);
    // The background next to the title is background (nothing leaks).
    Hit left{"", ImVec2(2, title->min.y), ImVec2(title->min.x - 60, title->max.y)};
    EXPECT_LT(inkFraction(img, left), 0.001);
}

TEST_P(AttractRender, SearchButtonIsLargeAccentColouredAndLabelled) {
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk, "screenshot attract\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    const Image& img = r.shots["attract"];
    auto button = r.hits.find("Search your name", true);
    ASSERT_TRUE(button);
    const float scale = std::min(img.width / 1280.0f, img.height / 800.0f);
    // Touch targets: at least 48 px at 1280x800, scaled up on larger screens.
    EXPECT_GE(button->height(), 48.0f * scale);
    EXPECT_GE(button->width(), 300.0f * scale);
    EXPECT_GT(colorFraction(img, *button, kAccent), 0.6) << "button fill should be the accent";
    const double ink = inkFraction(img, *button);
    EXPECT_GT(ink, 0.6);
    // The label is dark on amber: some pixels in the middle band are far from the accent.
    Hit middle{"", ImVec2(button->min.x + 20, button->center().y - 8),
               ImVec2(button->max.x - 20, button->center().y + 8)};
    EXPECT_LT(colorFraction(img, middle, kAccent), 0.95) << "button label missing";
    // Inside the window, fully.
    EXPECT_GE(button->min.x, 0);
    EXPECT_LE(button->max.y, img.height);
}

TEST_P(AttractRender, LanguageButtonsAreTouchSized) {
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk, "screenshot attract\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    for (const char* label : {"English", "Español"}) {
        auto b = r.hits.find(label, true);
        ASSERT_TRUE(b) << label;
        EXPECT_GE(b->height(), 48.0f) << label;
        EXPECT_LE(b->max.x, static_cast<float>(GetParam().width)) << label << " is clipped";
    }
}

TEST_P(AttractRender, LanguageSwitchChangesTheTextButNotTheEventName) {
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk,
                         "screenshot en\n"
                         "tap-text \"Español\"\n"
                         "expect-text \"Escanea el código QR de tu invitación\"\n"
                         "screenshot es\n",
                         tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    const Image& en = r.shots["en"];
    const Image& es = r.shots["es"];
    auto scanTitle = r.hits.find("Escanea el código QR de tu invitación");
    ASSERT_TRUE(scanTitle);
    EXPECT_FALSE(regionsEqual(en, es, *scanTitle)) << "the prompt did not change language";
    auto button = r.hits.find("Busca tu nombre", true);
    ASSERT_TRUE(button);
    EXPECT_FALSE(regionsEqual(en, es, *button));
    auto event = r.hits.find("Spring Open House 2026");
    ASSERT_TRUE(event);
    EXPECT_TRUE(regionsEqual(en, es, *event)) << "the event name is not translated";
}

TEST_P(AttractRender, RenderingIsRepeatable) {
    Image first;
    {
        Kiosk kiosk(headlessOptions(GetParam()));
        auto r = runScenario(kiosk, "screenshot a\nwait 50\nscreenshot b\n", tempDir("one"));
        ASSERT_FALSE(r.failed) << r.failure;
        EXPECT_TRUE(r.shots["a"] == r.shots["b"]) << "two frames of a still screen differ";
        first = r.shots["a"];
    }
    Kiosk kiosk(headlessOptions(GetParam()));
    auto r = runScenario(kiosk, "screenshot a\n", tempDir("two"));
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(first == r.shots["a"]) << "a second kiosk process renders different pixels";
}

TEST_P(AttractRender, LongEventNameKeepsEverythingOnScreen) {
    KioskOptions o = headlessOptions(GetParam());
    o.eventName =
        "Micro-Internship Showcase & Conversion Day — Customer Experience and Platform Engineering "
        "Cohorts";
    Kiosk kiosk(o);
    auto r = runScenario(kiosk, "screenshot long\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    auto title = r.hits.find(o.eventName);
    auto button = r.hits.find("Search your name", true);
    auto help = r.hits.find("Need help? A host at the desk is happy to help.");
    ASSERT_TRUE(title && button && help);
    EXPECT_LT(title->height(), GetParam().height * 0.2f) << "title should shrink to two lines";
    EXPECT_LT(button->max.y, help->min.y) << "button overlaps the footer";
    EXPECT_GE(title->min.x, 0.0f);
    EXPECT_LE(title->max.x, static_cast<float>(GetParam().width));
}

// A stand-in for the search screen (a later issue): the attract button must lead there.
class StubScreen final : public Screen {
  public:
    explicit StubScreen(const char* id) : id_(id) {}
    const char* id() const override { return id_; }
    void drawContent(AppContext&) override {}

  private:
    const char* id_;
};

TEST_P(AttractRender, SearchButtonOpensTheSearchScreen) {
    Kiosk kiosk(headlessOptions(GetParam()));
    if (!kiosk.app().find("search")) kiosk.app().addScreen(std::make_unique<StubScreen>("search"));
    auto r = runScenario(
        kiosk, "expect-screen attract\ntap-text \"Search your name\"\nexpect-screen search\n",
        tempDir("shots"));
    EXPECT_FALSE(r.failed) << r.failure;
}

TEST_P(AttractRender, TappingBesideTheButtonDoesNothing) {
    Kiosk kiosk(headlessOptions(GetParam()));
    if (!kiosk.app().find("search")) kiosk.app().addScreen(std::make_unique<StubScreen>("search"));
    auto r = runScenario(kiosk, "tap 5 5\nexpect-screen attract\n", tempDir("shots"));
    EXPECT_FALSE(r.failed) << r.failure;
}

INSTANTIATE_TEST_SUITE_P(KioskSizes, AttractRender,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
