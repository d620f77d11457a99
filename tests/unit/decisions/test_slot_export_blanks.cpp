// The offer-slot CSV leaves a figure blank where there is nothing to show: no rank outside
// the slots and waitlist, no calibrated score without a judge, no peer rating without a peer
// (a 0.00 there would read as a real, very low score). One judge or one peer is a figure.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/decisions/slot_export.hpp"
#include "core/roster/csv.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

Decision unjudged() {
    Decision d;
    d.internId = "i1";
    d.internName = "Ana Lima";
    d.email = "ana@example.org";
    d.showcaseId = "sc-1";
    d.showcaseTitle = "Search tuning";
    d.outcome = Outcome::Pending;
    d.rule = "needs 3 judges, has 0";
    return d;
}

std::vector<std::string> exportedRow(const Decision& d) {
    TempDir dir;
    const std::string path = dir.file("slots.csv");
    writeOfferSlotsCsv(path, {d}, SlotExportMeta{});
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CsvDocument doc = readCsv(text);
    EXPECT_EQ(doc.records.size(), 2u);
    return doc.records.size() == 2 ? doc.records[1].fields : std::vector<std::string>{};
}

}  // namespace

TEST(SlotExportBlanks, NoJudgeLeavesTheCalibratedScoreBlank) {
    const auto row = exportedRow(unjudged());
    ASSERT_EQ(row.size(), 25u);
    EXPECT_EQ(row[0], "");   // rank
    EXPECT_EQ(row[7], "0");  // judges
    EXPECT_EQ(row[8], "");   // calibrated
    EXPECT_EQ(row[10], "");  // peer rating
    EXPECT_EQ(row[11], "0");
}

TEST(SlotExportBlanks, OneJudgeAndOnePeerAreFigures) {
    Decision d = unjudged();
    d.judges = 1;
    d.calibrated = 0.0;
    d.peerCount = 1;
    d.peerMean = 4;
    d.rank = 1;
    d.outcome = Outcome::Slot;
    const auto row = exportedRow(d);
    ASSERT_EQ(row.size(), 25u);
    EXPECT_EQ(row[0], "1");
    EXPECT_EQ(row[7], "1");
    EXPECT_EQ(row[8], "+0.00");
    EXPECT_EQ(row[10], "4.00");
    EXPECT_EQ(row[11], "1");
}

TEST(SlotExportBlanks, AnIssuedSlotShowsItsStateIdDeviceTimeAndLog) {
    Decision d = unjudged();
    d.slotState = "revoked";
    d.slotId = "0192f3a0-0000-7000-8000-00000000a001";
    d.slotIssuedBy = "kiosk-2";
    d.slotIssuedAt = 1'800'000'000'000;
    d.slotActs = "revoke by ana on admin 2027-01-15T08:00:00Z: rules misapplied";
    const auto row = exportedRow(d);
    ASSERT_EQ(row.size(), 25u);
    EXPECT_EQ(row[15], "revoked");
    EXPECT_EQ(row[16], d.slotId);
    EXPECT_EQ(row[17], "kiosk-2");
    EXPECT_EQ(row[18], "2027-01-15T08:00:00Z");
    EXPECT_EQ(row[19], d.slotActs);
}
