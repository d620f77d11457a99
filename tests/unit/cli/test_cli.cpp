// End-to-end tests of the `openhouse` program: the commands a lead runs,
// their output, exit codes, and what they leave in the stores.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

const auto quote = shellQuote;

class Cli : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir.path(), args); }

    std::string writeFile(const std::string& name, const std::string& content) {
        std::string path = dir.file(name);
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

    void initEvent() {
        auto r =
            run("init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z "
                "--budget 3");
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    std::string roster() {
        return writeFile("roster.csv",
                         "Name,Email,Role,Team\n"
                         "Ana Lima,ana@example.org,intern,Aurora\n"
                         "ليلى الحسن,layla@example.org,guest,\n"
                         "Sofia Rossi,sofia@example.org,judge,\n");
    }

    std::int64_t centralCount(const std::string& sqlText) {
        auto store = Store::open(dir.file("central.db"));
        auto s = store.db().prepare(sqlText);
        s.step();
        return s.int64(0);
    }
};

}  // namespace

TEST_F(Cli, HelpListsEverySubcommandAndExitCodes) {
    auto r = run("--help");
    EXPECT_EQ(r.exitCode, 0);
    for (const char* cmd : {"init", "import-roster", "invites", "verify", "decode", "checkin",
                            "status", "enrol", "Exit codes"})
        EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
}

TEST_F(Cli, UnknownOptionIsAUsageErrorOnOneLine) {
    auto r = run("init --name X --starts 2026-01-01 --ends 2026-01-02 --bogus");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_NE(r.out.find("openhouse: error:"), std::string::npos);
}

TEST_F(Cli, BadDatesAreRefusedWithTheFix) {
    auto r = run("init --name X --starts tomorrow --ends 2026-01-02");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("--starts 'tomorrow' is not a date-time"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir.file("central.db")) && centralCount("SELECT count(*) FROM events"));
}

TEST_F(Cli, InvitationsDecodeVerifyAndCheckInOnce) {
    initEvent();
    auto imported = run("import-roster " + quote(roster()));
    ASSERT_EQ(imported.exitCode, 0) << imported.out;
    EXPECT_NE(imported.out.find("3 new"), std::string::npos) << imported.out;
    auto invites = run("invites");
    ASSERT_EQ(invites.exitCode, 0) << invites.out;

    std::vector<std::string> pngs;
    for (const auto& entry : fs::directory_iterator(dir.file("invites")))
        if (entry.path().extension() == ".png") pngs.push_back(entry.path());
    ASSERT_EQ(pngs.size(), 3u);
    struct stat st {};
    ::stat(pngs[0].c_str(), &st);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_TRUE(fs::exists(dir.file("invites/invites.pdf")));
    EXPECT_TRUE(fs::exists(dir.file("invites/mail-merge.csv")));

    auto decoded = run("decode " + quote(pngs[0]));
    ASSERT_EQ(decoded.exitCode, 0) << decoded.out;
    std::string token = decoded.out.substr(0, decoded.out.find('\n'));
    ASSERT_EQ(token.rfind("OH:", 0), 0u) << token;
    // The mail-merge CSV carries the same token for that attendee.
    std::ifstream csv(dir.file("invites/mail-merge.csv"));
    std::string all((std::istreambuf_iterator<char>(csv)), {});
    EXPECT_NE(all.find(token), std::string::npos);

    auto verified = run("verify " + token);
    EXPECT_EQ(verified.exitCode, 0) << verified.out;
    EXPECT_EQ(verified.out.rfind("ok:", 0), 0u) << verified.out;

    ASSERT_EQ(run("enrol --device kiosk-1").exitCode, 0);
    auto first = run("checkin " + token + " --device kiosk-1");
    EXPECT_EQ(first.exitCode, 0) << first.out;
    EXPECT_EQ(first.out.rfind("ok:", 0), 0u) << first.out;
    auto second = run("checkin " + token + " --device kiosk-1");
    EXPECT_EQ(second.exitCode, 1);
    EXPECT_NE(second.out.find("already-checked-in"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("on kiosk-1"), std::string::npos) << second.out;
    auto device = Store::open(dir.file("devices/kiosk-1.db"));
    EXPECT_EQ(device.countCheckIns(device.events().at(0).id), 1);
}

TEST_F(Cli, ForgedAndForeignCodesAreRejectedWithTheirReason) {
    initEvent();
    ASSERT_EQ(run("import-roster " + quote(roster())).exitCode, 0);
    ASSERT_EQ(run("invites").exitCode, 0);
    ASSERT_EQ(run("enrol --device kiosk-1").exitCode, 0);
    std::ifstream csv(dir.file("invites/mail-merge.csv"));
    std::string all((std::istreambuf_iterator<char>(csv)), {});
    auto at = all.find("OH:");
    std::string token = all.substr(at, 184);
    std::string forged = token;
    forged[60] = forged[60] == 'A' ? 'B' : 'A';

    auto r = run("verify " + forged);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.out.rfind("bad-signature:", 0), 0u) << r.out;
    r = run("checkin " + forged + " --device kiosk-1");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.out.rfind("bad-signature:", 0), 0u) << r.out;
    r = run("checkin NOT-A-CODE --device kiosk-1");
    EXPECT_EQ(r.out.rfind("malformed:", 0), 0u) << r.out;
    auto device = Store::open(dir.file("devices/kiosk-1.db"));
    EXPECT_EQ(device.countCheckIns(device.events().at(0).id), 0);
}

