// What the judging floor looks like to one person, read from the store: the scoring
// screen's board for a judge (suggestions, every demo with its state, progress) and the
// feedback screen's list of demos presenting now and just before. The screens draw these;
// the rules stay in suggestions.hpp, scoring.hpp and feedback.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/judging/suggestions.hpp"
#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

// A demo as a screen lists it.
struct FloorDemo {
    Showcase showcase;
    std::vector<std::string> presenterNames;  // short display names, in presenter order
    std::string searchKey;  // title and presenters folded for search (core/text/fold.hpp)
    int scores = 0;         // judges' live scores (conflicts not counted)
    bool presentingNow = false;
    bool presented = false;  // its slot has ended
};

// One judge's state of one demo.
enum class JudgeMark { None, Scored, Conflict };

struct JudgeBoard {
    std::string judgeId;
    std::string judgeName;
    std::vector<Suggestion> suggestions;  // "next demo for you", best first
    std::vector<FloorDemo> demos;         // every demo of the event, by start then title
    std::vector<JudgeMark> marks;         // per demo in `demos`
    int scoredByMe = 0;                   // "7 of 12 demos scored"
    int scorable = 0;                     // demos the judge may score (not conflicted)
    bool closed = false;                  // the lead closed judging
};

// The board of `judgeId` at `nowMillis`. `quorum`: judges a demo needs (conversion.quorum).
// A judge's conflict covers every demo of that team: the teams of the demo they declared a
// conflict with are the judge's conflict teams.
JudgeBoard judgeBoard(Store& store, const std::string& eventId, const std::string& judgeId,
                      int quorum, std::int64_t nowMillis, std::size_t suggestionLimit = 3);

// Demos a peer may give feedback on now: presenting now, then those that ended within
// `recentSeconds` (most recent first). Empty outside the slots.
std::vector<FloorDemo> feedbackDemos(Store& store, const std::string& eventId,
                                     std::int64_t nowMillis, std::int64_t recentSeconds = 3600);

// The people who may judge at this event (staff and leads, not blocked), by name: the list a
// judge picks their name from where the PIN alone unlocks scoring.
std::vector<Attendee> judgesOf(Store& store, const std::string& eventId);

}  // namespace oh
