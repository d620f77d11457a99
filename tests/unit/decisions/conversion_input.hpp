// Test input for the conversion rules: a JudgingInput built one record at a time, rules
// where only the bar and the budget decide, and lookups into the decisions.
#pragma once

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/decisions/conversion.hpp"

namespace oh::testing {

// Builds a JudgingInput one record at a time, so each test reads as its data.
struct InputBuilder {
    JudgingInput input;

    InputBuilder& demo(const std::string& showcaseId, const std::string& internId,
                       const std::string& metricChange = "-12%") {
        Showcase s;
        s.id = showcaseId;
        s.internId = internId;
        s.title = "Demo " + showcaseId;
        s.metricName = "support tickets";
        s.metricChange = metricChange;
        input.showcases.push_back(s);
        return *this;
    }
    InputBuilder& person(const std::string& id, const std::string& name) {
        Attendee a;
        a.id = id;
        a.fullName = name;
        a.email = id + "@example.com";
        a.cohort = "2024-spring";
        a.team = "Aurora";
        input.people.push_back(a);
        return *this;
    }
    InputBuilder& score(const std::string& judgeId, const std::string& showcaseId, double total,
                        bool encore = false) {
        Score s;
        s.id = judgeId + "/" + showcaseId + "/" + std::to_string(input.scores.size());
        s.judgeId = judgeId;
        s.showcaseId = showcaseId;
        s.total = total;
        s.encore = encore;
        input.scores.push_back(s);
        return *this;
    }
    // Judges j1, j2, j3 all give `total`; the first `encoreVotes` of them recommend an encore.
    // With every judge scoring alike, a demo's calibrated score is its plain z-score.
    InputBuilder& panel(const std::string& showcaseId, double total, int encoreVotes = 0) {
        for (int j = 1; j <= 3; ++j)
            score("j" + std::to_string(j), showcaseId, total, j <= encoreVotes);
        return *this;
    }
    InputBuilder& feedback(const std::string& authorId, const std::string& showcaseId,
                           std::optional<int> rating) {
        Feedback f;
        f.id = "f" + std::to_string(input.feedback.size());
        f.authorId = authorId;
        f.showcaseId = showcaseId;
        f.rating = rating;
        input.feedback.push_back(f);
        return *this;
    }
    // Two peers rating 4 and 5: meets the default peer rule (3.5 from 1).
    InputBuilder& goodPeers(const std::string& showcaseId) {
        return feedback("peer-a", showcaseId, 4).feedback("peer-b", showcaseId, 5);
    }
    InputBuilder& budget(int slots, int alreadyIssued = 0) {
        input.budget = slots;
        input.alreadyIssued = alreadyIssued;
        return *this;
    }
};

// Only the bar and the budget decide: for tests about calibration and ordering.
inline ConversionRules scoreOnlyRules(int quorum = 1, double bar = -100) {
    ConversionRules rules;
    rules.quorum = quorum;
    rules.bar = bar;
    rules.encoreMargin = 0;
    rules.requireImpact = false;
    rules.minPeerRating = 0;
    return rules;
}

inline const Decision& find(const std::vector<Decision>& decisions, const std::string& showcaseId) {
    auto it = std::find_if(decisions.begin(), decisions.end(),
                           [&](const Decision& d) { return d.showcaseId == showcaseId; });
    if (it == decisions.end()) throw std::runtime_error("no decision for " + showcaseId);
    return *it;
}

inline std::vector<std::string> showcaseOrder(const std::vector<Decision>& decisions) {
    std::vector<std::string> ids;
    for (const Decision& d : decisions) ids.push_back(d.showcaseId);
    return ids;
}

}  // namespace oh::testing
