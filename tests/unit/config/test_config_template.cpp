// The commented openhouse.toml `openhouse init` writes: it parses back to the defaults, and it
// shows every key the configuration knows.
#include <gtest/gtest.h>

#include "core/config/config.hpp"

using namespace oh;

TEST(ConfigTemplate, TheWrittenConfigurationParsesBackToTheDefaults) {
    const std::string text = defaultConfigText("/srv/open \"house\"", "0192-event");
    ConfigResult r = parseConfig(text, "openhouse.toml");
    ASSERT_TRUE(r.config) << (r.errors.empty() ? "" : r.errors.front()) << "\n" << text;
    const Config d;
    const Config& c = *r.config;
    EXPECT_EQ(c.home, "/srv/open \"house\"");
    EXPECT_EQ(c.deviceName, d.deviceName);
    EXPECT_EQ(c.eventId, d.eventId);
    EXPECT_EQ(c.sync.central, d.sync.central);
    EXPECT_EQ(c.sync.batchSize, d.sync.batchSize);
    EXPECT_EQ(c.sync.maxBackoffSeconds, d.sync.maxBackoffSeconds);
    EXPECT_EQ(c.kiosk.language, d.kiosk.language);
    EXPECT_EQ(c.kiosk.idleTimeoutSeconds, d.kiosk.idleTimeoutSeconds);
    EXPECT_EQ(c.kiosk.printer, d.kiosk.printer);
    EXPECT_EQ(c.kiosk.spoolDir, d.kiosk.spoolDir);
    EXPECT_EQ(c.kiosk.badgeSize, d.kiosk.badgeSize);
    EXPECT_EQ(c.kiosk.leadPinHash, d.kiosk.leadPinHash);
    EXPECT_EQ(c.kiosk.staffPinHash, d.kiosk.staffPinHash);
    EXPECT_EQ(c.kiosk.privacyNotice, d.kiosk.privacyNotice);
    EXPECT_EQ(c.conversion.quorum, d.conversion.quorum);
    EXPECT_DOUBLE_EQ(c.conversion.bar, d.conversion.bar);
    EXPECT_DOUBLE_EQ(c.conversion.encoreMargin, d.conversion.encoreMargin);
    EXPECT_EQ(c.conversion.requireImpact, d.conversion.requireImpact);
    EXPECT_DOUBLE_EQ(c.conversion.minPeerRating, d.conversion.minPeerRating);
    EXPECT_EQ(c.conversion.minPeerCount, d.conversion.minPeerCount);
    EXPECT_EQ(c.conversion.fairnessMinCell, d.conversion.fairnessMinCell);
    EXPECT_EQ(c.invitations.validBeforeStartHours, d.invitations.validBeforeStartHours);
    EXPECT_EQ(c.invitations.validAfterEndHours, d.invitations.validAfterEndHours);
}

// A key added to the configuration later must be added to the written file too.
TEST(ConfigTemplate, EveryKnownKeyIsShownWithItsComment) {
    const std::string text = defaultConfigText("/data", "e");
    for (const std::string& path : configKeys()) {
        const std::string key = path.substr(path.rfind('.') + 1);
        const std::string table =
            path.find('.') == std::string::npos ? "" : "[" + path.substr(0, path.find('.')) + "]";
        std::size_t from = table.empty() ? 0 : text.find(table);
        ASSERT_NE(from, std::string::npos) << table;
        std::size_t at = text.find("\n" + key + " = ", from);
        if (at == std::string::npos) at = text.find("\n# " + key + " = ", from);
        if (at == std::string::npos && from == 0 && text.find(key + " = ") == 0) at = 0;
        EXPECT_NE(at, std::string::npos) << path;
    }
}

TEST(ConfigTemplate, InvitationMarginsAreReadAndCheckedForRange) {
    auto r = parseConfig(
        "[invitations]\nvalid_before_start_hours = 48\nvalid_after_end_hours = 0\n", "t.toml");
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->invitations.validBeforeStartHours, 48);
    EXPECT_EQ(r.config->invitations.validAfterEndHours, 0);
    auto bad = parseConfig("[invitations]\nvalid_before_start_hours = -1\n", "t.toml");
    ASSERT_FALSE(bad.config);
    EXPECT_NE(bad.errors.front().find("t.toml:2"), std::string::npos) << bad.errors.front();
}
