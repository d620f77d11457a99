// The door's admin and kiosk commands end to end on the embedded central:
// `sync status` on a kiosk home that has no central (it must create nothing
// and say what is wrong), the last error with its time, `sync devices`, and
// `person block|unblock|revoke`.
#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

class DoorCli : public testing::Test {
  protected:
    TempDir dir_;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir_.path(), args); }
    CliRun runIn(const std::string& home, const std::string& args) {
        return runCli(OPENHOUSE_CLI_PATH, home, args);
    }

    // init, a roster of two, their invitations, kiosk-1 enrolled; Ana's code.
    std::string setUpEvent() {
        EXPECT_EQ(
            run("init --name Demo --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z").exitCode,
            0);
        std::ofstream(dir_.file("roster.csv"))
            << "Name,Email,Role\nAna Lima,ana@example.org,intern\n"
               "Bo Chen,bo@example.org,guest\n";
        EXPECT_EQ(run("import-roster '" + dir_.file("roster.csv") + "'").exitCode, 0);
        EXPECT_EQ(run("invites --out '" + dir_.file("inv") + "'").exitCode, 0);
        EXPECT_EQ(run("enrol --device kiosk-1").exitCode, 0);
        // Ana's code: on her line of the mail-merge file, wherever the column is.
        std::ifstream csv(dir_.file("inv/mail-merge.csv"));
        std::smatch m;
        for (std::string line; std::getline(csv, line);)
            if (line.find("ana@example.org") != std::string::npos &&
                std::regex_search(line, m, std::regex("OH:[A-Za-z0-9_-]+")))
                return m.str();
        ADD_FAILURE() << "no code for ana@example.org in the mail-merge file";
        return {};
    }
};

TEST_F(DoorCli, SyncStatusOnAKioskHomeWithoutACentralCreatesNothingAndSaysWhy) {
    setUpEvent();
    // The kiosk laptop: its store, no central.db, no --central.
    const std::string kiosk = dir_.file("kiosk-home");
    std::filesystem::create_directories(kiosk + "/devices");
    std::filesystem::copy_file(dir_.file("devices/kiosk-1.db"), kiosk + "/devices/kiosk-1.db");

    auto status = runIn(kiosk, "sync status --device kiosk-1");
    EXPECT_EQ(status.exitCode, 1) << status.out;
    EXPECT_NE(status.out.find("reachable     no"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("no central record"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("--central"), std::string::npos) << status.out;
    EXPECT_FALSE(std::filesystem::exists(kiosk + "/central.db")) << "a status created a central";

    auto once = runIn(kiosk, "sync --once --device kiosk-1");
    EXPECT_EQ(once.exitCode, 1) << once.out;
    EXPECT_EQ(once.out.find("FOREIGN KEY"), std::string::npos) << once.out;
    EXPECT_NE(once.out.find("no central record"), std::string::npos) << once.out;
    EXPECT_FALSE(std::filesystem::exists(kiosk + "/central.db"));

    // The failure is the last error, with its time; a good round clears it.
    status = runIn(kiosk, "sync status --device kiosk-1");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(status.out, m,
                                  std::regex("last error    \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z?: "
                                             "cannot open the central: there is no central")))
        << status.out;
    auto good = runIn(
        kiosk, "sync --once --device kiosk-1 --central 'sqlite:" + dir_.file("central.db") + "'");
    EXPECT_EQ(good.exitCode, 0) << good.out;
    status = runIn(
        kiosk, "sync status --device kiosk-1 --central 'sqlite:" + dir_.file("central.db") + "'");
    EXPECT_EQ(status.exitCode, 0) << status.out;
    EXPECT_NE(status.out.find("last error    -"), std::string::npos) << status.out;
    EXPECT_TRUE(std::regex_search(status.out, std::regex("clock offset  [+-]\\d+\\.\\d s")))
        << status.out;
}

TEST_F(DoorCli, AFailedPostgresConnectionIsTheLastErrorUntilTheNextSuccess) {
    setUpEvent();
    auto away = run("sync --once --device kiosk-1 --central postgresql://127.0.0.1:1/x");
    EXPECT_EQ(away.exitCode, 1) << away.out;
    auto status = run("sync status --device kiosk-1");
    EXPECT_EQ(status.out.find("last error    -"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("cannot open the central"), std::string::npos) << status.out;
    ASSERT_EQ(run("sync --once --device kiosk-1").exitCode, 0);
    status = run("sync status --device kiosk-1");
    EXPECT_NE(status.out.find("last error    -"), std::string::npos) << status.out;
}

TEST_F(DoorCli, SyncDevicesListsEachDeviceWithLastSeenAndRevocation) {
    setUpEvent();
    ASSERT_EQ(run("enrol --device kiosk-2").exitCode, 0);
    ASSERT_EQ(run("sync --once --device kiosk-1").exitCode, 0);
    ASSERT_EQ(run("device revoke kiosk-2").exitCode, 0);
    auto list = run("sync devices");
    EXPECT_EQ(list.exitCode, 0) << list.out;
    EXPECT_NE(list.out.find("2 devices of Demo"), std::string::npos) << list.out;
    EXPECT_TRUE(
        std::regex_search(list.out, std::regex("kiosk-1 +[0-9a-f-]{36} +\\d{4}-[^ ]+ +\\d+ +ok")))
        << list.out;
    EXPECT_TRUE(std::regex_search(list.out, std::regex("kiosk-2 +[0-9a-f-]{36} +- +0 +revoked")))
        << list.out;
}

TEST_F(DoorCli, PersonBlockRevokeAndUnblockReachTheKioskAndAreAudited) {
    const std::string ana = setUpEvent();
    ASSERT_FALSE(ana.empty());
    auto block = run("person block ana@example.org --reason 'asked by the lead'");
    ASSERT_EQ(block.exitCode, 0) << block.out;
    EXPECT_EQ(block.out.find("Ana"), std::string::npos) << "no names in the output";
    ASSERT_EQ(run("sync --once --device kiosk-1").exitCode, 0);
    auto refused = run("checkin " + ana + " --device kiosk-1");
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.out.find("blocked"), std::string::npos) << refused.out;

    auto notHers = run("person revoke bo@example.org --token " + ana);
    EXPECT_NE(notHers.exitCode, 0);
    EXPECT_NE(notHers.out.find("belongs to someone else"), std::string::npos) << notHers.out;
    EXPECT_NE(run("person revoke ana@example.org").exitCode, 0) << "which code?";
    auto revoke = run("person revoke ana@example.org --token " + ana + " --reason leaked");
    ASSERT_EQ(revoke.exitCode, 0) << revoke.out;
    ASSERT_EQ(run("person unblock ana@example.org").exitCode, 0);
    ASSERT_EQ(run("sync --once --device kiosk-1").exitCode, 0);
    auto revoked = run("checkin " + ana + " --device kiosk-1");
    EXPECT_EQ(revoked.exitCode, 1);
    EXPECT_NE(revoked.out.find("revoked"), std::string::npos) << revoked.out;
    EXPECT_NE(run("person block nobody@example.org").exitCode, 0);

    Store central = Store::open(dir_.file("central.db"));
    int audited = 0;
    for (const auto& e : central.auditLog(50))
        audited += e.action == "person.block" || e.action == "person.unblock" ||
                   e.action == "token.revoke";
    EXPECT_EQ(audited, 3);
}

}  // namespace
