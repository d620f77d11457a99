// Conversion decisions (README, "Judging sheets and the offer-slot list"). See
// conversion.hpp for the contract.
//
// Rules are applied in this order; the first one that decides wins, so the
// stored `rule` always names the reason a lead would look for first:
//   1. Quorum: fewer live judge scores than `quorum` -> Pending ("needs 3 judges, has 1").
//   2. Impact: `requireImpact` and no metric change named -> NotSelected.
//   3. Peers rated: `minPeerRating > 0` and fewer peer ratings than `minPeerCount` -> Pending
//      ("needs 1 peer rating, has 0"): like a missing judge, a missing rating is evidence
//      still to come, not a verdict.
//   4. Peers: a mean peer rating below `minPeerRating` -> NotSelected, except Encore when
//      the peer rule is the only unmet rule (calibrated >= bar) and a majority of the judges
//      recommend one. A demo that misses the bar too is two rules short: the judges' votes
//      do not rescue it, and its rule says so.
//   5. Bar: calibrated < bar -> Encore when within `encoreMargin` of the bar, else Encore
//      when a majority of the judges recommend one, else NotSelected.
//   7. (before 6) Encore: the assignment's state decides (conversion.hpp); a reviewed
//      encore meeting rules 1-5 on the mean of the day's score and the review's is a
//      candidate of rule 6.
//   6. Every rule met: candidates are ranked (calibrated desc, judges desc, showcase id and
//      presenter asc); the open part of the budget (budget - alreadyIssued, at least 0)
//      goes to the first ones as Slot, the rest are Waitlist.
//
// Every figure in a rule or an explanation is printed by core/decisions/figures.hpp, the
// rounding the exports and `openhouse slots` use too. No raw score is averaged across
// judges: judges use different scales (4.8 of 5, 78 of 100), so only the calibrated score,
// which is per judge, is shown.
//
// The unit of decision is the showcase and one presenter of it: an intern with two
// showcases gets two decisions, each judged on its own scores and feedback, because
// judges score demos and a lead needs to see each demo's reasons; a team demo gives each
// presenter a decision on the demo's figures (a slot is an offer to a person).
#include "core/decisions/conversion.hpp"
#include "core/text/plural.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

#include "core/decisions/encore.hpp"
#include "core/decisions/figures.hpp"
#include "core/model/ids.hpp"
#include "core/text/trim.hpp"

