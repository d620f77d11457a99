// `openhouse export slots|scores|checkins --out FILE`: the lead's lists from the central
// record (or a device's store), read back and compared with the store; private files, an
// audit entry without personal data, and a one-line error for a folder that is not there.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/decisions/figures.hpp"
#include "core/roster/attendance.hpp"
#include "core/store/store.hpp"
#include "tests/unit/exports/export_readers.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
using namespace oh::exporttest;
namespace fs = std::filesystem;

namespace {

// Four scripts and a name a spreadsheet would run as a formula.
const char* kRoster =
    "Full Name,Email,Role,Cohort,Team\n"
    "José Muñoz García,jose@example.org,intern,Autumn 2026,Team Aurora\n"
    "فاطمة الزهراء,fatima@example.org,intern,Autumn 2026,Team Aurora\n"
    "प्रिया शर्मा,priya@example.org,intern,Autumn 2026,Team Borealis\n"
    "王小明,wang@example.cn,intern,Autumn 2026,Team Borealis\n"
    "=1+2 Omar,omar@example.org,intern,Autumn 2026,Team Borealis\n"
    "Sofia Rossi,sofia@example.org,judge,,\n"
    "Daniel Okafor,daniel@example.org,judge,,\n";

const char* kJudging =
    "demo,intern_email,metric,change,by_email,score,encore,peer_rating\n"
    "Onboarding flow,jose@example.org,tickets,-12%,sofia@example.org,80,no,\n"
    "Onboarding flow,jose@example.org,,,daniel@example.org,70,yes,\n"
    "Churn model,fatima@example.org,accounts,+40,sofia@example.org,60,no,\n"
    "Test harness,priya@example.org,minutes,-50%,daniel@example.org,90,no,\n"
    "Search tuning,wang@example.cn,clicks,+9%,sofia@example.org,75,no,\n"
    "Pricing,omar@example.org,conversion,+4,daniel@example.org,65,no,\n";

std::string guarded(const std::string& s) {
    return !s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos ? "'" + s : s;
}

class CliExport : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir.path(), args); }

    void SetUp() override {
        auto r =
            run("init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z "
                "--budget 2");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        std::ofstream(dir.file("roster.csv"), std::ios::binary) << kRoster;
        std::ofstream(dir.file("judging.csv"), std::ios::binary) << kJudging;
        r = run("import-roster " + shellQuote(dir.file("roster.csv")));
        ASSERT_EQ(r.exitCode, 0) << r.out;
        r = run("import-judging " + shellQuote(dir.file("judging.csv")));
        ASSERT_EQ(r.exitCode, 0) << r.out;
        // Check-ins straight into the central record, as synced devices leave them.
        Store central = Store::open(dir.file("central.db"));
        eventId = central.events().at(0).id;
        std::int64_t at = 1'800'000'000'000;
        for (const Attendee& a : central.attendees(eventId))
            if (a.role == Role::Intern) central.recordCheckIn(eventId, a.id, "qr", at += 60'000);
        fs::create_directory(dir.file("usb"));
    }

    std::string out(const std::string& name) { return dir.file("usb/" + name); }

    std::vector<AuditEntry> auditOf(const std::string& action) {
        Store central = Store::open(dir.file("central.db"));
        std::vector<AuditEntry> found;
        for (AuditEntry& e : central.auditLog(1000))
            if (e.action == action) found.push_back(e);
        return found;
    }

    std::string eventId;
};

}  // namespace

TEST_F(CliExport, ScoresCsvHasALineForEveryScoreOfTheCentralRecord) {
    auto r = run("export scores --out " + shellQuote(out("scores.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find(out("scores.csv")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("6 rows"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("csv, mode 0600"), std::string::npos) << r.out;
    EXPECT_EQ(modeOf(out("scores.csv")), 0600u);

    const auto rows = readCsvFile(out("scores.csv"));
    Store central = Store::open(dir.file("central.db"));
    const auto scores = central.scores(eventId);
    ASSERT_EQ(rows.size(), scores.size() + 1);
    std::map<std::string, Showcase> demoByTitle;
    for (const Showcase& s : central.showcases(eventId)) demoByTitle[s.title] = s;
    const auto column = [&](const std::string& title) {
        return std::find(rows[0].begin(), rows[0].end(), title) - rows[0].begin();
    };
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const Showcase& demo = demoByTitle.at(row[column("Demo")]);
        const auto judge = central.attendeeByEmail(eventId, row[column("Judge email")]);
        ASSERT_TRUE(judge) << row[column("Judge email")];
        EXPECT_EQ(row[column("Judge")], judge->fullName);
        EXPECT_EQ(row[column("Presenters")], guarded(central.attendee(demo.internId)->fullName));
        const auto score = central.score(judge->id, demo.id);
        ASSERT_TRUE(score);
        EXPECT_EQ(row[column("Total (0-100)")], figureText(*score->total));
        EXPECT_EQ(row[column("Encore")], score->encore ? "yes" : "no");
    }
    // Sorted by demo start (all alike here), then title.
    for (std::size_t i = 2; i < rows.size(); ++i) EXPECT_LE(rows[i - 1][0], rows[i][0]);

    const auto audit = auditOf("export.scores");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].actor, "cli");
    EXPECT_EQ(audit[0].subject, eventId);
    EXPECT_EQ(audit[0].detail, "6 rows, csv");  // counts, no names
}

