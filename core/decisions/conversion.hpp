// Conversion decisions (README, "Judging sheets and the offer-slot list"): who
// gets an immediate conversion slot, by transparent rules from the
// configuration, each decision with its reasons.
// Pure model: the caller gathers showcases, scores, feedback and people from a
// store; nothing here reads or writes files or databases.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/encore.hpp"
#include "core/model/model.hpp"

namespace oh {

struct ConversionRules {
    int quorum = 3;              // live judge scores a demo needs before any decision
    double bar = 0.5;            // calibrated score (mean per-judge z-score) for a slot
    double encoreMargin = 0.5;   // this far below the bar: an encore assignment instead
    bool requireImpact = true;   // the demo must name a change in a live metric
    double minPeerRating = 3.5;  // mean peer rating (1-5) needed; 0 turns the rule off
    int minPeerCount = 1;        // peer ratings needed for the peer rule to count
    int fairnessMinCell = 5;     // cohorts with fewer decided demos are not reported
    int encoreDueDays = 10;      // an encore is due this many days after its demo
};

enum class Outcome {
    Slot,         // every rule met, within the budget
    Waitlist,     // every rule met, the budget is used up by higher-ranked candidates
    Encore,       // borderline: an encore assignment (near the bar, or judges recommend one)
    NotSelected,  // a rule not met
    Pending,      // fewer judges or peer ratings than needed: no decision yet
};
const char* outcomeName(Outcome o);

// How the rule of a decision an encore passed begins, and with it the explanation its slot
// carries: the slot card reads it to say the encore won the slot.
inline constexpr const char* kEncorePassedRule =
    "encore passed";  // "slot", "waitlist", "encore", "not selected", "pending"

struct Decision {
    std::string internId, internName, email, cohort, team;
    std::string internFamilyName;  // when the roster gave one: for shortName(name, family)
    std::string showcaseId, showcaseTitle;
    int judges = 0;  // live scores with a total
    // Mean of each judge's z-score for this demo. The only score figure: raw totals are
    // on each judge's own scale (4.8 of 5, 78 of 100), so their mean would mean nothing.
    double calibrated = 0;
    bool impact = false;  // metric_change is not empty
    std::string metric;   // "support tickets -12%"
    int peerCount = 0;    // peer feedback with a rating
    double peerMean = 0;
    int encoreVotes = 0;  // judges recommending an encore
    Outcome outcome = Outcome::Pending;
    int rank = 0;             // 1-based among candidates meeting every rule; 0 otherwise
    std::string rule;         // the rule that decided, short: "below the bar (+0.21 < +0.50)"
    std::string explanation;  // every figure behind it, one line
    // The slot issued to this intern, when one was (filled by the caller from the slots it
    // holds, core/slots/): its id, state, who issued it and when, and the leads' acts on it.
    std::string slotId, slotState, slotIssuedBy, slotActs;
    std::int64_t slotIssuedAt = 0;  // Unix ms
    // The encore assignment of an encore decision, as stored or as the decision implies it
    // (`stored` false); also kept on a decision its encore decided (slot, waitlist, not
    // selected). `encoreState` is its state as of the input's `nowMs`.
    std::optional<EncoreAssignment> encore;
    EncoreState encoreState = EncoreState::Assigned;
    bool encorePassed = false;  // reviewed and meeting every rule with the review counted
};

struct JudgingInput {
    std::vector<Showcase> showcases;
    std::vector<Score> scores;  // live ones (deleted scores left out by the caller)
    std::vector<Feedback> feedback;
    std::vector<Attendee> people;  // interns, judges and peers of the event
    int budget = 0;                // the event's slot budget
    int alreadyIssued = 0;         // slots issued earlier: the rest of the budget is open
    // Interns the rules issued a slot to already (in any state but void): they keep their
    // rank and take no open place, so the day's calibration and ranks stay as they were.
    std::vector<std::string> issuedTo;
    // Encore assignments written so far (core/model/encore.hpp); an encore decision without
    // one gets the default (core/decisions/encore.hpp), due `encoreDueDays` after its demo's
    // end, or after `encoreFromMs` (the event's end) for a demo with no end time.
    std::vector<EncoreAssignment> encores;
    std::int64_t encoreFromMs = 0;
    std::int64_t nowMs = 0;  // Unix ms: an assigned encore past its due date has expired
};

// Rule 7, the encore: a decision the rules make an encore carries its assignment. Once
// reviewed, rules 1-5 decide it again on the mean of the day's calibrated score and the
// review's z-score on the rubric's own scale (encore.hpp encoreReviewZ: level 3 is 0, each
// level one spread), so the encore weighs as much as the day's whole panel.
// Meeting every rule it joins the candidates of rule 6, ranked after the day's own; else it
// is not selected. An assignment still assigned past its due date has expired: not selected.
//
// One decision per showcase that has an intern, ordered: slots by rank, then
// waitlist by rank, then encore, not selected and pending, each by calibrated
// score (highest first), ties by showcase id. Deterministic for one input.
std::vector<Decision> decideConversions(const JudgingInput& input, const ConversionRules& rules);

// Fairness per cohort (the four-fifths rule): the selection rate (slots over decided
// demos; pending ones are not decided yet) and its impact ratio against the
// cohort with the highest rate. A ratio below 0.8 fails the four-fifths rule.
// Cohorts with fewer than `minCell` decided demos are suppressed: no rate is
// shown for them and they are never the reference, because a rate over a
// handful of people both identifies them and means nothing.
struct CohortFairness {
    std::string cohort;  // "(no cohort)" for people without one
    int decided = 0;
    int slots = 0;
    bool suppressed = false;
    double rate = 0;         // slots / decided; 0 when suppressed
    double impactRatio = 0;  // rate / the highest shown rate; 0 when suppressed or no slots
    bool belowFourFifths = false;
};
std::vector<CohortFairness> fairnessByCohort(const std::vector<Decision>& decisions, int minCell);

}  // namespace oh
