// The on-screen keyboard of touch-only kiosks, at both sizes: tapping keys finds a person
// and checks them in, accents come from the accent layer, the e-mail field has @ and . on the
// main layer, keys are big touch targets, and kiosk.on_screen_keyboard says when it shows.
#include <string>

#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

class OnScreenKeyboard : public ::testing::TestWithParam<Size> {
  protected:
    void SetUp() override {
        Store s = Store::open(store.path);
        store.add(s, "José Muñoz García", "jose@example.org", Role::Guest, "", "", "");
    }
    KioskOptions options(const std::string& policy = "") const {
        KioskOptions o = storeOptions(GetParam(), store);
        o.onScreenKeyboard = policy;
        return o;
    }

    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
};

std::string taps(std::initializer_list<const char*> keys) {
    std::string script;
    for (const char* k : keys) script += std::string("tap-text \"key:") + k + "\"\n";
    return script;
}

TEST_P(OnScreenKeyboard, TappingKeysFindsAPersonAndChecksThemIn) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         "tap-text \"Search your name\"\n"
                         "wait-text \"key:space\"\n"
                         "screenshot search-keyboard\n" +
                             taps({"A", "n", "a"}) +
                             "wait-text \"Ana L. · Team Aurora\"\n"
                             "screenshot search-keyboard-typed\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    ASSERT_TRUE(r.hits.find("Ana", false));
    // Every key is a big touch target, and nothing is drawn under the keyboard.
    float keysTop = 1e9f;
    for (const auto& h : r.hits.all()) {
        if (h.label.rfind("key:", 0) != 0) continue;
        keysTop = std::min(keysTop, h.min.y);
        EXPECT_GE(h.height(), 56.0f) << h.label;
        EXPECT_GE(h.width(), 56.0f) << h.label;
        EXPECT_EQ(h.missingGlyphs, 0) << h.label;
    }
    for (const auto& h : r.hits.all()) {
        if (h.clickable && h.label.rfind("key:", 0) != 0) {
            EXPECT_LE(h.max.y, keysTop) << h.label;
        }
    }
    auto in = runScenario(kiosk,
                          "tap-text \"Ana L. · Team Aurora\"\n"
                          "wait-screen welcome\n",
                          shots);
    ASSERT_FALSE(in.failed) << in.failure;
    EXPECT_TRUE(store.activeCheckIn("ana"));
}

TEST_P(OnScreenKeyboard, TheAccentLayerTypesAccentsAndBackspaceErasesOneLetter) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         "tap-text \"Search your name\"\n" + taps({"J", "o", "s", "accents"}) +
                             "screenshot keyboard-accents\n" +
                             taps({"é", "ñ", "backspace", "letters"}) + "wait-text \"José\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    bool found = false;
    for (const auto& h : r.hits.all()) found |= h.clickable && h.label.rfind("José ", 0) == 0;
    EXPECT_TRUE(found) << "no result row for José";
}

TEST_P(OnScreenKeyboard, TheEmailFieldHasAtAndDotAndHideShowsTheRestOfTheForm) {
    Kiosk kiosk(options());
    auto r = runScenario(kiosk,
                         "tap-text \"Not registered? Sign up here\"\n"
                         "tap-text \"field:email\"\n"
                         "wait-text \"key:@\"\n" +
                             taps({"j", "o", "@", "x", ".", "i", "o"}) +
                             "wait-text \"jo@x.io\"\n"
                             "screenshot walk-in-keyboard\n"
                             "tap-text \"field:name\"\n" +
                             taps({"J", "o", "space", "W"}) +
                             "wait-text \"Jo W\"\n"
                             "tap-text \"key:hide\"\n"
                             "wait-text \"consent:off\"\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_FALSE(r.hits.find("key:space", true)) << "the keyboard is still open";
}

TEST_P(OnScreenKeyboard, APhysicalKeyboardClosesItUnlessTheConfigurationSaysAlways) {
    {
        Kiosk kiosk(options("auto"));
        auto r = runScenario(kiosk,
                             "tap-text \"Search your name\"\n"
                             "wait-text \"key:space\"\n"
                             "type \"An\"\n"
                             "wait-text \"Ana L. · Team Aurora\"\n",
                             shots);
        ASSERT_FALSE(r.failed) << r.failure;
        EXPECT_FALSE(r.hits.find("key:space", true));
    }
    {
        Kiosk kiosk(options("always"));
        auto r = runScenario(kiosk,
                             "tap-text \"Search your name\"\n"
                             "type \"An\"\n"
                             "wait-text \"Ana L. · Team Aurora\"\n",
                             shots);
        ASSERT_FALSE(r.failed) << r.failure;
        EXPECT_TRUE(r.hits.find("key:space", true));
    }
    {
        Kiosk kiosk(options("never"));
        auto r = runScenario(kiosk, "tap-text \"Search your name\"\nwait-screen search\n", shots);
        ASSERT_FALSE(r.failed) << r.failure;
        EXPECT_FALSE(r.hits.find("key:space", true));
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, OnScreenKeyboard,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
