// kiosk.on_screen_keyboard: auto (default), always or never; anything else is refused.
#include <gtest/gtest.h>

#include "core/config/config.hpp"

namespace oh {
namespace {

TEST(ConfigKeyboard, DefaultIsAutoAndTheThreeValuesAreRead) {
    auto none = parseConfig("", "k.toml");
    ASSERT_TRUE(none.config);
    EXPECT_EQ(none.config->kiosk.onScreenKeyboard, "auto");
    for (const char* v : {"auto", "always", "never"}) {
        auto r =
            parseConfig(std::string("[kiosk]\non_screen_keyboard = \"") + v + "\"\n", "k.toml");
        ASSERT_TRUE(r.config) << v;
        EXPECT_EQ(r.config->kiosk.onScreenKeyboard, v);
    }
}

TEST(ConfigKeyboard, AnUnknownValueIsRefusedWithWhereAndWhat) {
    auto r = parseConfig("[kiosk]\non_screen_keyboard = \"yes\"\n", "k.toml");
    EXPECT_FALSE(r.config);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find("k.toml:2: kiosk.on_screen_keyboard must be"), std::string::npos)
        << r.errors[0];
}

}  // namespace
}  // namespace oh
