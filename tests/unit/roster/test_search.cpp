#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "core/roster/search.hpp"
#include "core/text/short_name.hpp"

using namespace oh;

namespace {

Attendee person(const std::string& id, const std::string& name, const std::string& team = "Aurora",
                Role role = Role::Intern) {
    Attendee a;
    a.id = id;
    a.fullName = name;
    a.email = id + "@example.com";
    a.team = team;
    a.role = role;
    return a;
}

std::vector<Attendee> roster() {
    return {
        person("p1", "Léa Dubois"),
        person("p2", "Priya Sharma", "Payments"),
        person("p3", "Ana López"),
        person("p4", "Anatoli Lebedev"),
        person("p5", "Jürgen Weiß"),
        person("p6", "Søren Kierkegaard"),
        person("p7", "محمد عبد الله", "Growth", Role::Guest),
        person("p8", "प्रिया शर्मा", "Search", Role::Staff),
        person("p9", "王小明", "Infra", Role::Lead),
        person("p10", "Maria Martinez"),
        person("p11", "Marta Martinez"),
        person("p12", "Mariam Okafor"),
        person("p13", "Seán O'Brien"),
        person("p14", "山田 太郎"),
        person("p15", "김민준"),
    };
}

class SearchTest : public ::testing::Test {
  protected:
    void SetUp() override { index.build(roster()); }

    std::vector<std::string> ids(std::string_view q, int limit = 8) const {
        std::vector<std::string> out;
        for (const auto& h : index.search(q, limit)) out.push_back(h.attendeeId);
        return out;
    }
    std::string top(std::string_view q) const {
        auto hits = index.search(q);
        return hits.empty() ? std::string() : hits.front().attendeeId;
    }
    bool finds(std::string_view q, const std::string& id) const {
        const auto v = ids(q);
        return std::find(v.begin(), v.end(), id) != v.end();
    }

    NameIndex index;
};

}  // namespace

TEST(SearchFold, FoldsLatinDiacriticsAndCase) {
    EXPECT_EQ(foldForSearch("Léa DUBOIS"), "lea dubois");
    EXPECT_EQ(foldForSearch("Jürgen Weiß"), "jurgen weiss");
    EXPECT_EQ(foldForSearch("Søren Ærø Łukasz"), "soren aero lukasz");
    EXPECT_EQ(foldForSearch("Nguyễn Thị Ánh"), "nguyen thi anh");
    EXPECT_EQ(foldForSearch("Seán O'Brien-Smith"), "sean obrien smith");
    // Decomposed accents (NFD input from a Mac) fold the same way.
    EXPECT_EQ(foldForSearch("Le\xCC\x81"
                            "a"),
              "lea");
    // Other scripts pass through; Arabic harakat are dropped.
    EXPECT_EQ(foldForSearch("王小明"), "王小明");
    EXPECT_EQ(foldForSearch("مُحَمَّد"), "محمد");
}

TEST_F(SearchTest, AccentInsensitiveBothWays) {
    EXPECT_EQ(top("lea dubois"), "p1");
    EXPECT_EQ(top("LÉA"), "p1");
    EXPECT_EQ(top("jurgen weiss"), "p5");
    EXPECT_EQ(top("weiß"), "p5");
    EXPECT_EQ(top("soren"), "p6");
    EXPECT_EQ(top("obrien"), "p13");
    EXPECT_EQ(top("o'brien"), "p13");
}

TEST_F(SearchTest, PrefixAsYouType) {
    EXPECT_EQ(top("lea dub"), "p1");
    EXPECT_EQ(top("pri"), "p2");
    EXPECT_EQ(top("priya sh"), "p2");
    EXPECT_TRUE(finds("ana", "p3"));
    EXPECT_TRUE(finds("ana", "p4"));  // "anatoli" starts with "ana"
    EXPECT_EQ(top("ana l"), "p3");    // exact first token beats the prefix "anatoli"
}

TEST_F(SearchTest, TypoTolerant) {
    EXPECT_EQ(top("priya sharam"), "p2");  // swapped letters
    EXPECT_EQ(top("pirya sharma"), "p2");
    EXPECT_EQ(top("kierkegard"), "p6");  // missing letter
    EXPECT_EQ(top("dubios"), "p1");
    EXPECT_EQ(top("martinex"), "p10");  // wrong letter; Maria and Marta both
    EXPECT_TRUE(finds("martinex", "p11"));
    // Short tokens get no edits: "lex" is not "lea".
    EXPECT_FALSE(finds("lex", "p1"));
}

TEST_F(SearchTest, RanksExactAboveFuzzyAndPrefix) {
    auto hits = index.search("maria");
    ASSERT_GE(hits.size(), 3u);
    EXPECT_EQ(hits[0].attendeeId, "p10");  // exact
    EXPECT_EQ(hits[1].attendeeId, "p12");  // prefix of "mariam"
    EXPECT_EQ(hits[2].attendeeId, "p11");  // one edit ("marta")
    EXPECT_LT(hits[0].score, hits[1].score);
    EXPECT_LT(hits[1].score, hits[2].score);
}

TEST_F(SearchTest, OtherScriptsFindable) {
    EXPECT_EQ(top("محمد"), "p7");
    EXPECT_EQ(top("عبد الله"), "p7");
    EXPECT_EQ(top("الله"), "p7");
    EXPECT_EQ(top("प्रिया"), "p8");
    EXPECT_EQ(top("शर्मा"), "p8");
    EXPECT_EQ(top("王小明"), "p9");
    EXPECT_EQ(top("小明"), "p9");  // substring: no spaces in Chinese names
    EXPECT_EQ(top("太郎"), "p14");
    EXPECT_EQ(top("민준"), "p15");
}

