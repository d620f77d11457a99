// Nothing is dropped silently: the import says which columns it used and ignored, finds the
// compliment column under the names registration forms give it, and maps ticket types to
// roles when told how.
#include <gtest/gtest.h>

#include "core/roster/roster.hpp"
#include "core/roster/roster_import.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

TEST(RosterColumns, TheComplimentQuestionFeedsStrengthsWithoutAMapping) {
    for (const char* header : {"What should we compliment you on?", "Compliment me on",
                               "Compliments", "What would you like us to compliment you on?"}) {
        RosterParse parse =
            parseRoster(std::string("Name,Email,\"") + header + "\"\nAda,ada@x.io,her proofs\n");
        ASSERT_TRUE(parse.ok()) << header;
        ASSERT_EQ(parse.rows.size(), 1u);
        EXPECT_EQ(parse.rows[0].person.strengths, "her proofs") << header;
        EXPECT_EQ(parse.columns["strengths"], header);
    }
}

TEST(RosterColumns, UsedAndIgnoredColumnsAreListed) {
    RosterParse parse = parseRoster(
        "Full Name,Email,Dietary needs,Ticket Type,T-shirt\nAda,ada@x.io,vegan,intern,M\n");
    ASSERT_TRUE(parse.ok());
    EXPECT_EQ(usedColumnsText(parse),
              "name <- 'Full Name', email <- 'Email', role <- 'Ticket Type'");
    EXPECT_EQ(ignoredColumnsText(parse), "'Dietary needs', 'T-shirt'");
}

TEST(RosterColumns, UnknownTicketTypesAreRefusedWithTheWayToMapThem) {
    const std::string csv =
        "Name,Email,Ticket "
        "Type\nAda,ada@x.io,Volunteer\nBo,bo@x.io,Sponsor\nCy,cy@x.io,volunteer\n";
    RosterParse refused = parseRoster(csv);
    EXPECT_EQ(refused.rows.size(), 0u);
    EXPECT_EQ(refused.unknownRoles["Volunteer"], 1);
    EXPECT_EQ(refused.unknownRoles["volunteer"], 1);
    EXPECT_EQ(refused.unknownRoles["Sponsor"], 1);
    EXPECT_NE(refused.problems.front().message.find("--map-role"), std::string::npos);

    std::string error;
    auto roles = RoleMapping::parse("Volunteer=staff, sponsor = guest", &error);
    ASSERT_TRUE(roles) << error;
    RosterParse mapped = parseRoster(csv, nullptr, &*roles);
    ASSERT_TRUE(mapped.ok()) << problemsToText(mapped.problems);
    ASSERT_EQ(mapped.rows.size(), 3u);
    EXPECT_EQ(mapped.rows[0].person.role, Role::Staff);
    EXPECT_EQ(mapped.rows[1].person.role, Role::Guest);
    EXPECT_EQ(mapped.rows[2].person.role, Role::Staff);  // case does not matter
}

TEST(RosterColumns, AMappedValueWinsOverTheBuiltInSynonyms) {
    auto roles = RoleMapping::parse("Judge=lead", nullptr);
    ASSERT_TRUE(roles);
    RosterParse parse = parseRoster("Name,Email,Role\nAda,ada@x.io,judge\n", nullptr, &*roles);
    ASSERT_TRUE(parse.ok());
    EXPECT_EQ(parse.rows[0].person.role, Role::Lead);
}

TEST(RosterColumns, ABadRoleMappingIsRefusedWithTheReason) {
    std::string error;
    EXPECT_FALSE(RoleMapping::parse("Volunteer=helper", &error));
    EXPECT_NE(error.find("'helper' is not a role"), std::string::npos) << error;
    EXPECT_FALSE(RoleMapping::parse("Volunteer", &error));
    EXPECT_FALSE(RoleMapping::parse("A=staff,a=guest", &error));
    EXPECT_NE(error.find("mapped twice"), std::string::npos) << error;
    EXPECT_FALSE(RoleMapping::parse("", &error));
}

TEST(RosterColumns, ALastNameColumnIsImportedAsTheFamilyName) {
    RosterParse parse = parseRoster(
        "First Name,Last Name,Email\n"
        "José, Muñoz  García ,jose@x.io\n"
        "Grace,Hopper,grace@x.io\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 2u);
    EXPECT_EQ(parse.rows[0].person.fullName, "José Muñoz García");
    EXPECT_EQ(parse.rows[0].person.familyName, "Muñoz García");  // trimmed, blanks collapsed

    auto store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    EXPECT_EQ(importRoster(store, sampleEvent().id, parse, false).inserted, 2);
    auto jose = store.attendeeByEmail(sampleEvent().id, "jose@x.io");
    ASSERT_TRUE(jose);
    EXPECT_EQ(jose->familyName, "Muñoz García");
    EXPECT_EQ(store.attendeeByEmail(sampleEvent().id, "grace@x.io")->familyName, "Hopper");

    // The same full name split differently: only the last name changed, an update.
    RosterParse corrected = parseRoster(
        "First Name,Last Name,Email\nJosé Muñoz,García,jose@x.io\nGrace,Hopper,grace@x.io\n");
    ASSERT_TRUE(corrected.ok()) << problemsToText(corrected.problems);
    ImportReport again = importRoster(store, sampleEvent().id, corrected, false);
    EXPECT_EQ(again.updated, 1);
    EXPECT_EQ(again.unchanged, 1);
    EXPECT_EQ(store.attendeeByEmail(sampleEvent().id, "jose@x.io")->familyName, "García");
}

TEST(RosterColumns, AFullNameColumnAloneGivesNoFamilyName) {
    RosterParse parse = parseRoster("Name,Email\nJosé Muñoz García,jose@x.io\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    EXPECT_EQ(parse.rows.at(0).person.familyName, "");
}
