// Shared helpers of the sync integration tests: temporary folders, a central
// per test (a SQLite file, or a scratch database on OPENHOUSE_TEST_PG), and a
// seeded event with a roster, judges and showcases.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/central/central.hpp"
#include "core/central/pgtools/pgtools.hpp"
#include "core/model/ids.hpp"
#include "core/store/store.hpp"
#include "core/sync/sync_engine.hpp"
#include "tests/unit/test_support.hpp"

namespace oh::it {

using oh::TempDir;

// Polls `done` every 50 ms for up to `seconds` (a generous limit: CI machines are busy).
template <typename F>
bool eventually(F done, double seconds) {
    auto until = std::chrono::steady_clock::now() +
                 std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    while (std::chrono::steady_clock::now() < until) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

enum class Backend { Sqlite, Postgres };

inline std::string backendName(const testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

inline const char* testPg() {
    const char* url = std::getenv("OPENHOUSE_TEST_PG");
    return url && *url ? url : nullptr;
}

// PostgreSQL tests fail in CI without a server, and skip (with a message) elsewhere.
#define OH_REQUIRE_PG()                                                                         \
    do {                                                                                        \
        if (!::oh::it::testPg()) {                                                              \
            if (std::getenv("CI"))                                                              \
                FAIL() << "OPENHOUSE_TEST_PG is not set but CI is: start PostgreSQL with "      \
                          "scripts/start-postgres.sh";                                          \
            GTEST_SKIP() << "OPENHOUSE_TEST_PG is not set; eval \"$(scripts/start-postgres.sh " \
                            "start DIR)\" to run the PostgreSQL cases";                         \
        }                                                                                       \
    } while (0)

// A fresh scratch database (dropped at the end) on the test server.
class ScratchPg {
  public:
    ScratchPg() {
        std::string name = "oh_it_" + Uuid::v7().str().substr(24);
        std::replace(name.begin(), name.end(), '-', '_');
        name_ = name;
        url_ = pgtools::createScratchDatabase(testPg(), name_);
    }
    ~ScratchPg() {
        try {
            pgtools::dropDatabase(testPg(), name_);
        } catch (const std::exception&) {
        }
    }
    const std::string& url() const { return url_; }

  private:
    std::string name_, url_;
};

// The central spec for a backend; keeps the scratch database alive.
struct CentralPlace {
    std::string spec;
    std::unique_ptr<ScratchPg> pg;
};

inline CentralPlace makeCentralPlace(Backend backend, const TempDir& dir) {
    CentralPlace place;
    if (backend == Backend::Sqlite) {
        place.spec = "sqlite:" + dir.file("central.db");
    } else {
        place.pg = std::make_unique<ScratchPg>();
        place.spec = place.pg->url();
    }
    return place;
}

struct Seed {
    Event event;
    std::vector<std::string> attendees;  // interns and guests
    std::vector<std::string> judges;
    std::vector<std::string> showcases;
};

// The program team's records, written on an admin store and pushed through the
// same path as any device.
inline Seed seedCentral(CentralRecord& central, const std::string& adminPath, int people = 30) {
    Seed seed;
    seed.event = Event{Uuid::v7().str(), "Demo Day", "HQ", "UTC", 1'800'000'000, 1'800'086'400, 3};
    Store admin = Store::open(adminPath);
    admin.setMeta("device_name", "program-team");
    admin.setMeta("event_id", seed.event.id);
    // One transaction: thousands of fsyncs would dominate the tests' time.
    sql::Transaction tx(admin.db());
    admin.saveEvent(seed.event);
    for (int i = 0; i < people; ++i) {
        Attendee a;
        a.eventId = seed.event.id;
        a.fullName = "Person " + std::to_string(i);
        a.email = "p" + std::to_string(i) + "@example.org";
        a.role = i % 2 ? Role::Guest : Role::Intern;
        admin.upsertAttendee(a);
        seed.attendees.push_back(a.id);
    }
    for (int i = 0; i < 3; ++i) {
        Attendee j;
        j.eventId = seed.event.id;
        j.fullName = "Judge " + std::to_string(i);
        j.email = "j" + std::to_string(i) + "@example.org";
        j.role = Role::Staff;
        admin.upsertAttendee(j);
        seed.judges.push_back(j.id);
    }
    for (int i = 0; i < 4; ++i) {
        Showcase s;
        s.id = Uuid::v7().str();
        s.eventId = seed.event.id;
        s.internId = seed.attendees[static_cast<std::size_t>(i * 2)];
        s.title = "Demo " + std::to_string(i);
        s.slotStart = i;
        admin.upsertShowcase(s);
        seed.showcases.push_back(s.id);
    }
    tx.commit();
    // The program team's rights: on PostgreSQL the owner's login gives them; the
    // embedded central grants them to whoever opens the file as admin.
    std::unique_ptr<CentralRecord> asAdmin;
    if (central.describe().rfind("sqlite:", 0) == 0) {
        CentralOptions options;
        options.admin = true;
        asAdmin = openCentralSqlite(central.describe().substr(7), options);
    }
    SyncEngine engine(admin, asAdmin ? *asAdmin : central, {}, [](const std::string&) {});
    engine.syncOnce();
    return seed;
}

inline std::unique_ptr<Store> openDevice(const std::string& path, const Seed& seed,
                                         const std::string& name) {
    auto store = std::make_unique<Store>(Store::open(path));
    store->setMeta("device_name", name);
    store->setMeta("event_id", seed.event.id);
    return store;
}

inline std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

inline int countPrefix(const std::vector<std::string>& lines, const std::string& prefix) {
    return static_cast<int>(std::count_if(
        lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }));
}

// The test server's URL with another user (trust authentication on loopback).
inline std::string asUser(const std::string& url, const std::string& role) {
    auto at = url.find('@');
    auto scheme = url.find("://");
    if (at == std::string::npos || scheme == std::string::npos) return url + " user=" + role;
    return url.substr(0, scheme + 3) + role + url.substr(at);
}

// Runs `cmd` through the shell; returns its exit status.
inline int shell(const std::string& cmd) {
    return std::system(cmd.c_str());
}

// The single value a query answers, as a number (a count, mostly).
inline long long scalar(const std::string& url, const std::string& sql,
                        const std::vector<std::string>& params = {}) {
    return std::stoll(pgtools::query(url, sql, params).at(0).at(0));
}

// A central record on the test's backend, seeded with an event, its roster and demos, and
// devices enrolled into it: the fixture of the behaviour tests that run on both adapters.
class SeededCentral : public testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) OH_REQUIRE_PG();
        place_ = makeCentralPlace(GetParam(), dir_);
        central_ = openCentralRecord(place_.spec);
        seed_ = seedCentral(*central_, dir_.file("admin.db"));
    }

    std::unique_ptr<Store> device(const std::string& name) {
        return openDevice(dir_.file(name + ".db"), seed_, name);
    }

    SyncReport sync(Store& store, std::vector<std::string>* log = nullptr) {
        SyncEngine engine(store, *central_, {}, [log](const std::string& line) {
            if (log) log->push_back(line);
        });
        return engine.syncOnce();
    }

    TempDir dir_;
    CentralPlace place_;
    std::unique_ptr<CentralRecord> central_;
    Seed seed_;
};

}  // namespace oh::it