namespace oh {

const char* outcomeName(Outcome o) {
    switch (o) {
        case Outcome::Slot:
            return "slot";
        case Outcome::Waitlist:
            return "waitlist";
        case Outcome::Encore:
            return "encore";
        case Outcome::NotSelected:
            return "not selected";
        case Outcome::Pending:
            return "pending";
    }
    return "pending";
}

namespace {

// Means and z-scores are sums of doubles: two demos that are equal on paper can
// differ in the last bit. Snapping to 1e-9 makes such ties real ties, so the
// documented tie-breaks (judges, showcase id) decide, and a score exactly on
// the bar counts as on the bar.
double snapped(double value) {
    return std::round(value * 1e9) / 1e9;
}

// "+0.82" / "-0.21"; never "-0.00", which would read as below a bar of +0.00.
std::string signedFigure(double value) {
    return signedFigureText(value);
}

std::string figure(double value) {
    return figureText(value);
}

std::string countOf(int count, std::string_view singular, std::string_view many) {
    return oh::plural(count, singular, many);
}

struct MeanAndSd {
    double mean = 0;
    double sd = 0;  // population standard deviation
    int count = 0;
};

MeanAndSd meanAndSd(const std::vector<double>& values) {
    MeanAndSd out;
    out.count = static_cast<int>(values.size());
    if (values.empty()) return out;
    double sum = 0;
    for (double v : values) sum += v;
    out.mean = sum / static_cast<double>(values.size());
    double squares = 0;
    for (double v : values) squares += (v - out.mean) * (v - out.mean);
    out.sd = std::sqrt(squares / static_cast<double>(values.size()));
    return out;
}

// A live score on a demo, in a fixed order (showcase, judge, id) so the sums
// below, and therefore the figures, do not depend on the order of the input.
struct CountedScore {
    std::string showcaseId, judgeId, id;
    double total = 0;
    bool encore = false;
};

bool isMajority(int votes, int judges) {
    return votes * 2 > judges;
}

std::string peerRuleText(const Decision& d, const ConversionRules& rules) {
    const std::string needs =
        fmt::format("(needs {} from {})", figure(rules.minPeerRating), rules.minPeerCount);
    if (d.peerCount == 0) return "no peer rating " + needs;
    return fmt::format("peer rating {} from {} {}", figure(d.peerMean), d.peerCount, needs);
}

// Only figures that mean something: the calibrated score (per judge, so comparable across
// judges' scales), never a mean of raw totals from judges who score out of 5 and out of 100.
std::string explanationOf(const Decision& d, const ConversionRules& rules) {
    const std::string impact = d.impact ? d.metric : std::string("none");
    const std::string peers = d.peerCount == 0
                                  ? std::string("none")
                                  : fmt::format("{} from {}", figure(d.peerMean), d.peerCount);
    return fmt::format(
        "{}, calibrated {} (mean of each judge's z-score; bar {}); impact: {}; peers {}; "
        "encore votes {}",
        countOf(d.judges, "judge", "judges"), signedFigure(d.calibrated), signedFigure(rules.bar),
        impact, peers, d.encoreVotes);
}

int outcomeOrder(Outcome o) {
    switch (o) {
        case Outcome::Slot:
            return 0;
        case Outcome::Waitlist:
            return 1;
        case Outcome::Encore:
            return 2;
        case Outcome::NotSelected:
            return 3;
        case Outcome::Pending:
            return 4;
    }
    return 5;
}

// Judge severity correction: each judge's totals are standardised against
// that judge's own mean and spread, so a harsh judge's best demo and a
// lenient judge's best demo come out alike. A judge who scored one demo
// only has no severity of their own to correct: they are taken as an
// average judge (the pooled mean and spread of all totals), so their score
// still counts. A judge who gave every demo the same total keeps their own
// mean with the pooled spread: their z is 0, since a judge who saw no
// difference says nothing about relative quality.
class JudgeCalibration {
  public:
    explicit JudgeCalibration(const std::vector<CountedScore>& scores) {
        std::vector<double> allTotals;
        std::map<std::string, std::vector<double>> totalsByJudge;
        for (const CountedScore& s : scores) {
            allTotals.push_back(s.total);
            totalsByJudge[s.judgeId].push_back(s.total);
        }
        pooled_ = meanAndSd(allTotals);
        for (const auto& [judgeId, totals] : totalsByJudge) judges_[judgeId] = meanAndSd(totals);
    }

    double z(const CountedScore& s) const {
        const MeanAndSd& judge = judges_.at(s.judgeId);
        const bool unknownSeverity = judge.count < 2;
        const double mean = unknownSeverity ? pooled_.mean : judge.mean;
        const double sd = unknownSeverity || judge.sd == 0 ? pooled_.sd : judge.sd;
        if (sd == 0) return 0.0;
        return (s.total - mean) / sd;
    }

