// The roster import (roster_import.hpp): all-or-nothing without --skip-invalid, the valid rows
// with it, one transaction either way, and a re-import that keeps what the roster does not
// carry (the block flag).
#include <gtest/gtest.h>

#include "core/roster/roster.hpp"
#include "core/roster/roster_import.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const std::string kTwoGoodOneBad =
    "Name,Email\n"
    "Ada Lovelace,ada@x.io\n"
    "Grace Hopper,not-an-email\n"
    "Alan Turing,alan@x.io\n";

Store storeWithEvent() {
    Store store = Store::openInMemory();
    store.saveEvent(sampleEvent());
    return store;
}

}  // namespace

TEST(RosterImport, ARosterWithAProblemChangesNothingWithoutSkipInvalid) {
    Store store = storeWithEvent();
    const RosterParse parse = parseRoster(kTwoGoodOneBad);
    ASSERT_FALSE(parse.ok());

    const ImportReport report = importRoster(store, sampleEvent().id, parse, false);
    EXPECT_FALSE(report.applied);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(report.inserted, 0);
    EXPECT_EQ(store.countAttendees(sampleEvent().id), 0);
}

TEST(RosterImport, SkipInvalidStoresTheValidRowsAndCountsTheRejectedOnes) {
    Store store = storeWithEvent();
    const RosterParse parse = parseRoster(kTwoGoodOneBad);

    const ImportReport report = importRoster(store, sampleEvent().id, parse, true);
    EXPECT_TRUE(report.applied);
    EXPECT_EQ(report.inserted, 2);
    EXPECT_EQ(report.rejected, 1);
    EXPECT_EQ(store.countAttendees(sampleEvent().id), 2);
    EXPECT_TRUE(store.attendeeByEmail(sampleEvent().id, "ada@x.io"));
    EXPECT_TRUE(store.attendeeByEmail(sampleEvent().id, "alan@x.io"));
}

TEST(RosterImport, AReImportKeepsABlockedPersonBlocked) {
    Store store = storeWithEvent();
    const RosterParse parse = parseRoster("Name,Email\nAda Lovelace,ada@x.io\n");
    ASSERT_EQ(importRoster(store, sampleEvent().id, parse, false).inserted, 1);
    const auto ada = store.attendeeByEmail(sampleEvent().id, "ada@x.io");
    ASSERT_TRUE(ada);
    store.setBlocked(ada->id, true);

    const RosterParse renamed = parseRoster("Name,Email\nAda King,ada@x.io\n");
    EXPECT_EQ(importRoster(store, sampleEvent().id, renamed, false).updated, 1);
    const auto after = store.attendeeByEmail(sampleEvent().id, "ada@x.io");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->fullName, "Ada King");
    EXPECT_TRUE(after->blocked) << "the roster does not carry the block flag";
}

TEST(RosterImport, AWriteFailingMidwayLeavesNoRowAndNoOutboxEntry) {
    Store store = storeWithEvent();
    const std::int64_t backlog = store.outboxBacklog();
    // The third person's insert fails (as a full disk would): the first two must go too.
    store.db().exec(
        "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON attendees WHEN NEW.email = 'alan@x.io' "
        "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    const RosterParse parse = parseRoster(
        "Name,Email\nAda Lovelace,ada@x.io\nGrace Hopper,grace@x.io\nAlan Turing,alan@x.io\n");
    ASSERT_TRUE(parse.ok()) << problemsToText(parse.problems);

    EXPECT_ANY_THROW(importRoster(store, sampleEvent().id, parse, false));
    EXPECT_EQ(store.countAttendees(sampleEvent().id), 0);
    EXPECT_FALSE(store.attendeeByEmail(sampleEvent().id, "ada@x.io"));
    EXPECT_EQ(store.outboxBacklog(), backlog);
}
