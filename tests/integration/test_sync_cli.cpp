// The command line end to end on the embedded central: init, roster, two
// enrolled kiosks, a check-in on one, `openhouse sync --once` on both, and the
// other kiosk then answers "already checked in ... on kiosk-1"; `sync status`.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class SyncCli : public testing::Test {
  protected:
    TempDir dir_;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir_.path(), args); }
};

TEST_F(SyncCli, ACheckInOnOneKioskIsKnownOnTheOtherAfterSyncOnce) {
    ASSERT_EQ(run("init --name Demo --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z").exitCode,
              0);
    std::ofstream(dir_.file("roster.csv")) << "Name,Email,Role\nAna Lima,ana@example.org,intern\n"
                                              "Bo Chen,bo@example.org,guest\n";
    ASSERT_EQ(run("import-roster '" + dir_.file("roster.csv") + "'").exitCode, 0);
    ASSERT_EQ(run("invites --out '" + dir_.file("inv") + "'").exitCode, 0);
    std::ifstream csv(dir_.file("inv/mail-merge.csv"));
    std::string all((std::istreambuf_iterator<char>(csv)), {});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(all, m, std::regex("OH:[A-Za-z0-9_-]+"))) << all;
    std::string token = m.str();
    ASSERT_EQ(run("enrol --device kiosk-1").exitCode, 0);
    ASSERT_EQ(run("enrol --device kiosk-2").exitCode, 0);

    auto first = run("checkin " + token + " --device kiosk-1");
    ASSERT_EQ(first.exitCode, 0) << first.out;
    auto push = run("sync --once --device kiosk-1");
    ASSERT_EQ(push.exitCode, 0) << push.out;
    // The check-in and the device's own health report (for the lead's dashboard).
    EXPECT_NE(push.out.find("pushed 2 (0 duplicates, 0 refused)"), std::string::npos) << push.out;
    auto pull = run("sync --once --device kiosk-2");
    ASSERT_EQ(pull.exitCode, 0) << pull.out;

    auto second = run("checkin " + token + " --device kiosk-2");
    EXPECT_EQ(second.exitCode, 1) << second.out;
    EXPECT_NE(second.out.find("already-checked-in"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("on kiosk-1"), std::string::npos) << second.out;

    auto status = run("sync status --device kiosk-2");
    EXPECT_EQ(status.exitCode, 0) << status.out;
    EXPECT_NE(status.out.find("backlog       0 outbox entries"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("reachable     yes"), std::string::npos) << status.out;
    EXPECT_EQ(status.out.find("ana@example.org"), std::string::npos) << "no personal data";
    EXPECT_EQ(push.out.find("Ana"), std::string::npos) << "no personal data in sync logs";

    auto away = run("sync status --device kiosk-2 --central postgresql://127.0.0.1:1/x");
    EXPECT_EQ(away.exitCode, 1);
    EXPECT_NE(away.out.find("reachable     no"), std::string::npos) << away.out;
}

// A lost laptop: `openhouse device revoke kiosk-1` refuses its sync from then
// on, while the other kiosk syncs as before; a name never enrolled is an error.
TEST_F(SyncCli, DeviceRevokeRefusesTheRevokedKioskOnlyAndNamesUnknownOnes) {
    ASSERT_EQ(run("init --name Demo --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z").exitCode,
              0);
    ASSERT_EQ(run("enrol --device kiosk-1").exitCode, 0);
    ASSERT_EQ(run("enrol --device kiosk-2").exitCode, 0);
    ASSERT_EQ(run("sync --once --device kiosk-1").exitCode, 0);

    auto revoke = run("device revoke kiosk-1");
    EXPECT_EQ(revoke.exitCode, 0) << revoke.out;
    EXPECT_NE(revoke.out.find("revoked"), std::string::npos) << revoke.out;

    auto refused = run("sync --once --device kiosk-1");
    EXPECT_NE(refused.exitCode, 0) << refused.out;
    EXPECT_NE(refused.out.find("is revoked"), std::string::npos) << refused.out;
    auto other = run("sync --once --device kiosk-2");
    EXPECT_EQ(other.exitCode, 0) << other.out;

    auto unknown = run("device revoke kiosk-9");
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_NE(unknown.out.find("no device named kiosk-9"), std::string::npos) << unknown.out;
}

}  // namespace
