#include "core/decisions/slot_export.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "core/decisions/figures.hpp"
#include "core/roster/csv.hpp"
#include "tests/unit/exports/export_readers.hpp"
#include "tests/unit/test_support.hpp"

namespace oh {
namespace {

namespace fs = std::filesystem;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::set<std::string> filesIn(const std::string& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

// Runs `body` with the process umask set to `mask`, restoring it afterwards.
void withUmask(mode_t mask, const std::function<void()>& body) {
    mode_t old = ::umask(mask);
    try {
        body();
    } catch (...) {
        ::umask(old);
        throw;
    }
    ::umask(old);
}

Decision arabicSlot() {
    Decision d;
    d.internId = "i-1";
    d.internName = "فاطمة الزهراء";
    d.email = "fatima@example.org";
    d.cohort = "2027 Summer";
    d.team = "R&D, Platform";  // a comma: the field must be quoted
    d.showcaseId = "s-1";
    d.showcaseTitle = "The \"fast\" path";  // quotes: doubled inside a quoted field
    d.judges = 4;
    d.calibrated = 0.834;
    d.impact = true;
    d.metric = "support tickets -12%";
    d.peerCount = 3;
    d.peerMean = 4.333;
    d.encoreVotes = 0;
    d.outcome = Outcome::Slot;
    d.rank = 1;
    d.rule = "all rules met";
    d.explanation = "4 judges\ncalibrated +0.83";  // a line break inside
    return d;
}

Decision cjkNotSelected() {
    Decision d;
    d.internId = "i-2";
    d.internName = "王小明";
    d.email = "xm@example.cn";
    d.cohort = "2027 Summer";
    d.team = "Team Aurora";
    d.showcaseId = "s-2";
    d.showcaseTitle = "Checkout A/B";
    d.judges = 3;
    d.calibrated = -0.314;
    d.impact = false;
    d.peerCount = 0;
    d.encoreVotes = 2;
    d.outcome = Outcome::NotSelected;
    d.rank = 0;
    d.rule = "below the bar (-0.31 < +0.50)";
    d.explanation = "3 judges; no peer ratings";
    return d;
}

SlotExportMeta sampleMeta() {
    SlotExportMeta meta;
    meta.eventName = "Demo Day";
    meta.generatedAt = 1'800'000'000'000;  // 2027-01-15T08:00:00Z
    meta.budget = 5;
    meta.alreadyIssued = 1;
    meta.rules = "quorum 3, bar +0.50, impact required, peer rating 3.5+";
    CohortFairness autumn{"Autumn 2026", 6, 3, false, 0.5, 1.0, false};
    CohortFairness spring{"Spring 2027", 5, 1, false, 0.2, 0.4, true};
    CohortFairness summer{"Summer 2027", 2, 2, true, 0, 0, false};
    meta.fairness = {autumn, spring, summer};
    return meta;
}

// Enough rows that the file is far larger than the size limit in the full-disk tests, even
// zipped: the explanations are pseudo-random letters, which deflate cannot shrink much.
std::vector<Decision> manyDecisions() {
    std::vector<Decision> decisions;
    unsigned state = 12345;
    for (int i = 0; i < 400; ++i) {
        Decision d = arabicSlot();
        d.internName += " " + std::to_string(i);
        d.explanation.clear();
        for (int k = 0; k < 200; ++k) {
            state = state * 1103515245u + 12345u;
            d.explanation += static_cast<char>('a' + (state >> 16) % 26);
        }
        decisions.push_back(d);
    }
    return decisions;
}

// Runs `write` in a child whose file-size limit is 4 KiB, as a stand-in for a full disk that
// also works as root (root ignores folder permissions). SIGXFSZ is ignored so write() fails
// with EFBIG instead of killing the child. Returns the child's exit code: 0 when `write`
// threw ExportError, 1 when it returned normally, 2 on any other exception.
int exitCodeUnderSizeLimit(const std::function<void()>& write) {
    std::fflush(nullptr);  // nothing buffered may be flushed twice
    pid_t pid = ::fork();
    if (pid == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{4096, 4096};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(3);
        int code = 1;
        try {
            write();
        } catch (const ExportError&) {
            code = 0;
        } catch (...) {
            code = 2;
        }
        ::_exit(code);
    }
    int status = 0;
    EXPECT_EQ(::waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// ---- CSV ----

TEST(SlotExportCsv, ExactContentForTwoRows) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {arabicSlot(), cjkNotSelected()}, sampleMeta());
    std::string expected =
        "\xEF\xBB\xBF"
        "Rank,Outcome,Name,Demo,Email,Cohort,Team,Judges,Calibrated,Impact,"
        "Peer rating,Peer count,Encore votes,Rule,Explanation,Slot,Slot id,Issued by,"
        "Issued at (UTC),Slot log,Encore,Encore due,Encore brief,Encore submission,Encore "
        "review\r\n"
        "1,slot,فاطمة الزهراء,\"The \"\"fast\"\" path\",fatima@example.org,2027 Summer,"
        "\"R&D, Platform\",4,+0.83,support tickets -12%,4.33,3,0,all rules met,"
        "\"4 judges\ncalibrated +0.83\",,,,,,,,,,\r\n"
        ",not selected,王小明,Checkout A/B,xm@example.cn,2027 Summer,Team Aurora,3,-0.31,,"
        ",0,2,below the bar (-0.31 < +0.50),3 judges; no peer ratings,,,,,,,,,,\r\n";
    EXPECT_EQ(readFile(path), expected);
}

TEST(SlotExportCsv, StartsWithUtf8Bom) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {cjkNotSelected()}, sampleMeta());
    std::string content = readFile(path);
    ASSERT_GE(content.size(), 3u);
    EXPECT_EQ(content.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(content.substr(3, 3), "\xEF\xBB\xBF");  // exactly one
}

TEST(SlotExportCsv, HeaderOnlyWhenNoDecisions) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {}, sampleMeta());
    CsvDocument doc = readCsv(readFile(path));
    ASSERT_EQ(doc.records.size(), 1u);
    EXPECT_EQ(doc.records[0].fields.size(), 25u);
    EXPECT_EQ(doc.records[0].fields[0], "Rank");
    EXPECT_EQ(doc.records[0].fields[14], "Explanation");
    EXPECT_EQ(doc.records[0].fields[15], "Slot");
    EXPECT_EQ(doc.records[0].fields[19], "Slot log");
}

