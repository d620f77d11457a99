// The event's setup from the command line, as a new lead meets it: `init` (time zone,
// the commented configuration it writes), `event set`, `status`.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config/config.hpp"
#include "core/store/store.hpp"
#include "tests/unit/cli/cli_under_test.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

class CliEvent : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(cliUnderTest(), dir.path(), args); }

    Event onlyEvent() {
        auto store = Store::open(dir.file("central.db"));
        auto all = store.events();
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? Event{} : all.front();
    }

    std::string readFile(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_F(CliEvent, TimesWithoutAnOffsetAreReadInTheEventsTimeZone) {
    auto r =
        run("init --name 'Demo Day' --starts 2026-12-10T14:00 --ends 2026-12-10T18:30 "
            "--timezone America/New_York");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Event e = onlyEvent();
    EXPECT_EQ(isoUtc(e.startsAt), "2026-12-10T19:00:00Z");  // EST is UTC-5 in December
    EXPECT_EQ(isoUtc(e.endsAt), "2026-12-10T23:30:00Z");
    EXPECT_EQ(e.timezone, "America/New_York");
    EXPECT_TRUE(contains(r.out, "2026-12-10 14:00")) << r.out;  // confirmed in local time
}

TEST_F(CliEvent, TimesWithAnOffsetKeepIt) {
    auto r =
        run("init --name 'Demo Day' --starts 2026-07-01T09:00+02:00 --ends 2026-07-01T17:00Z "
            "--timezone Europe/Madrid");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Event e = onlyEvent();
    EXPECT_EQ(isoUtc(e.startsAt), "2026-07-01T07:00:00Z");
    EXPECT_EQ(isoUtc(e.endsAt), "2026-07-01T17:00:00Z");
}

TEST_F(CliEvent, AMisspeltTimeZoneIsRefusedWithASuggestionAndNothingIsCreated) {
    auto r =
        run("init --name 'Demo Day' --starts 2026-12-10T14:00 --ends 2026-12-10T18:00 "
            "--timezone America/New_Yrok");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "America/New_Yrok")) << r.out;
    EXPECT_TRUE(contains(r.out, "America/New_York")) << r.out;  // did you mean
    EXPECT_FALSE(fs::exists(dir.file("central.db")));
    EXPECT_FALSE(fs::exists(dir.file("keys")));
}

TEST_F(CliEvent, InitWritesAPrivateCommentedConfigurationThatLoadsBack) {
    auto r = run("init --name 'Demo Day' --starts 2026-12-10T14:00Z --ends 2026-12-10T18:00Z");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string path = dir.file("openhouse.toml");
    ASSERT_TRUE(fs::exists(path)) << r.out;
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    const std::string text = readFile(path);
    EXPECT_TRUE(contains(text, "lead_pin_hash = \"\"")) << text;
    EXPECT_TRUE(contains(text, "openhouse pin-hash")) << text;
    ConfigResult loaded = loadConfig(path);
    ASSERT_TRUE(loaded.config) << (loaded.errors.empty() ? "" : loaded.errors.front());
    EXPECT_EQ(fs::path(loaded.config->home), fs::absolute(dir.path()));
    EXPECT_TRUE(contains(r.out, "openhouse.toml")) << r.out;
    EXPECT_TRUE(contains(r.out, "pin-hash")) << r.out;
    // And every command reads it back without complaint.
    EXPECT_EQ(run("status").exitCode, 0);
}

TEST_F(CliEvent, InitNeverOverwritesAnExistingConfiguration) {
    const std::string mine = "[kiosk]\nlanguage = \"es\"\n";
    std::ofstream(dir.file("openhouse.toml")) << mine;
    auto r = run("init --name 'Demo Day' --starts 2026-12-10T14:00Z --ends 2026-12-10T18:00Z");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(readFile(dir.file("openhouse.toml")), mine);
}

TEST_F(CliEvent, InitAgainSaysThereIsAnEventAndPointsToEventSet) {
    ASSERT_EQ(run("init --name A --starts 2026-12-10T14:00Z --ends 2026-12-10T18:00Z").exitCode, 0);
    auto r = run("init --name B --starts 2026-12-11T14:00Z --ends 2026-12-11T18:00Z");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "openhouse event set")) << r.out;
    EXPECT_EQ(onlyEvent().name, "A");
    auto second =
        run("init --another --name B --starts 2026-12-11T14:00Z --ends 2026-12-11T18:00Z");
    EXPECT_EQ(second.exitCode, 0) << second.out;
}

TEST_F(CliEvent, EventSetChangesOnlyWhatIsGivenAndRecordsItForSync) {
    ASSERT_EQ(run("init --name 'Demo Dya' --starts 2026-12-10T14:00 --ends 2026-12-10T18:00 "
                  "--timezone Europe/Madrid --budget 3")
                  .exitCode,
              0);
    std::int64_t outboxBefore = 0;
    {
        auto store = Store::open(dir.file("central.db"));
        outboxBefore = store.outboxBacklog();
    }
    auto r = run("event set --name 'Demo Day' --venue 'Hall 2' --ends 2026-12-10T19:00 --budget 4");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    Event e = onlyEvent();
    EXPECT_EQ(e.name, "Demo Day");
    EXPECT_EQ(e.venue, "Hall 2");
    EXPECT_EQ(e.slotBudget, 4);
    EXPECT_EQ(isoUtc(e.startsAt), "2026-12-10T13:00:00Z");  // unchanged
    EXPECT_EQ(isoUtc(e.endsAt), "2026-12-10T18:00:00Z");    // 19:00 in Madrid (UTC+1)
    auto store = Store::open(dir.file("central.db"));
    EXPECT_EQ(store.outboxBacklog(), outboxBefore + 1);  // one event.upsert to sync
    auto audit = store.auditLog(5);
    EXPECT_TRUE(std::any_of(audit.begin(), audit.end(),
                            [](const AuditEntry& a) { return a.action == "event.set"; }));
}

TEST_F(CliEvent, EventSetRefusesAnUnknownZoneAndEndsBeforeStartsChangingNothing) {
    ASSERT_EQ(run("init --name A --starts 2026-12-10T14:00Z --ends 2026-12-10T18:00Z").exitCode, 0);
    EXPECT_EQ(run("event set --timezone Mars/Olympus").exitCode, 2);
    EXPECT_EQ(run("event set --ends 2026-12-10T13:00Z").exitCode, 2);
    Event e = onlyEvent();
    EXPECT_EQ(e.timezone, "UTC");
    EXPECT_EQ(isoUtc(e.endsAt), "2026-12-10T18:00:00Z");
}

// An event made before zones were checked may hold a misspelt one: status says so.
TEST_F(CliEvent, StatusNamesAStoredTimeZoneThatDoesNotExistAndHowToFixIt) {
    ASSERT_EQ(run("init --name A --starts 2026-12-10T14:00Z --ends 2026-12-10T18:00Z").exitCode, 0);
    {
        auto store = Store::open(dir.file("central.db"));
        Event e = store.events().at(0);
        e.timezone = "America/New_Yrok";
        store.saveEvent(e);
    }
    auto r = run("status");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "'America/New_Yrok' does not exist")) << r.out;
    EXPECT_TRUE(contains(r.out, "event set --timezone")) << r.out;
    EXPECT_TRUE(contains(r.out, "2026-12-10T14:00:00Z")) << r.out;
    EXPECT_EQ(run("event set --timezone America/New_York").exitCode, 0);
    EXPECT_EQ(onlyEvent().timezone, "America/New_York");
}