TEST_F(Cli, ABrokenRosterChangesNothingAndListsEveryProblem) {
    initEvent();
    auto bad = writeFile("bad.csv",
                         "Name,Email,Role\n"
                         "Ana Lima,ana@example.org,intern\n"
                         ",nobody@example.org,guest\n"
                         "Bo,not-an-email,guest\n"
                         "Cy,cy@example.org,astronaut\n");
    auto dry = run("import-roster --dry-run " + quote(bad));
    EXPECT_EQ(dry.exitCode, 3);
    EXPECT_NE(dry.out.find("line 3"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("missing-name"), std::string::npos);
    EXPECT_NE(dry.out.find("invalid-email"), std::string::npos);
    EXPECT_NE(dry.out.find("unknown-role"), std::string::npos);

    auto real = run("import-roster " + quote(bad));
    EXPECT_EQ(real.exitCode, 3);
    EXPECT_NE(real.out.find("nothing was imported"), std::string::npos) << real.out;
    EXPECT_EQ(centralCount("SELECT count(*) FROM attendees"), 0);

    auto skip = run("import-roster --skip-invalid --rejects " + quote(dir.file("rej.csv")) + " " +
                    quote(bad));
    EXPECT_EQ(skip.exitCode, 0) << skip.out;
    EXPECT_EQ(centralCount("SELECT count(*) FROM attendees"), 1);
    std::ifstream rej(dir.file("rej.csv"));
    std::string rejected((std::istreambuf_iterator<char>(rej)), {});
    EXPECT_NE(rejected.find("not-an-email"), std::string::npos);
    EXPECT_NE(rejected.find("astronaut"), std::string::npos);
    EXPECT_EQ(rejected.find("ana@example.org"), std::string::npos);
}

TEST_F(Cli, ReimportIsIdempotentAndUpdatesChangedFields) {
    initEvent();
    ASSERT_EQ(run("import-roster " + quote(roster())).exitCode, 0);
    auto again = run("import-roster " + quote(roster()));
    EXPECT_NE(again.out.find("0 new, 0 updated, 3 unchanged"), std::string::npos) << again.out;
    auto changed = writeFile("changed.csv",
                             "Name,Email,Role,Team\n"
                             "Ana Lima,ANA@example.org,intern,Borealis\n");
    auto r = run("import-roster " + quote(changed));
    EXPECT_NE(r.out.find("0 new, 1 updated"), std::string::npos) << r.out;
    EXPECT_EQ(centralCount("SELECT count(*) FROM attendees"), 3);
    EXPECT_EQ(centralCount("SELECT count(*) FROM attendees WHERE team = 'Borealis'"), 1);
}

TEST_F(Cli, DecodeFailsClearlyOnImagesWithoutACode) {
    auto text = writeFile("notes.png", "this is not a png");
    auto r = run("decode " + quote(text));
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_NE(r.out.find("notes.png"), std::string::npos) << r.out;
    EXPECT_EQ(run("decode " + quote(dir.file("missing.png"))).exitCode, 3);
}

TEST_F(Cli, ACentralRecordFromANewerVersionIsAStoreError) {
    initEvent();
    {
        auto store = Store::open(dir.file("central.db"));
        store.db().setUserVersion(42);
    }
    auto r = run("status");
    EXPECT_EQ(r.exitCode, 4);
    EXPECT_NE(r.out.find("newer Openhouse"), std::string::npos) << r.out;
}

TEST_F(Cli, CheckInOnAnUnenrolledDeviceSaysHowToEnrol) {
    auto r = run("checkin OH:AAAA --device kiosk-9");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("openhouse enrol --device kiosk-9"), std::string::npos) << r.out;
}

TEST_F(Cli, WrongConfigurationStopsEveryCommandWithAllProblems) {
    auto config =
        writeFile("openhouse.toml", "[kiosk]\nidle_timout_seconds = 30\nbadge_size = \"huge\"\n");
    auto r = run("--config " + quote(config) + " status");
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("did you mean 'kiosk.idle_timeout_seconds'"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("kiosk.badge_size must be one of"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir.file("central.db")));
}

TEST_F(Cli, PinHashPrintsAnArgon2HashNeverThePin) {
    std::string cmd = "echo 482913 | " + std::string(OPENHOUSE_CLI_PATH) + " pin-hash";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    char buf[512] = {};
    std::size_t n = std::fread(buf, 1, sizeof buf - 1, pipe);
    EXPECT_EQ(WEXITSTATUS(::pclose(pipe)), 0);
    std::string out(buf, n);
    EXPECT_EQ(out.rfind("$argon2id$", 0), 0u) << out;
    EXPECT_EQ(out.find("482913"), std::string::npos);
    EXPECT_EQ(run("pin-hash < /dev/null").exitCode, 2);
}
