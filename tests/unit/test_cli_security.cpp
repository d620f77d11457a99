// `openhouse` against hostile or careless input (issue 9): control characters in names are
// refused at import and printed escaped, and `decode` does not hang on a FIFO.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;
namespace fs = std::filesystem;

namespace {

const auto quote = shellQuote;

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
