// Slot issuance benchmark, on the embedded central and (given a URL) on PostgreSQL:
//  1. decisions per second with 32 devices issuing at once, each on its own thread and
//     connection, one slot per call from its own grant (issued or duplicate, decided under
//     the event's lock), against the same 32 threads writing one row per transaction to the
//     same database (the baseline: the floor of a write under that contention; the ratio);
//  2. the time from a demo's last quorum score, written on a device, to its slot on the central
//     record, with the device's daemon loop running (`[conversion] issue = "immediate"`), against
//     the time for that same score to reach the central (the sync lag it rides on).
// Target (DESIGN.md §6): 0 over-issues; last quorum score -> slot on the central p99 <= 2 s.
//
//   bench_slots [postgresql://...]   (default: embedded only; $OPENHOUSE_TEST_PG adds PostgreSQL)
//   BENCH_SLOTS_CALLS=N per device (200), BENCH_SLOTS_DEMOS=N for the latency run (40)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/central/central.hpp"
#include "core/central/pgtools/pgtools.hpp"
#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"
#include "core/slots/slot_book.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kDevices = 32;

int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

struct Place {
    std::string spec;  // sqlite:PATH or a PostgreSQL URL
    bool pg = false;
    std::string dir;
};

// The program team's store: an event with `interns` interns, 3 judges and one demo per
// intern, a budget of `budget`, pushed to the central as the admin.
struct Seeded {
    Event event;
    std::vector<std::string> interns, judges, demos;
};

Seeded seed(const Place& place, int interns, int budget) {
    Seeded s;
    s.event =
        Event{Uuid::v7().str(), "Bench Day", "HQ", "UTC", 1'800'000'000, 1'800'086'400, budget};
    const std::string path = place.dir + "/admin.db";
    std::filesystem::remove(path);
    Store admin = Store::open(path);
    admin.setMeta("device_name", "program-team");
    sql::Transaction tx(admin.db());
    admin.saveEvent(s.event);
    auto person = [&](const std::string& email, Role role) {
        Attendee a;
        a.eventId = s.event.id;
        a.fullName = "Bench Person";
        a.email = email;
        a.role = role;
        admin.upsertAttendee(a);
        return a.id;
    };
    for (int j = 0; j < 3; ++j)
        s.judges.push_back(person(fmt::format("j{}@x.org", j), Role::Staff));
    for (int i = 0; i < interns; ++i) {
        s.interns.push_back(person(fmt::format("i{}@x.org", i), Role::Intern));
        Showcase d;
        d.id = Uuid::v7().str();
        d.eventId = s.event.id;
        d.internId = s.interns.back();
        d.title = fmt::format("Demo {}", i);
        d.metricChange = "-1%";
        admin.upsertShowcase(d);
        s.demos.push_back(d.id);
    }
    tx.commit();
    CentralOptions options;
    options.admin = true;
    auto central = openCentralRecord(place.spec, options);
    SyncEngine(admin, *central, {}, [](const std::string&) {}).syncOnce();
    return s;
}

std::unique_ptr<Store> device(const Place& place, const Seeded& s, const std::string& name) {
    const std::string path = place.dir + "/" + name + ".db";
    std::filesystem::remove(path);
    auto store = std::make_unique<Store>(Store::open(path));
    store->setMeta("device_name", name);
    store->setMeta("event_id", s.event.id);
    return store;
}

