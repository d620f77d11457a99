// What a lead runs between `init` and the doors opening, and after: the roster import's
// column report and role mapping, invitations (reused unless renewed, with the event's date
// and venue), the attendance export and the repeats in `status`.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/identity/token.hpp"
#include "core/roster/csv.hpp"
#include "core/store/store.hpp"
#include "tests/unit/cli/cli_under_test.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

class CliLead : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(cliUnderTest(), dir.path(), args); }

    std::string writeFile(const std::string& name, const std::string& content) {
        std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

    std::string readFile(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    void initEvent(const std::string& starts = "2026-12-10T14:00",
                   const std::string& ends = "2026-12-10T18:30") {
        auto r =
            run("init --name 'Demo Day' --venue 'Hall 2, Pier 9' --timezone Europe/Madrid "
                "--starts " +
                starts + " --ends " + ends);
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    void importRoster() {
        auto path = writeFile("roster.csv",
                              "Name,Email,Role\n"
                              "Ana Lima,ana@example.org,intern\n"
                              "فاطمة الزهراء,fatima@example.org,guest\n"
                              "王小明,wang@example.org,staff\n");
        auto r = run("import-roster " + shellQuote(path));
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    // The mail-merge CSV as records; the header first.
    std::vector<std::vector<std::string>> mailMerge() {
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : readCsv(readFile(dir.file("invites/mail-merge.csv"))).records)
            rows.push_back(r.fields);
        return rows;
    }

    std::string column(const std::vector<std::vector<std::string>>& rows, std::size_t row,
                       const std::string& name) {
        const auto& header = rows.at(0);
        auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) return "<no column " + name + ">";
        return rows.at(row).at(static_cast<std::size_t>(it - header.begin()));
    }

    Event onlyEvent() {
        auto store = Store::open(dir.file("central.db"));
        return store.events().at(0);
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_F(CliLead, TheImportSaysWhichColumnsItUsedAndWhichItIgnored) {
    initEvent();
    auto path = writeFile("r.csv",
                          "Full Name,Email,What should we compliment you on?,Dietary needs\n"
                          "Ana Lima,ana@example.org,her demo,vegan\n");
    auto r = run("import-roster " + shellQuote(path));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "strengths <- 'What should we compliment you on?'")) << r.out;
    EXPECT_TRUE(contains(r.out, "columns ignored: 'Dietary needs'")) << r.out;
    EXPECT_TRUE(contains(r.out, "1 row, 1 valid, 0 problems")) << r.out;
    auto store = Store::open(dir.file("central.db"));
    EXPECT_EQ(store.attendees(onlyEvent().id).at(0).strengths, "her demo");
}

TEST_F(CliLead, TicketTypesAreMappedToRolesWithMapRole) {
    initEvent();
    auto path = writeFile("r.csv",
                          "Name,Email,Ticket Type\n"
                          "Ana Lima,ana@example.org,Volunteer\n"
                          "Bo Chen,bo@example.org,Sponsor\n");
    auto refused = run("import-roster " + shellQuote(path));
    EXPECT_EQ(refused.exitCode, 3) << refused.out;
    EXPECT_TRUE(contains(refused.out, "2 problems")) << refused.out;
    EXPECT_TRUE(contains(refused.out, "--map-role")) << refused.out;
    auto mapped =
        run("import-roster " + shellQuote(path) + " --map-role 'Volunteer=staff,Sponsor=guest'");
    ASSERT_EQ(mapped.exitCode, 0) << mapped.out;
    auto store = Store::open(dir.file("central.db"));
    EXPECT_EQ(store.attendeeByEmail(onlyEvent().id, "ana@example.org")->role, Role::Staff);
    EXPECT_EQ(store.attendeeByEmail(onlyEvent().id, "bo@example.org")->role, Role::Guest);
    EXPECT_EQ(run("import-roster " + shellQuote(path) + " --map-role 'Volunteer=helper'").exitCode,
              2);
}

TEST_F(CliLead, InvitationsAreValidFromWellBeforeTheEventNotFromSigning) {
    // Signed now for an event that started an hour ago: a kiosk clock an hour behind the
    // signing machine must still take the code.
    const std::int64_t now = nowSeconds();
    initEvent(isoUtc(now - 3600), isoUtc(now + 4 * 3600));
    importRoster();
    ASSERT_EQ(run("invites").exitCode, 0);
    auto rows = mailMerge();
    const std::string token = column(rows, 1, "token");
    auto claims = parseTokenUnverified(token);
    ASSERT_TRUE(claims) << token;
    const Event e = onlyEvent();
    EXPECT_EQ(claims->validFrom, static_cast<std::uint32_t>(e.startsAt - 24 * 3600));
    EXPECT_EQ(claims->validUntil, static_cast<std::uint32_t>(e.endsAt + 12 * 3600));
    auto store = Store::open(dir.file("central.db"));
    EXPECT_EQ(store.verifierFor(e.id).verify(token, claims->issuedAt - 3600).status,
              TokenStatus::Ok);
    EXPECT_EQ(store.verifierFor(e.id).verify(token, e.endsAt + 2 * 24 * 3600).status,
              TokenStatus::Expired);
}

TEST_F(CliLead, TheMarginComesFromTheConfiguration) {
    initEvent();
    writeFile("openhouse.toml", "[invitations]\nvalid_before_start_hours = 2\n");
    importRoster();
    ASSERT_EQ(run("invites").exitCode, 0);
    auto claims = parseTokenUnverified(column(mailMerge(), 1, "token"));
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->validFrom, static_cast<std::uint32_t>(onlyEvent().startsAt - 2 * 3600));
}

