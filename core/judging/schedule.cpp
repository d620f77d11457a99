#include "core/judging/schedule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <variant>

#include "core/roster/csv.hpp"
#include "core/roster/csv_field.hpp"
#include "core/text/email.hpp"
#include "core/text/fold.hpp"
#include "core/text/title_key.hpp"
#include "core/text/trim.hpp"
#include "core/time/event_time.hpp"

namespace oh {

namespace {

struct FieldSpec {
    const char* field;
    std::array<const char*, 5> headers;  // as csvHeaderKey spells them; "" pads
    bool required;
};

// Header names a lead's spreadsheet is likely to use for each field.
constexpr std::array<FieldSpec, 7> kFields{{
    {"title", {"title", "demo", "demotitle", "showcase", ""}, true},
    {"presenters", {"presenters", "presenter", "interns", "intern", "presenteremails"}, true},
    {"location", {"location", "room", "table", "roomortable", "where"}, false},
    {"start", {"start", "starttime", "starts", "from", "begin"}, true},
    {"end", {"end", "endtime", "ends", "to", "until"}, true},
    {"metric", {"metric", "livemetric", "metricname", "", ""}, false},
    {"change", {"change", "metricchange", "measuredchange", "delta", ""}, false},
}};

const FieldSpec* specForHeader(std::string_view header) {
    const std::string key = csvHeaderKey(header);
    for (const auto& spec : kFields)
        for (const char* name : spec.headers)
            if (*name != '\0' && key == name) return &spec;
    return nullptr;
}

struct Columns {
    std::map<std::string, int> index;  // field -> column
    std::vector<std::string> header;
};

std::optional<Columns> resolveColumns(const CsvRecord& headerRecord,
                                      std::vector<ScheduleProblem>& problems) {
    Columns columns{{}, headerRecord.fields};
    for (std::size_t i = 0; i < columns.header.size(); ++i) {
        const FieldSpec* spec = specForHeader(columns.header[i]);
        if (!spec) continue;  // other columns (notes, a team name) are the lead's own
        auto [it, fresh] = columns.index.emplace(spec->field, static_cast<int>(i));
        if (!fresh)
            problems.push_back({headerRecord.line, columns.header[i], "duplicate-column",
                                "both '" + columns.header[std::size_t(it->second)] + "' and '" +
                                    columns.header[i] + "' name the " + spec->field +
                                    " column; keep one"});
    }
    for (const auto& spec : kFields)
        if (spec.required && !columns.index.contains(spec.field))
            problems.push_back({headerRecord.line, "", "missing-column",
                                std::string("the header has no ") + spec.field + " column (try '" +
                                    spec.headers[0] + "')"});
    if (!problems.empty()) return std::nullopt;
    return columns;
}

class RowChecker {
  public:
    RowChecker(const CsvRecord& record, const Columns& columns, std::string_view zone,
               const ScheduleWindow& window, std::vector<ScheduleProblem>& problems)
        : record_(record), columns_(columns), zone_(zone), window_(window), problems_(problems) {}

    std::optional<ScheduledDemo> check();

  private:
    void problem(std::string_view field, std::string reason, std::string message) {
        problems_.push_back({record_.line, columnOf(field), std::move(reason), std::move(message)});
        failed_ = true;
    }
    std::string columnOf(std::string_view field) const {
        auto it = columns_.index.find(std::string(field));
        return it == columns_.index.end() ? std::string(field)
                                          : columns_.header[std::size_t(it->second)];
    }
    std::optional<std::string> text(std::string_view field, std::size_t limit);
    std::vector<std::string> presenters();
    std::optional<std::int64_t> time(std::string_view field);
    void checkTimes(ScheduledDemo& demo);
    void checkMetric(const ScheduledDemo& demo);

