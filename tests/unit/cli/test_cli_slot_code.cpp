// `openhouse verify` of slot codes: a code signed with the event's key is valid and named by
// slot, short name, event and issue date; an altered, cut, forged or foreign code is refused
// with its reason and exit code 1; badge tokens are verified as before.
#include <gtest/gtest.h>

#include <fstream>

#include "core/identity/keystore.hpp"
#include "core/identity/slot_code.hpp"
#include "core/store/store.hpp"
#include "core/time/event_time.hpp"
#include "tests/unit/test_support.hpp"

using namespace oh;

namespace {

const Uuid kSlot = *Uuid::parse("0192f3a0-1111-7000-8000-0000005a0001");
constexpr std::uint32_t kIssued = 1'800'003'600;

class CliVerifySlotCode : public ::testing::Test {
  protected:
    TempDir dir;
    Event event;
    Attendee intern;

    CliRun run(const std::string& args) { return runCli(OPENHOUSE_CLI_PATH, dir.path(), args); }

    void SetUp() override {
        auto init =
            run("init --name 'Demo Day' --starts 2020-01-01T09:00Z --ends 2099-01-01T18:00Z "
                "--budget 3");
        ASSERT_EQ(init.exitCode, 0) << init.out;
        const std::string roster = dir.file("roster.csv");
        std::ofstream(roster) << "Name,Email,Role\nAna Lima,ana@example.org,intern\n";
        auto imported = run("import-roster " + shellQuote(roster));
        ASSERT_EQ(imported.exitCode, 0) << imported.out;
        auto store = Store::open(dir.file("central.db"));
        event = store.events().at(0);
        intern = store.attendees(event.id).at(0);
    }

    SigningKey eventKey() const { return KeyStore(dir.file("keys")).current(event.id); }

    std::string code(const SigningKey& key, const std::string& eventId,
                     const std::string& internId) const {
        return signSlotCode(key,
                            {{}, *Uuid::parse(eventId), kSlot, *Uuid::parse(internId), kIssued});
    }
    std::string code() const { return code(eventKey(), event.id, intern.id); }
};

}  // namespace

TEST_F(CliVerifySlotCode, AValidCodeNamesTheSlotTheInternsShortNameTheEventAndTheDate) {
    auto r = run("verify " + code());
    EXPECT_EQ(r.exitCode, 0) << r.out;
    const std::string expected = "valid slot code: slot " + kSlot.str() +
                                 " for Ana L., event Demo Day, issued " +
                                 formatEventDate(kIssued, event.timezone) + "\n";
    EXPECT_EQ(r.out.rfind(expected, 0), 0u) << r.out;
    EXPECT_NE(r.out.find(slotCodeShortForm(code())), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Lima"), std::string::npos) << "only the short name: " << r.out;
}

TEST_F(CliVerifySlotCode, AnInternThisStoreDoesNotKnowIsNamedByIdAndTheCodeStillVerifies) {
    const std::string stranger = "0192f3a0-0000-7000-8000-0000000a0999";
    auto r = run("verify " + code(eventKey(), event.id, stranger));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("for intern " + stranger + " (not in this store)"), std::string::npos)
        << r.out;
}

TEST_F(CliVerifySlotCode, AlteredCutForgedAndForeignCodesAreRefusedWithTheirReason) {
    std::string altered = code();
    altered[100] = altered[100] == 'Q' ? 'R' : 'Q';
    const std::string otherEvent = "0192f3a0-0000-7000-8000-00000000e0ff";
    struct Case {
        std::string text, status, says;
    };
    for (const Case& c : {
             Case{altered, "bad-signature:", "altered"},
             Case{code().substr(0, 150), "malformed:", "cut off"},
             Case{code(SigningKey::generate(), event.id, intern.id), "unknown-key:", "key"},
             Case{code(eventKey(), otherEvent, intern.id), "wrong-event:", "different event"},
             Case{"OHS:NOT-A-CODE", "malformed:", "slot code"},
         }) {
        auto r = run("verify " + shellQuote(c.text));
        EXPECT_EQ(r.exitCode, 1) << c.status << " " << r.out;
        EXPECT_EQ(r.out.rfind(c.status, 0), 0u) << r.out;
        EXPECT_NE(r.out.find(c.says), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("valid slot code"), std::string::npos) << r.out;
    }
}

TEST_F(CliVerifySlotCode, BadgeTokensAreStillVerifiedAsBadges) {
    const TokenClaims claims{{},
                             *Uuid::parse(event.id),
                             *Uuid::parse(intern.id),
                             kIssued,
                             static_cast<std::uint32_t>(event.startsAt),
                             static_cast<std::uint32_t>(event.endsAt)};
    auto r = run("verify " + signToken(claims, eventKey()));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(r.out.rfind("ok: The code is valid.", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("Ana L."), std::string::npos) << r.out;
}
