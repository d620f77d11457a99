// `openhouse` against hostile or careless input (issue 9, items 7 to 9): control characters in
// names are refused at import and printed escaped, `decode` does not hang on a FIFO, the data
// folder and the rejects file are private, and the rejects file is safe to open in a
// spreadsheet and says how to import it again.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

const auto quote = shellQuote;

// The test's umask for the commands it runs (they inherit it), restored afterwards.
class Umask {
  public:
    explicit Umask(mode_t mask) : previous_(::umask(mask)) {}
    ~Umask() { ::umask(previous_); }
    Umask(const Umask&) = delete;
    Umask& operator=(const Umask&) = delete;

  private:
    mode_t previous_;
};

unsigned modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class CliSecurity : public ::testing::Test {
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

    // Renames a person in the central record directly, as a record synced from elsewhere (or
    // imported by an older version) would arrive.
    void renameInCentral(const std::string& email, const std::string& name) {
        auto store = Store::open(dir.file("central.db"));
        auto person = store.attendeeByEmail(store.events().at(0).id, email);
        ASSERT_TRUE(person) << email;
        person->fullName = name;
        store.upsertAttendee(*person);
    }
};

bool hasRawControl(const std::string& text) {
    for (unsigned char c : text)
        if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    return text.find("\xC2\x9B") != std::string::npos;
}

}  // namespace

// ---- 7: control characters ----

