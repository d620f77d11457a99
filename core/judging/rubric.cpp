#include "core/judging/rubric.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace oh {

Rubric defaultRubric() {
    return Rubric{{
        {"impact",
         "Impact on a live metric",
         2,
         {"No metric named, or no change", "A change, but not shown to be the work's",
          "A clear change on a secondary metric", "A clear change on the team's metric",
          "A large, lasting change on a metric the business tracks"}},
        {"quality",
         "Quality of the deliverable",
         1,
         {"Does not work yet", "Works in a demo only", "Works, with known gaps",
          "Ready for the team to use", "In use, documented, maintainable"}},
        {"communication",
         "Communication",
         1,
         {"Hard to follow", "Followable with questions", "Clear problem and result",
          "Clear, with trade-offs explained", "Compelling to any audience"}},
        {"validation",
         "Cross-functional validation",
         1,
         {"Nobody outside the team consulted", "One stakeholder heard",
          "Checked with the users or owners", "Signed off by another function",
          "Adopted by another function"}},
    }};
}

std::optional<std::string> rubricProblem(const Rubric& rubric) {
    if (rubric.criteria.empty()) return "the rubric has no criteria";
    std::set<std::string> keys;
    for (const Criterion& c : rubric.criteria) {
        if (c.key.empty()) return "a criterion has no key";
        if (!keys.insert(c.key).second) return "the criterion '" + c.key + "' is named twice";
        if (!std::isfinite(c.weight) || c.weight <= 0)
            return "the criterion '" + c.key + "' needs a weight above 0";
        for (const auto& level : c.levels)
            if (level.empty()) return "the criterion '" + c.key + "' has a level not described";
    }
    return std::nullopt;
}

const char* recommendationKey(Recommendation r) {
    switch (r) {
        case Recommendation::StrongYes:
            return "strong-yes";
        case Recommendation::Yes:
            return "yes";
        case Recommendation::Mixed:
            return "mixed";
        case Recommendation::No:
            return "no";
    }
    return "mixed";
}

std::optional<Recommendation> parseRecommendation(std::string_view key) {
    for (Recommendation r : {Recommendation::StrongYes, Recommendation::Yes, Recommendation::Mixed,
                             Recommendation::No})
        if (key == recommendationKey(r)) return r;
    return std::nullopt;
}

namespace {

bool inScale(int level) {
    return level >= 1 && level <= kRubricLevels;
}

const Criterion* criterionOf(const Rubric& rubric, const std::string& key) {
    for (const Criterion& c : rubric.criteria)
        if (c.key == key) return &c;
    return nullptr;
}

}  // namespace

std::vector<std::string> sheetProblems(const Rubric& rubric, const ScoreSheet& sheet) {
    std::vector<std::string> problems;
    for (const Criterion& c : rubric.criteria) {
        auto it = sheet.levels.find(c.key);
        if (it == sheet.levels.end())
            problems.push_back(c.title + ": choose a level");
        else if (!inScale(it->second))
            problems.push_back(c.title + ": the level must be 1 to 5");
    }
    for (const auto& [key, level] : sheet.levels)
        if (!criterionOf(rubric, key)) problems.push_back("'" + key + "' is not in the rubric");
    if (!sheet.recommendation) problems.push_back("choose a recommendation");
    if (sheet.encore && sheet.encoreBrief.empty())
        problems.push_back("an encore needs a short brief of what it should show");
    if (sheet.encoreBrief.size() > kEncoreBriefMax)
        problems.push_back("the encore brief is too long");
    if (sheet.notes.size() > kScoreNotesMax) problems.push_back("the notes are too long");
    return problems;
}

std::optional<double> rubricTotal(const Rubric& rubric, const ScoreSheet& sheet) {
    double weighted = 0, weights = 0;
    for (const Criterion& c : rubric.criteria) {
        auto it = sheet.levels.find(c.key);
        if (it == sheet.levels.end() || !inScale(it->second)) return std::nullopt;
        weighted += c.weight * it->second;
        weights += c.weight;
    }
    if (weights <= 0) return std::nullopt;
    return totalOfMeanLevel(weighted / weights);
}

double totalOfMeanLevel(double meanLevel) {
    return (meanLevel - 1) / (kRubricLevels - 1) * 100;
}

std::string sheetJson(const ScoreSheet& sheet) {
    nlohmann::json j = {{"levels", sheet.levels},
                        {"notes", sheet.notes},
                        {"encore", sheet.encore},
                        {"encore_brief", sheet.encoreBrief}};
    if (sheet.recommendation) j["recommendation"] = recommendationKey(*sheet.recommendation);
    if (sheet.conflict) j["conflict"] = true;
    return j.dump();
}

ScoreSheet sheetFromJson(std::string_view text) {
    ScoreSheet sheet;
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return sheet;
    if (auto levels = j.find("levels"); levels != j.end() && levels->is_object())
        for (const auto& [key, level] : levels->items())
            if (level.is_number_integer()) sheet.levels[key] = level.get<int>();
    if (auto notes = j.find("notes"); notes != j.end() && notes->is_string())
        sheet.notes = notes->get<std::string>();
    if (auto r = j.find("recommendation"); r != j.end() && r->is_string())
        sheet.recommendation = parseRecommendation(r->get<std::string>());
    if (auto encore = j.find("encore"); encore != j.end() && encore->is_boolean())
        sheet.encore = encore->get<bool>();
    if (auto brief = j.find("encore_brief"); brief != j.end() && brief->is_string())
        sheet.encoreBrief = brief->get<std::string>();
    if (auto conflict = j.find("conflict"); conflict != j.end() && conflict->is_boolean())
        sheet.conflict = conflict->get<bool>();
    return sheet;
}

}  // namespace oh