TEST_F(CliExport, CheckInsXlsxListsEveryoneCheckedInWithTheirNamesAsStrings) {
    auto r = run("export checkins --out " + shellQuote(out("came.xlsx")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("5 rows"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("xlsx, mode 0600"), std::string::npos) << r.out;
    EXPECT_EQ(modeOf(out("came.xlsx")), 0600u);
    const XlsxRows rows = readSheet(out("came.xlsx"));
    Store central = Store::open(dir.file("central.db"));
    const auto expected = attendanceRows(central, eventId);
    ASSERT_EQ(rows.size(), expected.size() + 1);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Attendee a = *central.attendee(rows[i + 1].at(0).value);
        EXPECT_EQ(rows[i + 1].at(1).value, a.fullName);  // "=1+2 Omar" too: a plain string
        EXPECT_TRUE(rows[i + 1].at(1).isString);
        EXPECT_EQ(rows[i + 1].at(2).value, a.email);
        EXPECT_EQ(rows[i + 1].at(0).value, expected[i].attendeeId) << "in arrival order";
    }
    EXPECT_EQ(auditOf("export.checkins").at(0).detail, "5 rows, xlsx");
}

TEST_F(CliExport, SlotsExportIsTheSameFileAsSlotsOut) {
    auto r = run("export slots --out " + shellQuote(out("a.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    ASSERT_EQ(run("slots --out " + shellQuote(out("b.csv"))).exitCode, 0);
    EXPECT_EQ(readWhole(out("a.csv")), readWhole(out("b.csv")));
    const auto rows = readCsvFile(out("a.csv"));
    ASSERT_EQ(rows.size(), 6u);
    Store central = Store::open(dir.file("central.db"));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto person = central.attendeeByEmail(eventId, rows[i][4]);
        ASSERT_TRUE(person) << rows[i][4];
        EXPECT_EQ(rows[i][2], guarded(person->fullName));
    }
}

TEST_F(CliExport, FormatOptionWinsOverTheExtension) {
    auto r = run("export scores --format xlsx --out " + shellQuote(out("scores.dat")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(readWhole(out("scores.dat")).rfind("PK\x03\x04", 0), 0u);
}

TEST_F(CliExport, AFolderThatIsNotThereIsAOneLineErrorWithExitCode4AndNoFile) {
    auto r = run("export checkins --out " + shellQuote(dir.file("gone/list.csv")));
    EXPECT_EQ(r.exitCode, 4) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_NE(r.out.find("gone/list.csv"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir.file("gone")));
    EXPECT_TRUE(auditOf("export.checkins").empty()) << "nothing exported, nothing logged";
}

TEST_F(CliExport, AnUnknownKindOrFormatIsAUsageError) {
    EXPECT_EQ(run("export badges --out " + shellQuote(out("x.csv"))).exitCode, 2);
    EXPECT_EQ(run("export scores --format pdf --out " + shellQuote(out("x.pdf"))).exitCode, 2);
    EXPECT_EQ(run("export scores").exitCode, 2) << "--out is required";
    EXPECT_TRUE(filesIn(dir.file("usb")).empty());
}

TEST_F(CliExport, ADevicesStoreCanBeExportedAndIsNotAudited) {
    ASSERT_EQ(run("enrol --device kiosk-2").exitCode, 0);
    auto r = run("export scores --device kiosk-2 --out " + shellQuote(out("dev.csv")));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("kiosk-2"), std::string::npos) << r.out;
    EXPECT_EQ(modeOf(out("dev.csv")), 0600u);
    EXPECT_TRUE(auditOf("export.scores").empty());
}
