#include "kiosk/floor_session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/model/ids.hpp"

namespace oh::kiosk {

FloorSession::FloorSession(DeskService* desk, FloorSettings settings, JudgingConfig judging)
    : desk_(desk),
      work_(std::make_shared<FloorWork>(std::move(settings))),
      judging_(std::move(judging)) {}

std::uint64_t FloorSession::submit(Job job) {
    if (!desk_) return 0;
    // The work object lives on in the job: the desk worker may finish after a lock().
    return desk_->submitFloor(
        [work = work_, job = std::move(job)](DeskCore& core) { return job(*work, core); });
}

void FloorSession::identify(const std::string& code) {
    if (identifying()) return;
    identified_.reset();
    identifyRequest_ = submit([code](FloorWork&, DeskCore& core) {
        CheckInOutcome who = core.identify(code, nowMillis());
        FloorReply r;
        r.kind = FloorReply::Kind::Identified;
        r.identity = who.status;
        r.person = std::move(who.attendee);
        return r;
    });
}

std::optional<std::pair<CheckInStatus, std::optional<Attendee>>> FloorSession::takeIdentified() {
    auto out = std::move(identified_);
    identified_.reset();
    return out;
}

void FloorSession::unlock(Attendee judge) {
    lock();
    judge_ = std::move(judge);
    refreshBoard();
}

void FloorSession::lock() {
    judge_.reset();
    board_.reset();
    judges_.clear();
    sheetDemo_.clear();
    sheet_ = {};
    sheetRequest_ = 0;
    writeRequest_ = 0;  // a write under way still lands; its reply is no one's now
    clearLastWrite();
    draftError_.clear();
}

void FloorSession::requestJudges() {
    submit([](FloorWork& w, DeskCore& core) { return w.judges(core.store()); });
}

void FloorSession::refreshBoard() {
    if (!judge_) return;
    submit([judgeId = judge_->id](FloorWork& w, DeskCore& core) {
        return w.board(core.store(), judgeId, nowMillis());
    });
}

void FloorSession::openSheet(const std::string& showcaseId) {
    if (!judge_) return;
    sheetDemo_ = showcaseId;
    sheet_ = {};
    clearLastWrite();
    sheetRequest_ = submit([judgeId = judge_->id, showcaseId](FloorWork& w, DeskCore& core) {
        return w.openSheet(core.store(), judgeId, showcaseId);
    });
}

void FloorSession::sheetEdited() {
    if (!judge_ || !sheetReady()) return;
    submit([judgeId = judge_->id, demo = sheetDemo_, sheet = sheet_](FloorWork& w, DeskCore&) {
        return w.saveDraft(judgeId, demo, sheet);
    });
}

void FloorSession::submitSheet() {
    if (!judge_ || !sheetReady() || writing()) return;
    clearLastWrite();
    writeRequest_ = submit(
        [judgeId = judge_->id, demo = sheetDemo_, sheet = sheet_](FloorWork& w, DeskCore& core) {
            return w.submit(core.store(), judgeId, demo, sheet, nowMillis());
        });
}

void FloorSession::withdrawScore() {
    if (!judge_ || !sheetReady() || writing()) return;
    clearLastWrite();
    writeRequest_ = submit([judgeId = judge_->id, demo = sheetDemo_](FloorWork& w, DeskCore& core) {
        return w.withdraw(core.store(), judgeId, demo, nowMillis());
    });
}

void FloorSession::declareConflict() {
    if (!judge_ || !sheetReady() || writing()) return;
    clearLastWrite();
    writeRequest_ = submit([judgeId = judge_->id, demo = sheetDemo_](FloorWork& w, DeskCore& core) {
        return w.conflict(core.store(), judgeId, demo, nowMillis());
    });
}

void FloorSession::startFeedback(Attendee author) {
    endFeedback();
    clearLastFeedback();
    author_ = std::move(author);
    submit([authorId = author_->id](FloorWork& w, DeskCore& core) {
        return w.feedbackDemos(core.store(), authorId, nowMillis());
    });
}

void FloorSession::endFeedback() {
    author_.reset();
    feedbackChoices_.clear();
    ratedBefore_.clear();
    chosen_.clear();
    answers_ = {};
    feedbackRequest_ = 0;
}

bool FloorSession::ratedBefore(const std::string& showcaseId) const {
    return std::find(ratedBefore_.begin(), ratedBefore_.end(), showcaseId) != ratedBefore_.end();
}

void FloorSession::chooseDemo(const std::string& showcaseId) {
    chosen_ = showcaseId;
    answers_ = {};
    clearLastFeedback();
}

const FloorDemo* FloorSession::chosenDemo() const {
    for (const FloorDemo& d : feedbackChoices_)
        if (d.showcase.id == chosen_) return &d;
    return nullptr;
}

void FloorSession::submitFeedback() {
    if (!author_ || chosen_.empty() || feedbackPending()) return;
    clearLastFeedback();
    feedbackRequest_ = submit(
        [authorId = author_->id, demo = chosen_, answers = answers_](FloorWork& w, DeskCore& core) {
            return w.giveFeedback(core.store(), authorId, demo, answers, nowMillis());
        });
}

void FloorSession::apply(FloorReply& r) {
    switch (r.kind) {
        case FloorReply::Kind::FeedbackDemos:
            if (!author_) return;
            feedbackChoices_ = std::move(r.demos);
            ratedBefore_ = std::move(r.ratedBefore);
            return;
        case FloorReply::Kind::FeedbackWritten:
            if (r.request != feedbackRequest_) return;
            feedbackRequest_ = 0;
            lastFeedback_ = r.feedbackWritten;
            lastFeedbackProblem_ = r.problems.empty() ? "" : r.problems.front();
            return;
        case FloorReply::Kind::Identified:
            if (r.request != identifyRequest_) return;
            identifyRequest_ = 0;
            identified_ = std::make_pair(r.identity, std::move(r.person));
            return;
        case FloorReply::Kind::Judges:
            judges_ = std::move(r.people);
            return;
        case FloorReply::Kind::Board:
            if (judge_ && r.board && r.board->judgeId == judge_->id) board_ = std::move(r.board);
            return;
        case FloorReply::Kind::Sheet:
            if (r.request != sheetRequest_) return;
            sheetRequest_ = 0;
            sheet_ = std::move(r.sheet);
            sheetFromDraft_ = r.fromDraft;
            sheetHasScore_ = r.hasScore;
            return;
        case FloorReply::Kind::ScoreWritten:
            if (judge_ && r.board && r.board->judgeId == judge_->id) board_ = std::move(r.board);
            if (r.request != writeRequest_) return;
            writeRequest_ = 0;
            lastWrite_ = r.written;
            lastProblems_ = std::move(r.problems);
            if (r.written == ScoreWriteStatus::Saved ||
                r.written == ScoreWriteStatus::ConflictDeclared)
                sheetHasScore_ = true;
            if (r.written == ScoreWriteStatus::Withdrawn) sheetHasScore_ = false;
            return;
        case FloorReply::Kind::DraftSaved:
            draftError_ = r.error;  // the sheet screen says a draft could not be kept
            return;
        case FloorReply::Kind::Failed:
            spdlog::error("kiosk: judging: {}", r.error);
            if (r.request == identifyRequest_) identifyRequest_ = 0;
            if (r.request == sheetRequest_) sheetRequest_ = 0;
            if (r.request == writeRequest_) writeRequest_ = 0, draftError_ = r.error;
            if (r.request == feedbackRequest_) {
                feedbackRequest_ = 0;
                lastFeedbackProblem_ = r.error;
            }
            return;
    }
}

}  // namespace oh::kiosk
