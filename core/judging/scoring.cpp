#include "core/judging/scoring.hpp"

namespace oh {

const char* scoreWriteStatusKey(ScoreWriteStatus status) {
    switch (status) {
        case ScoreWriteStatus::Saved:
            return "saved";
        case ScoreWriteStatus::Withdrawn:
            return "withdrawn";
        case ScoreWriteStatus::JudgingClosed:
            return "judging-closed";
        case ScoreWriteStatus::NotAJudge:
            return "not-a-judge";
        case ScoreWriteStatus::UnknownDemo:
            return "unknown-demo";
        case ScoreWriteStatus::Incomplete:
            return "incomplete";
        case ScoreWriteStatus::NothingToWithdraw:
            return "nothing-to-withdraw";
        case ScoreWriteStatus::ConflictDeclared:
            return "conflict-declared";
    }
    return "unknown";
}

bool judgingClosed(const Event& event, std::int64_t nowMillis) {
    return event.judgingClosedAt > 0 && nowMillis >= event.judgingClosedAt;
}

bool mayJudge(const Attendee& person) {
    return (person.role == Role::Staff || person.role == Role::Lead) && !person.blocked;
}

namespace {

// Why this judge may not write a score of this demo now; nullopt when they may.
std::optional<ScoreWriteStatus> refusal(Store& store, const std::string& eventId,
                                        const std::string& judgeId, const std::string& showcaseId,
                                        std::int64_t nowMillis) {
    std::optional<Event> event = store.event(eventId);
    if (!event) return ScoreWriteStatus::UnknownDemo;
    if (judgingClosed(*event, nowMillis)) return ScoreWriteStatus::JudgingClosed;
    std::optional<Attendee> judge = store.attendee(judgeId);
    if (!judge || judge->eventId != eventId || !mayJudge(*judge))
        return ScoreWriteStatus::NotAJudge;
    std::optional<Showcase> demo = store.showcase(showcaseId);
    if (!demo || demo->eventId != eventId) return ScoreWriteStatus::UnknownDemo;
    return std::nullopt;
}

}  // namespace

ScoreWrite submitScore(Store& store, const Rubric& rubric, const std::string& eventId,
                       const std::string& judgeId, const std::string& showcaseId,
                       const ScoreSheet& sheet, std::int64_t nowMillis) {
    if (auto refused = refusal(store, eventId, judgeId, showcaseId, nowMillis))
        return ScoreWrite{*refused, {}, std::nullopt};
    std::vector<std::string> problems = sheetProblems(rubric, sheet);
    if (!problems.empty()) return ScoreWrite{ScoreWriteStatus::Incomplete, problems, std::nullopt};
    Score score;
    score.eventId = eventId;
    score.judgeId = judgeId;
    score.showcaseId = showcaseId;
    score.criteria = sheetJson(sheet);
    score.total = rubricTotal(rubric, sheet);
    score.notes = sheet.notes;
    score.encore = sheet.encore;
    return ScoreWrite{ScoreWriteStatus::Saved, {}, store.recordScore(score)};
}

ScoreWrite declareConflict(Store& store, const std::string& eventId, const std::string& judgeId,
                           const std::string& showcaseId, std::int64_t nowMillis) {
    if (auto refused = refusal(store, eventId, judgeId, showcaseId, nowMillis))
        return ScoreWrite{*refused, {}, std::nullopt};
    ScoreSheet sheet;
    sheet.conflict = true;
    Score score;
    score.eventId = eventId;
    score.judgeId = judgeId;
    score.showcaseId = showcaseId;
    score.criteria = sheetJson(sheet);
    return ScoreWrite{ScoreWriteStatus::ConflictDeclared, {}, store.recordScore(score)};
}

bool isConflict(const Score& score) {
    return !score.total && sheetFromJson(score.criteria).conflict;
}

ScoreWrite withdrawScore(Store& store, const std::string& eventId, const std::string& judgeId,
                         const std::string& showcaseId, std::int64_t nowMillis) {
    if (auto refused = refusal(store, eventId, judgeId, showcaseId, nowMillis))
        return ScoreWrite{*refused, {}, std::nullopt};
    if (!store.deleteScore(judgeId, showcaseId))
        return ScoreWrite{ScoreWriteStatus::NothingToWithdraw, {}, std::nullopt};
    return ScoreWrite{ScoreWriteStatus::Withdrawn, {}, store.score(judgeId, showcaseId)};
}

}  // namespace oh
