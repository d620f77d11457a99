// The program's KPIs on a fixture computed by hand: two events (Lisbon, Porto), two cohorts
// (A, B), one encore. Every figure of the funnel, its rates, the encore pass rate, the median
// time from demo to slot, the cost per hire and fairness (cohort B suppressed: one decided
// demo, fewer than the minimum cell of 3) is checked against the numbers worked out below.
//
// Lisbon (budget 2): interns a1, a2 (cohort A), b1, b2 (B). a1, a2 and b1 check in; b2 does
// not. Demos: a1 and a2 scored 80 by one judge (both z 0, over the bar of 0: slots), b1's
// demo started with no score, b2's never demoed. a1 accepted (issued 2 h after the demo),
// a2 declined (issued 4 h after). Funnel 4, 3, 3, 2, 2, 2, 1.
// Porto (budget 1): a3 (A), b3 (B), both in and scored 80 and 60 by one judge (z +1, -1).
// a3 has the slot, accepted (1 h after); b3 is an encore near the bar, reviewed 100 (z +2 on
// the rubric's scale: (-1 + 2) / 2 = +0.5, a pass) but the budget is used: waitlist.
// Funnel 2, 2, 2, 2, 2, 1, 1.
// Program: 6, 5, 5, 4, 4, 3, 2; rates 5/6, 5/5, 4/5, 4/4, 3/4, 2/3. Hours 2, 4, 1: median 2.
// Costs 3000 + 1000 + management 2000 = 6000 over 2 accepted: 3000 per hire.
#include "core/kpis/kpis.hpp"

#include <gtest/gtest.h>

#include <map>

#include "../test_support.hpp"
#include "core/decisions/export_table.hpp"
#include "core/model/ids.hpp"
#include "core/slots/slot_book.hpp"
#include "tests/unit/exports/export_readers.hpp"

namespace oh {
namespace {

constexpr std::int64_t kStart = 1'800'000'000;
constexpr std::int64_t kDemoEnd = kStart + 3600;  // every demo ends an hour in (Unix s)
constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kNowMs = (kStart + 6 * 3600) * 1000;

ConversionRules rules() {
    ConversionRules r;
    r.quorum = 1;
    r.bar = 0;
    r.encoreMargin = 1.5;
    r.requireImpact = false;
    r.minPeerRating = 0;
    r.fairnessMinCell = 3;
    return r;
}

class Kpis : public ::testing::Test {
  protected:
    void SetUp() override {
        lisbon = event("Lisbon", "0192f3a0-0000-7000-8000-00000000e101", 2);
        porto = event("Porto", "0192f3a0-0000-7000-8000-00000000e102", 1);
        judges[lisbon.id] = staff(lisbon, "judge-lisbon");
        judges[porto.id] = staff(porto, "judge-porto");
        const auto a1 = intern(lisbon, "a1", "A", true);
        const auto a2 = intern(lisbon, "a2", "A", true);
        const auto b1 = intern(lisbon, "b1", "B", true);
        intern(lisbon, "b2", "B", false);
        const auto a3 = intern(porto, "a3", "A", true);
        const auto b3 = intern(porto, "b3", "B", true);
        const auto d1 = demo(lisbon, a1), d2 = demo(lisbon, a2);
        demo(lisbon, b1);
        const auto e1 = demo(porto, a3), e2 = demo(porto, b3);
        score(lisbon, d1, 80);
        score(lisbon, d2, 80);
        score(porto, e1, 80);
        score(porto, e2, 60);
        slot(lisbon, a1, d1, "accepted", 2);
        slot(lisbon, a2, d2, "declined", 4);
        slot(porto, a3, e1, "accepted", 1);
        EncoreAssignment encore;
        encore.id = encoreIdFor(e2, b3);
        encore.eventId = porto.id;
        encore.showcaseId = e2;
        encore.internId = b3;
        encore.dueAt = kNowMs + 10 * 24 * kHourMs;
        encore.state = EncoreState::Reviewed;
        encore.reviewTotal = 100;
        store.saveEncore(encore);
    }

