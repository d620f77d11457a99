#include "core/decisions/judging_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <optional>

#include "core/db/sqlite.hpp"
#include "core/model/ids.hpp"
#include "core/roster/csv.hpp"
#include "core/text/email.hpp"
#include "core/text/trim.hpp"

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
            if (!row.score || *row.score < 0 || *row.score > 100)
                problem(fmt::format("score '{}' is not a number from 0 to 100", scoreText));
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
                           std::vector<std::string>& problems) {
    const RowReader reader{store, eventId, record, column, problems};
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

// The intern's demo of that title, created (or its metric updated) as needed.
std::string ensureShowcase(Store& store, const std::string& eventId, const Row& row,
                           JudgingSheetReport& report) {
    for (auto& s : store.showcases(eventId)) {
        if (s.internId != row.intern.id || s.title != row.demo) continue;
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

}  // namespace

JudgingSheetReport importJudgingSheet(Store& store, const std::string& eventId,
                                      std::string_view csv) {
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
        if (auto row = readRow(store, eventId, doc.records[r], column, report.problems))
            rows.push_back(std::move(*row));
    }
    if (!report.ok()) return report;

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
            Feedback f;
            f.eventId = eventId;
            f.authorId = row.by.id;
            f.showcaseId = showcaseId;
            f.rating = row.peerRating;
            if (store.addFeedback(f))
                ++report.feedbackWritten;
            else
                ++report.unchanged;  // one rating per peer per demo: the first stands
        }
    }
    tx.commit();
    return report;
}

}  // namespace oh
