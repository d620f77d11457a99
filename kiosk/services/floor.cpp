#include "kiosk/services/floor.hpp"

namespace oh::kiosk {

FloorWork::FloorWork(FloorSettings settings)
    : settings_(std::move(settings)), drafts_(settings_.draftFolder) {}

FloorReply FloorWork::judges(Store& store) {
    FloorReply r;
    r.kind = FloorReply::Kind::Judges;
    r.people = judgesOf(store, settings_.eventId);
    return r;
}

FloorReply FloorWork::board(Store& store, const std::string& judgeId, std::int64_t nowMs) {
    FloorReply r;
    r.kind = FloorReply::Kind::Board;
    r.board = judgeBoard(store, settings_.eventId, judgeId, settings_.quorum, nowMs);
    return r;
}

FloorReply FloorWork::openSheet(Store& store, const std::string& judgeId,
                                const std::string& showcaseId) {
    FloorReply r;
    r.kind = FloorReply::Kind::Sheet;
    r.showcaseId = showcaseId;
    std::optional<Score> stored = store.score(judgeId, showcaseId);
    r.hasScore = stored && !stored->deleted;
    if (auto draft =
            settings_.draftFolder.empty() ? std::nullopt : drafts_.load(judgeId, showcaseId)) {
        r.sheet = *draft;
        r.fromDraft = true;
    } else if (r.hasScore) {
        r.sheet = sheetFromJson(stored->criteria);
    }
    return r;
}

FloorReply FloorWork::saveDraft(const std::string& judgeId, const std::string& showcaseId,
                                const ScoreSheet& sheet) {
    FloorReply r;
    r.kind = FloorReply::Kind::DraftSaved;
    r.showcaseId = showcaseId;
    if (!settings_.draftFolder.empty()) drafts_.save(judgeId, showcaseId, sheet, &r.error);
    return r;
}

FloorReply FloorWork::afterWrite(Store& store, const std::string& judgeId,
                                 const std::string& showcaseId, const ScoreWrite& write,
                                 std::int64_t nowMs) {
    // A written score needs its draft no more; a refused one keeps it (nothing is lost).
    const bool stored = write.score.has_value();
    if (stored && !settings_.draftFolder.empty()) drafts_.discard(judgeId, showcaseId);
    FloorReply r = board(store, judgeId, nowMs);
    r.kind = FloorReply::Kind::ScoreWritten;
    r.showcaseId = showcaseId;
    r.written = write.status;
    r.problems = write.problems;
    return r;
}

FloorReply FloorWork::submit(Store& store, const std::string& judgeId,
                             const std::string& showcaseId, const ScoreSheet& sheet,
                             std::int64_t nowMs) {
    ScoreWrite w =
        submitScore(store, settings_.rubric, settings_.eventId, judgeId, showcaseId, sheet, nowMs);
    return afterWrite(store, judgeId, showcaseId, w, nowMs);
}

FloorReply FloorWork::withdraw(Store& store, const std::string& judgeId,
                               const std::string& showcaseId, std::int64_t nowMs) {
    ScoreWrite w = withdrawScore(store, settings_.eventId, judgeId, showcaseId, nowMs);
    return afterWrite(store, judgeId, showcaseId, w, nowMs);
}

FloorReply FloorWork::conflict(Store& store, const std::string& judgeId,
                               const std::string& showcaseId, std::int64_t nowMs) {
    ScoreWrite w = declareConflict(store, settings_.eventId, judgeId, showcaseId, nowMs);
    return afterWrite(store, judgeId, showcaseId, w, nowMs);
}

FloorReply FloorWork::feedbackDemos(Store& store, const std::string& authorId, std::int64_t nowMs) {
    FloorReply r;
    r.kind = FloorReply::Kind::FeedbackDemos;
    r.demos = oh::feedbackDemos(store, settings_.eventId, nowMs);
    for (const FloorDemo& d : r.demos)
        if (feedbackOf(store, authorId, d.showcase.id)) r.ratedBefore.push_back(d.showcase.id);
    return r;
}

FloorReply FloorWork::giveFeedback(Store& store, const std::string& authorId,
                                   const std::string& showcaseId, const FeedbackAnswers& answers,
                                   std::int64_t nowMs) {
    FeedbackWrite w =
        submitFeedback(store, settings_.eventId, authorId, showcaseId, answers, nowMs);
    FloorReply r;
    r.kind = FloorReply::Kind::FeedbackWritten;
    r.showcaseId = showcaseId;
    r.feedbackWritten = w.status;
    if (!w.problem.empty()) r.problems.push_back(w.problem);
    return r;
}

}  // namespace oh::kiosk
