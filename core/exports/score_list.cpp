#include "core/exports/score_list.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/judging/scoring.hpp"
#include "core/model/hlc.hpp"
#include "core/model/ids.hpp"

namespace oh {
namespace {

struct ScoreLine {
    Score score;
    ScoreSheet sheet;
    Showcase demo;  // empty when the demo is not in this store
    Attendee judge;
    bool conflict = false;
};

// The criteria columns: the rubric's, then any key a sheet has that the rubric does not.
std::vector<Criterion> criteriaColumns(const Rubric& rubric, const std::vector<ScoreLine>& lines) {
    std::vector<Criterion> columns = rubric.criteria;
    std::set<std::string> known;
    for (const Criterion& c : rubric.criteria) known.insert(c.key);
    std::set<std::string> extra;
    for (const ScoreLine& line : lines)
        for (const auto& [key, level] : line.sheet.levels)
            if (!known.count(key)) extra.insert(key);
    for (const std::string& key : extra) {
        Criterion c;
        c.key = key;
        c.title = key;
        columns.push_back(c);
    }
    return columns;
}

// The levels' mean weighted as the rubric weighs them, on the 1-5 scale; none: nullopt.
std::optional<double> meanLevel(const std::vector<Criterion>& criteria, const ScoreSheet& sheet) {
    double sum = 0, weights = 0;
    for (const Criterion& c : criteria) {
        auto level = sheet.levels.find(c.key);
        if (level == sheet.levels.end()) continue;
        sum += c.weight * level->second;
        weights += c.weight;
    }
    if (weights <= 0) return std::nullopt;
    return sum / weights;
}

std::string namesOf(Store& store, const Showcase& demo) {
    std::string names;
    for (const std::string& id : presentersOf(demo)) {
        if (id.empty()) continue;
        if (!names.empty()) names += "; ";
        auto person = store.attendee(id);
        names += person ? person->fullName : id;
    }
    return names;
}

std::vector<ScoreLine> scoreLines(Store& store, const std::string& eventId) {
    std::map<std::string, Showcase> demos;
    for (Showcase& s : store.showcases(eventId)) demos.emplace(s.id, std::move(s));
    std::map<std::string, Attendee> judges;
    std::vector<ScoreLine> lines;
    for (Score& score : store.scores(eventId)) {
        ScoreLine line;
        line.sheet = sheetFromJson(score.criteria);
        line.conflict = isConflict(score);
        if (auto d = demos.find(score.showcaseId); d != demos.end()) line.demo = d->second;
        auto [j, fresh] = judges.emplace(score.judgeId, Attendee{});
        if (fresh) j->second = store.attendee(score.judgeId).value_or(Attendee{});
        line.judge = j->second;
        line.score = std::move(score);
        lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end(), [](const ScoreLine& a, const ScoreLine& b) {
        return std::tie(a.demo.slotStart, a.demo.title, a.judge.fullName, a.score.judgeId) <
               std::tie(b.demo.slotStart, b.demo.title, b.judge.fullName, b.score.judgeId);
    });
    return lines;
}

std::vector<Cell> rowOf(Store& store, const ScoreLine& line,
                        const std::vector<Criterion>& criteria) {
    const Score& s = line.score;
    std::vector<Cell> row{
        textCell(line.demo.title),    textCell(namesOf(store, line.demo)),
        textCell(line.demo.location), textCell(line.judge.fullName),
        textCell(line.judge.email),   textCell(line.conflict ? "conflict" : "scored")};
    for (const Criterion& c : criteria) {
        auto level = line.sheet.levels.find(c.key);
        bool shown = !line.conflict && level != line.sheet.levels.end();
        row.push_back(shown ? integerCell(level->second) : blankCell());
    }
    auto mean = line.conflict ? std::nullopt : meanLevel(criteria, line.sheet);
    row.push_back(s.total && !line.conflict ? decimalCell(*s.total) : blankCell());
    row.push_back(mean ? decimalCell(*mean) : blankCell());
    const auto& rec = line.sheet.recommendation;
    row.push_back(rec && !line.conflict ? textCell(recommendationKey(*rec)) : blankCell());
    row.push_back(line.conflict ? blankCell() : textCell(s.encore ? "yes" : "no"));
    row.push_back(textCell(line.sheet.encoreBrief));
    row.push_back(textCell(s.notes.empty() ? line.sheet.notes : s.notes));
    auto hlc = Hlc::parse(s.hlc);
    row.push_back(hlc ? textCell(isoUtc(hlc->wall / 1000)) : blankCell());
    row.push_back(textCell(store.deviceName(s.deviceId).value_or(s.deviceId)));
    return row;
}

}  // namespace

Table scoreTable(Store& store, const std::string& eventId, const Rubric& rubric) {
    const std::vector<ScoreLine> lines = scoreLines(store, eventId);
    const std::vector<Criterion> criteria = criteriaColumns(rubric, lines);
    Table table;
    table.columns = {{"Demo", 32},  {"Presenters", 30},  {"Location", 14},
                     {"Judge", 24}, {"Judge email", 30}, {"Status", 10}};
    for (const Criterion& c : criteria) table.columns.push_back({c.title, 14});
    for (TableColumn column : std::initializer_list<TableColumn>{{"Total (0-100)", 13},
                                                                 {"Mean level (1-5)", 15},
                                                                 {"Recommendation", 15},
                                                                 {"Encore", 8},
                                                                 {"Encore brief", 30},
                                                                 {"Comment", 48},
                                                                 {"Scored at (UTC)", 21},
                                                                 {"Device", 16}})
        table.columns.push_back(std::move(column));
    for (const ScoreLine& line : lines) table.rows.push_back(rowOf(store, line, criteria));
    return table;
}

}  // namespace oh
