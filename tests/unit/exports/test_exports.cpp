// The lead's three lists read back from the files (CSV through core/roster/csv.hpp, XLSX
// through its sheet XML) and compared row by row with the store: names in four scripts,
// a name that is a spreadsheet formula (guarded in CSV, a plain string cell in XLSX).
#include <cmath>
#include <optional>

#include "core/decisions/figures.hpp"
#include "core/exports/slot_list.hpp"
#include "core/model/hlc.hpp"
#include "core/roster/attendance.hpp"
#include "core/time/event_time.hpp"
#include "tests/unit/exports/export_fixture.hpp"

namespace oh::exporttest {
namespace {

// One expected cell: its text, and its value when the XLSX must hold it as a number.
struct Want {
    std::string text;
    std::optional<double> number;
};

// Spelt out here, not taken from the code under test: a spreadsheet runs these as formulas.
std::string csvGuarded(const std::string& s) {
    return !s.empty() && std::string("=+-@\t\r").find(s[0]) != std::string::npos ? "'" + s : s;
}

Want text(const std::string& s) {
    return Want{s, std::nullopt};
}
Want figure(double v) {
    return Want{figureText(v), roundedFigure(v)};
}
Want count(int v) {
    return Want{std::to_string(v), v};
}

class Exports : public ExportFixture {
  protected:
    // The score list's row of this judge's sheet of this demo, from the store.
    std::vector<Want> scoreRow(const std::string& judge, const std::string& demoId) {
        const Score s = *store.score(judge, demoId);
        const Showcase d = *store.showcase(demoId);
        const ScoreSheet sheet = sheetFromJson(s.criteria);
        const bool conflict = sheet.conflict;
        std::string presenters;
        for (const std::string& id : d.presenterIds)
            presenters += (presenters.empty() ? "" : "; ") + nameOf(id);
        const Attendee j = *store.attendee(judge);
        std::vector<Want> row{text(d.title),    text(presenters),
                              text(d.location), text(j.fullName),
                              text(j.email),    text(conflict ? "conflict" : "scored")};
        double sum = 0, weights = 0;
        for (const Criterion& c : settings.rubric.criteria) {
            if (conflict) {
                row.push_back(text(""));
                continue;
            }
            const int level = sheet.levels.at(c.key);
            row.push_back(count(level));
            sum += c.weight * level;
            weights += c.weight;
        }
        row.push_back(conflict ? text("") : figure(*s.total));
        row.push_back(conflict ? text("") : figure(sum / weights));
        row.push_back(text(conflict ? "" : recommendationKey(*sheet.recommendation)));
        row.push_back(text(conflict ? "" : (s.encore ? "yes" : "no")));
        row.push_back(text(sheet.encoreBrief));
        row.push_back(text(s.notes));
        row.push_back(text(isoUtc(Hlc::parse(s.hlc)->wall / 1000)));
        row.push_back(text(store.deviceName(s.deviceId).value_or(s.deviceId)));
        return row;
    }

    // Sorted by demo start, then title, then judge name: spelt out for this event.
    std::vector<std::vector<Want>> expectedScores() {
        return {scoreRow(ana, checkout),  scoreRow(bo, checkout), scoreRow(ana, onboarding),
                scoreRow(bo, onboarding), scoreRow(ana, search),  scoreRow(bo, search),
                scoreRow(ana, pipeline)};
    }

    static void expectCsvRows(const std::vector<std::vector<std::string>>& got,
                              const std::vector<std::vector<Want>>& want) {
        ASSERT_EQ(got.size(), want.size() + 1) << "a header and one line per row";
        for (std::size_t r = 0; r < want.size(); ++r) {
            ASSERT_EQ(got[r + 1].size(), want[r].size()) << "row " << r;
            for (std::size_t c = 0; c < want[r].size(); ++c) {
                const Want& w = want[r][c];
                EXPECT_EQ(got[r + 1][c], w.number ? w.text : csvGuarded(w.text))
                    << "row " << r << " column " << got[0][c];
            }
        }
    }

