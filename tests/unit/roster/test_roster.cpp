#include "core/roster/roster.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace oh {
namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(OPENHOUSE_TEST_DATA) + "/rosters/" + name, std::ios::binary);
    EXPECT_TRUE(in.good()) << name;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The single problem of a parse; fails the test if there are none or several.
RosterProblem onlyProblem(const RosterParse& parse) {
    EXPECT_EQ(parse.problems.size(), 1u) << problemsToText(parse.problems);
    return parse.problems.empty() ? RosterProblem{} : parse.problems.front();
}

void expectProblem(const RosterProblem& p, int line, const std::string& column,
                   const std::string& reason) {
    EXPECT_EQ(p.line, line) << p.message;
    EXPECT_EQ(p.column, column) << p.message;
    EXPECT_EQ(p.reason, reason) << p.message;
    EXPECT_FALSE(p.message.empty());
}

TEST(RosterParse, RegistrationExportWithBomCrlfAndQuotedFields) {
    RosterParse parse = parseRoster(fixture("registration_bom_crlf.csv"));
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 4u);
    EXPECT_EQ(parse.dataLines, 4);
    EXPECT_EQ(parse.header.front(), "Full Name");  // BOM stripped

    const Attendee& ada = parse.rows[0].person;
    EXPECT_EQ(parse.rows[0].line, 2);
    EXPECT_EQ(ada.fullName, "Ada Lovelace");
    EXPECT_EQ(ada.email, "ada@example.com");
    EXPECT_EQ(ada.role, Role::Intern);
    EXPECT_EQ(ada.cohort, "Spring 2026");
    EXPECT_EQ(ada.team, "Analytics");
    EXPECT_EQ(ada.pronouns, "she/her");
    EXPECT_EQ(ada.strengths, "Cut report time, by 40%");
    EXPECT_TRUE(ada.id.empty());
    EXPECT_TRUE(ada.eventId.empty());

    EXPECT_EQ(parse.rows[1].person.role, Role::Guest);  // "Visitor"
    EXPECT_EQ(parse.rows[2].person.role, Role::Staff);  // "Judge"
    EXPECT_EQ(parse.rows[2].person.strengths, "Line one\nLine two");
    EXPECT_EQ(parse.rows[3].line, 6);                   // the quoted newline took lines 4-5
    EXPECT_EQ(parse.rows[3].person.role, Role::Guest);  // empty ticket type
    EXPECT_EQ(parse.rows[3].person.strengths, "Said \"ship it\"");

    EXPECT_EQ(parse.columns.at("email"), "E-mail");
    EXPECT_EQ(parse.columns.at("role"), "Ticket Type");
    EXPECT_EQ(parse.columns.at("team"), "Squad");
    EXPECT_EQ(parse.columns.at("strengths"), "Highlights");
}

TEST(RosterParse, ArabicDevanagariAndCjkNamesPassThroughIntact) {
    RosterParse parse = parseRoster(fixture("registration_bom_crlf.csv"));
    ASSERT_EQ(parse.rows.size(), 4u);
    EXPECT_EQ(parse.rows[1].person.fullName, "ليلى حسن");
    EXPECT_EQ(parse.rows[2].person.fullName, "अनन्या शर्मा");
    EXPECT_EQ(parse.rows[3].person.fullName, "王小明");
}

TEST(RosterParse, CombinesFirstAndLastName) {
    RosterParse parse = parseRoster(fixture("ats_first_last.csv"));
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 2u);
    EXPECT_EQ(parse.rows[0].person.fullName, "Grace Hopper");
    EXPECT_EQ(parse.rows[0].person.role, Role::Intern);  // "participant"
    EXPECT_EQ(parse.rows[0].person.team, "Compilers");
    EXPECT_EQ(parse.rows[1].person.fullName, "Alan Turing");  // trimmed
    EXPECT_EQ(parse.rows[1].person.email, "alan@bletchley.example.uk");
    EXPECT_EQ(parse.rows[1].person.role, Role::Staff);  // "mentor"
    EXPECT_EQ(parse.columns.at("first_name"), "Given Name");
    EXPECT_EQ(parse.columns.at("last_name"), "Surname");
    EXPECT_FALSE(parse.columns.contains("name"));
}

