// The welcome line speaks one language: roster compliments are written in the kiosk's default
// language and are left out of a line in another language (no "¡Bienvenido/a, Ana! your ...").
#include <gtest/gtest.h>

#include <string>

#include "kiosk/kiosk.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/services/desk.hpp"
#include "kiosk/ui/format.hpp"

namespace oh::kiosk {
namespace {

struct WelcomeFixture {
    AppContext ctx;
    CheckInReply reply;
    Event event;

    WelcomeFixture() {
        ctx.strings = Strings::loadDirectory(defaultAssetsDir() / "strings", "en");
        Attendee ana;
        ana.fullName = "Ana Lima";
        ana.role = Role::Intern;
        ana.strengths = "your onboarding flow cut support tickets by 12%";
        reply.attendee = ana;
        Showcase demo;
        demo.location = "Table 3";
        demo.slotStart = 1'900'000'000;
        reply.showcase = demo;
    }
};

TEST(WelcomeLine, SpanishOnAnEnglishRosterLeavesTheEnglishComplimentOut) {
    WelcomeFixture f;
    f.ctx.rosterLanguage = "en";
    ASSERT_TRUE(f.ctx.strings.setLanguage("es"));
    const std::string line = welcomeLine(f.ctx, f.reply, f.event);
    EXPECT_EQ(line.find("your"), std::string::npos) << line;
    EXPECT_EQ(line, "¡Bienvenido/a, Ana! Tu demo: Table 3 a las " +
                        fmt::clock(f.reply.showcase->slotStart) + ".");
}

TEST(WelcomeLine, SpanishInternWithoutADemoGetsTheSpanishWelcome) {
    WelcomeFixture f;
    f.reply.showcase.reset();
    ASSERT_TRUE(f.ctx.strings.setLanguage("es"));
    EXPECT_EQ(welcomeLine(f.ctx, f.reply, f.event), "¡Bienvenido/a, Ana! Nos alegra tenerte aquí.");
}

TEST(WelcomeLine, TheRosterLanguageKeepsTheCompliment) {
    WelcomeFixture f;
    const std::string line = welcomeLine(f.ctx, f.reply, f.event);
    EXPECT_NE(line.find("your onboarding flow"), std::string::npos) << line;

    WelcomeFixture es;  // a Spanish event: compliments written in Spanish
    es.ctx.rosterLanguage = "es";
    es.reply.attendee->strengths = "tu flujo de alta redujo las consultas un 12 %";
    ASSERT_TRUE(es.ctx.strings.setLanguage("es"));
    EXPECT_NE(welcomeLine(es.ctx, es.reply, es.event).find("tu flujo de alta"), std::string::npos);
}

}  // namespace
}  // namespace oh::kiosk
