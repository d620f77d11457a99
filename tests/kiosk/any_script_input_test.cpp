// Typing in any script the roster can hold (Arabic, Devanagari, CJK, accented Latin) into the
// search and walk-in fields, at both sizes: the field shows exactly what was typed, shaped by
// pango (Arabic joined, right to left), with no character left without a glyph (ImGui draws
// such characters as '?'), the "No match" line too, and the search finds the person.
#include <string>
#include <vector>

#include "kiosk_fixture.hpp"

namespace oh::kiosk::testing {
namespace {

class AnyScriptInput : public ::testing::TestWithParam<Size> {
  protected:
    void SetUp() override {
        Store s = Store::open(store.path);
        store.add(s, "अनीता शर्मा", "anita@example.org", Role::Guest, "", "", "");
        store.add(s, "王小明", "wang@example.org", Role::Guest, "", "", "");
        store.add(s, "José Muñoz García", "jose@example.org", Role::Guest, "", "", "");
    }

    DemoStore store{tempDir("store")};
    std::filesystem::path shots = tempDir("shots");
};

// The hit a frame recorded for exactly this text (what was drawn), or null.
const Hit* drawn(const HitRegistry& hits, const std::string& text) {
    for (const auto& h : hits.all()) {
        if (h.label == text && !h.clickable) return &h;
    }
    return nullptr;
}

// Every piece of text on the frame had a glyph for each of its characters.
void expectNoMissingGlyphs(const HitRegistry& hits) {
    for (const auto& h : hits.all()) {
        EXPECT_EQ(h.missingGlyphs, 0) << "drawn with '?' or boxes: " << h.label;
    }
}

// A result row (clickable) whose label contains `part`.
bool rowContains(const HitRegistry& hits, const std::string& part) {
    for (const auto& h : hits.all()) {
        if (h.clickable && h.label.find(part) != std::string::npos &&
            h.label.rfind("field:", 0) != 0)
            return true;
    }
    return false;
}

struct Typed {
    const char* name;   // screenshot name
    std::string query;  // what is typed
    std::string row;    // part of the result row that must show
};

TEST_P(AnyScriptInput, SearchFieldShowsWhatWasTypedInEveryScriptAndFindsThePerson) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    const std::vector<Typed> cases = {
        {"arabic", "ليلى", "ليلى"},
        {"devanagari", "अनीता", "अनीता"},
        {"cjk", "王小明", "王"},
        {"latin-accents", "José Muñoz", "José"},
    };
    for (const auto& c : cases) {
        auto r = runScenario(kiosk,
                             "tap-text \"Search your name\"\n"
                             "wait-screen search\n"
                             "type \"" +
                                 c.query +
                                 "\"\n"
                                 "wait-text \"" +
                                 c.query +
                                 "\"\n"
                                 "screenshot search-" +
                                 c.name + "\n",
                             shots);
        ASSERT_FALSE(r.failed) << c.name << ": " << r.failure;
        const Hit* field = drawn(r.hits, c.query);
        ASSERT_TRUE(field) << c.name << ": the field does not show the typed text";
        EXPECT_TRUE(field->shaped) << c.name << ": field text not shaped by pango";
        EXPECT_TRUE(rowContains(r.hits, c.row)) << c.name << ": nobody found";
        expectNoMissingGlyphs(r.hits);
        auto back = runScenario(kiosk, "tap-text \"Back\"\nwait-screen attract\n", shots);
        ASSERT_FALSE(back.failed) << back.failure;
    }
}

TEST_P(AnyScriptInput, NoMatchLineShowsTheQueryInItsOwnScript) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    const std::string query = "東京花子";
    const std::string line = "No match for \"" + query + "\". Check the spelling or ask a host.";
    // The same line inside a scenario's quoted argument.
    const std::string quoted =
        "No match for \\\"" + query + "\\\". Check the spelling or ask a host.";
    auto r = runScenario(kiosk,
                         "tap-text \"Search your name\"\n"
                         "type \"" +
                             query +
                             "\"\n"
                             "wait-text \"" +
                             quoted +
                             "\"\n"
                             "screenshot search-no-match\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    const Hit* hit = drawn(r.hits, line);
    ASSERT_TRUE(hit);
    EXPECT_TRUE(hit->shaped);
    expectNoMissingGlyphs(r.hits);
    for (const auto& h : r.hits.all()) {
        EXPECT_EQ(h.label.find("??"), std::string::npos) << "replacement characters: " << h.label;
    }
}

TEST_P(AnyScriptInput, WalkInFieldsShowArabicRightToLeftAndEveryOtherScript) {
    Kiosk kiosk(storeOptions(GetParam(), store));
    const std::string name = "ليلى الحسن";
    auto r = runScenario(kiosk,
                         "tap-text \"Not registered? Sign up here\"\n"
                         "tap-text \"field:name\"\n"
                         "type \"" +
                             name +
                             "\"\n"
                             "wait-text \"" +
                             name +
                             "\"\n"
                             "tap-text \"field:pronouns\"\n"
                             "type \"वह · 她 · él\"\n"
                             "wait-text \"वह · 她 · él\"\n"
                             "tap-text \"field:email\"\n"
                             "type \"layla@example.net\"\n"
                             "wait-text \"layla@example.net\"\n"
                             "screenshot walk-in-scripts\n",
                         shots);
    ASSERT_FALSE(r.failed) << r.failure;
    for (const std::string& text :
         {name, std::string("वह · 她 · él"), std::string("layla@example.net")}) {
        const Hit* h = drawn(r.hits, text);
        ASSERT_TRUE(h) << text;
        EXPECT_TRUE(h->shaped) << text;
    }
    // Right to left: the Arabic name sits against the field's right edge.
    const auto field = r.hits.find("field:name", true);
    ASSERT_TRUE(field);
    const Hit* arabic = drawn(r.hits, name);
    EXPECT_GT(arabic->min.x - field->min.x, field->max.x - arabic->max.x)
        << "Arabic text should start at the right";
    expectNoMissingGlyphs(r.hits);
}

INSTANTIATE_TEST_SUITE_P(Sizes, AnyScriptInput,
                         ::testing::Values(Size{1920, 1080}, Size{1280, 800}), sizeName);

}  // namespace
}  // namespace oh::kiosk::testing