TEST(RosterParse, FullNameWinsAndFirstLastFillsAnEmptyOne) {
    RosterParse parse = parseRoster(
        "Name,First Name,Last Name,Email\n"
        "Ada King,Augusta Ada,Byron,ada@x.io\n"
        ",Grace,Hopper,grace@x.io\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    EXPECT_EQ(parse.rows[0].person.fullName, "Ada King");
    EXPECT_EQ(parse.rows[1].person.fullName, "Grace Hopper");
}

TEST(RosterParse, RecognisesHeaderSynonyms) {
    struct Case {
        std::string header;
        std::string field;
    };
    const std::vector<Case> cases{
        {"Attendee Name", "name"},  {"candidate_name", "name"}, {"FULL NAME", "name"},
        {"Email Address", "email"}, {"Work Email", "email"},    {"e-mail", "email"},
        {"Attendee Type", "role"},  {"type", "role"},           {"Ticket-Type", "role"},
        {"Group", "team"},          {"Squad", "team"},          {"Cohort", "cohort"},
        {"Pronouns", "pronouns"},   {"Skills", "strengths"},    {"Strengths", "strengths"},
    };
    for (const Case& c : cases) {
        std::string other = c.field == "email" ? "Name" : "Email";
        RosterParse parse = parseRoster(c.header + "," + other + "\nx,a@b.io\n");
        EXPECT_TRUE(parse.columns.contains(c.field)) << c.header;
        if (parse.columns.contains(c.field)) {
            EXPECT_EQ(parse.columns.at(c.field), c.header);
        }
    }
    RosterParse given = parseRoster("Given Name,Family Name,Email\nAda,Lovelace,a@b.io\n");
    ASSERT_EQ(given.rows.size(), 1u);
    EXPECT_EQ(given.rows[0].person.fullName, "Ada Lovelace");
}

TEST(RosterParse, PrefersRoleOverGenericType) {
    RosterParse parse = parseRoster("Name,Email,Type,Role\nAda,a@b.io,Workshop,lead\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    EXPECT_EQ(parse.columns.at("role"), "Role");
    EXPECT_EQ(parse.rows[0].person.role, Role::Lead);
}

TEST(RosterParse, ExplicitMappingOverridesDetection) {
    std::string error;
    auto mapping = ColumnMapping::parse("name=Preferred Name, email=personal email", &error);
    ASSERT_TRUE(mapping) << error;
    RosterParse parse = parseRoster(
        "Name,Preferred Name,Email,Personal Email,Role\n"
        "Augusta Ada King,Ada Lovelace,ada@work.io,Ada@Home.io,intern\n",
        &*mapping);
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_EQ(parse.rows[0].person.fullName, "Ada Lovelace");
    EXPECT_EQ(parse.rows[0].person.email, "ada@home.io");
    EXPECT_EQ(parse.rows[0].person.role, Role::Intern);  // still detected
    EXPECT_EQ(parse.columns.at("email"), "Personal Email");
}

TEST(RosterParse, MappingNamingAbsentHeaderIsBadMapping) {
    auto mapping = ColumnMapping::parse("email=Work Email", nullptr);
    ASSERT_TRUE(mapping);
    RosterParse parse = parseRoster("Name,Email\nAda,ada@x.io\n", &*mapping);
    expectProblem(onlyProblem(parse), 1, "Work Email", "bad-mapping");
    EXPECT_TRUE(parse.rows.empty());
    EXPECT_EQ(parse.dataLines, 1);
}

TEST(RosterColumnMapping, ParsesSpec) {
    std::string error;
    auto mapping =
        ColumnMapping::parse(" name = Full Name ,email=Work Email,Ticket-Type=x", &error);
    EXPECT_FALSE(mapping);  // "ticket_type" is not a field
    EXPECT_NE(error.find("ticket_type"), std::string::npos) << error;

    mapping = ColumnMapping::parse("first-name=Given,last_name=Surname,role=Ticket Type,", &error);
    ASSERT_TRUE(mapping) << error;
    EXPECT_EQ(mapping->fieldToHeader.size(), 3u);
    EXPECT_EQ(mapping->fieldToHeader.at("first_name"), "Given");
    EXPECT_EQ(mapping->fieldToHeader.at("role"), "Ticket Type");
}

TEST(RosterColumnMapping, RejectsMalformedSpecs) {
    std::string error;
    EXPECT_FALSE(ColumnMapping::parse("name", &error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(ColumnMapping::parse("name=", &error));
    EXPECT_FALSE(ColumnMapping::parse("email=A,email=B", &error));
    EXPECT_NE(error.find("twice"), std::string::npos) << error;
    EXPECT_FALSE(ColumnMapping::parse("", &error));
    EXPECT_TRUE(ColumnMapping::parse("name=A", nullptr).has_value());
}

TEST(RosterParse, MissingName) {
    RosterParse parse = parseRoster("Name,Email\nAda,a@x.io\n   ,b@x.io\n");
    expectProblem(onlyProblem(parse), 3, "Name", "missing-name");
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_FALSE(parse.ok());
}

TEST(RosterParse, MissingNameWithFirstLastColumns) {
    RosterParse parse = parseRoster("First Name,Last Name,Email\n, ,b@x.io\n");
    expectProblem(onlyProblem(parse), 2, "First Name", "missing-name");
}

TEST(RosterParse, InvalidEmails) {
    const std::vector<std::string> bad{"",          "ada",           "ada@",        "@x.io",
                                       "a@b@x.io",  "ada@localhost", "ada lo@x.io", "ada@x..io",
                                       "ada@.x.io", "ada@x.io."};
    for (const std::string& email : bad) {
        RosterParse parse = parseRoster("Name,Email\nAda,\"" + email + "\"\n");
        expectProblem(onlyProblem(parse), 2, "Email", "invalid-email");
        EXPECT_TRUE(parse.rows.empty()) << email;
    }
}

TEST(RosterParse, EmailIsTrimmedAndLowerCased) {
    RosterParse parse = parseRoster("Name,Email\nAda,\"  Ada.Lovelace@Example.COM \"\n");
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_EQ(parse.rows[0].person.email, "ada.lovelace@example.com");
}

TEST(RosterParse, DuplicateEmailIgnoringCaseNamesFirstLine) {
    RosterParse parse = parseRoster(
        "Name,Email\nAda,ada@x.io\nGrace,grace@x.io\nAda Again,ADA@X.IO\nAda Thrice,ada@x.io\n");
    ASSERT_EQ(parse.problems.size(), 2u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 4, "Email", "duplicate-email");
    expectProblem(parse.problems[1], 5, "Email", "duplicate-email");
    EXPECT_NE(parse.problems[0].message.find("line 2"), std::string::npos);
    ASSERT_EQ(parse.rows.size(), 2u);  // the first occurrence stays
    EXPECT_EQ(parse.rows[0].line, 2);
}

TEST(RosterParse, UnknownRoleAndEmptyRoleIsGuest) {
    RosterParse parse = parseRoster("Name,Email,Role\nAda,a@x.io,\nBob,b@x.io,Sponsor\n");
    expectProblem(onlyProblem(parse), 3, "Role", "unknown-role");
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_EQ(parse.rows[0].person.role, Role::Guest);
}

TEST(RosterParse, FieldTooLong) {
    const std::string longName(201, 'n');
    RosterParse name = parseRoster("Name,Email\n" + longName + ",a@x.io\n");
    expectProblem(onlyProblem(name), 2, "Name", "field-too-long");

    const std::string longEmail = std::string(250, 'a') + "@x.io";  // 255 bytes
    RosterParse email = parseRoster("Name,Email\nAda," + longEmail + "\n");
    expectProblem(onlyProblem(email), 2, "Email", "field-too-long");

    RosterParse strengths = parseRoster("Name,Email,Skills\nAda,a@x.io," + std::string(1001, 's') +
                                        "\nBob,b@x.io," + std::string(1000, 's') + "\n");
    expectProblem(onlyProblem(strengths), 2, "Skills", "field-too-long");
    EXPECT_EQ(strengths.rows.size(), 1u);  // exactly 1000 bytes is fine

    RosterParse team = parseRoster("Name,Email,Team\nAda,a@x.io," + std::string(201, 't') + "\n");
    expectProblem(onlyProblem(team), 2, "Team", "field-too-long");
}

TEST(RosterParse, CombinedFirstLastNameTooLong) {
    RosterParse parse = parseRoster("First Name,Last Name,Email\n" + std::string(150, 'f') + "," +
                                    std::string(150, 'l') + ",a@x.io\n");
    expectProblem(onlyProblem(parse), 2, "First Name", "field-too-long");
}

TEST(RosterParse, InvalidUtf8ReportsLineAndColumn) {
    // "Ren\xE9" is Windows-1252, the usual way a roster arrives broken.
    RosterParse parse = parseRoster(std::string("Name,Email,Team\nAda,a@x.io,ok\n") +
                                    "Ren\xE9,rene@x.io,ok\nZo\xC3\xAB,zoe@x.io,\xED\xA0\x80\n");
    ASSERT_EQ(parse.problems.size(), 2u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 3, "Name", "invalid-utf8");
    expectProblem(parse.problems[1], 4, "Team", "invalid-utf8");  // surrogate
    ASSERT_EQ(parse.rows.size(), 1u);
}

TEST(RosterParse, ControlCharactersAreRefusedWithLineColumnAndWhich) {
    // ESC ] 0 ; ... BEL sets a terminal's title; ESC [ 31 m turns it red; U+009B is the
    // one-character CSI of C1; DEL and NUL are never in a name either.
    RosterParse parse = parseRoster(
        std::string("Name,Email,Team,Pronouns\n"
                    "Ada Lovelace,ada@x.io,Aurora,she/her\n"
                    "Eve\x1b]0;pwned\x07 Mallory,eve@x.io,Aurora,\n"
                    "Mal,mal@x.io,\x1b[31mRed,\n"
                    "Cid,cid@x.io,C1 \xC2\x9B"
                    "2J,\n"
                    "Del,del@x.io,,he\x7F\n"
                    "Nul,nul\x01@x.io,,\n"
                    "\xD9\x84\xD9\x8A\xD9\x84\xD9\x89 \xE6\x9D\x8E,layla@x.io,\xE5\x9B\xA2,\n"));
    ASSERT_EQ(parse.problems.size(), 5u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 3, "Name", "control-character");
    expectProblem(parse.problems[1], 4, "Team", "control-character");
    expectProblem(parse.problems[2], 5, "Team", "control-character");
    expectProblem(parse.problems[3], 6, "Pronouns", "control-character");
    expectProblem(parse.problems[4], 7, "Email", "control-character");
    EXPECT_NE(parse.problems[0].message.find("U+001B (ESC) at character 4"), std::string::npos)
        << parse.problems[0].message;
    EXPECT_NE(parse.problems[2].message.find("U+009B"), std::string::npos)
        << parse.problems[2].message;
    EXPECT_NE(parse.problems[3].message.find("U+007F (DEL)"), std::string::npos)
        << parse.problems[3].message;
    // The messages name the character, they do not repeat it.
    for (const auto& p : parse.problems)
        EXPECT_EQ(p.message.find_first_of(std::string("\x1b\x07\x7f\x01", 4)), std::string::npos)
            << p.message;
    ASSERT_EQ(parse.rows.size(), 2u);
    EXPECT_EQ(parse.rows[0].person.fullName, "Ada Lovelace");
    EXPECT_EQ(parse.rows[1].person.fullName,
              "\xD9\x84\xD9\x8A\xD9\x84\xD9\x89 \xE6\x9D\x8E");  // Arabic and CJK intact
    EXPECT_EQ(parse.rows[1].person.team, "\xE5\x9B\xA2");
}

TEST(RosterParse, BlanksThatCollapseAndParagraphBreaksAreNotControlProblems) {
    RosterParse parse = parseRoster(
        "Name,Email,Strengths\n"
        "\"Ada\tLovelace\",ada@x.io,\"led the demo\n\tand the Q&A\"\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_EQ(parse.rows[0].person.fullName, "Ada Lovelace");
    EXPECT_EQ(parse.rows[0].person.strengths, "led the demo\n\tand the Q&A");
}

TEST(RosterParse, Utf16FileIsInvalidUtf8) {
    RosterParse parse = parseRoster(std::string("\xFF\xFEN\0a\0", 6));
    expectProblem(onlyProblem(parse), 1, "", "invalid-utf8");
}

TEST(RosterParse, WrongFieldCount) {
    RosterParse parse = parseRoster("Name,Email,Role\nAda,a@x.io\nBob,b@x.io,guest,extra\n");
    ASSERT_EQ(parse.problems.size(), 2u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 2, "", "wrong-field-count");
    expectProblem(parse.problems[1], 3, "", "wrong-field-count");
    EXPECT_TRUE(parse.rows.empty());
}

TEST(RosterParse, BlankLinesAndEmptyRowsAreSkippedSilently) {
    RosterParse parse = parseRoster("\n\nName,Email\r\n\r\nAda,a@x.io\r\n,\r\n , \r\n\r\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);
    ASSERT_EQ(parse.rows.size(), 1u);
    EXPECT_EQ(parse.rows[0].line, 5);
    EXPECT_EQ(parse.dataLines, 1);
}

TEST(RosterParse, UnterminatedQuote) {
    RosterParse parse = parseRoster("Name,Email\nAda,a@x.io\n\"Bob,b@x.io\nCarol,c@x.io\n");
    expectProblem(onlyProblem(parse), 3, "Name", "unterminated-quote");
    ASSERT_EQ(parse.rows.size(), 2u);  // the rows after it are still read
    EXPECT_EQ(parse.rows[1].person.fullName, "Carol");
    EXPECT_EQ(parse.rows[1].line, 4);
}

TEST(RosterParse, StrayQuote) {
    RosterParse parse = parseRoster("Name,Email\nAda \"Countess\" King,a@x.io\n");
    expectProblem(onlyProblem(parse), 2, "Name", "stray-quote");
    EXPECT_TRUE(parse.rows.empty());
}

TEST(RosterParse, MissingColumns) {
    RosterParse noEmail = parseRoster("Name,Phone\nAda,123\n");
    expectProblem(onlyProblem(noEmail), 1, "email", "missing-column");
    EXPECT_TRUE(noEmail.rows.empty());

    RosterParse noName = parseRoster("\n\nEmail,Role\na@x.io,guest\n");
    expectProblem(onlyProblem(noName), 3, "name", "missing-column");

    RosterParse neither = parseRoster("Phone\n123\n");
    ASSERT_EQ(neither.problems.size(), 2u);
    EXPECT_EQ(neither.problems[0].reason, "missing-column");
    EXPECT_EQ(neither.problems[1].reason, "missing-column");
}

TEST(RosterParse, EmptyFile) {
    expectProblem(onlyProblem(parseRoster("")), 1, "", "empty-file");
    expectProblem(onlyProblem(parseRoster("\xEF\xBB\xBF\r\n\r\n")), 1, "", "empty-file");
    expectProblem(onlyProblem(parseRoster("\nName,Email\n\n")), 2, "", "empty-file");
}

TEST(RosterParse, RowWithSeveralProblemsListsAll) {
    RosterParse parse = parseRoster("Name,Email,Role\n ,bad-mail,boss\n");
    ASSERT_EQ(parse.problems.size(), 3u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 2, "Name", "missing-name");
    expectProblem(parse.problems[1], 2, "Email", "invalid-email");
    expectProblem(parse.problems[2], 2, "Role", "unknown-role");
    EXPECT_TRUE(parse.rows.empty());
}

TEST(RosterParse, NamesTrimmedAndInnerWhitespaceCollapsed) {
    RosterParse parse = parseRoster(
        "Name,Email\n"
        "\"  Ada \t  Lovelace\n King \",a@x.io\n"
        "\xC2\xA0Grace\xC2\xA0\xC2\xA0Hopper\xC2\xA0,g@x.io\n");  // U+00A0 spaces
    ASSERT_EQ(parse.rows.size(), 2u) << problemsToText(parse.problems);
    EXPECT_EQ(parse.rows[0].person.fullName, "Ada Lovelace King");
    EXPECT_EQ(parse.rows[1].person.fullName, "Grace Hopper");
}

TEST(RosterParse, MixedProblemsFixture) {
    RosterParse parse = parseRoster(fixture("mixed_problems.csv"));
    EXPECT_EQ(parse.dataLines, 7);
    ASSERT_EQ(parse.problems.size(), 5u) << problemsToText(parse.problems);
    expectProblem(parse.problems[0], 3, "Name", "missing-name");
    expectProblem(parse.problems[1], 4, "Email", "invalid-email");
    expectProblem(parse.problems[2], 5, "Email", "duplicate-email");
    expectProblem(parse.problems[3], 6, "Role", "unknown-role");
    expectProblem(parse.problems[4], 7, "", "wrong-field-count");
    ASSERT_EQ(parse.rows.size(), 2u);
    EXPECT_EQ(parse.rows[0].line, 2);
    EXPECT_EQ(parse.rows[1].line, 9);
}

TEST(RosterText, OneLinePerProblem) {
    std::vector<RosterProblem> problems{
        {7, "email", "invalid-email", "'x' is not usable"},
        {3, "", "wrong-field-count", "expected 3 fields"},
    };
    EXPECT_EQ(problemsToText(problems),
              "line 7, column 'email': invalid-email: 'x' is not usable\n"
              "line 3: wrong-field-count: expected 3 fields\n");
}

TEST(RosterRejected, WriterOutputReparses) {
    const std::string original = fixture("mixed_problems.csv");
    RosterParse parse = parseRoster(original);
    std::ostringstream out;
    writeRejectedRows(out, parse, original);

    CsvDocument doc = readCsv(out.str());
    EXPECT_TRUE(doc.errors.empty());
    ASSERT_EQ(doc.records.size(), 6u) << out.str();  // header + lines 3..7
    EXPECT_EQ(doc.records[0].fields, (std::vector<std::string>{"reason", "Name", "Email", "Role"}));
    EXPECT_EQ(doc.records[1].fields[1], "");
    EXPECT_EQ(doc.records[1].fields[2], "noname@example.com");
    EXPECT_EQ(doc.records[1].fields[0].rfind("missing-name: ", 0), 0u) << doc.records[1].fields[0];
    EXPECT_EQ(doc.records[3].fields[0].rfind("duplicate-email: ", 0), 0u);
    const std::vector<std::string> tooMany{doc.records[5].fields[0], "Too", "Many", "Fields",
                                           "here"};
    EXPECT_EQ(doc.records[5].fields, tooMany);

    // The lead fixes the file and imports it again: the reason column is ignored.
    RosterParse again = parseRoster(out.str());
    EXPECT_EQ(again.columns.at("name"), "Name");
    EXPECT_EQ(again.columns.at("email"), "Email");
    EXPECT_EQ(again.dataLines, 5);
    ASSERT_EQ(again.rows.size(), 1u) << problemsToText(again.problems);  // the duplicate alone
    EXPECT_EQ(again.rows[0].person.email, "ok@example.com");
}

TEST(RosterRejected, QuotedAndMultilineValuesSurviveTheRoundTrip) {
    const std::string original =
        "Name,Email,Strengths\n"
        "\"Lovelace, Ada\",bad mail,\"said \"\"hi\"\"\nthen left\"\n"
        "Grace,g@x.io,ok\n"
        "Bad \"quote\",q@x.io,x\n";
    RosterParse parse = parseRoster(original);
    std::ostringstream out;
    writeRejectedRows(out, parse, original);
    CsvDocument doc = readCsv(out.str());
    EXPECT_TRUE(doc.errors.empty()) << out.str();
    ASSERT_EQ(doc.records.size(), 3u) << out.str();
    EXPECT_EQ(doc.records[1].fields[1], "Lovelace, Ada");
    EXPECT_EQ(doc.records[1].fields[3], "said \"hi\"\nthen left");
    EXPECT_EQ(doc.records[2].fields[1], "Bad \"quote\"");
    EXPECT_EQ(doc.records[2].fields[0].rfind("stray-quote: ", 0), 0u);
}

TEST(RosterRejected, FormulaLikeCellsAreGuardedWhenAsked) {
    const std::string original =
        "Name,Email,Team\n"
        "=2+5,bad mail,+1\n"
        "@SUM(A1),also bad,-2\n";
    RosterParse parse = parseRoster(original);
    std::ostringstream out;
    writeRejectedRows(out, parse, original, CsvWriteOptions{.guardFormulas = true});
    CsvDocument doc = readCsv(out.str());
    ASSERT_EQ(doc.records.size(), 3u) << out.str();
    EXPECT_EQ(doc.records[1].fields[1], "'=2+5");
    EXPECT_EQ(doc.records[1].fields[3], "'+1");
    EXPECT_EQ(doc.records[2].fields[1], "'@SUM(A1)");
    EXPECT_EQ(doc.records[2].fields[3], "'-2");
    EXPECT_EQ(doc.records[1].fields[0].rfind("invalid-email: ", 0), 0u);
}

TEST(RosterRejected, MissingColumnRejectsEveryRow) {
    const std::string original = "Name,Phone\nAda,1\nBob,2\n";
    RosterParse parse = parseRoster(original);
    std::ostringstream out;
    writeRejectedRows(out, parse, original);
    CsvDocument doc = readCsv(out.str());
    ASSERT_EQ(doc.records.size(), 3u);
    EXPECT_EQ(doc.records[2].fields[1], "Bob");
    EXPECT_EQ(doc.records[2].fields[0].rfind("missing-column: ", 0), 0u);
}

TEST(RosterParse, AdversarialInputDoesNotThrow) {
    const std::vector<std::string> inputs{"\"",
                                          "\"\"\"",
                                          ",,,\n,,,",
                                          "Name,Email\n\"",
                                          "Name,Email\n\xFF,\xFE",
                                          "\r\r\r",
                                          std::string("Name,Email\n\0,\0\n", 15),
                                          "Name,Email\na,b\"\"c\"\n"};
    for (const std::string& input : inputs) {
        EXPECT_NO_THROW({
            RosterParse parse = parseRoster(input);
            std::ostringstream out;
            writeRejectedRows(out, parse, input);
            EXPECT_FALSE(parse.ok());
        });
    }
}

}  // namespace
}  // namespace oh
