// The scoring rubric and one judge's score sheet of one demo. Pure (no I/O): the config
// gives the rubric, the scoring screen fills the sheet, the store keeps it as a Score whose
// `criteria` is the sheet as JSON and whose `total` is the rubric total.
//
// Each criterion is scored on a 1-5 scale, each level with the description the judge sees.
// The total is the weighted mean of the levels mapped onto 0-100: (mean - 1) / 4 * 100, so
// all 1s is 0, all 3s is 50 and all 5s is 100. That 0-100 total is the score the
// conversion rules use; they calibrate each judge by z-score, so a judging sheet (CSV)
// scored on another scale still ranks the same way.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oh {

inline constexpr int kRubricLevels = 5;
inline constexpr std::size_t kScoreNotesMax = 2000;
inline constexpr std::size_t kEncoreBriefMax = 500;

struct Criterion {
    std::string key;                                // "impact": stable, stored in the sheet
    std::string title;                              // "Impact on a live metric": shown
    double weight = 1;                              // relative; need not sum to anything
    std::array<std::string, kRubricLevels> levels;  // what 1..5 mean, shown on screen
};

struct Rubric {
    std::vector<Criterion> criteria;
};

// Impact on a live metric (weight 2), quality of the deliverable, communication,
// cross-functional validation (1 each), with level descriptions.
Rubric defaultRubric();

// Nullopt when the rubric can be scored: at least one criterion, keys non-empty and
// distinct, weights finite and above 0, every level described.
std::optional<std::string> rubricProblem(const Rubric& rubric);

enum class Recommendation { StrongYes, Yes, Mixed, No };
const char* recommendationKey(Recommendation r);  // "strong-yes", "yes", "mixed", "no"
std::optional<Recommendation> parseRecommendation(std::string_view key);

struct ScoreSheet {
    std::map<std::string, int> levels;  // criterion key -> 1..5
    std::string notes;
    std::optional<Recommendation> recommendation;
    bool encore = false;      // recommend an encore assignment (a borderline demo)
    std::string encoreBrief;  // what the encore should show; required with `encore`
    // The judge declared a conflict of interest with the demo's team (scoring.hpp
    // declareConflict): a sheet with no levels and no total, kept so that suggestions skip
    // the team on every tablet; the conversion rules ignore it (it has no total).
    bool conflict = false;
};

// Every reason the sheet cannot be submitted yet, for the screen: a criterion without a
// level, a level outside 1-5 or for no criterion, no recommendation, an encore without its
// brief, notes or brief too long. Empty: it can be submitted (a draft need not be).
std::vector<std::string> sheetProblems(const Rubric& rubric, const ScoreSheet& sheet);

// A mean level on the 1-5 scale as the 0-100 total: (mean - 1) / 4 * 100. The one home of
// that mapping: the rubric total and a printed rubric's scores (judging sheet) both use it.
double totalOfMeanLevel(double meanLevel);

// The 0-100 total, once every criterion has a level 1-5; nullopt before.
std::optional<double> rubricTotal(const Rubric& rubric, const ScoreSheet& sheet);

// The sheet as the JSON text kept in Score::criteria, and back. A text that is not such a
// JSON object reads as an empty sheet (nothing is lost: the caller still has the text).
std::string sheetJson(const ScoreSheet& sheet);
ScoreSheet sheetFromJson(std::string_view json);

}  // namespace oh
