// `openhouse import-schedule`: the demo schedule (schedule.hpp) into an event's demos. Each
// presenter must be an intern of the event (by e-mail, as the roster has them). A row is
// the demo already stored when the title is the same (demoTitleKey) and it shares a
// presenter; then the import updates it (a demo that moved rooms or times, a team that
// changed), else it creates the demo. Demos the sheet does not name are kept (scores may
// hang on them) and counted in the report. All or nothing, in one transaction; the change
// reaches every device through the store's outbox like any showcase.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/judging/schedule.hpp"
#include "core/store/store.hpp"

namespace oh {

struct ScheduleImportReport {
    int demos = 0, created = 0, updated = 0, unchanged = 0;
    int notInSheet = 0;  // stored demos of the event the sheet does not name
    std::vector<ScheduleProblem> problems;
    bool ok() const { return problems.empty(); }
};

ScheduleImportReport importSchedule(Store& store, const std::string& eventId, std::string_view csv);

// "line 3, column 'Presenters': unknown-presenter: ..." for a person reading a terminal.
std::string scheduleProblemText(const ScheduleProblem& problem);

}  // namespace oh
