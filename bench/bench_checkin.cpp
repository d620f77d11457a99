// Durable check-ins into the local store against raw SQLite inserts in the
// same journal mode (WAL, synchronous=FULL), in the same run, on the same disk.
//
//   build/release/bench/bench_checkin [count] [dir]
//
// Baseline: one single-row INSERT transaction per row into a plain table.
// Measured: CheckInDesk::scan -> Ed25519 verify + roster lookup + check-in row
// + outbox entry, committed durably, one transaction per check-in (as at the door).
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/checkin/checkin.hpp"
#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

double rawInserts(const std::string& path, int count) {
    auto db = sql::Db::open(path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, attendee TEXT NOT NULL, at INTEGER NOT NULL)");
    auto insert = db.prepare("INSERT INTO t (id, attendee, at) VALUES (?, ?, ?)");
    auto start = Clock::now();
    for (int i = 0; i < count; ++i) {
        db.exec("BEGIN");
        insert.bindAll(Uuid::v7().str(), Uuid::v7().str(), nowMillis()).run();
        db.exec("COMMIT");
    }
    return count / seconds(start);
}

double durableCheckIns(const std::string& path, int count, std::vector<double>& latenciesMs) {
    auto store = Store::open(path);
    Event e{Uuid::v7().str(), "Bench", "", "UTC", nowSeconds() - 3600, nowSeconds() + 3600, 0};
    store.saveEvent(e);
    auto key = SigningKey::generate();
    store.addEventKey(e.id, key.publicKey);
    std::vector<std::string> tokens;
    {
        sql::Transaction tx(store.db());
        for (int i = 0; i < count; ++i) {
            Attendee a;
            a.eventId = e.id;
            a.fullName = "Person " + std::to_string(i);
            a.email = "p" + std::to_string(i) + "@example.org";
            store.upsertAttendee(a);
            auto now = static_cast<std::uint32_t>(nowSeconds());
            tokens.push_back(signToken(
                {{}, *Uuid::parse(e.id), *Uuid::parse(a.id), now, now - 60, now + 7200}, key));
        }
        tx.commit();
    }
    CheckInDesk desk(store, e.id);
    auto start = Clock::now();
    for (const auto& token : tokens) {
        auto t0 = Clock::now();
        if (!desk.scan(token, nowMillis()).ok()) std::abort();
        latenciesMs.push_back(seconds(t0) * 1000);
    }
    return count / seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
    int count = argc > 1 ? std::atoi(argv[1]) : 2000;
    std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
    std::string rawPath = dir + "/bench-raw.db", storePath = dir + "/bench-store.db";
    for (const auto& p : {rawPath, storePath})
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);

    // Interleave two rounds of each so drift in the disk's speed hits both.
    std::vector<double> latencies;
    double raw1 = rawInserts(rawPath, count);
    double ours1 = durableCheckIns(storePath, count, latencies);
    for (const auto& p : {rawPath, storePath})
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
    double raw2 = rawInserts(rawPath, count);
    double ours2 = durableCheckIns(storePath, count, latencies);
    double raw = (raw1 + raw2) / 2, ours = (ours1 + ours2) / 2;
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) {
        return latencies[static_cast<std::size_t>(p * (latencies.size() - 1))];
    };

    std::printf("durable check-ins, WAL + synchronous=FULL, %d per round, 2 rounds, dir %s\n",
                count, dir.c_str());
    std::printf("  raw SQLite single-row inserts : %8.0f /s\n", raw);
    std::printf("  durable check-ins (CheckInDesk): %8.0f /s\n", ours);
    std::printf("  ratio check-ins / raw         : %8.1f %%\n", 100.0 * ours / raw);
    std::printf("  check-in latency ms p50 %.3f p99 %.3f max %.3f\n", pct(0.5), pct(0.99),
                latencies.back());
    for (const auto& p : {rawPath, storePath})
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
    return 0;
}