// 32 threads, `calls` each: one issue per call from the device's own grant.
double decisionsPerSecond(const Place& place, const Seeded& s, int calls, int& overIssues) {
    std::vector<std::unique_ptr<Store>> stores;
    std::vector<std::unique_ptr<CentralRecord>> centrals;
    std::vector<std::string> grants;
    for (int d = 0; d < kDevices; ++d) {
        stores.push_back(device(place, s, fmt::format("dev-{}", d)));
        centrals.push_back(openCentralRecord(place.spec));
        SyncEngine(*stores.back(), *centrals.back(), {}, [](const std::string&) {}).syncOnce();
        grants.push_back(
            centrals.back()->requestGrant(stores.back()->deviceId(), calls, 3600'000).grant.id);
    }
    std::atomic<int> decided{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int d = 0; d < kDevices; ++d)
        threads.emplace_back([&, d] {
            for (int c = 0; c < calls; ++c) {
                Slot slot;
                slot.id = Uuid::v7().str();
                slot.eventId = s.event.id;
                slot.internId =
                    s.interns[static_cast<std::size_t>((d * 7919 + c * 104729) % s.interns.size())];
                slot.grantId = grants[static_cast<std::size_t>(d)];
                slot.issuedAt = 1;
                for (int attempt = 0; attempt < 20; ++attempt) {
                    try {
                        centrals[static_cast<std::size_t>(d)]->issueSlots(
                            stores[static_cast<std::size_t>(d)]->deviceId(), {slot});
                        ++decided;
                        break;
                    } catch (const CentralError& e) {
                        if (!e.transient()) throw;
                    }
                }
            }
        });
    for (auto& t : threads) t.join();
    const double seconds = secondsSince(t0);
    CentralOptions options;
    options.admin = true;
    const BudgetView b = openCentralRecord(place.spec, options)->budget(s.event.id);
    overIssues = std::max(0, b.live + b.outstanding - b.budget);
    return decided / seconds;
}

// The baseline: the same 32 threads, one row per write transaction on the same database.
double rawWritesPerSecond(const Place& place, int calls) {
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    if (place.pg) {
        pgtools::execScript(place.spec,
                            "CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY)");
        for (int d = 0; d < kDevices; ++d)
            threads.emplace_back([&] {
                pgtools::Session session(place.spec);
                for (int c = 0; c < calls; ++c)
                    session.query("INSERT INTO bench_raw VALUES ($1::uuid)", {Uuid::v7().str()});
            });
    } else {
        const std::string path = place.spec.substr(7);
        {
            Store central = Store::open(path);
            central.db().exec("CREATE TABLE IF NOT EXISTS bench_raw (id TEXT PRIMARY KEY)");
        }
        // Opened before the clock starts, as the devices' connections are.
        std::vector<Store> connections;
        for (int d = 0; d < kDevices; ++d) connections.push_back(Store::open(path));
        for (int d = 0; d < kDevices; ++d)
            threads.emplace_back([&, d] {
                Store& central = connections[static_cast<std::size_t>(d)];
                auto insert = central.db().prepare("INSERT INTO bench_raw VALUES (?)");
                for (int c = 0; c < calls; ++c) {
                    for (int attempt = 0;; ++attempt) {  // busy: again, as the central does
                        try {
                            sql::Transaction tx(central.db());
                            insert.bindAll(Uuid::v7().str()).run();
                            tx.commit();
                            break;
                        } catch (const sql::Error&) {
                            if (attempt > 20) throw;
                        }
                    }
                }
            });
        for (auto& t : threads) t.join();
        return kDevices * calls / secondsSince(t0);
    }
    for (auto& t : threads) t.join();
    return kDevices * calls / secondsSince(t0);
}

bool onCentral(const Place& place, const char* table, const std::string& where,
               const std::vector<std::string>& params) {
    if (place.pg)
        return !pgtools::query(place.spec,
                               std::string("SELECT 1 FROM ") + table + " WHERE " + where, params)
                    .empty();
    Store central = Store::open(place.spec.substr(7));
    auto q = central.db().prepare(std::string("SELECT 1 FROM ") + table + " WHERE " + where);
    for (std::size_t i = 0; i < params.size(); ++i) q.bind(static_cast<int>(i + 1), params[i]);
    return q.step();
}

// The device's daemon runs; per demo, three judges score on the device (the third reaches
// quorum) and we wait for that score, then the slot, on the central.
void latency(const Place& place, const Seeded& s, int demos) {
    auto store = device(place, s, "tablet");
    auto central = openCentralRecord(place.spec);
    SyncEngine(*store, *central, {}, [](const std::string&) {}).syncOnce();
    Store engineStore = Store::open(place.dir + "/tablet.db");
    SyncEngine::relaxDurability(engineStore);
    SyncEngine engine(engineStore, *central, {}, [](const std::string&) {});
    SlotDuty duty;
    duty.eventId = s.event.id;
    duty.rules.quorum = 3;
    duty.rules.bar = -10;
    duty.rules.requireImpact = false;
    duty.rules.minPeerRating = 0;
    duty.policy.mode = IssueMode::Immediate;
    duty.policy.grantSize = 5;
    engine.setSlotDuty(duty);
    std::atomic<bool> stop{false};
    std::thread daemon([&] { engine.run(stop); });
    std::vector<double> toScore, toSlot;
    for (int i = 0; i < demos; ++i) {
        Score last;
        for (int j = 0; j < 3; ++j) {
            Score sc;
            sc.eventId = s.event.id;
            sc.judgeId = s.judges[static_cast<std::size_t>(j)];
            sc.showcaseId = s.demos[static_cast<std::size_t>(i)];
            sc.total = 50 + (i * 13 + j * 7) % 50;
            last = store->recordScore(sc);
        }
        const auto t0 = Clock::now();
        bool scored = false, slotted = false;
        while (!(slotted && scored) && secondsSince(t0) < 30) {
            if (!scored &&
                onCentral(place, "scores", place.pg ? "id = $1::uuid" : "id = ?", {last.id})) {
                scored = true;
                toScore.push_back(secondsSince(t0));
            }
            if (!slotted &&
                onCentral(place, "slots", place.pg ? "intern_id = $1::uuid" : "intern_id = ?",
                          {s.interns[static_cast<std::size_t>(i)]})) {
                slotted = true;
                toSlot.push_back(secondsSince(t0));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    stop = true;
    daemon.join();
    std::printf("  last quorum score -> its score on the central: p50 %.3f s, p99 %.3f s (%zu)\n",
                percentile(toScore, 0.5), percentile(toScore, 0.99), toScore.size());
    std::printf(
        "  last quorum score -> slot on the central:      p50 %.3f s, p99 %.3f s (%zu of %d)"
        " (target p99 <= 2 s)\n",
        percentile(toSlot, 0.5), percentile(toSlot, 0.99), toSlot.size(), demos);
}

void run(const Place& place, int calls, int demos) {
    std::printf("%s\n", place.pg ? "PostgreSQL" : "embedded central (SQLite)");
    const Seeded s = seed(place, 5000, 1'000'000);
    int over = 0;
    const double decisions = decisionsPerSecond(place, s, calls, over);
    const double raw = rawWritesPerSecond(place, calls);
    std::printf(
        "  32 devices: %.0f slot decisions/s; baseline %.0f one-row write transactions/s;"
        " ratio %.2f; over-issues %d\n",
        decisions, raw, decisions / raw, over);
    latency(place, seed(place, demos, 1'000'000), demos);
}

}  // namespace

int main(int argc, char** argv) {
    const int calls = envInt("BENCH_SLOTS_CALLS", 200);
    const int demos = envInt("BENCH_SLOTS_DEMOS", 40);
    const std::string dir =
        std::filesystem::temp_directory_path() / ("oh-bench-slots-" + Uuid::v7().str());
    std::filesystem::create_directories(dir);
    run({"sqlite:" + dir + "/central.db", false, dir}, calls, demos);
    std::string url = argc > 1 ? argv[1] : "";
    if (url.empty())
        if (const char* env = std::getenv("OPENHOUSE_TEST_PG")) url = env;
    if (!url.empty()) {
        const std::string db = pgtools::createScratchDatabase(url, "oh_bench_slots");
        run({db, true, dir}, calls, demos);
        pgtools::dropDatabase(url, "oh_bench_slots");
    }
    std::filesystem::remove_all(dir);
    return 0;
}