TEST(SlotExportCsv, GuardsFormulasInTextButNotOurNumbers) {
    Decision hyperlink = cjkNotSelected();
    hyperlink.internName = "=HYPERLINK(\"http://evil.example\",\"click\")";
    hyperlink.team = "-team";
    hyperlink.rule = "\tstarts with a tab";
    Decision plus = cjkNotSelected();
    plus.internName = "+1";
    plus.email = "@x";
    plus.showcaseTitle = "=1+1";
    plus.impact = true;
    plus.metric = "-12% tickets";
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {hyperlink, plus}, sampleMeta());
    std::string content = readFile(path);
    EXPECT_TRUE(contains(content, ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","))
        << content;

    CsvDocument doc = readCsv(content);
    ASSERT_EQ(doc.records.size(), 3u);
    const auto& first = doc.records[1].fields;
    const auto& second = doc.records[2].fields;
    ASSERT_EQ(first.size(), 25u);
    ASSERT_EQ(second.size(), 25u);
    EXPECT_EQ(first[2], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    EXPECT_EQ(first[6], "'-team");
    EXPECT_EQ(first[13], "'\tstarts with a tab");
    EXPECT_EQ(second[2], "'+1");
    EXPECT_EQ(second[4], "'@x");
    EXPECT_EQ(second[3], "'=1+1");
    EXPECT_EQ(second[9], "'-12% tickets");
    // Our own numbers: a negative calibrated score stays a number, no apostrophe.
    EXPECT_EQ(first[8], "-0.31");
    EXPECT_EQ(second[8], "-0.31");
}

TEST(SlotExportCsv, NumbersRoundToTwoDecimalsWithoutNegativeZero) {
    Decision d = cjkNotSelected();
    d.calibrated = -0.001;  // would print "-0.00" without care
    d.peerCount = 2;
    d.peerMean = 3.5;
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {d}, sampleMeta());
    CsvDocument doc = readCsv(readFile(path));
    ASSERT_EQ(doc.records.size(), 2u);
    const auto& row = doc.records[1].fields;
    EXPECT_EQ(row[8], "+0.00");
    EXPECT_EQ(row[10], "3.50");
    EXPECT_EQ(row[11], "2");
}

// Issue 11, bug 10: a figure exactly halfway (27.125) is rounded the way the
// explanation and the terminal round it (figures.hpp), in the CSV and the XLSX.
TEST(SlotExportCsv, HalfwayFiguresRoundLikeTheExplanation) {
    Decision d = cjkNotSelected();
    d.calibrated = 0.125;
    d.peerCount = 8;
    d.peerMean = 4.125;
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {d}, sampleMeta());
    CsvDocument doc = readCsv(readFile(path));
    ASSERT_EQ(doc.records.size(), 2u);
    EXPECT_EQ(doc.records[1].fields[8], "+0.13");
    EXPECT_EQ(doc.records[1].fields[10], "4.13");
    EXPECT_EQ(doc.records[1].fields[8], signedFigureText(0.125));
    EXPECT_EQ(doc.records[1].fields[10], figureText(4.125));
}

