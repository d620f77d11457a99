// Walk-ins with control characters (ESC, BEL, C1) in the name, e-mail or pronouns: the desk
// refuses them with a reason the walk-in screen shows, and stores nothing.
#include <gtest/gtest.h>

#include "core/model/ids.hpp"
#include "kiosk/kiosk.hpp"
#include "kiosk/services/desk.hpp"
#include "kiosk/strings.hpp"
#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

TEST(WalkInControlCharacters, AreRefusedWithAReasonAndNothingIsStored) {
    DemoStore demo{tempDir("store")};
    DeskCore desk(Store::open(demo.path), demo.event.id);
    const std::vector<WalkInForm> forms{
        {"Eve\x1b]0;pwned\x07 Mallory", "eve@example.net", "", true},
        {"Eve \x1b[31mRed", "eve@example.net", "", true},
        {"Eve Mallory", "eve\x1b@example.net", "", true},
        {"Eve Mallory", "eve@example.net",
         "she\xC2\x9B"
         "2J",
         true},  // C1 CSI
        {"Eve\x7FMallory", "eve@example.net", "", true},
    };
    for (const auto& form : forms) {
        CheckInReply reply = desk.walkIn(form, nowMillis());
        EXPECT_EQ(reply.walkInProblem, "walk_in.control_characters") << form.fullName;
        EXPECT_FALSE(reply.attendee);
    }
    Store s = Store::open(demo.path);
    EXPECT_FALSE(s.attendeeByEmail(demo.event.id, "eve@example.net"));
    EXPECT_EQ(demo.checkIns(), 0);

    // The same person typed plainly (an Arabic name too) is registered.
    CheckInReply ok = desk.walkIn(
        {"\xD9\x84\xD9\x8A\xD9\x84\xD9\x89 Mallory", "eve@example.net", "she/her", true},
        nowMillis());
    EXPECT_TRUE(ok.walkInProblem.empty()) << ok.walkInProblem;
    EXPECT_EQ(demo.checkIns(), 1);
}

// The desk uses core's walk-in rules (core/checkin/walk_in.hpp): an address the roster
// refuses is refused here too (the desk used to accept "a@b..c" and a trailing dot).
TEST(WalkInEmail, TheDeskRefusesWhatTheRosterRefuses) {
    DemoStore demo{tempDir("store")};
    DeskCore desk(Store::open(demo.path), demo.event.id);
    for (const char* bad :
         {"eve@example..net", "eve@example.net.", "eve@example", "@example.net"}) {
        CheckInReply reply = desk.walkIn({"Eve Mallory", bad, "", true}, nowMillis());
        EXPECT_EQ(reply.walkInProblem, "walk_in.email_invalid") << bad;
    }
    EXPECT_EQ(demo.checkIns(), 0);
    CheckInReply ok = desk.walkIn({"Eve Mallory", " Eve@Example.net ", "", true}, nowMillis());
    EXPECT_TRUE(ok.walkInProblem.empty()) << ok.walkInProblem;
    ASSERT_TRUE(ok.attendee);
    EXPECT_EQ(ok.attendee->email, "eve@example.net");
    EXPECT_EQ(demo.checkIns(), 1);
}

TEST(WalkInControlCharacters, TheReasonIsInEveryShippedLanguage) {
    Strings s = Strings::loadDirectory(defaultAssetsDir() / "strings");
    for (const char* language : {"en", "es"})
        EXPECT_TRUE(s.has(language, "walk_in.control_characters")) << language;
}

}  // namespace
}  // namespace oh::kiosk::testing
