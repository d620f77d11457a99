// The escrow invariant under contention, on both central adapters: 32 devices, a budget of
// 20, each device on its own thread and its own connection, going offline and online at
// random, issuing at random from its grants (also offline), syncing, and a lead declining
// or revoking at random; over 10,000 attempts in all. After every step the central's
// `live + outstanding <= budget` is checked; at the end no intern holds two live slots,
// every slot a device issued is on the central exactly once and as the device holds it,
// and what was given back is issuable again.
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/slots/issuing.hpp"
#include "core/sync/slot_sync.hpp"
#include "tests/integration/support.hpp"

using namespace oh;
using namespace oh::it;

namespace {

constexpr int kDevices = 32;
constexpr int kBudget = 20;
constexpr int kStepsPerDevice = 320;  // 10,240 attempts in all

class SlotContention : public testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) OH_REQUIRE_PG();
        place_ = makeCentralPlace(GetParam(), dir_);
        central_ = openCentralRecord(place_.spec);
        seed_ = seedCentral(*central_, dir_.file("admin.db"), 100);
        for (std::size_t i = 0; i < seed_.attendees.size(); i += 2)
            interns_.push_back(seed_.attendees[i]);
        Store adminStore = Store::open(dir_.file("admin.db"));
        Event e = seed_.event;
        e.slotBudget = kBudget;
        adminStore.saveEvent(e);
        auto admin = adminCentral();
        SyncEngine(adminStore, *admin, {}, [](const std::string&) {}).syncOnce();
    }

    std::unique_ptr<CentralRecord> adminCentral() {
        CentralOptions options;
        options.admin = true;
        return openCentralRecord(place_.spec, options);
    }

    struct Device {
        std::unique_ptr<Store> store;
        std::unique_ptr<CentralRecord> central;  // the device's rights
        std::unique_ptr<CentralRecord> checker;  // the program team's, to read the budget
        std::unique_ptr<SlotBook> book;
        SlotDuty duty;
        bool online = true;
    };

    // One device's random walk; returns the invariant's first failure ("" if none).
    std::string walk(Device& d, unsigned seed, std::mutex& leadLock, CentralRecord& lead) {
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> coin(0, 1);
        std::uniform_int_distribution<std::size_t> pick(0, interns_.size() - 1);
        for (int step = 0; step < kStepsPerDevice; ++step) {
            const double r = coin(rng);
            try {
                if (r < 0.15) {
                    d.online = !d.online;
                } else if (r < 0.70) {
                    Decision decision;
                    decision.internId = interns_[pick(rng)];
                    issueFromGrant(*d.store, *d.book, decision, seed_.event.id, nowMillis());
                } else if (d.online && r < 0.96) {
                    d.duty.policy.grantSize = 1 + static_cast<int>(rng() % 3);
                    exchangeSlots(*d.store, *d.book, *d.central, d.duty);
                } else if (d.online) {
                    giveBackOne(rng, leadLock, lead);
                }
            } catch (const CentralError& e) {
                if (!e.transient()) return std::string("step failed: ") + e.what();
            }
            const BudgetView b = d.checker->budget(seed_.event.id);
            if (b.live + b.outstanding > b.budget || b.budget != kBudget)
                return "invariant broken: live " + std::to_string(b.live) + " + outstanding " +
                       std::to_string(b.outstanding) + " > " + std::to_string(b.budget);
        }
        return "";
    }

    // A lead declines or revokes a live slot: it goes back to the pool.
    void giveBackOne(std::mt19937& rng, std::mutex& leadLock, CentralRecord& lead) {
        std::lock_guard<std::mutex> hold(leadLock);
        std::vector<Slot> live;
        for (auto& s : lead.slots(seed_.event.id))
            if (isLive(s.state) && s.state != "accepted") live.push_back(s);
        if (live.empty()) return;
        const Slot& s = live[rng() % live.size()];
        const bool decline = rng() % 2 == 0;
        try {
            lead.actOnSlot(
                {s.id, decline ? "decline" : "revoke", "lead", "", "contention test", 0, "", ""});
            ++givenBack_;
        } catch (const SlotRefused&) {
        }
    }

    TempDir dir_;
    CentralPlace place_;
    std::unique_ptr<CentralRecord> central_;
    Seed seed_;
    std::vector<std::string> interns_;
    std::atomic<int> givenBack_{0};
};

