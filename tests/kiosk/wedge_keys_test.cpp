// A wedge scanner is a keyboard: each character comes as a key press (with Shift for
// capitals) and then its text. The key presses must not release a half-read code as typing
// (the issue: a code typed by xdotool, or a real scanner, never became a scan; in the search
// field it became a query).
#include <cctype>
#include <string>

#include "kiosk/input/wedge_keys.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

// What X sends for one character on a US layout: Shift for capitals and ':', the key, its text.
void typeLikeAKeyboard(const std::string& text) {
    for (char c : text) {
        const bool shift = std::isupper(static_cast<unsigned char>(c)) || c == ':';
        const SDL_Keycode key =
            c == ':' ? SDLK_SEMICOLON
                     : static_cast<SDL_Keycode>(std::tolower(static_cast<unsigned char>(c)));
        if (shift) pushKeyEvent(SDLK_LSHIFT, true);
        pushKeyEvent(key, true);
        SDL_Event t{};
        t.type = SDL_TEXTINPUT;
        t.text.text[0] = c;
        SDL_PushEvent(&t);
        pushKeyEvent(key, false);
        if (shift) pushKeyEvent(SDLK_LSHIFT, false);
    }
    pushKeyEvent(SDLK_RETURN, true);
    pushKeyEvent(SDLK_RETURN, false);
}

TEST(WedgeKeys, ShiftAndCharacterKeysDoNotInterruptACodeButEditingKeysDo) {
    EXPECT_FALSE(keyActsOnHeldText(SDLK_LSHIFT));
    EXPECT_FALSE(keyActsOnHeldText(SDLK_a));
    EXPECT_FALSE(keyActsOnHeldText(SDLK_2));
    EXPECT_FALSE(keyActsOnHeldText(SDLK_SEMICOLON));
    EXPECT_TRUE(keyActsOnHeldText(SDLK_BACKSPACE));
    EXPECT_TRUE(keyActsOnHeldText(SDLK_TAB));
    EXPECT_TRUE(keyActsOnHeldText(SDLK_LEFT));
    EXPECT_TRUE(keyActsOnHeldText(SDLK_DELETE));
}

TEST(WedgeKeys, ACodeTypedAsKeyPressesOnTheStartScreenChecksIn) {
    DemoStore store{tempDir("store")};
    Kiosk kiosk(storeOptions(Size{1280, 800}, store));
    auto settle = runScenario(kiosk, "expect-screen attract\n", tempDir("shots"));
    ASSERT_FALSE(settle.failed) << settle.failure;
    typeLikeAKeyboard(store.tokens["ok"]);
    auto r = runScenario(kiosk, "wait-screen welcome\n", tempDir("shots"));
    ASSERT_FALSE(r.failed) << r.failure;
    EXPECT_TRUE(store.activeCheckIn("ana"));
}

}  // namespace
}  // namespace oh::kiosk::testing