    static void expectXlsxRows(const XlsxRows& got, const std::vector<std::vector<Want>>& want) {
        ASSERT_EQ(got.size(), want.size() + 1) << "a header and one row per line";
        for (std::size_t r = 0; r < want.size(); ++r) {
            std::vector<XlsxCell> cells = got[r + 1];
            cells.resize(want[r].size());
            for (std::size_t c = 0; c < want[r].size(); ++c) {
                const Want& w = want[r][c];
                const std::string where =
                    "row " + std::to_string(r) + " column " + got[0].at(c).value;
                if (w.number) {
                    EXPECT_FALSE(cells[c].isString) << where << ": a number cell";
                    EXPECT_DOUBLE_EQ(std::stod(cells[c].value), *w.number) << where;
                } else {
                    EXPECT_EQ(cells[c].value, w.text) << where;  // never guarded: a string
                    if (!w.text.empty()) {
                        EXPECT_TRUE(cells[c].isString) << where;
                    }
                }
            }
        }
    }

    std::vector<std::vector<Want>> expectedCheckIns() {
        std::vector<std::vector<Want>> rows;
        for (const std::string& who : {wang, fatima, formula, jose, priya}) {
            const Attendee a = *store.attendee(who);
            const CheckIn c = *store.activeCheckIn(event.id, who);
            rows.push_back({text(a.id), text(a.fullName), text(a.email), text(roleName(a.role)),
                            text(a.cohort), text(a.team), text(isoUtc(c.at / 1000)),
                            text(formatLocalTime(c.at / 1000, event.timezone)),
                            text(store.deviceName(c.deviceId).value_or(c.deviceId)), text(c.method),
                            count(0)});
        }
        return rows;
    }
};

std::vector<std::string> titlesOf(const XlsxRows& rows) {
    std::vector<std::string> titles;
    for (const XlsxCell& cell : rows.at(0)) titles.push_back(cell.value);
    return titles;
}

}  // namespace

TEST_F(Exports, TheScoreListHasOneCsvLinePerLiveScoreAsTheStoreHasIt) {
    const std::string path = dir.file("scores.csv");
    ExportResult r = exportTo(ExportKind::Scores, ExportFormat::Csv, path);
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.rows, 7);
    const auto rows = readCsvFile(path);
    ASSERT_FALSE(rows.empty());
    std::vector<std::string> header{"Demo",  "Presenters",  "Location",
                                    "Judge", "Judge email", "Status"};
    for (const Criterion& c : settings.rubric.criteria) header.push_back(c.title);
    for (const char* t : {"Total (0-100)", "Mean level (1-5)", "Recommendation", "Encore",
                          "Encore brief", "Comment", "Scored at (UTC)", "Device"})
        header.push_back(t);
    EXPECT_EQ(rows[0], header);
    expectCsvRows(rows, expectedScores());
}

TEST_F(Exports, TheScoreListInXlsxHoldsNumbersAsNumbersAndNamesAsPlainStrings) {
    const std::string path = dir.file("scores.xlsx");
    ExportResult r = exportTo(ExportKind::Scores, ExportFormat::Xlsx, path);
    ASSERT_TRUE(r.ok()) << r.message;
    const XlsxRows rows = readSheet(path);
    expectXlsxRows(rows, expectedScores());
    const std::string sheet = unzipEntry(path, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos) << "the header row is frozen";
    EXPECT_EQ(sheet.find("<f>"), std::string::npos) << "no formula anywhere";
    EXPECT_NE(unzipEntry(path, "xl/workbook.xml").find("name=\"Scores\""), std::string::npos);
}

TEST_F(Exports, AJudgesDeclaredConflictIsARowMarkedConflictWithNoLevelsOrTotal) {
    const std::string path = dir.file("scores.csv");
    ASSERT_TRUE(exportTo(ExportKind::Scores, ExportFormat::Csv, path).ok());
    const auto rows = readCsvFile(path);
    int conflicts = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r][5] != "conflict") continue;
        ++conflicts;
        EXPECT_EQ(rows[r][0], "Onboarding flow");
        EXPECT_EQ(rows[r][3], "Bo Chen");
        for (std::size_t c = 6; c < 6 + settings.rubric.criteria.size() + 2; ++c)
            EXPECT_EQ(rows[r][c], "") << rows[0][c];
    }
    EXPECT_EQ(conflicts, 1);
}

