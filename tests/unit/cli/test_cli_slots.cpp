// The judging sheet and the offer-slot list, end to end through `openhouse`:
// import-judging (all-or-nothing, idempotent) and slots (decisions by the
// configured rules, the export written 0600 or a clear error).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config/config.hpp"
#include "core/model/ids.hpp"
#include "core/roster/csv.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

const std::string kAssets = std::string(OPENHOUSE_TEST_DATA) + "/../../assets/demo";

class CliSlots : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir.path(), args); }

    void SetUp() override {
        auto r =
            run("init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z "
                "--budget 3");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        r = run("import-roster " + shellQuote(kAssets + "/roster.csv"));
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    std::string writeFile(const std::string& name, const std::string& content) {
        std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

    std::int64_t centralCount(const std::string& sqlText) {
        auto store = Store::open(dir.file("central.db"));
        auto s = store.db().prepare(sqlText);
        s.step();
        return s.int64(0);
    }

    static std::string readFile(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    // "Omar Haddad" -> "Omar H.": the two-word names of the demo roster, spelt out here
    // so this test does not take the rule from the code it checks.
    static std::string shortNameOf(const std::string& fullName) {
        const std::size_t space = fullName.find(' ');
        return fullName.substr(0, space + 1) + fullName.substr(space + 1, 1) + ".";
    }

    // The CSV line of the person with this e-mail.
    static std::string lineOf(const std::string& csv, const std::string& email) {
        auto at = csv.find(email);
        if (at == std::string::npos) return "";
        auto begin = csv.rfind('\n', at);
        begin = begin == std::string::npos ? 0 : begin + 1;
        return csv.substr(begin, csv.find('\n', at) - begin);
    }
};

}  // namespace

TEST_F(CliSlots, TheDemoJudgingSheetGivesDecisionsAndAPrivateOfferSlotList) {
    auto r = run("import-judging " + shellQuote(kAssets + "/judging.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("6 new demos, 17 scores, 8 peer ratings"), std::string::npos) << r.out;
    EXPECT_EQ(centralCount("SELECT count(*) FROM showcases"), 6);
    EXPECT_EQ(centralCount("SELECT count(*) FROM scores"), 17);
    EXPECT_EQ(centralCount("SELECT count(*) FROM feedback"), 8);
    // What it wrote goes out to the devices like any other change.
    EXPECT_EQ(centralCount("SELECT count(*) FROM outbox WHERE kind = 'score.upsert'"), 17);

    fs::create_directory(dir.file("exports"));
    r = run("slots --out " + shellQuote(dir.file("exports/slots.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    struct stat st {};
    ASSERT_EQ(::stat(dir.file("exports/slots.csv").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::string csv = readFile(dir.file("exports/slots.csv"));
    // A header and one row per demo.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7) << csv;
    // The budget is 3: never more slots than that.
    std::size_t slots = 0;
    for (auto at = csv.find(",slot,"); at != std::string::npos; at = csv.find(",slot,", at + 1))
        ++slots;
    EXPECT_GE(slots, 1u);
    EXPECT_LE(slots, 3u);
    // The design audit names no metric; the pipeline demo has two judges of three.
    EXPECT_NE(lineOf(csv, "lea.dubois@example.org").find("not selected"), std::string::npos) << csv;
    EXPECT_NE(lineOf(csv, "kwame.mensah@example.org").find("pending"), std::string::npos) << csv;
    // The terminal shows short names only.
    EXPECT_EQ(r.out.find("Kwame Mensah"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Kwame M."), std::string::npos) << r.out;

    r = run("slots --out " + shellQuote(dir.file("exports/slots.xlsx")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::string xlsx = readFile(dir.file("exports/slots.xlsx"));
    EXPECT_EQ(xlsx.rfind("PK\x03\x04", 0), 0u);
    // Decisions, About, Fairness (zip entry names are stored uncompressed).
    EXPECT_NE(xlsx.find("xl/worksheets/sheet3.xml"), std::string::npos);
    // One cohort, five demos decided (one pending): its rate is shown.
    EXPECT_NE(r.out.find("cohort Autumn 2026: 5 decided"), std::string::npos) << r.out;

    // Importing the same sheet again changes nothing.
    r = run("import-judging " + shellQuote(kAssets + "/judging.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("0 new demos, 0 scores, 0 peer ratings, 25 unchanged"), std::string::npos)
        << r.out;
    EXPECT_EQ(centralCount("SELECT count(*) FROM outbox WHERE kind = 'score.upsert'"), 17);
}

TEST_F(CliSlots, ABrokenJudgingSheetChangesNothingAndListsEveryProblem) {
    std::string sheet = writeFile(
        "judging.csv",
        "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
        "Onboarding flow,ana.lima@example.org,tickets,-12%,sofia.rossi@example.org,4.5,no,\n"
        "Onboarding flow,ana.lima@example.org,,,layla.hassan@example.org,4.0,no,\n"  // a guest
                                                                                     // scores
        "Onboarding flow,ana.lima@example.org,,,nobody@example.org,,,4\n"          // not on roster
        "Onboarding flow,ana.lima@example.org,,,ana.lima@example.org,,,5\n"        // own demo
        "Onboarding flow,ana.lima@example.org,,,mei.tanaka@example.org,ten,,\n"    // not a number
        "Onboarding flow,ana.lima@example.org,,,arjun.mehta@example.org,,,9\n"     // out of range
        "Onboarding flow,ana.lima@example.org,,,arjun.mehta@example.org,4,,4\n");  // both
    auto r = run("import-judging " + shellQuote(sheet));
    EXPECT_EQ(r.exitCode, 3) << r.out;
    for (const char* expected :
         {"line 3: by_email layla.hassan@example.org is a guest: only staff and leads score",
          "line 4: by_email nobody@example.org is not on this event's roster",
          "line 5: an intern cannot rate their own demo",
          "line 6: score 'ten' is not a number from 0 to 100",
          "line 7: peer_rating '9' is not a whole number from 1 to 5",
          "line 8: give either score (a judge) or peer_rating (a peer), not both or neither",
          "nothing was imported"})
        EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
    // Line 2 was fine, but all-or-nothing: nothing at all.
    EXPECT_EQ(centralCount("SELECT count(*) FROM showcases"), 0);
    EXPECT_EQ(centralCount("SELECT count(*) FROM scores"), 0);

    std::string noColumn =
        writeFile("short.csv", "demo,intern_email,score\nX,ana.lima@example.org,4\n");
    r = run("import-judging " + shellQuote(noColumn));
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_NE(r.out.find("no column 'by_email'"), std::string::npos) << r.out;
}

TEST_F(CliSlots, AnExportThatCannotBeWrittenIsAClearErrorAndLeavesNoFile) {
    ASSERT_EQ(run("import-judging " + shellQuote(kAssets + "/judging.csv")).exitCode, 0);
    auto r = run("slots --out " + shellQuote(dir.file("no-such-folder/slots.csv")));
    EXPECT_EQ(r.exitCode, 4) << r.out;
    EXPECT_NE(r.out.find("no-such-folder/slots.csv"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir.file("no-such-folder")));
    r = run("slots --format pdf --out " + shellQuote(dir.file("slots.pdf")));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_FALSE(fs::exists(dir.file("slots.pdf")));
}

TEST_F(CliSlots, NamesAndCohortsWithControlCharactersArePrintedEscaped) {
    // A record that reached the store without the roster's check (an older version, a sync).
    {
        auto store = Store::open(dir.file("central.db"));
        auto ana = store.attendeeByEmail(store.events().at(0).id, "ana.lima@example.org");
        ASSERT_TRUE(ana);
        ana->fullName = "Ana\x1b]0;pwned\x07 Lima";
        ana->cohort = "Autumn\x1b[2J";
        store.upsertAttendee(*ana);
    }
    ASSERT_EQ(run("import-judging " + shellQuote(kAssets + "/judging.csv")).exitCode, 0);
    auto r = run("slots");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("Ana\\x1b]0;pwned\\x07 L."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cohort Autumn\\x1b[2J"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
}

// Issue 11, bug 10: every figure is rounded once, the same way, wherever it is
// printed, and no mean of raw scores from judges on different scales is shown.
TEST_F(CliSlots, TheTerminalTheCsvAndTheExplanationShowTheSameFigures) {
    ASSERT_EQ(run("import-judging " + shellQuote(kAssets + "/judging.csv")).exitCode, 0);
    auto r = run("slots --out " + shellQuote(dir.file("slots.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::string csv = readFile(dir.file("slots.csv"));
    EXPECT_EQ(csv.find("Mean score"), std::string::npos) << csv;
    EXPECT_EQ(csv.find(", mean "), std::string::npos) << csv;
    CsvDocument doc = readCsv(csv);
    ASSERT_GE(doc.records.size(), 2u);
    const auto& header = doc.records[0].fields;
    const auto column = [&](const std::string& title) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), title) -
                                        header.begin());
    };
    const std::size_t name = column("Name"), calibrated = column("Calibrated"),
                      explanation = column("Explanation");
    ASSERT_LT(explanation, header.size());
    int compared = 0;
    for (std::size_t i = 1; i < doc.records.size(); ++i) {
        const auto& row = doc.records[i].fields;
        if (row[calibrated].empty()) continue;  // no judges: no figure anywhere
        EXPECT_NE(row[explanation].find("calibrated " + row[calibrated]), std::string::npos)
            << row[explanation];
        // The terminal line of this demo carries the same figure beside the short name.
        const std::string shortName = shortNameOf(row[name]);
        const std::size_t at = r.out.find(shortName);
        ASSERT_NE(at, std::string::npos) << shortName << "\n" << r.out;
        const std::string line = r.out.substr(r.out.rfind('\n', at) + 1,
                                              r.out.find('\n', at) - r.out.rfind('\n', at) - 1);
        EXPECT_NE(line.find(row[calibrated]), std::string::npos) << line;
        ++compared;
    }
    EXPECT_GE(compared, 5);
}

// Issue 11, bug 11: two demos of one presenter are told apart by their titles.
TEST_F(CliSlots, ThePrintedListShowsEachDemosTitleBesideTheShortName) {
    std::string sheet = writeFile(
        "two.csv",
        "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
        "Churn early warning,omar.haddad@example.org,accounts,+40,sofia.rossi@example.org,80,no,\n"
        "Pricing page,omar.haddad@example.org,signups,+5%,sofia.rossi@example.org,60,no,\n");
    ASSERT_EQ(run("import-judging " + shellQuote(sheet)).exitCode, 0);
    auto r = run("slots");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("Omar H. \xE2\x80\x93 Churn early warning"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Omar H. \xE2\x80\x93 Pricing page"), std::string::npos) << r.out;
}

// Issue 11, friction 8: a device's list says how fresh it is.
TEST_F(CliSlots, ADevicesListSaysWhenItLastSyncedAndWarnsWhenStale) {
    ASSERT_EQ(run("enrol --device kiosk-2").exitCode, 0);
    auto r = run("slots --device kiosk-2");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("kiosk-2 has never synced: this list is from its enrolment snapshot "
                         "and may be out of date"),
              std::string::npos)
        << r.out;

    const auto setLastSync = [&](std::int64_t agoMs) {
        auto device = Store::open(dir.file("devices/kiosk-2.db"));
        device.setMeta("sync_last_success_ms", std::to_string(nowMillis() - agoMs));
    };
    setLastSync(3 * 60 * 60 * 1000);  // three hours ago
    r = run("slots --device kiosk-2");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("kiosk-2 last synced 3 hours ago ("), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("may be out of date"), std::string::npos) << r.out;

    setLastSync(60 * 1000);  // a minute ago: current
    r = run("slots --device kiosk-2");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("kiosk-2 last synced 1 minute ago ("), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("out of date"), std::string::npos) << r.out;

    // The central record's own list needs no such line.
    r = run("slots");
    EXPECT_EQ(r.out.find("synced"), std::string::npos) << r.out;
}

// Issue 11, friction 11: "1 slots", "1 demos" read badly on a projector.
TEST_F(CliSlots, CountsUseTheSingularForOne) {
    std::string sheet =
        writeFile("one.csv",
                  "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
                  "Churn early "
                  "warning,omar.haddad@example.org,accounts,+40,sofia.rossi@example.org,80,no,\n");
    ASSERT_EQ(run("import-judging " + shellQuote(sheet)).exitCode, 0);
    auto r = run("slots");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find(": 1 demo, budget 3 slots"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("1 demos"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 slots of 3"), std::string::npos) << r.out;
}

TEST(ConversionConfig, RulesAreReadAndWrongOnesRefusedWithTheirLine) {
    auto ok = parseConfig(
        "[conversion]\nquorum = 2\nbar = 0.25\nrequire_impact = false\n"
        "min_peer_rating = 0\n",
        "t.toml");
    ASSERT_TRUE(ok.config) << (ok.errors.empty() ? "" : ok.errors[0]);
    EXPECT_EQ(ok.config->conversion.quorum, 2);
    EXPECT_DOUBLE_EQ(ok.config->conversion.bar, 0.25);
    EXPECT_FALSE(ok.config->conversion.requireImpact);
    EXPECT_DOUBLE_EQ(ok.config->conversion.minPeerRating, 0);

    auto bad = parseConfig(
        "[conversion]\nquorum = 0\nbar = \"high\"\nrequire_impact = 1\n"
        "min_peer_ratng = 3\n",
        "t.toml");
    EXPECT_FALSE(bad.config);
    std::string all;
    for (const auto& e : bad.errors) all += e + "\n";
    EXPECT_NE(all.find("t.toml:2: conversion.quorum must be between 1 and 50"), std::string::npos)
        << all;
    EXPECT_NE(all.find("t.toml:3: conversion.bar must be a number"), std::string::npos) << all;
    EXPECT_NE(all.find("t.toml:4: conversion.require_impact must be true or false"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("did you mean 'conversion.min_peer_rating'"), std::string::npos) << all;
}
