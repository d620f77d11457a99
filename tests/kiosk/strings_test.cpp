// Strings: fallback to English, placeholders, and the shipped language files.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/judging/feedback.hpp"
#include "core/judging/scoring.hpp"
#include "kiosk/kiosk.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/strings.hpp"

namespace oh::kiosk {
namespace {

Strings twoLanguages() {
    Strings s;
    s.addLanguageToml("en",
                      "[meta]\nname = \"English\"\n[a]\nhello = \"Hello\"\nbye = \"Bye {name}\"\n");
    s.addLanguageToml("es", "[meta]\nname = \"Español\"\n[a]\nhello = \"Hola\"\n");
    return s;
}

TEST(Strings, CurrentLanguageFirst) {
    Strings s = twoLanguages();
    ASSERT_TRUE(s.setLanguage("es"));
    EXPECT_EQ(s.get("a.hello"), "Hola");
}

TEST(Strings, MissingKeyFallsBackToEnglish) {
    Strings s = twoLanguages();
    ASSERT_TRUE(s.setLanguage("es"));
    EXPECT_EQ(s.get("a.bye"), "Bye {name}");
}

TEST(Strings, KeyMissingEverywhereShowsTheKey) {
    Strings s = twoLanguages();
    EXPECT_EQ(s.get("nope.not_here"), "nope.not_here");
}

TEST(Strings, UnknownLanguageIsRefused) {
    Strings s = twoLanguages();
    EXPECT_FALSE(s.setLanguage("xx"));
    EXPECT_EQ(s.language(), "en");
}

TEST(Strings, PlaceholdersAreFilled) {
    Strings s = twoLanguages();
    EXPECT_EQ(s.format("a.bye", {{"name", "Ana"}}), "Bye Ana");
    EXPECT_EQ(substitute("{a} and {b}", {{"a", "1"}}), "1 and {b}");
    EXPECT_EQ(substitute("unclosed {brace", {{"brace", "x"}}), "unclosed {brace");
}

TEST(Strings, LanguagesListFallbackFirstWithNativeNames) {
    Strings s = twoLanguages();
    auto langs = s.languages();
    ASSERT_EQ(langs.size(), 2u);
    EXPECT_EQ(langs[0].code, "en");
    EXPECT_EQ(langs[1].nativeName, "Español");
}

TEST(Strings, BrokenTomlReportsFileAndLine) {
    Strings s;
    try {
        s.addLanguageToml("en", "[a]\nok = \"x\"\nbroken = \n", "en.toml");
        FAIL() << "no error";
    } catch (const StringsError& e) {
        EXPECT_NE(std::string(e.what()).find("en.toml:3"), std::string::npos) << e.what();
    }
}

TEST(Strings, ShippedFilesLoadWithEnglishAndSpanish) {
    Strings s = Strings::loadDirectory(defaultAssetsDir() / "strings");
    EXPECT_TRUE(s.hasLanguage("en"));
    EXPECT_TRUE(s.hasLanguage("es"));
    EXPECT_EQ(s.get("attract.scan_title"), "Scan your invitation QR code");
    s.setLanguage("es");
    EXPECT_EQ(s.get("attract.search_button"), "Busca tu nombre");
}

TEST(Strings, SpanishTranslatesEveryEnglishKey) {
    Strings s = Strings::loadDirectory(defaultAssetsDir() / "strings");
    for (const auto& key : s.keys("en")) EXPECT_TRUE(s.has("es", key)) << key;
}

// Every failure reason in the screen id table has its three lines, so a new reason cannot
// ship showing its raw key.
TEST(Strings, KeysForEveryKioskScreenExist) {
    Strings s = Strings::loadDirectory(defaultAssetsDir() / "strings");
    for (const auto& entry : kFailureReasons) {
        for (const char* part : {"title", "body", "next"}) {
            const std::string key = std::string("failure.") + entry.name + "." + part;
            EXPECT_TRUE(s.has("en", key)) << key;
        }
    }
    for (const char* key :
         {"welcome.title", "welcome.intern", "welcome.guest", "welcome.staff",
          "welcome.badge_failed", "walk_in.title", "walk_in.consent", "walk_in.submit",
          "search.title", "search.placeholder", "search.no_results", "pin.prompt", "pin.wrong",
          "pin.locked", "camera.missing"}) {
        EXPECT_TRUE(s.has("en", key)) << key;
    }
}

TEST(ScreenIds, FailureScreenIdsAreThePrefixAndTheReasonNameAndEachIsDistinct) {
    std::set<std::string> ids;
    for (const auto& entry : kFailureReasons) {
        const std::string id = failureScreenId(entry.reason);
        EXPECT_EQ(id, std::string("failure-") + entry.name);
        EXPECT_TRUE(isFailureScreen(id)) << id;
        EXPECT_TRUE(ids.insert(id).second) << "twice: " << id;
    }
    EXPECT_EQ(failureScreenId(FailureReason::AlreadyCheckedIn), "failure-already_checked_in");
    EXPECT_FALSE(isFailureScreen(screen_id::attract));
    EXPECT_FALSE(isFailureScreen("failure"));
}

}  // namespace
}  // namespace oh::kiosk

// Every outcome the scoring and feedback screens can show has its sentence in each language
// (a missing one would show the bare key to a judge).
namespace oh::kiosk {
namespace {

TEST(Strings, EveryScoreAndFeedbackOutcomeHasItsSentence) {
    Strings s = Strings::loadDirectory(defaultAssetsDir() / "strings");
    std::vector<std::string> keys;
    for (int i = 0; i <= static_cast<int>(ScoreWriteStatus::ConflictDeclared); ++i)
        keys.push_back(std::string("scoring.written.") +
                       scoreWriteStatusKey(static_cast<ScoreWriteStatus>(i)));
    for (int i = 0; i <= static_cast<int>(FeedbackWriteStatus::Invalid); ++i)
        keys.push_back(std::string("feedback.written.") +
                       feedbackWriteStatusKey(static_cast<FeedbackWriteStatus>(i)));
    for (const auto& key : keys) {
        EXPECT_TRUE(s.has("en", key)) << key;
        EXPECT_TRUE(s.has("es", key)) << key;
    }
    for (const ModeStart& m : kModes) EXPECT_TRUE(s.has("en", std::string("mode.") + m.mode));
}

}  // namespace
}  // namespace oh::kiosk
