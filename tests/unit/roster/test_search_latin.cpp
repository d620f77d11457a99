// A Latin keyboard finds names written in other scripts (through their Latin spellings,
// core/text/fold.hpp), and the hit still shows only the short name in the name's own script.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/roster/search.hpp"
#include "core/text/short_name.hpp"

using namespace oh;

namespace {

Attendee person(const std::string& id, const std::string& name) {
    Attendee a;
    a.id = id;
    a.fullName = name;
    a.email = id + "@example.com";
    return a;
}

class LatinKeyboardSearch : public ::testing::Test {
  protected:
    void SetUp() override {
        index.build({
            person("fatima", "فاطمة الزهراء"),
            person("layla", "ليلى الحسن"),
            person("mohammed", "محمد حداد"),
            person("priya", "प्रिया शर्मा"),
            person("wang", "王小明"),
            person("ivan", "Иван Петров"),
            person("eleni", "Ελένη Παπαδοπούλου"),
            person("minjun", "김민준"),
            person("yamada", "山田 太郎"),
            person("fatma-latin", "Fatma Yilmaz"),
            person("felix", "Felix Tamm"),
        });
    }

    bool finds(std::string_view q, const std::string& id) const {
        auto hits = index.search(q);
        return std::any_of(hits.begin(), hits.end(),
                           [&](const SearchHit& h) { return h.attendeeId == id; });
    }

    NameIndex index;
};

}  // namespace

TEST_F(LatinKeyboardSearch, ArabicNamesAreFoundByTheirUsualLatinSpelling) {
    EXPECT_TRUE(finds("Fatima", "fatima"));
    EXPECT_TRUE(finds("fatima zahra", "fatima"));
    EXPECT_TRUE(finds("Layla", "layla"));
    EXPECT_TRUE(finds("Layla Hassan", "layla"));
    EXPECT_TRUE(finds("Mohammed", "mohammed"));
    EXPECT_TRUE(finds("Muhammad Haddad", "mohammed"));
    // As the name is typed: every prefix from three letters on.
    for (const char* typed : {"fat", "fati", "fatim", "fatima"})
        EXPECT_TRUE(finds(typed, "fatima")) << typed;
}

TEST_F(LatinKeyboardSearch, AnExactLatinNameRanksAboveATransliteratedOne) {
    auto hits = index.search("Fatma");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front().attendeeId, "fatma-latin");
    EXPECT_TRUE(finds("Fatma", "fatima"));
}

TEST_F(LatinKeyboardSearch, DevanagariCyrillicGreekAndChineseNamesAreFound) {
    EXPECT_TRUE(finds("Priya Sharma", "priya"));
    EXPECT_TRUE(finds("Ivan Petrov", "ivan"));
    EXPECT_TRUE(finds("Eleni", "eleni"));  // ICU writes "elene": one edit
    EXPECT_TRUE(finds("Papadopoulou", "eleni"));
    EXPECT_TRUE(finds("Wang Xiaoming", "wang"));
    EXPECT_TRUE(finds("xiao ming", "wang"));
}

// Said honestly: Hangul comes out as one run and kanji with Chinese readings.
TEST_F(LatinKeyboardSearch, WhatATransliterationCannotFindIsKnown) {
    EXPECT_TRUE(finds("gimminjun", "minjun"));
    EXPECT_FALSE(finds("Kim Minjun", "minjun"));
    EXPECT_FALSE(finds("Yamada", "yamada"));
}

TEST_F(LatinKeyboardSearch, AHitShowsOnlyTheShortNameInItsOwnScript) {
    auto hits = index.search("Fatima");
    auto it = std::find_if(hits.begin(), hits.end(),
                           [](const SearchHit& h) { return h.attendeeId == "fatima"; });
    ASSERT_NE(it, hits.end());
    EXPECT_EQ(it->display, shortName("فاطمة الزهراء"));
    EXPECT_TRUE(it->display.starts_with("فاطمة")) << it->display;
    EXPECT_TRUE(std::none_of(it->display.begin(), it->display.end(), [](char c) {
        return c >= 'a' && c <= 'z';
    })) << it->display;
}

TEST_F(LatinKeyboardSearch, ShortWordsDoNotMatchEveryArabicName) {
    EXPECT_FALSE(finds("al", "mohammed"));
    EXPECT_FALSE(finds("Felix", "fatima"));
}
