#include "core/dashboard/dashboard.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/judging/floor.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/hlc.hpp"
#include "core/roster/attendance.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"

namespace oh {

namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;

struct Facts {
    std::vector<Attendee> people;
    std::vector<AttendanceRow> arrived;
    std::vector<Showcase> demos;
    std::vector<Score> scores;  // live, with a total (conflicts left out)
    std::vector<Slot> slots;
    std::map<std::string, int> scoresPerDemo;
};

Facts factsOf(Store& store, const std::string& eventId) {
    Facts f;
    f.people = store.attendees(eventId);
    f.arrived = attendanceRows(store, eventId);
    f.demos = store.showcases(eventId);
    for (Score& s : store.scores(eventId))
        if (!s.deleted && s.total) {
            ++f.scoresPerDemo[s.showcaseId];
            f.scores.push_back(std::move(s));
        }
    f.slots = SlotBook(store).slots(eventId);
    return f;
}

// The interns who reached each step, as id sets narrowed step by step.
Funnel funnelOf(const Facts& f, const std::vector<Decision>& decisions, int quorum,
                std::int64_t nowSeconds) {
    std::set<std::string> registered, checkedIn, demoed, quorate, decided, slotOrEncore, issued,
        accepted;
    for (const Attendee& a : f.people)
        if (a.role == Role::Intern && !a.blocked) registered.insert(a.id);
    for (const AttendanceRow& r : f.arrived)
        if (registered.count(r.attendeeId)) checkedIn.insert(r.attendeeId);
    for (const Showcase& s : f.demos) {
        const auto it = f.scoresPerDemo.find(s.id);
        const bool hasQuorum = it != f.scoresPerDemo.end() && it->second >= quorum;
        for (const std::string& id : presentersOf(s)) {
            if (!checkedIn.count(id) || s.slotStart > nowSeconds) continue;
            demoed.insert(id);
            if (hasQuorum) quorate.insert(id);
        }
    }
    for (const Decision& d : decisions) {
        if (!quorate.count(d.internId)) continue;
        if (d.outcome == Outcome::Slot) decided.insert(d.internId);
        if (d.outcome == Outcome::Slot || d.encore) slotOrEncore.insert(d.internId);
    }
    for (const Slot& s : f.slots) {
        const bool counts = s.state != "void" && s.state != "duplicate";
        if (counts && decided.count(s.internId)) issued.insert(s.internId);
        if (s.state == "accepted" && decided.count(s.internId)) accepted.insert(s.internId);
    }
    auto n = [](const std::set<std::string>& s) { return static_cast<int>(s.size()); };
    return {n(registered), n(checkedIn),    n(demoed), n(quorate),
            n(decided),    n(slotOrEncore), n(issued), n(accepted)};
}

std::vector<DemoCoverage> coverageOf(const Facts& f, int quorum, std::int64_t nowSeconds) {
    std::vector<DemoCoverage> out;
    for (const Showcase& s : f.demos) {
        const auto it = f.scoresPerDemo.find(s.id);
        const int scores = it == f.scoresPerDemo.end() ? 0 : it->second;
        out.push_back({s.id, s.title, s.location, s.slotStart, scores,
                       scores<quorum, s.slotStart> 0 && s.slotStart <= nowSeconds});
    }
    std::sort(out.begin(), out.end(), [](const DemoCoverage& a, const DemoCoverage& b) {
        return std::tie(a.start, a.title, a.showcaseId) < std::tie(b.start, b.title, b.showcaseId);
    });
    return out;
}

// Demo's end -> its slot's issue, for every offer issued on a demo with an end time.
std::vector<double> hoursToSlot(const Facts& f, const std::vector<Decision>& decisions) {
    std::map<std::string, std::int64_t> endOf;
    for (const Showcase& s : f.demos) endOf[s.id] = s.slotEnd;
    std::vector<double> out;
    for (const Decision& d : decisions) {
        if (d.slotIssuedAt <= 0 || d.slotState == "void" || d.slotState == "duplicate") continue;
        const auto end = endOf.find(d.showcaseId);
        if (end == endOf.end() || end->second <= 0) continue;
        out.push_back(static_cast<double>(d.slotIssuedAt - end->second * 1000) / 3'600'000.0);
    }
    return out;
}

bool demosRunning(const std::vector<Showcase>& demos, std::int64_t nowSeconds) {
    return std::any_of(demos.begin(), demos.end(), [&](const Showcase& s) {
        return s.slotStart <= nowSeconds && nowSeconds < s.slotEnd;
    });
}

std::int64_t scoreTimeMs(const Score& s) {
    const auto clock = Hlc::parse(s.hlc);
    return clock ? clock->wall : 0;
}

std::vector<JudgeActivity> judgeActivity(Store& store, const std::string& eventId, const Facts& f,
                                         std::int64_t nowMs) {
    std::map<std::string, JudgeActivity> byId;
    for (const Attendee& a : judgesOf(store, eventId))
        byId[a.id] = JudgeActivity{a.id, a.fullName, 0, 0, false};
    for (const Score& s : f.scores) {
        auto it = byId.find(s.judgeId);
        if (it == byId.end()) continue;
        ++it->second.scores;
        it->second.lastScoreAt = std::max(it->second.lastScoreAt, scoreTimeMs(s));
    }
    const bool running = demosRunning(f.demos, nowMs / 1000);
    std::vector<JudgeActivity> out;
    for (auto& [id, j] : byId) {
        j.idle = running && nowMs - j.lastScoreAt > kJudgeIdleMinutes * kMinuteMs;
        out.push_back(std::move(j));
    }
    std::sort(out.begin(), out.end(), [](const JudgeActivity& a, const JudgeActivity& b) {
        return std::tie(b.idle, a.name, a.judgeId) < std::tie(a.idle, b.name, b.judgeId);
    });
    return out;
}

// Each device's last report, its time put on the central's clock (the device's clock minus
// its offset), so devices with wrong clocks compare.
std::vector<DeviceHealthView> devicesOf(Store& store, const std::string& eventId,
                                        std::int64_t nowMs) {
    std::vector<DeviceHealthView> out;
    for (const Store::DeviceHealth& h : store.deviceHealth(eventId)) {
        const std::int64_t seen = h.reportedAt - h.clockOffsetMs;
        out.push_back({h.deviceId, h.name, seen, h.backlog, h.clockOffsetMs,
                       nowMs - seen > kDeviceStaleMinutes * kMinuteMs});
    }
    return out;
}

}  // namespace