TEST(SlotExportCsv, NoMeanOfRawScoresIsExported) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {arabicSlot()}, sampleMeta());
    CsvDocument doc = readCsv(readFile(path));
    for (const std::string& title : doc.records[0].fields)
        EXPECT_EQ(title.find("Mean"), std::string::npos) << title;
}

TEST(SlotExportCsv, FileIsMode0600EvenWithUmaskZero) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    withUmask(0, [&] { writeOfferSlotsCsv(path, {arabicSlot()}, sampleMeta()); });
    EXPECT_EQ(modeOf(path), 0600u);
}

TEST(SlotExportCsv, ReplacesAWorldReadableFileWithAPrivateOne) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    writeFile(path, "old export\n");
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    writeOfferSlotsCsv(path, {arabicSlot()}, sampleMeta());
    EXPECT_EQ(modeOf(path), 0600u);
    EXPECT_TRUE(contains(readFile(path), "fatima@example.org"));
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"slots.csv"});  // no temporary left
}

TEST(SlotExportCsv, MissingFolderThrowsNamingThePath) {
    TempDir dir;
    std::string path = dir.file("no-such-folder/slots.csv");
    try {
        writeOfferSlotsCsv(path, {arabicSlot()}, sampleMeta());
        FAIL() << "expected ExportError";
    } catch (const ExportError& e) {
        EXPECT_TRUE(contains(e.what(), path)) << e.what();
        EXPECT_TRUE(contains(e.what(), "No such file or directory")) << e.what();
    }
    EXPECT_TRUE(filesIn(dir.path()).empty());
}

TEST(SlotExportCsv, PathInsideAFileThrowsAndLeavesTheFileAlone) {
    TempDir dir;
    std::string file = dir.file("existing");
    writeFile(file, "keep me");
    EXPECT_THROW(writeOfferSlotsCsv(file + "/slots.csv", {arabicSlot()}, sampleMeta()),
                 ExportError);
    EXPECT_EQ(readFile(file), "keep me");
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"existing"});
}

TEST(SlotExportCsv, FailedRenameRemovesTheTemporary) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    fs::create_directory(path);  // rename() of a file over a folder fails (EISDIR)
    writeFile(path + "/inside", "keep me");
    EXPECT_THROW(writeOfferSlotsCsv(path, {arabicSlot()}, sampleMeta()), ExportError);
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"slots.csv"});
    EXPECT_EQ(readFile(path + "/inside"), "keep me");
}

TEST(SlotExportCsv, FullDiskKeepsTheOldFileByteIdentical) {
    TempDir dir;
    std::string path = dir.file("slots.csv");
    std::string old = "\xEF\xBB\xBFprevious,export\r\n1,2\r\n";
    writeFile(path, old);
    std::vector<Decision> decisions = manyDecisions();
    int code = exitCodeUnderSizeLimit([&] { writeOfferSlotsCsv(path, decisions, sampleMeta()); });
    EXPECT_EQ(code, 0) << "0: ExportError, 1: no error, 2: another exception, 3: setrlimit";
    EXPECT_EQ(readFile(path), old);
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"slots.csv"});
}

// ---- XLSX ----

using exporttest::unzipEntry;

bool haveUnzip() {
    return std::system("command -v unzip >/dev/null 2>&1") == 0;
}

TEST(SlotExportXlsx, WritesAPrivateZipWithItsThreeSheets) {
    TempDir dir;
    std::string path = dir.file("slots.xlsx");
    withUmask(0, [&] {
        writeOfferSlotsXlsx(path, {arabicSlot(), cjkNotSelected()}, sampleMeta());
    });
    std::string content = readFile(path);
    ASSERT_GT(content.size(), 1000u);
    EXPECT_EQ(content.substr(0, 4), std::string("PK\x03\x04", 4));
    // Entry names are stored uncompressed in the zip headers.
    EXPECT_TRUE(contains(content, "xl/worksheets/sheet1.xml"));
    EXPECT_TRUE(contains(content, "xl/worksheets/sheet2.xml"));
    EXPECT_TRUE(contains(content, "xl/worksheets/sheet3.xml"));
    EXPECT_FALSE(contains(content, "xl/worksheets/sheet4.xml"));
    EXPECT_EQ(modeOf(path), 0600u);
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"slots.xlsx"});
}

