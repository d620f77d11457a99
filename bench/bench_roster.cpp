// Roster import of a generated 100,000-row CSV: parse + validate + store (one
// transaction, outbox included), against the baseline of raw SQLite inserts of
// the same rows in one transaction, in the same run.
//
//   build/release/bench/bench_roster [rows] [dir]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"
#include "core/roster/roster.hpp"
#include "core/roster/roster_import.hpp"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point from) {
    return std::chrono::duration<double>(Clock::now() - from).count();
}

std::string makeCsv(int rows) {
    static const char* roles[] = {"intern", "guest", "judge", "peer"};
    static const char* names[] = {"Ana Lima",   "Omar Haddad", "Priya Sharma", "Wei Chen",
                                  "Léa Dubois", "ليلى الحسن",  "अर्जुन मेहता",    "佐藤 花子"};
    std::string csv = "Full Name,Email,Role,Cohort,Team,Pronouns,Strengths\n";
    csv.reserve(static_cast<std::size_t>(rows) * 110);
    for (int i = 0; i < rows; ++i) {
        csv += std::string(names[i % 8]) + " " + std::to_string(i) + ",person" + std::to_string(i) +
               "@example.org," + roles[i % 4] + ",Autumn 2026,Team " + std::to_string(i % 50) +
               ",they/them,\"shipped a feature, with tests\"\n";
    }
    return csv;
}

void removeDb(const std::string& p) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p + suffix);
}

double rawInsert(const std::string& path, const RosterParse& parse) {
    auto db = sql::Db::open(path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec(
        "CREATE TABLE a (id TEXT PRIMARY KEY, name TEXT, email TEXT UNIQUE, role TEXT, "
        "cohort TEXT, team TEXT, pronouns TEXT, strengths TEXT)");
    auto insert = db.prepare("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    auto start = Clock::now();
    db.exec("BEGIN");
    for (const auto& r : parse.rows) {
        const auto& p = r.person;
        insert
            .bindAll(Uuid::v7().str(), p.fullName, p.email, roleName(p.role), p.cohort, p.team,
                     p.pronouns, p.strengths)
            .run();
    }
    db.exec("COMMIT");
    return static_cast<double>(parse.rows.size()) / seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
    int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
    std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
    std::string csv = makeCsv(rows);

    auto t0 = Clock::now();
    RosterParse parse = parseRoster(csv);
    double parseSeconds = seconds(t0);
    if (!parse.ok() || static_cast<int>(parse.rows.size()) != rows) {
        std::fprintf(stderr, "generated roster did not parse cleanly\n");
        return 1;
    }

    std::string rawPath = dir + "/bench-roster-raw.db", storePath = dir + "/bench-roster.db";
    removeDb(rawPath);
    removeDb(storePath);
    double raw = rawInsert(rawPath, parse);

    auto store = Store::open(storePath);
    Event e{Uuid::v7().str(), "Bench", "", "UTC", 0, 1, 0};
    store.saveEvent(e);
    auto t1 = Clock::now();
    ImportReport report = importRoster(store, e.id, parse, false);
    double storeSeconds = seconds(t1);
    if (report.inserted != rows) return 1;
    auto t2 = Clock::now();
    ImportReport again = importRoster(store, e.id, parseRoster(csv), false);
    double reimportSeconds = seconds(t2);

    std::printf("roster import, %d rows (%.1f MB CSV), WAL + synchronous=FULL\n", rows,
                csv.size() / 1e6);
    std::printf("  parse + validate             : %8.0f rows/s (%.2f s)\n", rows / parseSeconds,
                parseSeconds);
    std::printf("  store (upsert + outbox, 1 tx) : %8.0f rows/s (%.2f s)\n", rows / storeSeconds,
                storeSeconds);
    std::printf("  end to end (parse + store)   : %8.0f rows/s\n",
                rows / (parseSeconds + storeSeconds));
    std::printf("  baseline raw inserts, 1 tx   : %8.0f rows/s\n", raw);
    std::printf("  ratio store / raw            : %8.1f %%\n", 100.0 * (rows / storeSeconds) / raw);
    std::printf("  re-import (all unchanged)    : %8.0f rows/s, %d unchanged\n",
                rows / reimportSeconds, again.unchanged);
    removeDb(rawPath);
    removeDb(storePath);
    return 0;
}
