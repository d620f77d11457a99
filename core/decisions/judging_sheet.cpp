#include "core/decisions/judging_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>

#include "core/db/sqlite.hpp"
#include "core/judging/rubric.hpp"
#include "core/model/ids.hpp"
#include "core/roster/csv.hpp"
#include "core/text/email.hpp"
#include "core/text/fold.hpp"
#include "core/text/title_key.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {

namespace {

constexpr std::array<std::string_view, 8> kColumns{
    "demo", "intern_email", "metric", "change", "by_email", "score", "encore", "peer_rating"};

std::optional<double> number(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct Row {
    int line = 0;
    std::string demo, metric, change;
    Attendee intern, by;
    std::optional<double> score;
    bool encore = false;
    std::optional<int> peerRating;
};

// One record's fields, read and checked; every problem is appended with its line.
struct RowReader {
    Store& store;
    const std::string& eventId;
    const CsvRecord& record;
    const std::map<std::string, std::size_t>& column;
    std::vector<std::string>& problems;
    SheetScores scale;

    std::string field(std::string_view name) const {
        std::size_t i = column.at(std::string(name));
        return i < record.fields.size() ? trim(record.fields[i]) : std::string();
    }
    void problem(const std::string& what) const {
        problems.push_back(fmt::format("line {}: {}", record.line, what));
    }

    // The person named by an e-mail column, on this event's roster.
    std::optional<Attendee> person(std::string_view name) const {
        std::string email = normalizeEmail(field(name));
        if (email.empty()) {
            problem(std::string(name) + " is empty");
            return std::nullopt;
        }
        if (std::optional<std::string> why = emailProblem(email)) {
            problem(fmt::format("{} '{}' is not a usable e-mail: {}", name, email, *why));
            return std::nullopt;
        }
        auto found = store.attendeeByEmail(eventId, email);
        if (!found) problem(fmt::format("{} {} is not on this event's roster", name, email));
        return found;
    }

    // A judge's score (0-100, staff and leads only) or a peer's rating (1-5): one of them.
    void readJudgement(Row& row, const std::optional<Attendee>& by) const {
        std::string scoreText = field("score"), ratingText = field("peer_rating");
        if (scoreText.empty() == ratingText.empty())
            problem("give either score (a judge) or peer_rating (a peer), not both or neither");
        if (!scoreText.empty()) {
            row.score = number(scoreText);
            if (scale == SheetScores::Levels) {
                if (!row.score || *row.score < 1 || *row.score > kRubricLevels)
                    problem(fmt::format("score '{}' is not a rubric level from 1 to 5", scoreText));
                else
                    row.score = totalOfMeanLevel(*row.score);
            } else if (!row.score || *row.score < 0 || *row.score > 100) {
                problem(fmt::format("score '{}' is not a number from 0 to 100", scoreText));
            }
            if (by && by->role != Role::Staff && by->role != Role::Lead)
                problem(fmt::format("by_email {} is a {}: only staff and leads score", by->email,
                                    roleName(by->role)));
        }
        if (!ratingText.empty()) {
            auto rating = number(ratingText);
            if (!rating || *rating != static_cast<int>(*rating) || *rating < 1 || *rating > 5)
                problem(
                    fmt::format("peer_rating '{}' is not a whole number from 1 to 5", ratingText));
            else
                row.peerRating = static_cast<int>(*rating);
        }
    }

    void readEncore(Row& row) const {
        std::string encore = lowerAscii(field("encore"));
        if (encore == "yes" || encore == "true" || encore == "1" || encore == "y")
            row.encore = true;
        else if (!encore.empty() && encore != "no" && encore != "false" && encore != "0" &&
                 encore != "n")
            problem(fmt::format("encore '{}' is not yes or no", field("encore")));
    }
};

// Checks one record; appends its problems. Returns the row when it has none.
std::optional<Row> readRow(Store& store, const std::string& eventId, const CsvRecord& record,
                           const std::map<std::string, std::size_t>& column,
                           std::vector<std::string>& problems, SheetScores scale) {
    const RowReader reader{store, eventId, record, column, problems, scale};
    const std::size_t before = problems.size();
    Row row;
    row.line = record.line;
    row.demo = reader.field("demo");
    row.metric = reader.field("metric");
    row.change = reader.field("change");
    if (row.demo.empty()) reader.problem("demo is empty");
    auto intern = reader.person("intern_email");
    auto by = reader.person("by_email");
    if (intern && intern->role != Role::Intern)
        reader.problem(fmt::format("intern_email {} is a {}, not an intern", intern->email,
                                   roleName(intern->role)));
    reader.readJudgement(row, by);
    reader.readEncore(row);
    if (intern && by && intern->id == by->id)
        reader.problem("an intern cannot rate their own demo");
    if (problems.size() != before) return std::nullopt;
    row.intern = *intern;
    row.by = *by;
    return row;
}

// ---- Which demo a row means ----
//
// A demo is one presenter's title. Titles are compared by their key: case, accents,
// spaces and punctuation do not count ("Churn Early Warning" = "churn early-warning."),
// so a sheet typed by hand finds the demo a tablet or an earlier sheet created. A title
// that is nearly another title of the same presenter (one or two letters apart, or one
// inside the other) is refused with the existing title: merging it silently could put a
// judge's score on the wrong demo, and a presenter may really have two demos with close
// titles ("Churn model", "Churn model v2"); one edit of the sheet settles it either way.

struct KnownDemo {
    std::string internId, title;
    std::u32string key;
    int line = 0;  // the sheet's line that named it first; 0: already stored
};

// Checks every row's title against the presenter's demos (stored, then earlier rows)
// and appends a problem for a title that is nearly one of them.
void checkTitles(Store& store, const std::string& eventId, const std::vector<Row>& rows,
                 std::vector<std::string>& problems) {
    std::vector<KnownDemo> known;
    for (const Showcase& s : store.showcases(eventId))
        for (const auto& presenter : presentersOf(s))  // a team demo is each presenter's
            known.push_back({presenter, s.title, demoTitleKey(s.title), 0});
    for (const Row& row : rows) {
        const std::u32string key = demoTitleKey(row.demo);
        const KnownDemo* same = nullptr;
        const KnownDemo* near = nullptr;
        for (const KnownDemo& k : known) {
            if (k.internId != row.intern.id) continue;
            if (k.key == key) same = &k;
            if (!near && k.key != key && nearlyTheSameTitle(k.key, key)) near = &k;
        }
        if (same) continue;
        if (near) {
            problems.push_back(fmt::format(
                "line {}: demo '{}' is nearly the title of {}'s demo '{}'{}: write that title "
                "to score the same demo, or a clearly different one for a second demo",
                row.line, row.demo, row.intern.email, near->title,
                near->line > 0 ? fmt::format(" (line {})", near->line) : std::string()));
            continue;
        }
        known.push_back({row.intern.id, row.demo, key, row.line});
    }
}

// Problems read top to bottom like the sheet: "line 3: ..." before "line 10: ...".
// Stable, so one line's problems keep their order; unnumbered ones come first.
void sortByLine(std::vector<std::string>& problems) {
    const auto lineOf = [](const std::string& p) {
        int line = 0;
        if (p.rfind("line ", 0) == 0) std::from_chars(p.data() + 5, p.data() + p.size(), line);
        return line;
    };
    std::stable_sort(
        problems.begin(), problems.end(),
        [&](const std::string& a, const std::string& b) { return lineOf(a) < lineOf(b); });
}

// The intern's demo of that title (by its key; an exact title first), created (or its
// metric updated) as needed.
std::string ensureShowcase(Store& store, const std::string& eventId, const Row& row,
                           JudgingSheetReport& report) {
    const std::u32string key = demoTitleKey(row.demo);
    std::optional<Showcase> found;
    for (auto& s : store.showcases(eventId)) {
        const auto presenters = presentersOf(s);
        if (std::find(presenters.begin(), presenters.end(), row.intern.id) == presenters.end() ||
            demoTitleKey(s.title) != key)
            continue;
        if (!found || s.title == row.demo) found = s;
        if (s.title == row.demo) break;
    }
    if (found) {
        Showcase& s = *found;
        bool metricGiven = !row.metric.empty() || !row.change.empty();
        if (metricGiven && (s.metricName != row.metric || s.metricChange != row.change)) {
            s.metricName = row.metric;
            s.metricChange = row.change;
            store.upsertShowcase(s);
        }
        return s.id;
    }
    Showcase s;
    s.id = Uuid::v7().str();
    s.eventId = eventId;
    s.internId = row.intern.id;
    s.title = row.demo;
    s.metricName = row.metric;
    s.metricChange = row.change;
    store.upsertShowcase(s);
    ++report.showcasesCreated;
    return s.id;
}

// Every row, in one transaction: a score or a peer rating (one per peer per demo: a new
// one replaces the earlier), each unchanged when the same.
void writeRows(Store& store, const std::string& eventId, const std::vector<Row>& rows,
               JudgingSheetReport& report) {
    sql::Transaction tx(store.db());
    for (const Row& row : rows) {
        std::string showcaseId = ensureShowcase(store, eventId, row, report);
        if (row.score) {
            auto existing = store.score(row.by.id, showcaseId);
            if (existing && !existing->deleted && existing->total == row.score &&
                existing->encore == row.encore) {
                ++report.unchanged;
                continue;
            }
            Score s;
            s.eventId = eventId;
            s.judgeId = row.by.id;
            s.showcaseId = showcaseId;
            s.total = row.score;
            s.encore = row.encore;
            store.recordScore(s);
            ++report.scoresWritten;
        } else {
            // One feedback per peer per demo: the sheet's rating replaces the peer's
            // earlier one (given at a kiosk, or by an earlier sheet) unless it is the same.
            auto existing = store.feedbackBy(row.by.id, showcaseId);
            if (existing && existing->rating == row.peerRating) {
                ++report.unchanged;
                continue;
            }
            Feedback f;
            f.eventId = eventId;
            f.authorId = row.by.id;
            f.showcaseId = showcaseId;
            f.rating = row.peerRating;
            store.addFeedback(f);
            ++report.feedbackWritten;
        }
    }
    tx.commit();
}

}  // namespace

JudgingSheetReport importJudgingSheet(Store& store, const std::string& eventId,
                                      std::string_view csv, SheetScores scores) {
    JudgingSheetReport report;
    CsvDocument doc = readCsv(csv);
    for (const auto& e : doc.errors)
        report.problems.push_back(fmt::format("line {}: {}", e.line, e.message));
    if (doc.records.empty()) {
        report.problems.push_back("the sheet is empty: expected a header row");
        return report;
    }
    std::map<std::string, std::size_t> column;
    const auto& header = doc.records.front().fields;
    for (std::size_t i = 0; i < header.size(); ++i) column[lowerAscii(trim(header[i]))] = i;
    for (auto name : kColumns)
        if (!column.count(std::string(name)))
            report.problems.push_back(fmt::format("line {}: no column '{}' (expected: {})",
                                                  doc.records.front().line, name,
                                                  fmt::join(kColumns, ",")));
    if (!report.ok()) return report;

    std::vector<Row> rows;
    for (std::size_t r = 1; r < doc.records.size(); ++r) {
        if (doc.records[r].malformed) continue;  // already reported by the reader
        ++report.rows;
        if (auto row = readRow(store, eventId, doc.records[r], column, report.problems, scores))
            rows.push_back(std::move(*row));
    }
    checkTitles(store, eventId, rows, report.problems);
    sortByLine(report.problems);
    if (!report.ok()) return report;

    writeRows(store, eventId, rows, report);
    return report;
}

}  // namespace oh
