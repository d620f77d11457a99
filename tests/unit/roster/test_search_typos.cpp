// The name search's typo allowance by word length (search.cpp allowedEdits: no edit under 4
// letters, one from 4 to 7, two from 8), each length on both sides of its edge, and the
// costs that order the hits (words out of order, one name word used twice).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/roster/search.hpp"

using namespace oh;

namespace {

Attendee person(const std::string& id, const std::string& name) {
    Attendee a;
    a.id = id;
    a.fullName = name;
    a.email = id + "@example.com";
    a.role = Role::Intern;
    return a;
}

class SearchTypos : public ::testing::Test {
  protected:
    void SetUp() override {
        index.build({person("omar", "Omar Haddad"), person("jasmine", "Jasmine Kowalski"),
                     person("kathleen", "Kathleen Byrne"), person("tom", "Tom Reyes")});
    }
    bool finds(std::string_view query, const std::string& id) const {
        const auto hits = index.search(query, 8);
        return std::any_of(hits.begin(), hits.end(),
                           [&](const SearchHit& h) { return h.attendeeId == id; });
    }
    NameIndex index;
};

}  // namespace

TEST_F(SearchTypos, AThreeLetterWordMustBeExact) {
    EXPECT_TRUE(finds("tom", "tom"));
    EXPECT_FALSE(finds("tim", "tom"));
}

TEST_F(SearchTypos, AFourLetterWordAllowsOneTypo) {
    EXPECT_TRUE(finds("omer", "omar"));   // one letter wrong
    EXPECT_FALSE(finds("emer", "omar"));  // two letters wrong
}

TEST_F(SearchTypos, ASevenLetterWordAllowsOneTypoNotTwo) {
    EXPECT_TRUE(finds("jasmina", "jasmine"));   // one letter wrong
    EXPECT_FALSE(finds("josmina", "jasmine"));  // two letters wrong
}

TEST_F(SearchTypos, AnEightLetterWordAllowsTwoTyposNotThree) {
    EXPECT_TRUE(finds("kathleen", "kathleen"));
    EXPECT_TRUE(finds("kethlean", "kathleen"));   // two letters wrong
    EXPECT_FALSE(finds("kethloan", "kathleen"));  // three letters wrong
}

TEST(SearchOrder, WordsInTheNamesOrderRankFirst) {
    NameIndex index;
    index.build({person("kim-lee", "Kim Lee"), person("lee-kim", "Lee Kim")});
    auto hits = index.search("lee kim", 8);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].attendeeId, "lee-kim");
    EXPECT_LT(hits[0].score, hits[1].score);
    hits = index.search("kim lee", 8);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].attendeeId, "kim-lee");
}

TEST(SearchOrder, AWordTypedTwiceRanksTheNameThatHasItTwiceFirst) {
    NameIndex index;
    index.build({person("wei-zhang", "Wei Zhang"), person("wei-wei", "Wei Wei Chen")});
    const auto hits = index.search("wei wei", 8);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].attendeeId, "wei-wei");
    EXPECT_LT(hits[0].score, hits[1].score);
}