    Event event(const std::string& name, const std::string& id, int budget) {
        Event e = sampleEvent();
        e.id = id;
        e.name = name;
        e.slotBudget = budget;
        store.saveEvent(e);
        return e;
    }
    std::string intern(const Event& e, const std::string& name, const std::string& cohort,
                       bool arrives) {
        Attendee a = sampleAttendee(name + "@example.org", name);
        a.eventId = e.id;
        a.cohort = cohort;
        store.upsertAttendee(a);
        if (arrives) store.recordCheckIn(e.id, a.id, "qr", (kStart + 60) * 1000);
        return a.id;
    }
    std::string staff(const Event& e, const std::string& name) {
        Attendee a = sampleAttendee(name + "@example.org", name, Role::Staff);
        a.eventId = e.id;
        store.upsertAttendee(a);
        return a.id;
    }
    std::string demo(const Event& e, const std::string& internId) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = e.id;
        s.internId = internId;
        s.title = "Demo";
        s.slotStart = kStart;
        s.slotEnd = kDemoEnd;
        store.upsertShowcase(s);
        return s.id;
    }
    void score(const Event& e, const std::string& demoId, double total) {
        Score s;
        s.eventId = e.id;
        s.judgeId = judges.at(e.id);
        s.showcaseId = demoId;
        s.total = total;
        store.recordScore(s);
    }
    void slot(const Event& e, const std::string& internId, const std::string& demoId,
              const std::string& state, int hoursAfterDemo) {
        Slot s;
        s.id = Uuid::v7().str();
        s.eventId = e.id;
        s.internId = internId;
        s.showcaseId = demoId;
        s.state = state;
        s.issuedAt = kDemoEnd * 1000 + hoursAfterDemo * kHourMs;
        s.stateAt = s.issuedAt;
        s.version = 2;
        SlotBook(store).putSlot(s);
    }
    ProgramSpec spec() {
        ProgramSpec p;
        p.name = "Spring";
        p.events = {"Lisbon", porto.id};  // by name or by id
        p.managementCost = 2000;
        p.eventCosts = {{"Lisbon", 3000}, {porto.id, 1000}};
        return p;
    }