std::vector<CheckInBucket> checkInsPerQuarter(const std::vector<std::int64_t>& atMs,
                                              std::int64_t fromSeconds, std::int64_t toSeconds) {
    const std::int64_t first = fromSeconds - (fromSeconds % kCheckInBucketSeconds);
    if (toSeconds < first) return {};
    const std::int64_t count = (toSeconds - first) / kCheckInBucketSeconds + 1;
    std::vector<CheckInBucket> out(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].start = first + static_cast<std::int64_t>(i) * kCheckInBucketSeconds;
    for (std::int64_t at : atMs) {
        const std::int64_t i = (at / 1000 - first) / kCheckInBucketSeconds;
        if (at / 1000 >= first && i < count) ++out[static_cast<std::size_t>(i)].count;
    }
    return out;
}

std::optional<double> EncoreFigures::passRate() const {
    const int ended = passed + failed + expired;
    if (ended <= 0) return std::nullopt;
    return static_cast<double>(passed) / ended;
}

EncoreFigures encoreFigures(const std::vector<Decision>& decisions) {
    EncoreFigures e;
    for (const Decision& d : decisions) {
        if (!d.encore) continue;
        ++e.assigned;
        switch (d.encoreState) {
            case EncoreState::Assigned:
            case EncoreState::Submitted:
                ++e.open;
                break;
            case EncoreState::Expired:
                ++e.expired;
                break;
            case EncoreState::Reviewed:
                ++(d.encorePassed ? e.passed : e.failed);
                break;
        }
    }
    return e;
}

std::optional<double> medianOf(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

DashboardData buildDashboard(Store& store, const std::string& eventId, const ConversionRules& rules,
                             std::int64_t nowMs) {
    DashboardData d;
    d.builtAtMs = nowMs;
    d.quorum = rules.quorum;
    const auto event = store.event(eventId);
    if (!event) return d;
    d.eventId = event->id;
    d.eventName = event->name;
    d.judgingClosed = judgingClosed(*event, nowMs);
    const Facts f = factsOf(store, eventId);
    d.decisions = eventDecisions(store, eventId, rules, nowMs);
    d.fairness = fairnessByCohort(d.decisions, rules.fairnessMinCell);
    d.funnel = funnelOf(f, d.decisions, rules.quorum, nowMs / 1000);
    d.encores = encoreFigures(d.decisions);
    d.hoursDemoToSlot = hoursToSlot(f, d.decisions);
    d.medianHoursDemoToSlot = medianOf(d.hoursDemoToSlot);
    std::vector<std::int64_t> arrivals;
    for (const AttendanceRow& r : f.arrived) arrivals.push_back(r.atMillis);
    std::int64_t from = event->startsAt;
    for (std::int64_t at : arrivals) from = std::min(from, at / 1000);
    const std::int64_t to = std::max(std::min(nowMs / 1000, event->endsAt), from);
    d.checkIns = checkInsPerQuarter(arrivals, from, to);
    d.coverage = coverageOf(f, rules.quorum, nowMs / 1000);
    d.judges = judgeActivity(store, eventId, f, nowMs);
    d.devices = devicesOf(store, eventId, nowMs);
    return d;
}

bool DashboardCache::refresh(Store& store, const std::string& eventId, const ConversionRules& rules,
                             std::int64_t nowMs) {
    const std::int64_t stamp = store.db().changeStamp();
    const std::int64_t minute = nowMs / kMinuteMs;
    if (stamp_ && *stamp_ == stamp && minute == minute_) return false;
    data_ = buildDashboard(store, eventId, rules, nowMs);
    stamp_ = stamp;
    minute_ = minute;
    ++generation_;
    return true;
}

}  // namespace oh
