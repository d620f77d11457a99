// What the event lead's dashboard shows (kiosk --mode dashboard), computed from the device's
// store: the funnel from registered interns to accepted slots, check-ins per 15 minutes,
// judging coverage (each demo's scores against the quorum, idle judges), the conversion
// decisions with their rules and the fairness per cohort, and each device's sync health.
// The screen draws these figures; they are rebuilt only when the store changes or a minute
// passes (DashboardCache), never per frame.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decisions/conversion.hpp"
#include "core/store/store.hpp"

namespace oh {

// Interns at each step, each a subset of the one before.
struct Funnel {
    int registered = 0;      // interns on the roster (blocked ones left out)
    int checkedIn = 0;       // ... with a live check-in
    int demoed = 0;          // ... presenting a demo that has started
    int scoredToQuorum = 0;  // ... whose demo has at least the quorum of judges' scores
    int slotDecided = 0;     // ... the rules give a slot
    int slotOrEncore = 0;    // ... whose demo's decision is a slot or an encore
    int issued = 0;          // ... holding an issued slot (any state after issue)
    int accepted = 0;        // ... who accepted it
};

// The event's encores by where they stand (core/model/encore.hpp), for the dashboard and the
// KPIs (core/kpis/).
struct EncoreFigures {
    int assigned = 0;  // decisions that became an encore
    int open = 0;      // assigned or submitted, not expired
    int passed = 0;    // reviewed and passed the rules with the review
    int failed = 0;    // reviewed, not passed
    int expired = 0;   // nothing submitted by the due date
    // passed / (passed + failed + expired): of the encores that ended; nullopt before one did.
    std::optional<double> passRate() const;
};
EncoreFigures encoreFigures(const std::vector<Decision>& decisions);

// The middle value (the mean of the two middle ones for an even count); nullopt when empty.
std::optional<double> medianOf(std::vector<double> values);

struct CheckInBucket {
    std::int64_t start = 0;  // Unix seconds, on a quarter hour
    int count = 0;
};

struct DemoCoverage {
    std::string showcaseId;
    std::string title;
    std::string location;
    std::int64_t start = 0;
    int scores = 0;  // judges' live scores
    bool belowQuorum = true;
    bool started = false;  // its slot has begun: below quorum now means judges are needed
};

struct JudgeActivity {
    std::string judgeId;
    std::string name;
    int scores = 0;
    std::int64_t lastScoreAt = 0;  // Unix ms, 0 when none
    bool idle = false;             // no score within kJudgeIdleMinutes while demos run
};

// A device as the central last heard of it (devices report this when they sync).
struct DeviceHealthView {
    std::string deviceId;
    std::string name;
    std::int64_t lastSeenMs = 0;     // the central's clock at the device's last sync
    std::int64_t backlog = 0;        // records the device had not yet pushed then
    std::int64_t clockOffsetMs = 0;  // the device's clock minus the central's
    bool stale = false;              // not seen for kDeviceStaleMinutes
};

inline constexpr int kCheckInBucketSeconds = 15 * 60;
inline constexpr int kJudgeIdleMinutes = 20;
inline constexpr int kDeviceStaleMinutes = 5;

struct DashboardData {
    std::string eventId, eventName;
    std::int64_t builtAtMs = 0;
    int quorum = 3;
    Funnel funnel;
    std::vector<CheckInBucket> checkIns;  // from the event's start (or first check-in) to now
    std::vector<DemoCoverage> coverage;   // by start, then title
    std::vector<JudgeActivity> judges;    // idle ones first, then by name
    std::vector<Decision> decisions;      // as `openhouse slots` lists them
    std::vector<CohortFairness> fairness;
    std::vector<DeviceHealthView> devices;  // by name
    EncoreFigures encores;
    // Per offer issued on a demo with an end time: hours from the demo's end to the issue.
    std::vector<double> hoursDemoToSlot;
    std::optional<double> medianHoursDemoToSlot;  // of hoursDemoToSlot, computed once here
    bool judgingClosed = false;
};

DashboardData buildDashboard(Store& store, const std::string& eventId, const ConversionRules& rules,
                             std::int64_t nowMs);

// Check-ins (Unix ms) counted per quarter hour from `fromSeconds` (rounded down to one) to
// `toSeconds`, empty quarters included.
std::vector<CheckInBucket> checkInsPerQuarter(const std::vector<std::int64_t>& atMs,
                                              std::int64_t fromSeconds, std::int64_t toSeconds);

// The dashboard's figures, rebuilt only when the store changed (Db::changeStamp) or the
// minute turned (idle judges, started demos), so drawing a frame costs no query.
class DashboardCache {
  public:
    // True when the figures were rebuilt.
    bool refresh(Store& store, const std::string& eventId, const ConversionRules& rules,
                 std::int64_t nowMs);
    const DashboardData& data() const { return data_; }
    std::uint64_t generation() const { return generation_; }

  private:
    DashboardData data_;
    std::optional<std::int64_t> stamp_;
    std::int64_t minute_ = -1;
    std::uint64_t generation_ = 0;
};

}  // namespace oh