TEST(SlotExportXlsx, SheetsHoldFrozenHeaderNumbersAndAbout) {
    if (!haveUnzip()) GTEST_SKIP() << "unzip not installed";
    TempDir dir;
    std::string path = dir.file("slots.xlsx");
    writeOfferSlotsXlsx(path, {arabicSlot(), cjkNotSelected()}, sampleMeta());

    std::string workbook = unzipEntry(path, "xl/workbook.xml");
    EXPECT_TRUE(contains(workbook, "name=\"Offer slots\"")) << workbook;
    EXPECT_TRUE(contains(workbook, "name=\"About\"")) << workbook;
    EXPECT_LT(workbook.find("Offer slots"), workbook.find("About"));

    std::string slots = unzipEntry(path, "xl/worksheets/sheet1.xml");
    EXPECT_TRUE(contains(slots, "ySplit=\"1\"")) << slots;  // header row frozen
    EXPECT_TRUE(contains(slots, "state=\"frozen\"")) << slots;
    EXPECT_TRUE(contains(slots, "<autoFilter ref=\"A1:Y3\"")) << slots;
    // Numbers are number cells (no t="s"): rank, judges, calibrated.
    EXPECT_TRUE(contains(slots, "<c r=\"A2\"><v>1</v></c>")) << slots;
    EXPECT_TRUE(contains(slots, "<c r=\"H2\"><v>4</v></c>")) << slots;
    EXPECT_TRUE(contains(slots, "<v>0.83</v>")) << slots;
    EXPECT_TRUE(contains(slots, "<v>-0.31</v>")) << slots;
    EXPECT_FALSE(contains(slots, "<c r=\"A3\"")) << "rank 0 must be an empty cell";

    std::string strings = unzipEntry(path, "xl/sharedStrings.xml");
    EXPECT_TRUE(contains(strings, "فاطمة الزهراء"));
    EXPECT_TRUE(contains(strings, "王小明"));
    EXPECT_TRUE(contains(strings, "Demo Day"));
    EXPECT_TRUE(contains(strings, "2027-01-15T08:00:00Z")) << strings;
    EXPECT_TRUE(contains(strings, "quorum 3, bar +0.50, impact required, peer rating 3.5+"));

    std::string about = unzipEntry(path, "xl/worksheets/sheet2.xml");
    EXPECT_TRUE(contains(about, "<v>5</v>")) << about;  // budget, as a number
    EXPECT_TRUE(contains(about, "<v>1</v>")) << about;  // already issued

    EXPECT_TRUE(contains(workbook, "name=\"Fairness\"")) << workbook;
    EXPECT_TRUE(contains(strings, "below 0.80"));
    EXPECT_TRUE(contains(strings, "suppressed (fewer decided demos than the minimum cell size)"));
    std::string fairness = unzipEntry(path, "xl/worksheets/sheet3.xml");
    EXPECT_TRUE(contains(fairness, "<v>0.4</v>")) << fairness;  // Spring's impact ratio
    // Summer is suppressed: its decided count is shown, its slots and rate are not.
    EXPECT_TRUE(contains(fairness, "<c r=\"B4\"><v>2</v></c>")) << fairness;
    EXPECT_FALSE(contains(fairness, "<c r=\"C4\"")) << fairness;
    EXPECT_FALSE(contains(fairness, "<c r=\"D4\"")) << fairness;
}

TEST(SlotExportXlsx, MissingFolderThrowsNamingThePath) {
    TempDir dir;
    std::string path = dir.file("no-such-folder/slots.xlsx");
    try {
        writeOfferSlotsXlsx(path, {arabicSlot()}, sampleMeta());
        FAIL() << "expected ExportError";
    } catch (const ExportError& e) {
        EXPECT_TRUE(contains(e.what(), path)) << e.what();
    }
    EXPECT_TRUE(filesIn(dir.path()).empty());
}

TEST(SlotExportXlsx, FullDiskKeepsTheOldFileByteIdentical) {
    TempDir dir;
    std::string path = dir.file("slots.xlsx");
    std::string old = "previous workbook bytes";
    writeFile(path, old);
    std::vector<Decision> decisions = manyDecisions();
    int code = exitCodeUnderSizeLimit([&] { writeOfferSlotsXlsx(path, decisions, sampleMeta()); });
    EXPECT_EQ(code, 0) << "0: ExportError, 1: no error, 2: another exception, 3: setrlimit";
    EXPECT_EQ(readFile(path), old);
    EXPECT_EQ(filesIn(dir.path()), std::set<std::string>{"slots.xlsx"});
}

}  // namespace
}  // namespace oh
