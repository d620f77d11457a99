// The record kinds' one table: names round-trip, and the kinds a device may
// push are the ones the PostgreSQL central's push gate lets a device push
// (core/central/sql/functions/oh_push_gate.sql), so the two lists cannot drift.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "core/model/record_kind.hpp"

using namespace oh;

namespace {

std::string readSourceFile(const std::string& relativePath) {
    std::ifstream in(std::string(OPENHOUSE_SOURCE_DIR) + "/" + relativePath);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The quoted names in the first `<anchor> ( '...', '...' )` of the SQL text.
std::set<std::string> quotedListAfter(const std::string& sqlText, const std::string& anchor) {
    const auto start = sqlText.find(anchor);
    if (start == std::string::npos) return {};
    const auto end = sqlText.find(')', start);
    const std::string list = sqlText.substr(start, end - start);
    std::set<std::string> names;
    const std::regex quoted("'([^']*)'");
    for (std::sregex_iterator it(list.begin(), list.end(), quoted), last; it != last; ++it)
        names.insert((*it)[1].str());
    return names;
}

TEST(RecordKind, EveryNameParsesBackToItsKind) {
    std::set<std::string> names;
    for (const auto& info : kRecordKinds) {
        EXPECT_EQ(parseRecordKind(info.name), info.kind) << info.name;
        EXPECT_STREQ(recordKindName(info.kind), info.name);
        names.insert(info.name);
    }
    EXPECT_EQ(names.size(), std::size(kRecordKinds));  // no name twice
}

TEST(RecordKind, TheWireNamesAreTheReleasedOnes) {
    EXPECT_STREQ(recordKindName(RecordKind::CheckInCreate), "checkin.create");
    EXPECT_STREQ(recordKindName(RecordKind::EventKeyAdd), "event_key.add");
    EXPECT_STREQ(recordKindName(RecordKind::DeviceRevoke), "device.revoke");
    EXPECT_STREQ(recordKindName(RecordKind::SlotState), "slot.state");
    EXPECT_STREQ(recordKindName(RecordKind::DeviceHealth), "device.health");
    EXPECT_STREQ(recordKindName(RecordKind::EncoreUpsert), "encore.upsert");
    EXPECT_EQ(std::size(kRecordKinds), 16u);
}

TEST(RecordKind, AnUnknownNameIsNoKind) {
    EXPECT_EQ(parseRecordKind("checkin.delete"), std::nullopt);
    EXPECT_EQ(parseRecordKind(""), std::nullopt);
    EXPECT_EQ(parseRecordKind("Checkin.Create"), std::nullopt);
    EXPECT_EQ(parseRecordKind("checkin.create "), std::nullopt);
}

TEST(RecordKind, DeviceKindsAreTheOnesThePostgresPushGateLetsADevicePush) {
    const std::string gate = readSourceFile("core/central/sql/functions/oh_push_gate.sql");
    ASSERT_FALSE(gate.empty()) << "cannot read oh_push_gate.sql";
    // The gate refuses a device any kind outside this list.
    ASSERT_NE(gate.find("is for the program team, not a device"), std::string::npos);
    const auto sqlDeviceKinds = quotedListAfter(gate, "e.kind NOT IN (");
    std::set<std::string> cppDeviceKinds;
    for (const auto& info : kRecordKinds)
        if (info.device) cppDeviceKinds.insert(info.name);
    EXPECT_EQ(cppDeviceKinds, sqlDeviceKinds);
}

TEST(RecordKind, EveryKindThePostgresPushAcceptsIsInTheTable) {
    // device.register and device.revoke reach the PostgreSQL feed through
    // their own functions, not oh_push, so its list is a subset of the table.
    const std::string apply = readSourceFile("core/central/sql/functions/oh_push_apply.sql");
    const auto pushable = quotedListAfter(apply, "x.kind NOT IN (");
    ASSERT_FALSE(pushable.empty()) << "cannot find oh_push_apply's list of kinds";
    for (const auto& name : pushable) EXPECT_TRUE(parseRecordKind(name)) << name;
}

}  // namespace
