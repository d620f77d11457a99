// The judging sheet finds people by the one e-mail rule (core/text/email.hpp): normalised the
// way the roster stores addresses, and refused with a reason when the roster would refuse it.
#include <gtest/gtest.h>

#include <string>

#include "core/decisions/judging_sheet.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

struct JudgingSheetEmails : ::testing::Test {
    Store store = Store::openInMemory();
    Event event = sampleEvent();
    void SetUp() override {
        store.saveEvent(event);
        Attendee ana = sampleAttendee("ana@example.org", "Ana Lima", Role::Intern);
        Attendee jo = sampleAttendee("jo@example.org", "Jo Park", Role::Staff);
        // Stored by a kiosk before walk-ins used the roster's rule.
        Attendee odd = sampleAttendee("odd@example..org", "Odd Walker", Role::Intern);
        store.upsertAttendee(ana);
        store.upsertAttendee(jo);
        store.upsertAttendee(odd);
    }
    JudgingSheetReport import(const std::string& internEmail) {
        return importJudgingSheet(store, event.id,
                                  "demo,intern_email,metric,change,by_email,score,encore,"
                                  "peer_rating\nSearch,\"" +
                                      internEmail + "\",,,jo@example.org,80,no,\n");
    }
};

}  // namespace

TEST_F(JudgingSheetEmails, TrimmedNoBreakSpacedAndUpperCaseAddressesMatch) {
    JudgingSheetReport report = import("\xC2\xA0 Ana@Example.ORG ");
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.scoresWritten, 1);
}

TEST_F(JudgingSheetEmails, AnAddressTheRosterRefusesIsRefusedWithItsReason) {
    JudgingSheetReport report = import("odd@example..org");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(),
              "line 2: intern_email 'odd@example..org' is not a usable e-mail: the domain after "
              "the @ has an empty part");
    EXPECT_EQ(report.scoresWritten, 0);
}

TEST_F(JudgingSheetEmails, AUsableAddressNotOnTheRosterIsSaidSo) {
    JudgingSheetReport report = import("bo@example.org");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(),
              "line 2: intern_email bo@example.org is not on this event's roster");
}

TEST_F(JudgingSheetEmails, AnEmptyAddressIsSaidSo) {
    JudgingSheetReport report = import(" ");
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems.front(), "line 2: intern_email is empty");
}