    Store store = Store::openInMemory();
    Event lisbon, porto;
    std::map<std::string, std::string> judges;  // by event id
};

std::vector<int> steps(const Funnel& f) {
    std::vector<int> out;
    for (const auto& s : funnelSteps(f)) out.push_back(s.second);
    return out;
}

TEST_F(Kpis, EachEventsFunnelCountsItsInternsStepByStep) {
    const KpiResult r = programKpis(store, spec(), rules(), kNowMs);
    ASSERT_EQ(r.status, KpiStatus::Ok) << r.problem;
    ASSERT_EQ(r.kpis.events.size(), 2u);
    EXPECT_EQ(r.kpis.events[0].eventName, "Lisbon");
    EXPECT_EQ(steps(r.kpis.events[0].funnel), (std::vector<int>{4, 3, 3, 2, 2, 2, 1}));
    EXPECT_EQ(steps(r.kpis.events[1].funnel), (std::vector<int>{2, 2, 2, 2, 2, 1, 1}));
    EXPECT_EQ(steps(r.kpis.funnel), (std::vector<int>{6, 5, 5, 4, 4, 3, 2}));
}

TEST_F(Kpis, TheRateBetweenStepsIsTheLaterOverTheEarlier) {
    const auto f = funnelSteps(programKpis(store, spec(), rules(), kNowMs).kpis.funnel);
    const double expected[] = {5.0 / 6, 5.0 / 5, 4.0 / 5, 4.0 / 4, 3.0 / 4, 2.0 / 3};
    for (std::size_t i = 1; i < f.size(); ++i) {
        SCOPED_TRACE(f[i].first);
        ASSERT_TRUE(stepRate(f[i - 1].second, f[i].second));
        EXPECT_DOUBLE_EQ(*stepRate(f[i - 1].second, f[i].second), expected[i - 1]);
    }
    EXPECT_FALSE(stepRate(0, 0)) << "no rate from an empty step";
}

TEST_F(Kpis, TheEncoresPassRateAndTheTimeFromDemoToSlot) {
    const ProgramKpis k = programKpis(store, spec(), rules(), kNowMs).kpis;
    EXPECT_EQ(k.encores.assigned, 1);
    EXPECT_EQ(k.encores.passed, 1);
    EXPECT_EQ(k.encores.failed + k.encores.expired + k.encores.open, 0);
    ASSERT_TRUE(k.encores.passRate());
    EXPECT_DOUBLE_EQ(*k.encores.passRate(), 1.0);
    ASSERT_TRUE(k.medianHoursDemoToSlot);
    EXPECT_DOUBLE_EQ(*k.medianHoursDemoToSlot, 2.0) << "of 2, 4 and 1 hours";
    EXPECT_EQ(k.events[1].encores.assigned, 1);
    EXPECT_EQ(k.events[0].encores.assigned, 0);
}

TEST_F(Kpis, AnExpiredEncoreCountsAgainstThePassRate) {
    const ProgramKpis before = programKpis(store, spec(), rules(), kNowMs).kpis;
    ASSERT_EQ(before.encores.passed, 1);
    auto encores = store.encores(porto.id);
    ASSERT_EQ(encores.size(), 1u);
    encores[0].state = EncoreState::Assigned;
    encores[0].reviewTotal.reset();
    store.saveEncore(encores[0]);
    const ProgramKpis later = programKpis(store, spec(), rules(), encores[0].dueAt + 1).kpis;
    EXPECT_EQ(later.encores.expired, 1);
    EXPECT_EQ(later.encores.passed, 0);
    ASSERT_TRUE(later.encores.passRate());
    EXPECT_DOUBLE_EQ(*later.encores.passRate(), 0.0);
}

TEST_F(Kpis, AReviewThatDoesNotPassCountsAsNotPassed) {
    auto encores = store.encores(porto.id);
    ASSERT_EQ(encores.size(), 1u);
    encores[0].reviewTotal = 0;  // z -2 on the rubric's scale: (-1 - 2) / 2 = -1.5
    store.saveEncore(encores[0]);
    const ProgramKpis k = programKpis(store, spec(), rules(), kNowMs).kpis;
    EXPECT_EQ(k.encores.failed, 1);
    EXPECT_EQ(k.encores.passed, 0);
    ASSERT_TRUE(k.encores.passRate());
    EXPECT_DOUBLE_EQ(*k.encores.passRate(), 0.0);
}

TEST(KpiFigures, NoPassRateBeforeAnEncoreEndedAndTheMedianOfAnEvenCount) {
    EncoreFigures open;
    open.assigned = 2;
    open.open = 2;
    EXPECT_FALSE(open.passRate()) << "nothing ended yet";
    EXPECT_FALSE(medianOf({}));
    EXPECT_DOUBLE_EQ(*medianOf({4, 1, 3, 2}), 2.5);
    EXPECT_DOUBLE_EQ(*medianOf({5, 1, 3}), 3.0);
}

TEST_F(Kpis, CostPerHireIsEveryCostOverTheAcceptedOffers) {
    const ProgramKpis k = programKpis(store, spec(), rules(), kNowMs).kpis;
    EXPECT_DOUBLE_EQ(k.events[0].cost, 3000);
    EXPECT_DOUBLE_EQ(k.events[1].cost, 1000);
    EXPECT_DOUBLE_EQ(k.totalCost, 6000);
    ASSERT_TRUE(k.costPerHire);
    EXPECT_DOUBLE_EQ(*k.costPerHire, 3000);
}

TEST_F(Kpis, WithNoAcceptedOfferThereIsNoCostPerHire) {
    ProgramSpec p = spec();
    p.events = {"Lisbon"};
    for (Slot s : SlotBook(store).slots(lisbon.id)) {
        s.state = "declined";
        ++s.version;
        SlotBook(store).putSlot(s);
    }
    const ProgramKpis k = programKpis(store, p, rules(), kNowMs).kpis;
    EXPECT_EQ(k.funnel.accepted, 0);
    EXPECT_FALSE(k.costPerHire);
    EXPECT_DOUBLE_EQ(k.totalCost, 5000);
}

TEST_F(Kpis, FairnessSuppressesACohortWithFewerDecidedDemosThanTheCell) {
    const ProgramKpis k = programKpis(store, spec(), rules(), kNowMs).kpis;
    ASSERT_EQ(k.fairness.size(), 2u);
    EXPECT_EQ(k.fairness[0].cohort, "A");
    EXPECT_EQ(k.fairness[0].decided, 3);
    EXPECT_EQ(k.fairness[0].slots, 3);
    EXPECT_FALSE(k.fairness[0].suppressed);
    EXPECT_DOUBLE_EQ(k.fairness[0].rate, 1.0);
    EXPECT_EQ(k.fairness[1].cohort, "B");
    EXPECT_EQ(k.fairness[1].decided, 1) << "b1 is pending, b3 decided (waitlist)";
    EXPECT_TRUE(k.fairness[1].suppressed);
    EXPECT_DOUBLE_EQ(k.fairness[1].rate, 0) << "no rate shown for a small cell";
}

TEST_F(Kpis, AnEventTheProgramNamesMustExist) {
    ProgramSpec p = spec();
    p.events.push_back("Faro");
    const KpiResult r = programKpis(store, p, rules(), kNowMs);
    EXPECT_EQ(r.status, KpiStatus::UnknownEvent);
    EXPECT_EQ(r.problem, "no event named 'Faro' in the central record");
    ProgramSpec all;
    EXPECT_EQ(programKpis(store, all, rules(), kNowMs).kpis.events.size(), 2u)
        << "no events named: every event";
}

TEST_F(Kpis, TheWorkbookIsWrittenPrivatelyAndAFolderThatIsNotThereIsAStatus) {
    TempDir dir;
    const ProgramKpis k = programKpis(store, spec(), rules(), kNowMs).kpis;
    const std::string path = dir.file("kpis.xlsx");
    const ExportResult w = writeKpiWorkbook(path, k);
    ASSERT_TRUE(w.ok()) << w.message;
    EXPECT_EQ(exporttest::modeOf(path), 0600u);
    const auto funnel = exporttest::readSheet(path, 1);
    ASSERT_EQ(funnel.size(), 8u) << "a header and seven steps";
    EXPECT_EQ(funnel[0][1].value, "Lisbon");
    EXPECT_EQ(funnel[0][3].value, "Spring");
    EXPECT_EQ(funnel[7][0].value, "Accepted");
    EXPECT_EQ(funnel[7][3].value, "2");
    const auto costs = exporttest::readSheet(path, 3);
    EXPECT_EQ(costs.back()[0].value, "Cost per hire");
    EXPECT_EQ(costs.back()[1].value, "3000");
    const ExportResult bad = writeKpiWorkbook(dir.file("missing/kpis.xlsx"), k);
    EXPECT_EQ(bad.status, ExportStatus::BadFolder) << bad.message;
}

}  // namespace
}  // namespace oh
