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
    ConflictDeclared,
};

struct ScoreWrite {
    ScoreWriteStatus status = ScoreWriteStatus::Saved;
    std::vector<std::string> problems;  // with Incomplete: what the sheet is missing
    std::optional<Score> score;         // as stored, when saved or withdrawn
};

// "judging-closed", ...: for logs and tests.
const char* scoreWriteStatusKey(ScoreWriteStatus status);

// Staff and leads judge; a blocked person does not.
bool mayJudge(const Attendee& person);

// True once the lead's close time has come.
bool judgingClosed(const Event& event, std::int64_t nowMillis);

ScoreWrite submitScore(Store& store, const Rubric& rubric, const std::string& eventId,
                       const std::string& judgeId, const std::string& showcaseId,
                       const ScoreSheet& sheet, std::int64_t nowMillis);

// The judge declares a conflict of interest with the demo's team (they know the intern, they
// worked on the project): stored as the judge's sheet of that demo with `conflict` set and no
// total, so it syncs, replaces any score the judge gave, counts for no quorum, and makes the
// suggestions skip every demo of that team (floor.hpp). Undone by withdrawScore.
ScoreWrite declareConflict(Store& store, const std::string& eventId, const std::string& judgeId,
                           const std::string& showcaseId, std::int64_t nowMillis);

// True for a sheet written by declareConflict.
bool isConflict(const Score& score);

ScoreWrite withdrawScore(Store& store, const std::string& eventId, const std::string& judgeId,
                         const std::string& showcaseId, std::int64_t nowMillis);

}  // namespace oh
