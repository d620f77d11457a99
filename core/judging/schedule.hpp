// The demo schedule: which demos present when and where, who presents them, and the live
// metric each one moved. One CSV row per demo:
//   title,presenters,location,start,end,metric,change
// `presenters` holds the presenting interns' e-mails (a team demo has several, separated by
// ';' or ','); `start`/`end` are event times ("2026-12-10 14:00" on the venue's clocks, or
// with an offset); `metric` and `change` name the live metric and its measured change
// ("support tickets", "-12%"), both or neither. Headers match whatever their case or
// punctuation ("Start Time" is `start`).
//
// This file only reads and checks the sheet on its own (no database work): every problem
// comes back with its line, column and a reason code, so the import can be all-or-nothing
// like the roster's. Checks against the event's people (is each presenter an intern of the
// event?) belong to the importer, which knows the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oh {

inline constexpr std::size_t kScheduleTitleMax = 200;
inline constexpr std::size_t kScheduleFieldMax = 200;  // location, metric, change
inline constexpr std::size_t kSchedulePresentersMax = 12;

struct ScheduledDemo {
    int line = 0;  // line where the CSV record starts
    std::string title;
    std::vector<std::string> presenterEmails;  // normalised (trimmed, lower-case), in order
    std::string location;
    std::int64_t start = 0;  // Unix seconds
    std::int64_t end = 0;
    std::string metricName;
    std::string metricChange;
};

// reason is one of: "empty-file", "missing-column", "duplicate-column",
// "wrong-field-count", "unterminated-quote", "stray-quote", "invalid-utf8",
// "control-character", "field-too-long", "missing-title", "duplicate-title",
// "missing-presenters", "invalid-email", "duplicate-presenter", "too-many-presenters",
// "bad-time", "end-before-start", "outside-event", "metric-without-change",
// "change-without-metric", "bad-change", "room-double-booked", "presenter-double-booked";
// and from the importer (schedule_import.hpp): "unknown-presenter", "not-an-intern".
struct ScheduleProblem {
    int line = 0;
    std::string column;  // header text as written; empty for whole-row problems
    std::string reason;
    std::string message;  // what is wrong and how to fix it, for the lead
};

struct ScheduleWindow {
    std::int64_t start = 0, end = 0;  // the event's day, Unix seconds; 0/0: no check
};

struct ScheduleParse {
    std::vector<ScheduledDemo> demos;
    std::string presentersHeader;  // the presenters column as the sheet names it
    std::vector<ScheduleProblem> problems;
    bool ok() const { return problems.empty(); }
};

// Reads the sheet; times without an offset are read in `zone` (IANA name). Every problem
// is listed, not only the first (in line order). `demos` holds each row with no problem of
// its own, so the importer can list its problems too; the import is all or nothing.
// Columns the sheet has beyond these are the lead's own and ignored.
ScheduleParse parseSchedule(std::string_view csv, std::string_view zone,
                            const ScheduleWindow& window = {});

// Nullopt when `change` reads as a measured change: a signed number with an optional
// unit or percent ("-12%", "+3.5 pp", "40 ms", "x2"); otherwise why not.
std::optional<std::string> metricChangeProblem(std::string_view change);

}  // namespace oh
