#include "core/judging/schedule_import.hpp"

#include <algorithm>
#include <optional>

#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"
#include "core/text/title_key.hpp"

namespace oh {

namespace {

// The presenters' attendee ids, in the sheet's order; a problem for each e-mail that is
// not an intern of the event.
std::vector<std::string> resolvePresenters(Store& store, const std::string& eventId,
                                           const ScheduledDemo& demo, const std::string& column,
                                           std::vector<ScheduleProblem>& problems) {
    std::vector<std::string> ids;
    for (const auto& email : demo.presenterEmails) {
        std::optional<Attendee> person = store.attendeeByEmail(eventId, email);
        if (!person)
            problems.push_back({demo.line, column, "unknown-presenter",
                                email + " is not on the event's roster; import them first"});
        else if (person->role != Role::Intern)
            problems.push_back({demo.line, column, "not-an-intern",
                                email + " is on the roster as " + roleName(person->role) +
                                    "; only interns present demos"});
        else
            ids.push_back(person->id);
    }
    return ids;
}

bool sharesAPresenter(const Showcase& stored, const std::vector<std::string>& presenters) {
    for (const auto& id : presentersOf(stored))
        if (std::find(presenters.begin(), presenters.end(), id) != presenters.end()) return true;
    return false;
}

// The stored demo this row is: the same title and a presenter in common. `keys` holds
// each stored demo's title key, folded once per import rather than once per row.
std::optional<Showcase> storedDemo(const std::vector<Showcase>& stored,
                                   const std::vector<std::u32string>& keys,
                                   const ScheduledDemo& demo,
                                   const std::vector<std::string>& presenters) {
    const std::u32string key = demoTitleKey(demo.title);
    for (std::size_t i = 0; i < stored.size(); ++i)
        if (keys[i] == key && sharesAPresenter(stored[i], presenters)) return stored[i];
    return std::nullopt;
}

// The stored demo with the sheet's fields; true when any of them changed.
bool applyRow(Showcase& s, const ScheduledDemo& demo, const std::vector<std::string>& presenters) {
    Showcase before = s;
    s.title = demo.title;
    s.presenterIds = presenters;
    s.internId = presenters.front();
    s.location = demo.location;
    s.slotStart = demo.start;
    s.slotEnd = demo.end;
    s.metricName = demo.metricName;
    s.metricChange = demo.metricChange;
    return s.title != before.title || s.presenterIds != before.presenterIds ||
           s.internId != before.internId || s.location != before.location ||
           s.slotStart != before.slotStart || s.slotEnd != before.slotEnd ||
           s.metricName != before.metricName || s.metricChange != before.metricChange;
}

struct PlannedWrite {
    Showcase showcase;
    bool fresh = false, changed = false;
};

std::vector<PlannedWrite> plan(Store& store, const Event& event, const ScheduleParse& parse,
                               ScheduleImportReport& report) {
    const std::vector<Showcase> stored = store.showcases(event.id);
    std::vector<std::u32string> keys;
    for (const Showcase& s : stored) keys.push_back(demoTitleKey(s.title));
    std::vector<PlannedWrite> writes;
    std::vector<std::string> named;  // stored demo ids the sheet names
    for (const ScheduledDemo& demo : parse.demos) {
        std::vector<std::string> presenters =
            resolvePresenters(store, event.id, demo, parse.presentersHeader, report.problems);
        if (presenters.size() != demo.presenterEmails.size()) continue;
        PlannedWrite write;
        if (auto found = storedDemo(stored, keys, demo, presenters)) {
            write.showcase = *found;
            named.push_back(found->id);
        } else {
            write.fresh = true;
            write.showcase.id = Uuid::v7().str();
            write.showcase.eventId = event.id;
        }
        write.changed = applyRow(write.showcase, demo, presenters) || write.fresh;
        writes.push_back(std::move(write));
    }
    report.notInSheet = static_cast<int>(std::count_if(stored.begin(), stored.end(), [&](auto& s) {
        return std::find(named.begin(), named.end(), s.id) == named.end();
    }));
    return writes;
}

}  // namespace

ScheduleImportReport importSchedule(Store& store, const std::string& eventId,
                                    std::string_view csv) {
    ScheduleImportReport report;
    std::optional<Event> event = store.event(eventId);
    if (!event) {
        report.problems.push_back({0, "", "unknown-event", "no event " + eventId + " here"});
        return report;
    }
    ScheduleParse parse =
        parseSchedule(csv, event->timezone, ScheduleWindow{event->startsAt, event->endsAt});
    report.problems = parse.problems;
    if (parse.presentersHeader.empty()) return report;  // the header itself is unusable
    std::vector<PlannedWrite> writes = plan(store, *event, parse, report);
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    if (!report.ok()) return report;  // all or nothing
    sql::Transaction tx(store.db());
    for (const PlannedWrite& w : writes) {
        ++report.demos;
        if (!w.changed) {
            ++report.unchanged;
            continue;
        }
        store.upsertShowcase(w.showcase);
        ++(w.fresh ? report.created : report.updated);
    }
    tx.commit();
    return report;
}

std::string scheduleProblemText(const ScheduleProblem& p) {
    std::string where = p.line > 0 ? "line " + std::to_string(p.line) : std::string("the sheet");
    if (!p.column.empty()) where += ", column '" + p.column + "'";
    return where + ": " + p.reason + ": " + p.message;
}

}  // namespace oh