TEST_F(CliSecurity, ARosterNameWithEscapesIsRefusedWithLineAndColumnAndNothingRawIsPrinted) {
    initEvent();
    auto roster = writeFile("roster.csv", std::string("Name,Email,Team\n"
                                                      "Ana Lima,ana@example.org,Aurora\n"
                                                      "Eve\x1b]0;pwned\x07 Mallory,eve@example.org,"
                                                      "\x1b[31mRed\n"));
    auto r = run("import-roster " + quote(roster));
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_NE(r.out.find("line 3, column 'Name': control-character: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("U+001B (ESC)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 3, column 'Team': control-character: "), std::string::npos) << r.out;
    EXPECT_FALSE(hasRawControl(r.out)) << r.out;
}

TEST_F(CliSecurity, VerifyPrintsANameWithControlCharactersEscaped) {
    initEvent();
    auto roster = writeFile("roster.csv", "Name,Email,Role\nAna Lima,ana@example.org,intern\n");
    ASSERT_EQ(run("import-roster " + quote(roster)).exitCode, 0);
    renameInCentral("ana@example.org",
                    "Ana\x1b]0;pwned\x07 \xC2\x9B"
                    "31mLima");
    ASSERT_EQ(run("invites").exitCode, 0);
    std::string csv = readFile(dir.file("invites/mail-merge.csv"));
    auto at = csv.find("OH:");
    ASSERT_NE(at, std::string::npos) << csv;
    std::string token = csv.substr(at, csv.find(',', at) - at);

    auto r = run("verify " + quote(token));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("(Ana\\x1b]0;pwned\\x07 \\u009b.,"), std::string::npos) << r.out;
    EXPECT_FALSE(hasRawControl(r.out)) << r.out;
}

// ---- 8: decode on a FIFO ----

TEST_F(CliSecurity, DecodeRefusesAFifoPromptly) {
    const std::string fifo = dir.file("frame.png");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // `timeout` ends a blocked run after a generous minute (exit 124); a refusal is immediate.
    auto r = runCli("timeout 60 " + std::string(OPENHOUSE_CLI_PATH), dir.path(),
                    "decode " + quote(fifo));
    EXPECT_NE(r.exitCode, 124) << "decode blocked on a FIFO for 60 s";
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_NE(r.out.find("FIFO"), std::string::npos) << r.out;
}

// ---- 9: file modes and the rejects file ----

TEST_F(CliSecurity, TheDataFolderAndDevicesAreTheOwnersOnlyWhateverTheUmask) {
    Umask loose(022);
    const std::string home = dir.file("data");
    auto r = runCli(OPENHOUSE_CLI_PATH, home,
                    "init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(modeOf(home), 0700u);
    EXPECT_EQ(modeOf(home + "/devices"), 0700u);
    ASSERT_EQ(runCli(OPENHOUSE_CLI_PATH, home, "enrol --device kiosk-1").exitCode, 0);
    EXPECT_EQ(modeOf(home + "/devices/kiosk-1.db"), 0600u);

    // Folders an earlier version left 0755 are narrowed by the next command.
    ASSERT_EQ(::chmod(home.c_str(), 0755), 0);
    ASSERT_EQ(::chmod((home + "/devices").c_str(), 0755), 0);
    r = runCli(OPENHOUSE_CLI_PATH, home, "status");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(modeOf(home), 0700u);
    EXPECT_EQ(modeOf(home + "/devices"), 0700u);
}

TEST_F(CliSecurity, AnUnrecognisedExistingFolderGivenAsHomeKeepsItsMode) {
    Umask loose(022);
    const std::string shared = dir.file("shared");
    fs::create_directory(shared);
    writeFile("shared/notes.txt", "someone else's");
    ASSERT_EQ(::chmod(shared.c_str(), 0755), 0);
    auto r = runCli(OPENHOUSE_CLI_PATH, shared, "status");
    EXPECT_EQ(modeOf(shared), 0755u) << r.out;
    EXPECT_EQ(modeOf(shared + "/devices"), 0700u);
}

TEST_F(CliSecurity, SkipInvalidWritesAPrivateGuardedRejectsFileAndSaysHowToImportIt) {
    Umask open(0);  // the rejects file must not depend on a careful umask
    initEvent();
    auto roster =
        writeFile("roster.csv",
                  "Name,Email,Team\n"
                  "Ana Lima,ana@example.org,Aurora\n"
                  "\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",bad mail,Aurora\n"
                  "Bo Diaz,bo(at)example.org,@SUM(1+1)\n");
    auto r = run("import-roster --skip-invalid " + quote(roster));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string rejects = roster + ".rejected.csv";
    EXPECT_EQ(modeOf(rejects), 0600u);
    // No temporary file is left next to it.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path())) files += entry.is_regular_file();
    EXPECT_EQ(files, 4) << "roster, rejects, central.db, openhouse.toml (written by init)";

    std::string text = readFile(rejects);
    EXPECT_NE(text.find("\"'=HYPERLINK("), std::string::npos) << text;
    EXPECT_NE(text.find(",'@SUM(1+1)"), std::string::npos) << text;
    EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos) << text;
    EXPECT_EQ(text.find(",@SUM"), std::string::npos) << text;

    // The output says how to bring the rows in once fixed, and that command works.
    const std::string command = "openhouse import-roster " + quote(rejects);
    EXPECT_NE(r.out.find(command), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("apostrophe"), std::string::npos) << r.out;
    // The lead corrects the cells (not the reason column, which quotes them).
    auto replaceCell = [](std::string& csv, const std::string& from, const std::string& to) {
        auto at = csv.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        csv.replace(at, from.size(), to);
    };
    std::string fixed = text;
    replaceCell(fixed, "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\",bad mail,",
                "Hy Perlink,hy@example.org,");
    replaceCell(fixed, ",bo(at)example.org,'@SUM(1+1)", ",bo@example.org,Borealis");
    std::ofstream(rejects, std::ios::binary | std::ios::trunc) << fixed;
    auto again = run(command.substr(std::string("openhouse ").size()));
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_NE(again.out.find("2 new, 0 updated"), std::string::npos) << again.out;
}

TEST_F(CliSecurity, InvitationsFolderAndMailMergeArePrivateWhateverTheUmask) {
    Umask open(0);
    initEvent();
    auto roster = writeFile("roster.csv", "Name,Email\nAna Lima,ana@example.org\n");
    ASSERT_EQ(run("import-roster " + quote(roster)).exitCode, 0);
    auto r = run("invites");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(modeOf(dir.file("invites")), 0700u);
    EXPECT_EQ(modeOf(dir.file("invites/mail-merge.csv")), 0600u);
    EXPECT_NE(readFile(dir.file("invites/mail-merge.csv")).find("OH:"), std::string::npos);
    for (const auto& entry : fs::directory_iterator(dir.file("invites"))) {
        EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
        EXPECT_EQ(modeOf(entry.path().string()), 0600u) << entry.path();
    }
}
