// A judge's score written from a device: the one home of who may score which demo, and
// when. A judge is staff or a lead of the event, not blocked; the demo is one of the
// event's; judging is open (the lead has not closed it, or closes it later than now); the
// sheet is complete (rubric.hpp). A judge edits their score by submitting again (last
// writer wins across tablets, by the store's clock) and withdraws it until judging closes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/judging/rubric.hpp"
#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

enum class ScoreWriteStatus {
    Saved,
    Withdrawn,
    JudgingClosed,  // the lead closed judging
    NotAJudge,      // not staff or a lead of this event, or blocked
    UnknownDemo,    // no such demo at this event
    Incomplete,     // the sheet is missing something: see problems
    NothingToWithdraw,
};

struct ScoreWrite {
    ScoreWriteStatus status = ScoreWriteStatus::Saved;
    std::vector<std::string> problems;  // with Incomplete: what the sheet is missing
    std::optional<Score> score;         // as stored, when saved or withdrawn
};

// "judging-closed", ...: for logs and tests.
const char* scoreWriteStatusKey(ScoreWriteStatus status);

// True once the lead's close time has come.
bool judgingClosed(const Event& event, std::int64_t nowMillis);

ScoreWrite submitScore(Store& store, const Rubric& rubric, const std::string& eventId,
                       const std::string& judgeId, const std::string& showcaseId,
                       const ScoreSheet& sheet, std::int64_t nowMillis);

ScoreWrite withdrawScore(Store& store, const std::string& eventId, const std::string& judgeId,
                         const std::string& showcaseId, std::int64_t nowMillis);

}  // namespace oh
