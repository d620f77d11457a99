// A device moved to another central (a new admin laptop, a restored file): its cursor means
// nothing there, so the device reads the new central's feed from the start.
#include <gtest/gtest.h>

#include "core/central/central.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

// An embedded central written by the lead's CLI: the event and `people` attendees.
std::unique_ptr<CentralRecord> centralWith(const std::string& path, const std::string& prefix,
                                           int people) {
    {
        Store lead = Store::open(path);
        lead.saveEvent(sampleEvent());
        for (int i = 0; i < people; ++i) {
            auto a = sampleAttendee(prefix + std::to_string(i) + "@example.org", "P");
            lead.upsertAttendee(a);
        }
    }
    return openCentralSqlite(path);
}

}  // namespace

TEST(SyncCentralSwitch, ADeviceMovedToAnotherCentralReadsItsFeedFromTheStart) {
    TempDir dir;
    auto first = centralWith(dir.file("first.db"), "first", 12);
    auto second = centralWith(dir.file("second.db"), "second", 2);
    Store device = Store::open(dir.file("device.db"));
    device.setMeta("event_id", sampleEvent().id);
    SyncEngine(device, *first, {}, [](const std::string&) {}).syncOnce();
    ASSERT_TRUE(device.attendeeByEmail(sampleEvent().id, "first11@example.org"));
    const std::string firstCursor = device.syncCursor();

    std::vector<std::string> lines;
    SyncEngine(device, *second, {}, [&](const std::string& l) { lines.push_back(l); }).syncOnce();
    // The second central's records sit below the first one's cursor: all of them arrive.
    EXPECT_TRUE(device.attendeeByEmail(sampleEvent().id, "second0@example.org"));
    EXPECT_TRUE(device.attendeeByEmail(sampleEvent().id, "second1@example.org"));
    EXPECT_NE(device.syncCursor(), firstCursor);
}
