#include "core/judging/showcase_program.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/model/ids.hpp"

namespace oh {

namespace {

constexpr std::string_view kDemoCodePrefix = "OHD1:";

bool startsFirst(const Showcase& a, const Showcase& b) {
    return std::tie(a.slotStart, a.title, a.id) < std::tie(b.slotStart, b.title, b.id);
}

ProgramDemo programDemo(const Showcase& s, const std::map<std::string, const Attendee*>& people) {
    ProgramDemo d{s.id,
                  s.title,
                  {},
                  s.location,
                  s.slotStart,
                  s.slotEnd,
                  outcomeText(s.metricName, s.metricChange)};
    for (const std::string& id : presentersOf(s)) {
        auto it = people.find(id);
        if (it != people.end()) d.presenterNames.push_back(it->second->fullName);
    }
    return d;
}

// The room's program from its demos (in start order): the one presenting now, the next
// one to start, and the later ones up to the limit.
RoomProgram roomProgram(std::string room, const std::vector<ProgramDemo>& demos, std::int64_t now,
                        std::size_t laterLimit) {
    RoomProgram r{std::move(room), {}, {}, {}};
    for (const ProgramDemo& d : demos) {
        if (d.start <= now && now < d.end) {
            if (!r.now) r.now = d;
        } else if (d.start > now) {
            if (!r.next)
                r.next = d;
            else if (r.later.size() < laterLimit)
                r.later.push_back(d);
        }
    }
    return r;
}

// The first start or end after `now`: when the program changes by the clock alone.
std::optional<std::int64_t> nextChange(const std::vector<Showcase>& demos, std::int64_t now) {
    std::optional<std::int64_t> at;
    for (const Showcase& s : demos)
        for (std::int64_t t : {s.slotStart, s.slotEnd})
            if (t > now && (!at || t < *at)) at = t;
    return at;
}

std::vector<ProgramDemo> spotlightsOf(std::vector<ProgramDemo> demos) {
    std::stable_partition(demos.begin(), demos.end(),
                          [](const ProgramDemo& d) { return !d.outcome.empty(); });
    return demos;
}

}  // namespace

std::string outcomeText(std::string_view metricName, std::string_view metricChange) {
    if (metricName.empty() || metricChange.empty()) return {};
    std::string change(metricChange);
    if (change[0] == '-') change = "\u2212" + change.substr(1);  // a real minus sign
    if (change.size() > 1 && change.back() == '%' && change[change.size() - 2] != ' ')
        change.insert(change.size() - 1, " ");
    return std::string(metricName) + " " + change;
}

ShowcaseProgram showcaseProgram(const std::vector<Showcase>& demos,
                                const std::vector<Attendee>& people, std::int64_t nowSeconds,
                                std::size_t laterLimit) {
    std::map<std::string, const Attendee*> byId;
    for (const Attendee& a : people) byId.emplace(a.id, &a);
    std::vector<Showcase> sorted = demos;
    std::sort(sorted.begin(), sorted.end(), startsFirst);

    ShowcaseProgram program;
    std::map<std::string, std::vector<ProgramDemo>> byRoom;
    std::vector<ProgramDemo> all;
    for (const Showcase& s : sorted) {
        ProgramDemo d = programDemo(s, byId);
        if (s.slotStart <= nowSeconds && nowSeconds < s.slotEnd) program.betweenSessions = false;
        if (s.slotStart > nowSeconds && !program.nextStart) program.nextStart = s.slotStart;
        byRoom[s.location].push_back(d);
        all.push_back(std::move(d));
    }
    for (auto& [room, roomDemos] : byRoom) {
        RoomProgram r = roomProgram(room, roomDemos, nowSeconds, laterLimit);
        if (r.now || r.next) program.rooms.push_back(std::move(r));
    }
    program.spotlights = spotlightsOf(std::move(all));
    program.changesAt = nextChange(sorted, nowSeconds);
    return program;
}

ShowcaseProgram showcaseProgram(Store& store, const std::string& eventId, std::int64_t nowSeconds,
                                std::size_t laterLimit) {
    return showcaseProgram(store.showcases(eventId), store.attendees(eventId), nowSeconds,
                           laterLimit);
}

std::string demoCode(const std::string& showcaseId) {
    return std::string(kDemoCodePrefix) + showcaseId;
}

std::optional<std::string> parseDemoCode(std::string_view text) {
    if (text.substr(0, kDemoCodePrefix.size()) != kDemoCodePrefix) return std::nullopt;
    auto id = Uuid::parse(text.substr(kDemoCodePrefix.size()));
    if (!id) return std::nullopt;
    return id->str();
}

}  // namespace oh
