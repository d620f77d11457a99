// "Next demo for you": the demos a judge should score next, coverage first. Pure (no I/O):
// the scoring screen builds the input from the store, the bench from generated data.
//
// A demo is offered when it is presenting now or has presented, the judge has not scored
// it, and none of its presenters' teams is one the judge declared a conflict with. Offered
// demos are ordered:
//   1. below the quorum before at or above it (every demo reaches the quorum first);
//   2. a demo that links the judge to judges they share no demo with yet, before one that
//      does not (calibration compares each judge with the others through the demos they
//      both scored, so the judge–demo graph must end up connected; a judge's first score
//      goes to a demo another judge already scored, when one is below the quorum);
//   3. fewest scores first;
//   4. presenting now before already presented (the judge can watch it now), then by start.
// Ties go to the smaller demo id, so two tablets suggest the same for the same data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace oh {

struct SuggestionDemo {
    std::string id;
    std::vector<std::string> teams;   // the presenters' teams
    std::int64_t start = 0, end = 0;  // Unix seconds
};

struct SuggestionScore {
    std::string judgeId, demoId;  // scores not withdrawn
};

struct SuggestionInput {
    std::vector<SuggestionDemo> demos;
    std::vector<SuggestionScore> scores;
    std::string judgeId;
    std::vector<std::string> conflictTeams;  // teams the judge declared a conflict with
    std::int64_t now = 0;
    int quorum = 3;
};

enum class SuggestionReason {
    NeedsScoresAndLinksJudges,  // below quorum, and links the judge to other judges
    NeedsScores,                // below quorum
    LinksJudges,                // at quorum, links the judge to other judges
    MoreScores,                 // at quorum: a further score still helps calibration
};

struct Suggestion {
    std::string demoId;
    int scores = 0;  // scores the demo has now
    bool presentingNow = false;
    SuggestionReason reason = SuggestionReason::NeedsScores;
};

// At most `limit` suggestions, best first.
std::vector<Suggestion> suggestDemos(const SuggestionInput& input, std::size_t limit);

// Whether every judge who scored is linked to every other through shared demos (the
// condition calibration needs), for the progress line and the tests.
bool judgesConnected(const std::vector<SuggestionScore>& scores);

}  // namespace oh
