// Who came: the check-in that counts per person, the repeats merged from other devices
// (never counted twice), the undone ones, and the private, guarded CSV export.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/model/ids.hpp"
#include "core/roster/attendance.hpp"
#include "core/roster/csv.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

class Attendance : public ::testing::Test {
  protected:
    void SetUp() override {
        event.id = Uuid::v7().str();
        event.name = "Demo Day";
        event.timezone = "Europe/Madrid";
        event.startsAt = *parseIsoTime("2026-12-10T13:00Z");
        event.endsAt = event.startsAt + 4 * 3600;
        store.saveEvent(event);
        ana = add("Ana Lima", "ana@example.org");
        bo = add("=HYPERLINK(\"http://x\")", "bo@example.org");
        cy = add("Cy Wu", "cy@example.org");
    }

    std::string add(const std::string& name, const std::string& email) {
        Attendee a;
        a.eventId = event.id;
        a.fullName = name;
        a.email = email;
        store.upsertAttendee(a);
        return a.id;
    }

    // A later scan of the same person on another kiosk, as sync brings it.
    void repeatFromAnotherDevice(const std::string& attendee, std::int64_t atMillis) {
        Store::ApplyingRemote remote(store);
        nlohmann::json p{{"id", Uuid::v7().str()},  {"event_id", event.id},
                         {"attendee_id", attendee}, {"device_id", "kiosk-2-id"},
                         {"method", "qr"},          {"at", atMillis}};
        store.applyRemote("checkin.create", p.dump(), "kiosk-2-id");
    }

    Store store = Store::openInMemory();
    Event event;
    std::string ana, bo, cy;
};

}  // namespace

TEST_F(Attendance, RepeatsAreCountedApartAndUndoneCheckInsLeaveTheList) {
    const std::int64_t t0 = event.startsAt * 1000;
    store.recordCheckIn(event.id, ana, "qr", t0 + 1000);
    store.recordCheckIn(event.id, bo, "search", t0 + 2000);
    auto cyIn = store.recordCheckIn(event.id, cy, "qr", t0 + 3000);
    repeatFromAnotherDevice(ana, t0 + 5000);
    repeatFromAnotherDevice(ana, t0 + 6000);
    store.annulCheckIn(cyIn.checkin.id, "staff", t0 + 7000);

    AttendanceSummary s = summarizeAttendance(store, event.id);
    EXPECT_EQ(s.checkedIn, 2);
    EXPECT_EQ(s.repeats, 2);
    EXPECT_EQ(s.peopleRepeated, 1);
    EXPECT_EQ(s.undone, 1);

    auto rows = attendanceRows(store, event.id);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].attendeeId, ana);  // in the order they arrived
    EXPECT_EQ(rows[0].repeats, 2);
    EXPECT_EQ(rows[0].atMillis, t0 + 1000);
    EXPECT_EQ(rows[1].fullName, "=HYPERLINK(\"http://x\")");
    EXPECT_EQ(rows[1].method, "search");
}

TEST_F(Attendance, TheExportIsPrivateGuardedAndInTheVenuesTime) {
    store.recordCheckIn(event.id, bo, "qr", event.startsAt * 1000 + 90'000);
    TempDir dir;
    std::string error;
    const std::string path = dir.file("attendance.csv");
    ASSERT_TRUE(writeAttendanceCsv(path, attendanceRows(store, event.id), event.timezone, &error))
        << error;
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto doc = readCsv(text.str());
    ASSERT_EQ(doc.records.size(), 2u);
    const auto& row = doc.records[1].fields;
    EXPECT_EQ(row[1], "'=HYPERLINK(\"http://x\")");  // a spreadsheet does not run it
    EXPECT_EQ(row[6], "2026-12-10T13:01:30Z");
    EXPECT_EQ(row[7], "2026-12-10 14:01");  // Madrid
    EXPECT_FALSE(writeAttendanceCsv(dir.file("missing/x.csv"), {}, "UTC", &error));
}
