// Issued slots end to end through `openhouse` on the embedded central: the lead issues what
// the rules select, lists the slots, acts on them (a revoke needs a reason; a final state
// takes no act), grants one by hand from the pool, and the offer-slot list shows each slot's
// state and log.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <sys/stat.h>

#include "core/identity/keystore.hpp"
#include "core/identity/slot_code.hpp"
#include "core/store/store.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const std::string kAssets = std::string(OPENHOUSE_TEST_DATA) + "/../../assets/demo";

class CliSlotIssue : public ::testing::Test {
  protected:
    TempDir dir;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir.path(), args); }

    void SetUp() override {
        auto r =
            run("init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z "
                "--budget 3");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        ASSERT_EQ(run("import-roster " + shellQuote(kAssets + "/roster.csv")).exitCode, 0);
        ASSERT_EQ(run("import-judging --levels " + shellQuote(kAssets + "/judging.csv")).exitCode,
                  0);
    }

    // The slot ids `slots --issued` lists, in its order.
    std::vector<std::string> slotIds(const std::string& state) {
        std::vector<std::string> ids;
        const std::string out = run("slots --issued").out;
        const std::regex line("  ([0-9a-f-]{36}) " + state + " ");
        for (auto it = std::sregex_iterator(out.begin(), out.end(), line);
             it != std::sregex_iterator(); ++it)
            ids.push_back((*it)[1]);
        return ids;
    }

    std::string exported() {
        const std::string path = dir.file("slots.csv");
        EXPECT_EQ(run("slots --out " + shellQuote(path)).exitCode, 0);
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }
};

TEST_F(CliSlotIssue, TheLeadIssuesWhatTheRulesSelectOnceAndTheListShowsIt) {
    auto r = run("slots --issue");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto issued = slotIds("issued");
    ASSERT_GE(issued.size(), 1u) << r.out;
    EXPECT_LE(issued.size(), 3u);
    EXPECT_NE(r.out.find(std::to_string(issued.size()) + " slots issued"), std::string::npos)
        << r.out;
    r = run("slots --issue");
    EXPECT_NE(r.out.find("0 slots issued"), std::string::npos) << "nobody twice: " << r.out;
    r = run("grants");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("budget 3, " + std::to_string(issued.size()) + " live slots"),
              std::string::npos)
        << r.out;
    const std::string csv = exported();
    EXPECT_NE(csv.find(issued[0]), std::string::npos) << "the slot id is in the list";
    EXPECT_NE(csv.find(",issued,"), std::string::npos) << csv;
    EXPECT_NE(run("slots").out.find("[slot issued]"), std::string::npos);
}

TEST_F(CliSlotIssue, ARevokeNeedsAReasonIsLoggedAndAFinalStateTakesNoAct) {
    ASSERT_EQ(run("slots --issue").exitCode, 0);
    const auto issued = slotIds("issued");
    ASSERT_FALSE(issued.empty());
    auto r = run("slots revoke " + issued[0]);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.out.find("needs a reason"), std::string::npos) << r.out;
    r = run("slots revoke " + issued[0] + " --reason 'rules misapplied'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("is now revoked"), std::string::npos) << r.out;
    r = run("slots accept " + issued[0]);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.out.find("slot is revoked: it cannot be accepted"), std::string::npos) << r.out;
    EXPECT_EQ(slotIds("revoked"), std::vector<std::string>{issued[0]});
    const std::string csv = exported();
    EXPECT_NE(csv.find("revoke by "), std::string::npos) << csv;
    EXPECT_NE(csv.find(": rules misapplied"), std::string::npos) << csv;
}

TEST_F(CliSlotIssue, AGrantByHandTakesThePoolOnlyWhileItHasRoom) {
    // Fill the budget by hand: three people, then a fourth finds no room.
    for (const char* who :
         {"ana.lima@example.org", "kwame.mensah@example.org", "lea.dubois@example.org"}) {
        auto r = run(std::string("slots grant ") + who + " --reason 'strong encore'");
        EXPECT_EQ(r.exitCode, 0) << r.out;
    }
    auto r = run("slots grant omar.haddad@example.org --reason 'one more'");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("no budget left"), std::string::npos) << r.out;
    EXPECT_EQ(run("slots grant ana.lima@example.org").exitCode, 2) << "--reason is required";
    const auto issued = slotIds("issued");
    ASSERT_EQ(issued.size(), 3u);
    ASSERT_EQ(run("slots decline " + issued[0]).exitCode, 0);
    r = run("slots grant omar.haddad@example.org --reason 'the place came back'");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(slotIds("issued").size(), 3u);
}

TEST_F(CliSlotIssue, ALiveSlotGetsAPrivateCardAndItsCodeSaysWhenTheSlotNoLongerStands) {
    ASSERT_EQ(run("slots --issue").exitCode, 0);
    const auto issued = slotIds("issued");
    ASSERT_FALSE(issued.empty());
    auto r = run("slots card " + issued[0]);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string card = dir.file("exports/slot-" + issued[0].substr(0, 8) + ".pdf");
    struct stat st {};
    ASSERT_EQ(::stat(card.c_str(), &st), 0) << r.out;
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_GT(st.st_size, 8000);
    // The code a card carries: signed here with the event's key, as the command does.
    Store central = Store::open(dir.file("central.db"));
    const Event event = central.events().at(0);
    std::string intern;
    {
        auto q = central.db().prepare("SELECT intern_id, issued_at FROM slots WHERE id = ?");
        q.bindAll(issued[0]);
        ASSERT_TRUE(q.step());
        intern = q.text(0);
    }
    SlotCodeClaims claims;
    claims.eventId = *Uuid::parse(event.id);
    claims.slotId = *Uuid::parse(issued[0]);
    claims.internId = *Uuid::parse(intern);
    claims.issuedAt = 1'800'000'000;
    const std::string code = signSlotCode(KeyStore(dir.file("keys")).current(event.id), claims);
    r = run("verify " + code);
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("state     issued"), std::string::npos) << r.out;
    ASSERT_EQ(run("slots revoke " + issued[0] + " --reason 'offer withdrawn'").exitCode, 0);
    r = run("verify " + code);
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("this slot is revoked: the code no longer gives a slot"),
              std::string::npos)
        << r.out;
    r = run("slots card " + issued[0]);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.out.find("slot is revoked: it gets no card"), std::string::npos) << r.out;
}

}  // namespace