TEST_F(CliLead, TheMailMergeHasFirstNameDateAndVenue) {
    initEvent();
    importRoster();
    auto r = run("invites");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto rows = mailMerge();
    ASSERT_EQ(rows.size(), 4u);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_EQ(column(rows, i, "event_date"), "Thursday 10 December 2026, 14:00-18:30");
        EXPECT_EQ(column(rows, i, "venue"), "Hall 2, Pier 9");
        EXPECT_EQ(column(rows, i, "event"), "Demo Day");
        const std::string full = column(rows, i, "full_name");
        const std::string first = column(rows, i, "first_name");
        if (full == "Ana Lima") {
            EXPECT_EQ(first, "Ana");
        }
        if (full == "فاطمة الزهراء") {
            EXPECT_EQ(first, "فاطمة");
        }
        if (full == "王小明") {
            EXPECT_EQ(first, "王小明");
        }
    }
}

TEST_F(CliLead, RunningInvitesAgainReusesTheCodesUnlessRenewed) {
    initEvent();
    importRoster();
    ASSERT_EQ(run("invites").exitCode, 0);
    const auto first = mailMerge();
    auto again = run("invites");
    ASSERT_EQ(again.exitCode, 0) << again.out;
    EXPECT_TRUE(contains(again.out, "0 newly signed")) << again.out;
    EXPECT_TRUE(contains(again.out, "3 reused")) << again.out;
    const auto second = mailMerge();
    for (std::size_t i = 1; i < first.size(); ++i)
        EXPECT_EQ(column(first, i, "token"), column(second, i, "token"));
    auto renewed = run("invites --renew");
    ASSERT_EQ(renewed.exitCode, 0) << renewed.out;
    EXPECT_TRUE(contains(renewed.out, "3 newly signed")) << renewed.out;
    const auto third = mailMerge();
    for (std::size_t i = 1; i < first.size(); ++i)
        EXPECT_NE(column(first, i, "token"), column(third, i, "token"));
}

TEST_F(CliLead, NewEventTimesGiveNewCodes) {
    initEvent();
    importRoster();
    ASSERT_EQ(run("invites").exitCode, 0);
    const auto first = mailMerge();
    ASSERT_EQ(run("event set --ends 2026-12-10T20:00").exitCode, 0);
    auto again = run("invites");
    EXPECT_TRUE(contains(again.out, "3 newly signed")) << again.out;
    EXPECT_NE(column(first, 1, "token"), column(mailMerge(), 1, "token"));
}

TEST_F(CliLead, TheAttendanceExportListsWhoCameWhenAndWherePrivately) {
    const std::int64_t now = nowSeconds();
    initEvent(isoUtc(now - 3600), isoUtc(now + 4 * 3600));
    importRoster();
    ASSERT_EQ(run("invites").exitCode, 0);
    const std::string token = column(mailMerge(), 1, "token");
    const std::string who = column(mailMerge(), 1, "full_name");
    ASSERT_EQ(run("enrol --device kiosk-1").exitCode, 0);
    ASSERT_EQ(run("checkin " + token + " --device kiosk-1").exitCode, 0);
    auto r = run("attendance --device kiosk-1 --out " + shellQuote(dir.file("came.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "1 person checked in")) << r.out;
    EXPECT_FALSE(contains(r.out, who)) << r.out;  // names go to the file only
    struct stat st {};
    ASSERT_EQ(::stat(dir.file("came.csv").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto rows = readCsv(readFile(dir.file("came.csv"))).records;
    ASSERT_EQ(rows.size(), 2u);
    const auto& header = rows[0].fields;
    auto at = [&](const std::string& name) {
        return rows[1].fields.at(static_cast<std::size_t>(
            std::find(header.begin(), header.end(), name) - header.begin()));
    };
    EXPECT_EQ(at("full_name"), who);
    EXPECT_EQ(at("device"), "kiosk-1");
    EXPECT_EQ(at("method"), "cli");
    EXPECT_EQ(at("repeat_scans"), "0");
    EXPECT_FALSE(at("checked_in_utc").empty());
}

TEST_F(CliLead, StatusShowsRepeatsAndSpeaksInCorrectPlurals) {
    initEvent();
    importRoster();
    auto r = run("status");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "repeats    0 repeat scans of 0 people")) << r.out;
    EXPECT_TRUE(contains(r.out, "3 people")) << r.out;
    EXPECT_TRUE(contains(r.out, "Hall 2, Pier 9")) << r.out;
}
