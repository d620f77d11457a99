// Encore assignments (README, "Encore assignments"): the assignment an encore decision
// implies, and the acts of its life-cycle (the lead's brief, the intern's submission, the
// reviewer's review), each checked here so the CLI and the dashboard refuse alike. Pure: the
// caller reads the assignment from a decision (conversion.hpp) and saves what comes back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/judging/rubric.hpp"
#include "core/model/encore.hpp"
#include "core/model/model.hpp"

namespace oh {

inline constexpr std::size_t kEncoreSubmissionMax = 2000;

// The assignment an encore decision implies before anybody edits it: the judges' encore
// briefs (each once, in the scores' order; a default line when none wrote one), the demo's
// live metric, due `dueDays` after the demo's end (`fromMs` for a demo with no end), no
// reviewer yet.
EncoreAssignment defaultEncore(const Showcase& showcase, const std::string& internId,
                               const std::vector<Score>& scores, std::int64_t fromMs, int dueDays);

// The review's score on the rubric's own scale, as a z-score: level 3 on every criterion (50
// of 100) is an average demo, 0; each level above or below is one spread, 25 points. The
// rules weigh it against the day's calibrated score (conversion.hpp, rule 7).
double encoreReviewZ(double reviewTotal);

enum class EncoreActStatus {
    Done,
    WrongState,   // e.g. a review of an assignment nothing was submitted for
    Expired,      // a submission after the due date
    BadInput,     // an empty or overlong text, a due date in the past, an incomplete sheet
    NotReviewer,  // a review by somebody other than the named reviewer
};
const char* encoreActStatusName(EncoreActStatus status);

struct EncoreActResult {
    EncoreActStatus status = EncoreActStatus::Done;
    std::string message;          // for the person: what happened, or why not
    EncoreAssignment assignment;  // changed when Done; save it
};

// The lead's edit, before anything is submitted. A due date may be moved (also to revive
// an expired assignment) but not into the past.
struct EncoreBrief {
    std::optional<std::string> brief, metric, reviewerId;
    std::optional<std::int64_t> dueAt;  // Unix ms
};
EncoreActResult briefEncore(const EncoreAssignment& a, const EncoreBrief& change,
                            std::int64_t nowMs);

// The intern's work, once, by the due date: a link or a note.
EncoreActResult submitEncore(const EncoreAssignment& a, const std::string& submission,
                             std::int64_t nowMs);

// The review, once, after the submission: every criterion of `rubric` scored 1-5. The
// reviewer must be the one named, when the lead named one.
EncoreActResult reviewEncore(const EncoreAssignment& a, const Rubric& rubric,
                             const ScoreSheet& sheet, const std::string& reviewerId,
                             std::int64_t nowMs);

// The rubric a review uses: the judging rubric reduced to `keys` (all of it when empty).
// Nullopt when a key is not in the rubric.
std::optional<Rubric> encoreReviewRubric(const Rubric& judging,
                                         const std::vector<std::string>& keys);

}  // namespace oh
