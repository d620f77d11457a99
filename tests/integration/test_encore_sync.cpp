// Encore assignments on both central adapters (README, "Encore assignments"): the lead's
// brief, the intern's submission and the review reach every device through the central; a
// pass finds the budget used (waitlist) until a declined slot returns a place, which the
// daemon then issues to the encore through the same escrow as every slot; an encore nobody
// submitted expires on the due date and is not selected, until the lead extends it.
//
// Figures: judges 0-2 each score Demo 0 80, Demo 1 76, Demo 2 50, Demo 3 40. With the bar at
// +1.00 and an encore margin of 0.5, Demo 0 (+1.09) takes the one slot and Demo 1 (+0.86)
// is an encore; a review of 100 lifts it to +1.43 (tests/unit/decisions/test_encore.cpp).
#include <algorithm>

#include "core/decisions/encore.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"
#include "core/sync/slot_sync.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

ConversionRules encoreRules() {
    ConversionRules r;
    r.quorum = 3;
    r.bar = 1.0;
    r.encoreMargin = 0.5;
    r.requireImpact = false;
    r.minPeerRating = 0;
    return r;
}

class EncoreSync : public SeededCentral {
  protected:
    void SetUp() override {
        SeededCentral::SetUp();
        if (IsSkipped()) return;
        admin_ = std::make_unique<Store>(Store::open(dir_.file("admin.db")));
        Event e = seed_.event;
        e.slotBudget = 1;
        admin_->saveEvent(e);
        syncAdmin();
        tablet_ = device("tablet");
        sync(*tablet_);  // the roster and the demos, before any score
        const double totals[] = {80, 76, 50, 40};
        for (const std::string& judge : seed_.judges)
            for (std::size_t i = 0; i < 4; ++i) {
                Score s;
                s.eventId = seed_.event.id;
                s.judgeId = judge;
                s.showcaseId = seed_.showcases[i];
                s.total = totals[i];
                tablet_->recordScore(s);
            }
        duty_.eventId = seed_.event.id;
        duty_.rules = encoreRules();
        duty_.policy.mode = IssueMode::Immediate;
        duty_.policy.grantSize = 1;
        ASSERT_EQ(daemonRound().slots.issued, 1) << "Demo 0's slot";
        syncAdmin();  // the lead's store learns the scores
    }

    void syncAdmin() {
        std::unique_ptr<CentralRecord> asAdmin;
        CentralOptions options;
        options.admin = true;
        asAdmin = openCentralRecord(place_.spec, options);
        SyncEngine(*admin_, *asAdmin, {}, [](const std::string&) {}).syncOnce();
    }
    std::unique_ptr<CentralRecord> lead() {
        CentralOptions options;
        options.admin = true;
        return openCentralRecord(place_.spec, options);
    }
    SyncReport daemonRound() {
        SyncEngine engine(*tablet_, *central_, {}, [](const std::string&) {});
        engine.setSlotDuty(duty_);
        return engine.syncOnce();
    }
    // The encore as the lead's store decides it at `nowMs`.
    Decision encoreDecision(Store& store, std::int64_t nowMs) {
        for (auto& d : eventDecisions(store, seed_.event.id, encoreRules(), nowMs))
            if (d.showcaseId == seed_.showcases[1]) return d;
        ADD_FAILURE() << "no decision for Demo 1";
        return {};
    }
    void save(const EncoreActResult& r) {
        ASSERT_EQ(r.status, EncoreActStatus::Done) << r.message;
        admin_->saveEncore(r.assignment);
        syncAdmin();
    }
    std::vector<Slot> slotsOf(const std::string& intern) {
        std::vector<Slot> out;
        for (const Slot& s : lead()->slots(seed_.event.id))
            if (s.internId == intern) out.push_back(s);
        return out;
    }

    std::unique_ptr<Store> admin_, tablet_;
    SlotDuty duty_;
};