  private:
    MeanAndSd pooled_;
    std::map<std::string, MeanAndSd> judges_;
};

// Demos: showcases with a presenter. A showcase nobody presents is not judged
// for a slot, and its scores stay out of the judges' statistics too, so an
// unassigned table cannot shift anybody's calibration.
std::map<std::string, const Showcase*> demosOf(const JudgingInput& input) {
    std::map<std::string, const Showcase*> demos;
    for (const Showcase& s : input.showcases) {
        if (!presentersOf(s).empty()) demos.emplace(s.id, &s);  // first wins on a repeated id
    }
    return demos;
}

std::vector<CountedScore> countedScores(const JudgingInput& input,
                                        const std::map<std::string, const Showcase*>& demos) {
    std::vector<CountedScore> scores;
    for (const Score& s : input.scores) {
        if (s.deleted || !s.total || !demos.count(s.showcaseId)) continue;
        scores.push_back({s.showcaseId, s.judgeId, s.id, *s.total, s.encore});
    }
    std::sort(scores.begin(), scores.end(), [](const CountedScore& a, const CountedScore& b) {
        return std::tie(a.showcaseId, a.judgeId, a.id, a.total) <
               std::tie(b.showcaseId, b.judgeId, b.id, b.total);
    });
    return scores;
}

// Everything a rule looks at, for one demo: who, the judges' figures, the
// impact named, the peers' ratings.
Decision figuresOf(const Showcase& showcase, const std::string& presenter,
                   const std::map<std::string, const Attendee*>& people,
                   const std::vector<CountedScore>& scores, const JudgeCalibration& calibration,
                   const std::vector<Feedback>& feedback) {
    Decision d;
    d.internId = presenter;
    if (auto it = people.find(d.internId); it != people.end()) {
        d.internName = it->second->fullName;
        d.internFamilyName = it->second->familyName;
        d.email = it->second->email;
        d.cohort = it->second->cohort;
        d.team = it->second->team;
    }
    d.showcaseId = showcase.id;
    d.showcaseTitle = showcase.title;

    double zSum = 0;
    const auto first = std::lower_bound(
        scores.begin(), scores.end(), showcase.id,
        [](const CountedScore& s, const std::string& id) { return s.showcaseId < id; });
    for (auto it = first; it != scores.end() && it->showcaseId == showcase.id; ++it) {
        ++d.judges;
        zSum += calibration.z(*it);
        if (it->encore) ++d.encoreVotes;
    }
    if (d.judges > 0) d.calibrated = snapped(zSum / d.judges);

    const std::string change = trim(showcase.metricChange);
    d.impact = !change.empty();
    d.metric = trim(showcase.metricName + " " + change);

    // Peer feedback: an intern rating their own (team's) demo is not a peer.
    const std::vector<std::string> team = presentersOf(showcase);
    int ratingSum = 0;
    for (const Feedback& f : feedback) {
        if (!f.rating || f.showcaseId != showcase.id) continue;
        if (std::find(team.begin(), team.end(), f.authorId) != team.end()) continue;
        ++d.peerCount;
        ratingSum += *f.rating;
    }
    if (d.peerCount > 0) d.peerMean = snapped(static_cast<double>(ratingSum) / d.peerCount);
    return d;
}

// One rule's verdict: whether it decided, and how. Each rule below is one step of
// the list at the top of the file; applyRules runs them in that order.
struct Verdict {
    Outcome outcome;
    std::string rule;
};
using MaybeVerdict = std::optional<Verdict>;

std::string votesText(const Decision& d) {
    return fmt::format("judges recommend an encore ({} of {})", d.encoreVotes, d.judges);
}

// 1. Not enough judges yet.
MaybeVerdict quorumRule(const Decision& d, const ConversionRules& rules) {
    if (d.judges >= rules.quorum) return std::nullopt;
    return Verdict{
        Outcome::Pending,
        fmt::format("needs {}, has {}", countOf(rules.quorum, "judge", "judges"), d.judges)};
}

// 2. No live-metric change named.
MaybeVerdict impactRule(const Decision& d, const ConversionRules& rules) {
    if (!rules.requireImpact || d.impact) return std::nullopt;
    return Verdict{Outcome::NotSelected, "no live-metric impact named"};
}

// 3. Not enough peer ratings yet: the ratings are still to come, so no verdict. A
// mean needs one rating at least, whatever `minPeerCount` says.
MaybeVerdict peersRatedRule(const Decision& d, const ConversionRules& rules) {
    const int needed = std::max(1, rules.minPeerCount);
    if (rules.minPeerRating <= 0 || d.peerCount >= needed) return std::nullopt;
    return Verdict{Outcome::Pending,
                   fmt::format("needs {}, has {}", countOf(needed, "peer rating", "peer ratings"),
                               d.peerCount)};
}

// 4. Peers rate it too low. The encore is where the missing peer support can be
// earned, so it is offered only to a demo the judges put over the bar and most of
// them ask for one; a demo below the bar as well is two rules short.
MaybeVerdict peerRatingRule(const Decision& d, const ConversionRules& rules) {
    if (rules.minPeerRating <= 0 || d.peerMean >= rules.minPeerRating) return std::nullopt;
    const std::string peers = peerRuleText(d, rules);
    const bool meetsBar = d.calibrated >= rules.bar;
    if (!isMajority(d.encoreVotes, d.judges)) return Verdict{Outcome::NotSelected, peers};
    if (meetsBar)
        return Verdict{Outcome::Encore,
                       fmt::format("{}; meets the bar and {}: the encore gathers the missing "
                                   "peer support",
                                   peers, votesText(d))};
    return Verdict{
        Outcome::NotSelected,
        fmt::format("{}; {} but the calibrated score {} is below the bar {} as well", peers,
                    votesText(d), signedFigure(d.calibrated), signedFigure(rules.bar))};
}

// 5. Below the bar: an encore when near it or when most judges ask for one.
MaybeVerdict barRule(const Decision& d, const ConversionRules& rules) {
    if (d.calibrated >= rules.bar) return std::nullopt;
    if (d.calibrated >= rules.bar - rules.encoreMargin)
        return Verdict{Outcome::Encore,
                       fmt::format("near the bar ({}, bar {})", signedFigure(d.calibrated),
                                   signedFigure(rules.bar))};
    if (isMajority(d.encoreVotes, d.judges)) return Verdict{Outcome::Encore, votesText(d)};
    return Verdict{Outcome::NotSelected,
                   fmt::format("below the bar ({} < {})", signedFigure(d.calibrated),
                               signedFigure(rules.bar))};
}

// Rules 1-5, the first that decides wins. A demo meeting every rule leaves as a
// provisional Waitlist: rankWithinBudget (rule 6) decides between slot and waitlist.
void applyRules(Decision& d, const ConversionRules& rules) {
    using Rule = MaybeVerdict (*)(const Decision&, const ConversionRules&);
    static constexpr Rule kRulesInOrder[] = {quorumRule, impactRule, peersRatedRule, peerRatingRule,
                                             barRule};
    d.outcome = Outcome::Waitlist;  // provisional: the budget decides
    d.rule.clear();
    for (Rule rule : kRulesInOrder) {
        if (MaybeVerdict verdict = rule(d, rules)) {
            d.outcome = verdict->outcome;
            d.rule = std::move(verdict->rule);
            break;
        }
    }
    d.explanation = explanationOf(d, rules);
}

// Rule 7's review: rules 1-5 again, on the mean of the day's calibrated score and the
// review's (encoreReviewZ: on the rubric's own scale, since the reviewer's severity is unknown
// and the day's totals may be on a judging sheet's scale), so the encore weighs as much as the
// day's whole panel: a strong encore lifts a near miss over the bar, while one review alone
// cannot carry a demo far below it.
void redecideWithReview(Decision& d, const ConversionRules& rules) {
    const double review = d.encore->reviewTotal.value_or(0);
    const double reviewZ = encoreReviewZ(review);
    const double day = d.calibrated;
    Decision again = d;
    again.calibrated = snapped((day + reviewZ) / 2);
    applyRules(again, rules);
    d.calibrated = again.calibrated;
    d.explanation = fmt::format(
        "{}; with the encore review ({:.0f} of 100, z {}) weighing as much as the day's judges "
        "(day {})",
        again.explanation, review, signedFigure(snapped(reviewZ)), signedFigure(day));
    if (again.outcome == Outcome::Waitlist) {  // every rule met: a candidate of rule 6
        d.outcome = Outcome::Waitlist;
        d.encorePassed = true;
        d.rule = kEncorePassedRule;
        return;
    }
    d.outcome = Outcome::NotSelected;
    d.rule = "encore reviewed, not passed: " + again.rule;
}

// Rule 7: the encore's assignment, and what its state decides.
void applyEncore(Decision& d, const Showcase& showcase, const JudgingInput& in,
                 const ConversionRules& rules) {
    const std::string id = encoreIdFor(d.showcaseId, d.internId);
    const auto stored = std::find_if(in.encores.begin(), in.encores.end(),
                                     [&](const EncoreAssignment& a) { return a.id == id; });
    d.encore = stored != in.encores.end() ? *stored
                                          : defaultEncore(showcase, d.internId, in.scores,
                                                          in.encoreFromMs, rules.encoreDueDays);
    d.encoreState = encoreStateAt(*d.encore, in.nowMs);
    switch (d.encoreState) {
        case EncoreState::Assigned:
            d.explanation += "; encore assigned, due " + isoDayUtc(d.encore->dueAt);
            return;
        case EncoreState::Submitted:
            d.explanation +=
                "; encore submitted " + isoDayUtc(d.encore->submittedAt) + ", to review";
            return;
        case EncoreState::Expired:
            d.outcome = Outcome::NotSelected;
            d.rule = "encore expired: nothing submitted by " + isoDayUtc(d.encore->dueAt);
            return;
        case EncoreState::Reviewed:
            redecideWithReview(d, rules);
            return;
    }
}

// Rule 6: rank the candidates meeting every rule, then fill the open slots. Encore passes
// come after the day's own candidates: they were borderline on the day.
void rankWithinBudget(std::vector<Decision>& decisions, const JudgingInput& in) {
    std::vector<Decision*> candidates;
    for (Decision& d : decisions) {
        if (d.outcome == Outcome::Waitlist) candidates.push_back(&d);
    }
    std::sort(candidates.begin(), candidates.end(), [](const Decision* a, const Decision* b) {
        if (a->encorePassed != b->encorePassed) return b->encorePassed;
        if (a->calibrated != b->calibrated) return a->calibrated > b->calibrated;
        if (a->judges != b->judges) return a->judges > b->judges;
        return std::tie(a->showcaseId, a->internId) < std::tie(b->showcaseId, b->internId);
    });
    const auto issuedAlready = [&](const Decision& d) {
        return std::find(in.issuedTo.begin(), in.issuedTo.end(), d.internId) != in.issuedTo.end();
    };
    const int openSlots = std::max(0, in.budget - in.alreadyIssued);
    const int waiting =
        static_cast<int>(std::count_if(candidates.begin(), candidates.end(),
                                       [&](const Decision* d) { return !issuedAlready(*d); }));
    const int slotsGiven = std::min(openSlots, waiting);
    int given = 0;
    for (int i = 0; i < static_cast<int>(candidates.size()); ++i) {
        Decision& d = *candidates[static_cast<std::size_t>(i)];
        d.rank = i + 1;
        const std::string met = d.encorePassed ? kEncorePassedRule : "every rule met";
        if (issuedAlready(d)) {  // keeps its rank, takes no open place
            d.outcome = Outcome::Slot;
            d.rule = fmt::format("{}, rank {} (slot issued)", met, d.rank);
        } else if (given < openSlots) {
            d.outcome = Outcome::Slot;
            d.rule =
                fmt::format("{}, rank {} (slot {} of {} open)", met, d.rank, ++given, openSlots);
        } else {
            d.outcome = Outcome::Waitlist;
            d.rule = fmt::format("budget used: {} of {}", in.alreadyIssued + slotsGiven, in.budget);
            if (d.encorePassed) d.rule = std::string(kEncorePassedRule) + "; " + d.rule;
        }
    }
}

}  // namespace

std::vector<Decision> decideConversions(const JudgingInput& input, const ConversionRules& rules) {
    const auto demos = demosOf(input);
    const auto scores = countedScores(input, demos);
    const JudgeCalibration calibration(scores);
    std::map<std::string, const Attendee*> people;
    for (const Attendee& a : input.people) people.emplace(a.id, &a);  // first one wins

    std::vector<Decision> decisions;
    decisions.reserve(demos.size());
    for (const auto& [showcaseId, showcase] : demos) {
        for (const std::string& presenter : presentersOf(*showcase)) {
            decisions.push_back(
                figuresOf(*showcase, presenter, people, scores, calibration, input.feedback));
            applyRules(decisions.back(), rules);
            if (decisions.back().outcome == Outcome::Encore)
                applyEncore(decisions.back(), *showcase, input, rules);
        }
    }
    rankWithinBudget(decisions, input);

    // Output: slots and waitlist by rank, the rest by calibrated score; ties by
    // showcase id, then presenter (unique together), so the order is total.
    std::sort(decisions.begin(), decisions.end(), [](const Decision& a, const Decision& b) {
        const int groupA = outcomeOrder(a.outcome);
        const int groupB = outcomeOrder(b.outcome);
        if (groupA != groupB) return groupA < groupB;
        if (a.rank != b.rank) return a.rank < b.rank;  // 0 outside slot and waitlist
        if (a.calibrated != b.calibrated) return a.calibrated > b.calibrated;
        return std::tie(a.showcaseId, a.internId) < std::tie(b.showcaseId, b.internId);
    });
    return decisions;
}

std::vector<CohortFairness> fairnessByCohort(const std::vector<Decision>& decisions, int minCell) {
    std::map<std::string, CohortFairness> byCohort;  // sorted by name: a stable report
    for (const Decision& d : decisions) {
        if (d.outcome == Outcome::Pending) continue;
        std::string name = trim(d.cohort).empty() ? "(no cohort)" : trim(d.cohort);
        CohortFairness& c = byCohort[name];
        c.cohort = name;
        ++c.decided;
        if (d.outcome == Outcome::Slot) ++c.slots;
    }
    double highest = 0;
    for (auto& [name, c] : byCohort) {
        c.suppressed = c.decided < minCell;
        if (c.suppressed) continue;
        c.rate = static_cast<double>(c.slots) / c.decided;
        highest = std::max(highest, c.rate);
    }
    std::vector<CohortFairness> out;
    for (auto& [name, c] : byCohort) {
        if (!c.suppressed && highest > 0) {
            c.impactRatio = c.rate / highest;
            c.belowFourFifths = c.impactRatio < 0.8 - 1e-9;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace oh