TEST_P(SlotContention, ThirtyTwoDevicesIssuingAtRandomNeverOverIssueLoseOrDoubleASlot) {
    std::vector<Device> devices(kDevices);
    for (int i = 0; i < kDevices; ++i) {
        Device& d = devices[static_cast<std::size_t>(i)];
        d.store = openDevice(dir_.file("kiosk-" + std::to_string(i) + ".db"), seed_,
                             "kiosk-" + std::to_string(i));
        d.central = openCentralRecord(place_.spec);
        d.checker = adminCentral();
        SyncEngine(*d.store, *d.central, {}, [](const std::string&) {}).syncOnce();
        d.book = std::make_unique<SlotBook>(*d.store);
        d.duty.eventId = seed_.event.id;
        d.duty.policy.mode = IssueMode::Immediate;
    }
    auto lead = adminCentral();
    std::mutex leadLock;
    std::vector<std::string> failures(kDevices);
    std::vector<std::thread> threads;
    for (int i = 0; i < kDevices; ++i)
        threads.emplace_back([&, i] {
            failures[static_cast<std::size_t>(i)] =
                walk(devices[static_cast<std::size_t>(i)], 1000u + static_cast<unsigned>(i),
                     leadLock, *lead);
        });
    for (auto& t : threads) t.join();
    for (int i = 0; i < kDevices; ++i) EXPECT_EQ(failures[static_cast<std::size_t>(i)], "") << i;

    // Everyone back online: every issue reaches the central, every grant is given back.
    for (auto& d : devices) {
        exchangeSlots(*d.store, *d.book, *d.central, d.duty);
        for (const auto& g : d.book->grants(seed_.event.id))
            if (g.endedAt == 0) d.central->returnGrant(d.store->deviceId(), g.id);
    }
    const std::vector<Slot> central = lead->slots(seed_.event.id);
    std::map<std::string, Slot> byId;
    std::map<std::string, int> liveByIntern;
    for (const auto& s : central) {
        EXPECT_TRUE(byId.emplace(s.id, s).second) << "slot twice on the central: " << s.id;
        if (isLive(s.state)) ++liveByIntern[s.internId];
    }
    for (const auto& [intern, count] : liveByIntern) EXPECT_EQ(count, 1) << intern;
    std::map<std::string, int> byState;
    for (const auto& slot : central) ++byState[slot.state];
    std::string states;
    for (const auto& [state, count] : byState) states += " " + state + " " + std::to_string(count);
    std::cout << "[ slots    ] " << central.size() << " issues reached the central:" << states
              << "; " << givenBack_.load() << " given back by the lead\n";
    EXPECT_GT(byState["duplicate"], 0) << "the walk should issue one intern on two devices";
    int issuedOnDevices = 0;
    for (auto& d : devices)
        for (const auto& mine : d.book->slots(seed_.event.id)) {
            if (mine.deviceId != d.store->deviceId()) continue;
            ++issuedOnDevices;
            ASSERT_TRUE(byId.count(mine.id)) << "a device's slot never reached the central";
            EXPECT_GT(mine.version, 0) << "unconfirmed after the last sync";
        }
    EXPECT_EQ(issuedOnDevices, static_cast<int>(central.size()));
    const BudgetView end = lead->budget(seed_.event.id);
    EXPECT_LE(end.live, kBudget);
    EXPECT_EQ(end.outstanding, 0);
    EXPECT_GT(issuedOnDevices, kBudget) << "the walk should have issued more than the budget";
    EXPECT_GT(givenBack_.load(), 0);
    // What was given back is issuable again: the whole free part in one grant (one more
    // slot declined first, should the walk have ended with the budget full).
    if (end.free() == 0)
        for (const auto& s : central)
            if (s.state == "issued") {
                lead->actOnSlot({s.id, "decline", "lead", "", "", 0, "", ""});
                break;
            }
    const int free = lead->budget(seed_.event.id).free();
    ASSERT_GT(free, 0);
    const GrantAnswer again = central_->requestGrant(devices[0].store->deviceId(), free, 60'000);
    EXPECT_EQ(again.grant.size, free);
    EXPECT_EQ(lead->budget(seed_.event.id).free(), 0);
}

INSTANTIATE_TEST_SUITE_P(Central, SlotContention,
                         testing::Values(Backend::Sqlite, Backend::Postgres), backendName);

}  // namespace