    const CsvRecord& record_;
    const Columns& columns_;
    std::string_view zone_;
    const ScheduleWindow& window_;
    std::vector<ScheduleProblem>& problems_;
    bool failed_ = false;
};

// The field's checked value: "" when the sheet has no such column, nullopt when a problem
// with the value itself (UTF-8, control character, length) was reported.
std::optional<std::string> RowChecker::text(std::string_view field, std::size_t limit) {
    auto it = columns_.index.find(std::string(field));
    if (it == columns_.index.end()) return std::string();
    auto checked = checkCsvField(record_.fields[std::size_t(it->second)], limit, true);
    if (auto* bad = std::get_if<CsvFieldProblem>(&checked)) {
        problem(field, bad->reason, bad->message);
        return std::nullopt;
    }
    return std::get<std::string>(checked);
}

std::vector<std::string> RowChecker::presenters() {
    std::optional<std::string> field =
        text("presenters", kScheduleFieldMax * kSchedulePresentersMax);
    if (!field) return {};
    std::string list = *field;
    std::replace(list.begin(), list.end(), ',', ';');
    std::vector<std::string> emails;
    bool refused = false;
    for (std::size_t from = 0; from <= list.size();) {
        std::size_t to = std::min(list.find(';', from), list.size());
        std::string email = normalizeEmail(std::string_view(list).substr(from, to - from));
        from = to + 1;
        if (email.empty()) continue;
        if (auto why = emailProblem(email)) {
            problem("presenters", "invalid-email", "'" + email + "' is not an e-mail: " + *why);
            refused = true;
        } else if (std::find(emails.begin(), emails.end(), email) != emails.end()) {
            problem("presenters", "duplicate-presenter", email + " is named twice");
            refused = true;
        } else {
            emails.push_back(email);
        }
    }
    if (emails.empty() && !refused)
        problem("presenters", "missing-presenters",
                "no presenter; name the presenting interns' e-mails, separated by ';'");
    if (emails.size() > kSchedulePresentersMax)
        problem("presenters", "too-many-presenters",
                std::to_string(emails.size()) + " presenters; at most " +
                    std::to_string(kSchedulePresentersMax) + " present one demo");
    return emails;
}

std::optional<std::int64_t> RowChecker::time(std::string_view field) {
    std::optional<std::string> value = text(field, kScheduleFieldMax);
    if (!value) return std::nullopt;
    if (value->empty()) {
        problem(field, "bad-time", "no time; write it as 2026-12-10 14:00");
        return std::nullopt;
    }
    std::optional<std::int64_t> at = parseEventTime(*value, zone_);
    if (!at)
        problem(field, "bad-time", "'" + *value + "' is not a time; write it as 2026-12-10 14:00");
    return at;
}

void RowChecker::checkTimes(ScheduledDemo& demo) {
    std::optional<std::int64_t> start = time("start"), end = time("end");
    if (!start || !end) return;
    demo.start = *start;
    demo.end = *end;
    if (demo.end <= demo.start) {
        problem("end", "end-before-start",
                "the demo ends at " + formatLocalTime(demo.end, zone_) + ", not after it starts (" +
                    formatLocalTime(demo.start, zone_) + ")");
        return;
    }
    const bool windowKnown = window_.end > window_.start;
    if (windowKnown && (demo.start < window_.start || demo.end > window_.end))
        problem(demo.start < window_.start ? "start" : "end", "outside-event",
                "the demo (" + formatLocalTime(demo.start, zone_) + " to " +
                    formatLocalTime(demo.end, zone_) + ") is not within the event (" +
                    formatLocalTime(window_.start, zone_) + " to " +
                    formatLocalTime(window_.end, zone_) + ")");
}

void RowChecker::checkMetric(const ScheduledDemo& demo) {
    if (!demo.metricName.empty() && demo.metricChange.empty())
        problem("change", "metric-without-change",
                "the metric '" + demo.metricName + "' has no measured change (e.g. -12%)");
    else if (demo.metricName.empty() && !demo.metricChange.empty())
        problem("metric", "change-without-metric",
                "the change '" + demo.metricChange + "' has no metric it measures");
    else if (!demo.metricChange.empty())
        if (auto why = metricChangeProblem(demo.metricChange))
            problem("change", "bad-change", *why);
}

std::optional<ScheduledDemo> RowChecker::check() {
    if (record_.fields.size() != columns_.header.size()) {
        problem("", "wrong-field-count",
                std::to_string(record_.fields.size()) + " fields where the header has " +
                    std::to_string(columns_.header.size()) + " (a missing or extra comma?)");
        return std::nullopt;
    }
    ScheduledDemo demo;
    demo.line = record_.line;
    std::optional<std::string> title = text("title", kScheduleTitleMax);
    if (title && title->empty()) problem("title", "missing-title", "the demo has no title");
    demo.title = title.value_or("");
    demo.presenterEmails = presenters();
    demo.location = text("location", kScheduleFieldMax).value_or("");
    checkTimes(demo);
    std::optional<std::string> metric = text("metric", kScheduleFieldMax);
    std::optional<std::string> change = text("change", kScheduleFieldMax);
    demo.metricName = metric.value_or("");
    demo.metricChange = change.value_or("");
    if (metric && change) checkMetric(demo);
    if (failed_) return std::nullopt;
    return demo;
}

bool overlaps(const ScheduledDemo& a, const ScheduledDemo& b) {
    return a.start < b.end && b.start < a.end;
}

// Across rows: one title once, one room and one presenter in one demo at a time. The
// later row carries the problem, naming the earlier one.
void checkAcrossRows(const std::vector<ScheduledDemo>& demos,
                     std::vector<ScheduleProblem>& problems, const Columns& columns) {
    auto header = [&](const char* field) {
        auto it = columns.index.find(field);
        return it == columns.index.end() ? std::string(field)
                                         : columns.header[std::size_t(it->second)];
    };
    for (std::size_t j = 0; j < demos.size(); ++j) {
        const ScheduledDemo& later = demos[j];
        for (std::size_t i = 0; i < j; ++i) {
            const ScheduledDemo& earlier = demos[i];
            const std::string onLine = " (line " + std::to_string(earlier.line) + ")";
            if (demoTitleKey(earlier.title) == demoTitleKey(later.title))
                problems.push_back({later.line, header("title"), "duplicate-title",
                                    "the title '" + later.title + "' is already used" + onLine});
            if (!overlaps(earlier, later)) continue;
            if (!later.location.empty() &&
                foldForSearch(earlier.location) == foldForSearch(later.location))
                problems.push_back(
                    {later.line, header("location"), "room-double-booked",
                     later.location + " is taken then by '" + earlier.title + "'" + onLine});
            for (const auto& email : later.presenterEmails)
                if (std::count(earlier.presenterEmails.begin(), earlier.presenterEmails.end(),
                               email))
                    problems.push_back({later.line, header("presenters"), "presenter-double-booked",
                                        email + " presents '" + earlier.title + "' then" + onLine});
        }
    }
}

void addCsvProblems(const CsvDocument& doc, std::vector<ScheduleProblem>& problems) {
    for (const auto& error : doc.errors)
        problems.push_back({error.recordLine, "", csvErrorCode(error.kind), error.message});
}

}  // namespace

std::optional<std::string> metricChangeProblem(std::string_view change) {
    std::string_view s = change;
    if (!s.empty() && (s.front() == 'x' || s.front() == 'X'))
        s.remove_prefix(1);  // "x2"
    else if (!s.empty() && (s.front() == '+' || s.front() == '-'))
        s.remove_prefix(1);
    else if (s.starts_with("\xE2\x88\x92"))
        s.remove_prefix(3);  // U+2212 minus sign
    std::size_t digits = 0, dots = 0, i = 0;
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i)
        (s[i] == '.' ? dots : digits)++;
    if (digits == 0 || dots > 1)
        return "'" + std::string(change) +
               "' does not start with a number; write the measured change, e.g. -12% or +3.5 pp";
    std::string unit = trim(s.substr(i));
    if (unit.size() > 20)
        return "'" + std::string(change) + "': the unit after the number is too long";
    return std::nullopt;
}

ScheduleParse parseSchedule(std::string_view csv, std::string_view zone,
                            const ScheduleWindow& window) {
    ScheduleParse parse;
    CsvDocument doc = readCsv(csv);
    if (doc.records.empty()) {
        parse.problems.push_back({1, "", "empty-file", "the file has no header and no demos"});
        return parse;
    }
    addCsvProblems(doc, parse.problems);
    std::optional<Columns> columns = resolveColumns(doc.records.front(), parse.problems);
    if (!columns) return parse;
    for (std::size_t i = 1; i < doc.records.size(); ++i) {
        if (doc.records[i].malformed) continue;  // its quote problem is listed
        RowChecker row(doc.records[i], *columns, zone, window, parse.problems);
        if (auto demo = row.check()) parse.demos.push_back(std::move(*demo));
    }
    checkAcrossRows(parse.demos, parse.problems, *columns);
    auto presenters = columns->index.find("presenters");
    parse.presentersHeader = columns->header[std::size_t(presenters->second)];
    std::stable_sort(parse.problems.begin(), parse.problems.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
    return parse;
}

}  // namespace oh
