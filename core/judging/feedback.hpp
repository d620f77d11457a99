// Peer feedback written from a kiosk: the one home of who may give feedback on which demo,
// and when, and of what may be shown of it. Three quick questions, each answered on a 1-5
// scale, plus an optional comment; the Feedback's `rating` (what the conversion rules use)
// is the mean of the three rounded half up. One feedback per person per demo: giving it
// again replaces the earlier one (the newest wins on every replica, docs/sync.md) until the
// lead closes judging; the centrals refuse a device's feedback stamped from the close on.
// Who gave which rating is never shown: the program sees aggregates, and only from
// kFeedbackMinShown ratings of a demo on.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

inline constexpr int kFeedbackQuestions = 3;
inline constexpr std::size_t kFeedbackCommentMax = 500;
inline constexpr int kFeedbackMinShown = 3;  // fewer ratings than this: the aggregate is suppressed

struct FeedbackAnswers {
    std::array<int, kFeedbackQuestions> levels{};  // each 1..5, in the questions' order
    std::string comment;                           // optional; trimmed when stored
};

enum class FeedbackWriteStatus {
    Saved,          // the author's first feedback on the demo
    Replaced,       // it replaced the author's earlier feedback on the demo
    JudgingClosed,  // the lead closed judging
    NotAnAttendee,  // not a person of this event, or blocked
    OwnTeam,        // the author presents the demo, or is on a presenter's team
    UnknownDemo,    // no such demo at this event
    Invalid,        // a level outside 1..5, or the comment too long or not UTF-8: see problem
};

struct FeedbackWrite {
    FeedbackWriteStatus status = FeedbackWriteStatus::Saved;
    std::string problem;               // with Invalid: what is wrong
    std::optional<Feedback> feedback;  // as stored, when saved or replaced
};

// "saved", "replaced", "judging-closed", "not-an-attendee", "own-team", "unknown-demo",
// "invalid": for logs and tests.
const char* feedbackWriteStatusKey(FeedbackWriteStatus status);

// The one home of who may give feedback on which demo, and when: the author is an attendee
// of the event, not blocked; the demo is one of the event's; judging is open
// (core/judging/scoring.hpp judgingClosed); every level 1..5; the comment at most
// kFeedbackCommentMax bytes (after trimming) of valid UTF-8; nobody rates a demo they present
// or one presented by someone of their own team (Attendee::team, non-empty, compared
// case-insensitively and trimmed). Refusals are checked in that order of who, which, when,
// own team, then the answers. Stamped `nowMillis` (or just after the feedback it replaces).
FeedbackWrite submitFeedback(Store& store, const std::string& eventId, const std::string& authorId,
                             const std::string& showcaseId, const FeedbackAnswers& answers,
                             std::int64_t nowMillis);

// The author's current feedback on that demo, if any (the screen shows "you rated this
// before: it will be replaced"); withdrawn feedback is none.
std::optional<Feedback> feedbackOf(Store& store, const std::string& authorId,
                                   const std::string& showcaseId);

struct FeedbackSummary {
    std::string showcaseId;
    int count = 0;  // feedback with a rating (answers, or the rating alone)
    bool suppressed = true;
    std::array<double, kFeedbackQuestions> means{};  // per question, over feedback with answers
    double overall = 0;  // mean of each feedback's own mean (its answers', else its rating)
};

// Aggregates only (who gave which rating is never shown): per demo, count and the mean per
// question and overall; suppressed (means zero) when count < minShown. Feedback without a
// rating (a comment alone) counts for nothing, and a demo without any is not listed. Feedback
// from before the three questions (a rating alone) counts in `count` and `overall` only.
// Sorted by showcase id.
std::vector<FeedbackSummary> feedbackSummaries(const std::vector<Feedback>& feedback,
                                               int minShown = kFeedbackMinShown);

}  // namespace oh