TEST_F(Exports, TheCheckInCsvIsTheAttendanceCsvAndMatchesTheStore) {
    const std::string path = dir.file("checkins.csv");
    ExportResult r = exportTo(ExportKind::CheckIns, ExportFormat::Csv, path);
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.rows, 5);
    const std::string bytes = readWhole(path);
    EXPECT_EQ(bytes.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 with a BOM";
    EXPECT_EQ(bytes, attendanceCsv(attendanceRows(store, event.id), event.timezone));
    const auto rows = readCsvFile(path);
    EXPECT_EQ(rows.at(0), attendanceHeader());
    expectCsvRows(rows, expectedCheckIns());
}

TEST_F(Exports, TheCheckInXlsxMatchesTheStoreInArrivalOrder) {
    const std::string path = dir.file("checkins.xlsx");
    ExportResult r = exportTo(ExportKind::CheckIns, ExportFormat::Xlsx, path);
    ASSERT_TRUE(r.ok()) << r.message;
    const XlsxRows rows = readSheet(path);
    EXPECT_EQ(titlesOf(rows), attendanceHeader());
    expectXlsxRows(rows, expectedCheckIns());
    EXPECT_NE(unzipEntry(path, "xl/workbook.xml").find("name=\"Check-ins\""), std::string::npos);
}

TEST_F(Exports, TheOfferSlotListIsWhatSlotsWritesWithOneRowPerDemoOfTheStore) {
    const std::string path = dir.file("slots.csv");
    ExportResult r = exportTo(ExportKind::Slots, ExportFormat::Csv, path);
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.rows, 5) << "one per presenter of each demo: the team demo has two";
    // Byte for byte what the slot writer makes of the same decisions.
    const SlotList list = buildSlotList(store, event, settings.conversion, 1'800'000'000'000);
    const std::string again = dir.file("again.csv");
    writeOfferSlotsCsv(again, list.decisions, list.meta);
    EXPECT_EQ(readWhole(path), readWhole(again));
    // Each line is a presenter of a demo of the store: the name, the demo's title, the e-mail.
    const auto rows = readCsvFile(path);
    ASSERT_EQ(rows.size(), 6u);
    std::map<std::string, std::string> titleOfEmail;
    for (const Showcase& s : store.showcases(event.id))
        for (const std::string& id : s.presenterIds)
            titleOfEmail[store.attendee(id)->email] = s.title;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto person = store.attendeeByEmail(event.id, rows[i][4]);
        ASSERT_TRUE(person) << rows[i][4];
        EXPECT_EQ(rows[i][2], csvGuarded(person->fullName));
        EXPECT_EQ(rows[i][3], titleOfEmail.at(person->email));
    }
}

TEST_F(Exports, TheOfferSlotXlsxKeepsEveryScriptAndTheFormulaNameAsStrings) {
    const std::string path = dir.file("slots.xlsx");
    ASSERT_TRUE(exportTo(ExportKind::Slots, ExportFormat::Xlsx, path).ok());
    const XlsxRows rows = readSheet(path);
    ASSERT_EQ(rows.size(), 6u);
    std::set<std::string> names;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_TRUE(rows[i].at(2).isString);
        names.insert(rows[i][2].value);
    }
    EXPECT_EQ(names, (std::set<std::string>{nameOf(jose), nameOf(fatima), nameOf(priya),
                                            nameOf(wang), nameOf(formula)}));
    EXPECT_NE(unzipEntry(path, "xl/workbook.xml").find("name=\"Fairness\""), std::string::npos);
}

TEST(ExportNames, KindsAndFormatsReadFromTheirNamesAndTheFileExtension) {
    EXPECT_EQ(parseExportKind("slots"), ExportKind::Slots);
    EXPECT_EQ(parseExportKind("scores"), ExportKind::Scores);
    EXPECT_EQ(parseExportKind("checkins"), ExportKind::CheckIns);
    EXPECT_EQ(parseExportKind("attendance"), std::nullopt);
    for (ExportKind k : {ExportKind::Slots, ExportKind::Scores, ExportKind::CheckIns})
        EXPECT_EQ(parseExportKind(exportKindName(k)), k);
    EXPECT_EQ(parseExportFormat("xlsx"), ExportFormat::Xlsx);
    EXPECT_EQ(parseExportFormat("pdf"), std::nullopt);
    EXPECT_EQ(exportFormatForPath("/media/usb/Scores.XLSX"), ExportFormat::Xlsx);
    EXPECT_EQ(exportFormatForPath("scores.csv"), ExportFormat::Csv);
    EXPECT_EQ(exportFormatForPath("xlsx"), ExportFormat::Csv);
}

}  // namespace oh::exporttest
