// The judging sheet: demos, judges' scores and peer ratings from a CSV, for
// the paper fallback (tablets down, or judging done on printed rubrics) and
// for the demo event. One row per score or peer rating:
//   demo,intern_email,metric,change,by_email,score,encore,peer_rating
// A row with `score` is a judge's (staff or lead) score of the intern's demo;
// a row with `peer_rating` (1-5) is a peer's rating, which replaces the peer's earlier
// feedback on that demo (a kiosk's included) unless it gives the same rating. The demo
// is created on first sight (per intern and title) and its metric updated from later
// rows; a scheduled team demo (judging/schedule_import.hpp) is found through any of its
// presenters.
// Titles match whatever their case, accents, spaces and punctuation ("Churn
// Early Warning" is the demo "Churn early warning"); a title nearly the same as
// another of the same intern (a letter or two apart, or one inside the other)
// is refused naming the existing title, never merged or split silently.
// All-or-nothing: every problem is listed with its line, and nothing is
// written unless there is none. Re-importing the same sheet changes nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"

namespace oh {

struct JudgingSheetReport {
    int rows = 0;
    int showcasesCreated = 0, scoresWritten = 0, feedbackWritten = 0, unchanged = 0;
    std::vector<std::string> problems;  // "line 4: by_email x@y.org is not a judge (guest)"
    bool ok() const { return problems.empty(); }
};

// How the sheet's `score` column is read. Total: a 0-100 score, stored as it is (the scale
// of the tablets' rubric total). Levels: a printed rubric's overall level on the 1-5 scale
// (4.8), mapped onto 0-100 as the rubric total is (judging/rubric.hpp totalOfMeanLevel), so
// a judge who scores some demos on paper and some on a tablet stays on one scale.
enum class SheetScores { Total, Levels };

JudgingSheetReport importJudgingSheet(Store& store, const std::string& eventId,
                                      std::string_view csv,
                                      SheetScores scores = SheetScores::Total);

}  // namespace oh