TEST_F(SearchTest, HitsExposeOnlyFirstNameInitialTeamRole) {
    for (const char* q : {"lea", "priya", "ana lopez", "محمد", "प्रिया", "maria"}) {
        for (const auto& hit : index.search(q)) {
            const auto& people = roster();
            const auto it = std::find_if(people.begin(), people.end(),
                                         [&](const Attendee& a) { return a.id == hit.attendeeId; });
            ASSERT_NE(it, people.end());
            EXPECT_EQ(hit.display, shortName(it->fullName));
            EXPECT_EQ(hit.team, it->team);
            EXPECT_EQ(hit.role, it->role);
            EXPECT_EQ(hit.display.find('@'), std::string::npos) << hit.display;
            const auto lastSpace = it->fullName.rfind(' ');
            if (lastSpace != std::string::npos) {
                const std::string last = it->fullName.substr(lastSpace + 1);
                EXPECT_EQ(hit.display.find(last), std::string::npos) << hit.display;
            }
        }
    }
    const auto hit = index.search("ana lopez");
    ASSERT_FALSE(hit.empty());
    EXPECT_EQ(hit[0].display, "Ana L.");
}

TEST(Search, AHitTakesTheInitialOfTheRostersFamilyName) {
    Attendee jose = person("j1", "José Muñoz García");
    jose.familyName = "Muñoz García";
    NameIndex index;
    index.build({jose, person("j2", "Ana López")});
    const auto hits = index.search("jose");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].display, "José M.");                   // not the last word's "José G."
    EXPECT_EQ(index.search("ana").at(0).display, "Ana L.");  // no family name: the last word
}

TEST_F(SearchTest, ShortQueriesReturnNothing) {
    EXPECT_TRUE(index.search("").empty());
    EXPECT_TRUE(index.search("a").empty());
    EXPECT_TRUE(index.search("  é  ").empty());
    EXPECT_TRUE(index.search("!!").empty());
    EXPECT_FALSE(index.search("an").empty());
    EXPECT_FALSE(index.search("小明").empty());  // two code points are enough
}

TEST_F(SearchTest, LimitAndNoMatch) {
    EXPECT_EQ(index.search("ma", 2).size(), 2u);
    EXPECT_TRUE(index.search("ma", 0).empty());
    EXPECT_TRUE(index.search("zzzz qqqq").empty());
    EXPECT_TRUE(index.search("lea sharma").empty());  // every query word must match
}

TEST(Search, EmptyRosterAndRebuild) {
    NameIndex index;
    EXPECT_EQ(index.size(), 0u);
    EXPECT_TRUE(index.search("ana").empty());
    index.build({});
    EXPECT_TRUE(index.search("ana").empty());
    index.build({person("x1", "Ana López")});
    EXPECT_EQ(index.size(), 1u);
    EXPECT_EQ(index.search("ana").size(), 1u);
    EXPECT_GT(index.memoryBytes(), 0u);
    index.build({person("x2", "Bo Chen")});
    EXPECT_TRUE(index.search("ana").empty());
    EXPECT_EQ(index.search("chen").at(0).attendeeId, "x2");
    NameIndex moved = std::move(index);
    EXPECT_EQ(moved.search("chen").size(), 1u);
}

TEST(Search, InvalidUtf8DoesNotCrash) {
    NameIndex index;
    index.build({person("x1", std::string("Ana \xC3 L\xFFpez")), person("x2", "Bo Chen")});
    EXPECT_EQ(index.search("bo chen").at(0).attendeeId, "x2");
    (void)index.search(std::string("\xE2\x82", 2));
    (void)index.search(std::string("an\xF0\x9F", 4));
}

TEST(Search, OverlongFieldsAreCutAtCharacterBoundaries) {
    NameIndex index;
    Attendee a = person("x1", std::string(300, 'e') + " Zed");
    a.team.clear();
    for (int i = 0; i < 200; ++i) a.team += "é";  // 400 bytes
    index.build({a});
    const auto hits = index.search("zed");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_LE(hits[0].team.size(), 255u);
    EXPECT_EQ(hits[0].team.size() % 2, 0u);  // whole two-byte characters only
    EXPECT_LE(hits[0].display.size(), 255u);
}

TEST(Search, ConcurrentSearchesAgree) {
    NameIndex index;
    std::vector<Attendee> people;
    for (int i = 0; i < 2000; ++i)
        people.push_back(person("c" + std::to_string(i), i % 2 ? "Léa Dubois" : "Priya Sharma"));
    index.build(people);
    const auto expectLea = index.search("lea dub", 3);
    const auto expectPriya = index.search("priya sharam", 3);
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const bool lea = (i + t) % 2 == 0;
                const auto hits = index.search(lea ? "lea dub" : "priya sharam", 3);
                const auto& want = lea ? expectLea : expectPriya;
                if (hits.size() != want.size() || hits[0].attendeeId != want[0].attendeeId)
                    ++mismatches;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(mismatches.load(), 0);
    ASSERT_EQ(expectLea.size(), 3u);
    EXPECT_EQ(expectLea[0].display, "Léa D.");
}
