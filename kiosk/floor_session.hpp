// The judging floor on the UI thread: who is scoring on this tablet, their board, the sheet
// being filled in, and (feedback mode) who is giving feedback. Screens read this state and
// call its commands; the work runs on the desk worker (kiosk/services/floor.hpp) and comes
// back through apply(). Personal state goes with lock() (idle, the lock button) and with
// the end of a feedback.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "kiosk/services/desk.hpp"
#include "kiosk/services/floor.hpp"

namespace oh::kiosk {

class FloorSession {
  public:
    FloorSession(DeskService* desk, FloorSettings settings, JudgingConfig judging);

    bool available() const { return desk_ != nullptr; }
    const JudgingConfig& judging() const { return judging_; }
    const Rubric& rubric() const { return work_->settings().rubric; }

    // ---- who: a badge scan identifies the person (scoring unlock, feedback start) ----
    void identify(const std::string& code);
    bool identifying() const { return identifyRequest_ != 0; }
    // The last identified person (consumed by the screen that asked), with the outcome.
    std::optional<std::pair<CheckInStatus, std::optional<Attendee>>> takeIdentified();

    // ---- scoring ----
    void unlock(Attendee judge);  // after the badge and the staff PIN
    void lock();                  // forgets the judge, the board and the sheet
    const std::optional<Attendee>& judge() const { return judge_; }
    void requestJudges();  // the staff list, for "PIN alone"
    const std::vector<Attendee>& judges() const { return judges_; }
    void refreshBoard();
    const std::optional<JudgeBoard>& board() const { return board_; }

    void openSheet(const std::string& showcaseId);
    bool sheetReady() const { return sheetRequest_ == 0 && !sheetDemo_.empty(); }
    const std::string& sheetDemo() const { return sheetDemo_; }
    ScoreSheet& sheet() { return sheet_; }
    bool sheetFromDraft() const { return sheetFromDraft_; }
    bool sheetHasScore() const { return sheetHasScore_; }
    // The sheet changed on screen: saved as a draft at once (on the worker).
    void sheetEdited();
    void submitSheet();
    void withdrawScore();
    void declareConflict();
    bool writing() const { return writeRequest_ != 0; }
    // The last write's outcome for the sheet screen (nullopt while none or pending).
    const std::optional<ScoreWriteStatus>& lastWrite() const { return lastWrite_; }
    const std::vector<std::string>& lastProblems() const { return lastProblems_; }
    const std::string& draftError() const { return draftError_; }
    void clearLastWrite() { lastWrite_.reset(), lastProblems_.clear(); }

    // ---- feedback ----
    void startFeedback(Attendee author);  // after their badge: asks for the demos open now
    void endFeedback();                   // submitted, timed out or cancelled
    const std::optional<Attendee>& author() const { return author_; }
    const std::vector<FloorDemo>& feedbackChoices() const { return feedbackChoices_; }
    bool ratedBefore(const std::string& showcaseId) const;
    void chooseDemo(const std::string& showcaseId);
    const FloorDemo* chosenDemo() const;
    FeedbackAnswers& answers() { return answers_; }
    void submitFeedback();
    bool feedbackPending() const { return feedbackRequest_ != 0; }
    // The last feedback's outcome (kept past endFeedback for the start screen's thanks).
    const std::optional<FeedbackWriteStatus>& lastFeedback() const { return lastFeedback_; }
    const std::string& lastFeedbackProblem() const { return lastFeedbackProblem_; }
    void clearLastFeedback() { lastFeedback_.reset(), lastFeedbackProblem_.clear(); }

    void apply(FloorReply& reply);

  private:
    using Job = std::function<FloorReply(FloorWork&, DeskCore&)>;
    std::uint64_t submit(Job job);

    DeskService* desk_;
    std::shared_ptr<FloorWork> work_;
    JudgingConfig judging_;
    std::uint64_t identifyRequest_ = 0;
    std::optional<std::pair<CheckInStatus, std::optional<Attendee>>> identified_;
    std::optional<Attendee> judge_;
    std::vector<Attendee> judges_;
    std::optional<JudgeBoard> board_;
    std::string sheetDemo_;
    ScoreSheet sheet_;
    bool sheetFromDraft_ = false, sheetHasScore_ = false;
    std::uint64_t sheetRequest_ = 0, writeRequest_ = 0;
    std::optional<ScoreWriteStatus> lastWrite_;
    std::vector<std::string> lastProblems_;
    std::string draftError_;
    std::optional<Attendee> author_;
    std::vector<FloorDemo> feedbackChoices_;
    std::vector<std::string> ratedBefore_;
    std::string chosen_;
    FeedbackAnswers answers_;
    std::uint64_t feedbackRequest_ = 0;
    std::optional<FeedbackWriteStatus> lastFeedback_;
    std::string lastFeedbackProblem_;
};

}  // namespace oh::kiosk
