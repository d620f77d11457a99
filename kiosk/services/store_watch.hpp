// The showcase and dashboard modes' worker: it reads the device's store on its own
// connection (never on the UI thread) and keeps two snapshots current, the audience's
// program and the lead's dashboard figures. It rebuilds one only when the store changed
// (another process's sync included), when the clock reaches the program's next change, or
// once a minute (countdowns, idle judges); then it wakes the UI. Between those moments the
// kiosk sleeps: a showcase screen costs nothing while nothing changes.
//
// It also runs the lead's dashboard actions off the UI thread: exports to a folder, and the
// schedule shift and judging close, which need the program team's rights and so are written
// to the central record's own file when this device holds it (the lead's laptop); a plain
// device says where to do them instead.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/dashboard/dashboard.hpp"
#include "core/decisions/conversion.hpp"
#include "core/judging/rubric.hpp"
#include "core/judging/showcase_program.hpp"
#include "core/store/store.hpp"

namespace oh::kiosk {

struct StoreWatchSettings {
    std::string storePath;
    std::string eventId;
    // The central record's file when this device holds it (the lead's laptop); empty: the
    // lead's actions that change the program (shift, close judging) are refused with a reason.
    std::string adminStorePath;
    ConversionRules rules;
    Rubric rubric = defaultRubric();  // the score list's columns
    // The kiosk's own exports folder (offered after any USB stick; created 0700 when used).
    std::string exportsFolder;
    std::function<void()> wake;
    std::function<std::int64_t()> nowMs;  // the wall clock; tests may move it
    std::chrono::milliseconds pollEvery{1000};
    // Between sessions the showcase turns to the next spotlight card this often.
    std::chrono::milliseconds spotlightEvery{12000};
};

// The outcome of a lead action for the dashboard: a strings key and its detail.
struct LeadNote {
    bool ok = false;
    std::string key;     // dashboard.note.*
    std::string detail;  // {detail}: a path, a count, a reason
};

class StoreWatch {
  public:
    explicit StoreWatch(StoreWatchSettings settings);
    ~StoreWatch();
    StoreWatch(const StoreWatch&) = delete;
    StoreWatch& operator=(const StoreWatch&) = delete;

    std::shared_ptr<const ShowcaseProgram> program() const;
    // Only built while wanted (the dashboard is showing): it costs more than the program.
    std::shared_ptr<const DashboardData> dashboard() const;
    void wantDashboard(bool wanted);
    // Which spotlight card shows (modulo their number): it moves every spotlightEvery.
    std::uint64_t spotlightTurn() const;

    // Lead actions, run in order on the worker; the note shows when done.
    void shiftSchedule(const std::string& room, int minutes, const std::string& actor);
    void closeJudging(bool close, const std::string& actor);
    // Writes the list (`kind`: slots, scores, checkins) as CSV and XLSX into `folder`, 0600
    // and atomic, and logs it in this device's audit log.
    void exportLists(const std::string& kind, const std::string& folder, const std::string& actor);
    LeadNote lastNote() const;
    bool actionPending() const;

  private:
    void run();
    bool wantsDashboard() const;
    void refresh(Store& store);
    void runJob(Store& store, const std::function<LeadNote(Store&)>& job);
    void post(std::function<LeadNote(Store&)> job);
    LeadNote onAdminStore(const std::function<LeadNote(Store&)>& change);

    StoreWatchSettings settings_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool wantDashboard_ = false;
    std::shared_ptr<const ShowcaseProgram> program_;
    std::shared_ptr<const DashboardData> dashboard_;
    std::uint64_t spotlightTurn_ = 0;
    DashboardCache cache_;  // the worker's alone
    std::deque<std::function<LeadNote(Store&)>> jobs_;
    bool jobRunning_ = false;
    LeadNote note_;
    std::thread thread_;
};

}  // namespace oh::kiosk