TEST_P(EncoreSync, AnEncoreGoesFromBriefToSlotThroughAWaitlistAndADecline) {
    const std::int64_t now = nowMillis();
    const std::string intern = seed_.attendees[2];  // Demo 1's
    Decision d = encoreDecision(*admin_, now);
    ASSERT_EQ(d.outcome, Outcome::Encore) << d.rule;
    ASSERT_TRUE(d.encore);
    EXPECT_FALSE(d.encore->stored);

    EncoreBrief brief;
    brief.brief = "Show the forecast error halves over two weeks";
    brief.reviewerId = seed_.judges[0];
    save(briefEncore(*d.encore, brief, now));
    sync(*tablet_);
    auto onTablet = tablet_->encores(seed_.event.id);
    ASSERT_EQ(onTablet.size(), 1u) << "the brief reached the tablet";
    EXPECT_EQ(onTablet[0].brief, "Show the forecast error halves over two weeks");
    EXPECT_EQ(encoreDecision(*tablet_, now).encoreState, EncoreState::Assigned);

    save(
        submitEncore(encoreDecision(*admin_, now).encore.value(), "https://example.com/work", now));
    sync(*tablet_);
    EXPECT_EQ(encoreDecision(*tablet_, now).encoreState, EncoreState::Submitted);
    EXPECT_EQ(daemonRound().slots.issued, 0) << "nothing to issue before the review";

    ScoreSheet sheet;
    for (const auto& c : defaultRubric().criteria) sheet.levels[c.key] = 5;
    save(reviewEncore(encoreDecision(*admin_, now).encore.value(), defaultRubric(), sheet,
                      seed_.judges[0], now));
    EXPECT_EQ(daemonRound().slots.issued, 0) << "the pass finds the budget used";
    d = encoreDecision(*tablet_, now);
    EXPECT_EQ(d.encoreState, EncoreState::Reviewed);
    EXPECT_TRUE(d.encorePassed);
    EXPECT_EQ(d.outcome, Outcome::Waitlist);
    EXPECT_EQ(d.rule, "encore passed; budget used: 1 of 1");
    EXPECT_TRUE(slotsOf(intern).empty());

    // Demo 0's intern declines: the place returns, and goes to the encore, not back to them.
    const auto first = slotsOf(seed_.attendees[0]);
    ASSERT_EQ(first.size(), 1u);
    lead()->actOnSlot({first[0].id, "decline", "lead", "", "", 0, "", ""});
    for (int round = 0; round < 3 && slotsOf(intern).empty(); ++round) daemonRound();
    const auto won = slotsOf(intern);
    ASSERT_EQ(won.size(), 1u) << "the encore's slot, from the returned place";
    EXPECT_EQ(won[0].state, "issued");
    EXPECT_NE(won[0].explanation.find("encore passed, rank"), std::string::npos)
        << won[0].explanation;
    EXPECT_EQ(slotsOf(seed_.attendees[0]).size(), 1u) << "the one who declined is not re-issued";
    const auto onTabletNow = SlotBook(*tablet_).slots(seed_.event.id);
    const auto declined = std::find_if(onTabletNow.begin(), onTabletNow.end(),
                                       [&](const Slot& s) { return s.id == first[0].id; });
    ASSERT_NE(declined, onTabletNow.end());
    EXPECT_EQ(declined->state, "declined") << "the issuing device learns the lead's act";
    const BudgetView budget = lead()->budget(seed_.event.id);
    EXPECT_EQ(budget.live, 1);
}

TEST_P(EncoreSync, AnEncoreNobodySubmittedExpiresOnItsDueDateOnEveryDevice) {
    const std::int64_t now = nowMillis();
    Decision d = encoreDecision(*admin_, now);
    ASSERT_TRUE(d.encore);
    EncoreBrief brief;
    brief.dueAt = now + 3 * 86'400'000LL;
    save(briefEncore(*d.encore, brief, now));
    sync(*tablet_);
    const std::int64_t due = now + 3 * 86'400'000LL;
    EXPECT_EQ(encoreDecision(*tablet_, due).outcome, Outcome::Encore) << "due, not yet past";
    const Decision expired = encoreDecision(*tablet_, due + 1);
    EXPECT_EQ(expired.encoreState, EncoreState::Expired);
    EXPECT_EQ(expired.outcome, Outcome::NotSelected);
    EXPECT_EQ(expired.rule.rfind("encore expired: nothing submitted by ", 0), 0u) << expired.rule;
    EXPECT_EQ(submitEncore(*encoreDecision(*admin_, due + 1).encore, "late", due + 1).status,
              EncoreActStatus::Expired);
    // The lead extends it: every device sees it open again.
    EncoreBrief extend;
    extend.dueAt = due + 86'400'000LL;
    save(briefEncore(*encoreDecision(*admin_, due + 1).encore, extend, due + 1));
    sync(*tablet_);
    EXPECT_EQ(encoreDecision(*tablet_, due + 1).encoreState, EncoreState::Assigned);
}

INSTANTIATE_TEST_SUITE_P(Central, EncoreSync, testing::Values(Backend::Sqlite, Backend::Postgres),
                         backendName);

}  // namespace
