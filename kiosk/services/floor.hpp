// The judging floor's work for the scoring and feedback screens, run on the desk worker
// (it owns the store): identify a badge, read a judge's board or a demo's sheet, write a
// score, a conflict, a withdrawal or a draft. Each call returns a FloorReply the session
// hands to the screens. The rules live in core/judging; this file only asks them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/checkin/checkin.hpp"
#include "core/judging/drafts.hpp"
#include "core/judging/feedback.hpp"
#include "core/judging/floor.hpp"
#include "core/judging/rubric.hpp"
#include "core/judging/scoring.hpp"
#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh::kiosk {

struct FloorReply {
    enum class Kind {
        Identified,
        Judges,
        Board,
        Sheet,
        ScoreWritten,
        DraftSaved,
        FeedbackDemos,
        FeedbackWritten,
        Failed
    };
    std::uint64_t request = 0;
    Kind kind = Kind::Failed;
    // Identified: the badge's person, or why the badge was refused.
    CheckInStatus identity = CheckInStatus::Malformed;
    std::optional<Attendee> person;
    std::vector<Attendee> people;     // Judges: who may judge, by name
    std::optional<JudgeBoard> board;  // Board, and after every score write
    // Sheet: what the judge sees when opening a demo (their draft, else their score).
    std::string showcaseId;
    ScoreSheet sheet;
    bool fromDraft = false;
    bool hasScore = false;  // the judge has a live score (or conflict) of this demo
    std::optional<ScoreWriteStatus> written;
    std::vector<std::string> problems;  // with Incomplete
    std::string error;                  // Failed, DraftSaved failures: a sentence
    // FeedbackDemos: what a peer may rate now, and which of them they rated already.
    std::vector<FloorDemo> demos;
    std::vector<std::string> ratedBefore;
    std::optional<FeedbackWriteStatus> feedbackWritten;  // FeedbackWritten
};

// What the floor work needs besides the store.
struct FloorSettings {
    std::string eventId;
    Rubric rubric;
    int quorum = 3;
    std::string draftFolder;  // empty: drafts are kept in memory only
};

class FloorWork {
  public:
    explicit FloorWork(FloorSettings settings);

    FloorReply judges(Store& store);
    FloorReply board(Store& store, const std::string& judgeId, std::int64_t nowMs);
    FloorReply openSheet(Store& store, const std::string& judgeId, const std::string& showcaseId);
    FloorReply saveDraft(const std::string& judgeId, const std::string& showcaseId,
                         const ScoreSheet& sheet);
    FloorReply submit(Store& store, const std::string& judgeId, const std::string& showcaseId,
                      const ScoreSheet& sheet, std::int64_t nowMs);
    FloorReply withdraw(Store& store, const std::string& judgeId, const std::string& showcaseId,
                        std::int64_t nowMs);
    FloorReply conflict(Store& store, const std::string& judgeId, const std::string& showcaseId,
                        std::int64_t nowMs);

    FloorReply feedbackDemos(Store& store, const std::string& authorId, std::int64_t nowMs);
    FloorReply giveFeedback(Store& store, const std::string& authorId,
                            const std::string& showcaseId, const FeedbackAnswers& answers,
                            std::int64_t nowMs);

    const FloorSettings& settings() const { return settings_; }

  private:
    FloorReply afterWrite(Store& store, const std::string& judgeId, const std::string& showcaseId,
                          const ScoreWrite& write, std::int64_t nowMs);
    FloorSettings settings_;
    DraftBox drafts_;
};

}  // namespace oh::kiosk
