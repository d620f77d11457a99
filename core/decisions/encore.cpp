#include "core/decisions/encore.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/model/ids.hpp"
#include "core/text/trim.hpp"

namespace oh {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string briefFromJudges(const Showcase& showcase, const std::vector<Score>& scores) {
    std::vector<std::string> briefs;
    for (const Score& s : scores) {
        if (s.deleted || !s.encore || s.showcaseId != showcase.id) continue;
        const std::string brief = trim(sheetFromJson(s.criteria).encoreBrief);
        if (!brief.empty() && std::find(briefs.begin(), briefs.end(), brief) == briefs.end())
            briefs.push_back(brief);
    }
    if (briefs.empty()) {
        const std::string metric = trim(showcase.metricName);
        return metric.empty() ? "Show the demo's effect on a live metric since the day"
                              : "Show the change in " + metric + " since the day";
    }
    std::string out;
    for (const auto& b : briefs) out += (out.empty() ? "" : "; ") + b;
    return out;
}

EncoreActResult refused(const EncoreAssignment& a, EncoreActStatus status, std::string why) {
    return {status, std::move(why), a};
}

}  // namespace

double encoreReviewZ(double reviewTotal) {
    return (reviewTotal - 50.0) / 25.0;
}

const char* encoreActStatusName(EncoreActStatus status) {
    switch (status) {
        case EncoreActStatus::Done:
            return "done";
        case EncoreActStatus::WrongState:
            return "wrong state";
        case EncoreActStatus::Expired:
            return "expired";
        case EncoreActStatus::BadInput:
            return "bad input";
        case EncoreActStatus::NotReviewer:
            return "not the reviewer";
    }
    return "bad input";
}

EncoreAssignment defaultEncore(const Showcase& showcase, const std::string& internId,
                               const std::vector<Score>& scores, std::int64_t fromMs, int dueDays) {
    EncoreAssignment a;
    a.id = encoreIdFor(showcase.id, internId);
    a.eventId = showcase.eventId;
    a.showcaseId = showcase.id;
    a.internId = internId;
    a.brief = briefFromJudges(showcase, scores);
    a.metric = trim(showcase.metricName);
    const std::int64_t from = showcase.slotEnd > 0 ? showcase.slotEnd * 1000 : fromMs;
    a.dueAt = from + dueDays * kDayMs;
    return a;
}

EncoreActResult briefEncore(const EncoreAssignment& a, const EncoreBrief& change,
                            std::int64_t nowMs) {
    if (a.state != EncoreState::Assigned)
        return refused(a, EncoreActStatus::WrongState,
                       "the encore was already submitted: its brief stays as it was");
    EncoreAssignment out = a;
    if (change.brief) {
        const std::string brief = trim(*change.brief);
        if (brief.empty() || brief.size() > kEncoreBriefMax)
            return refused(a, EncoreActStatus::BadInput,
                           fmt::format("a brief is 1 to {} characters", kEncoreBriefMax));
        out.brief = brief;
    }
    if (change.metric) out.metric = trim(*change.metric);
    if (change.reviewerId) out.reviewerId = *change.reviewerId;
    if (change.dueAt) {
        if (*change.dueAt <= nowMs)
            return refused(a, EncoreActStatus::BadInput, "a due date must be in the future");
        out.dueAt = *change.dueAt;
    }
    return {EncoreActStatus::Done, "briefed, due " + isoDayUtc(out.dueAt), out};
}

EncoreActResult submitEncore(const EncoreAssignment& a, const std::string& submission,
                             std::int64_t nowMs) {
    const EncoreState state = encoreStateAt(a, nowMs);
    if (state == EncoreState::Expired)
        return refused(a, EncoreActStatus::Expired,
                       "the encore expired on " + isoDayUtc(a.dueAt) + ": the lead may extend it");
    if (state != EncoreState::Assigned)
        return refused(a, EncoreActStatus::WrongState, "the encore was already submitted");
    const std::string text = trim(submission);
    if (text.empty() || text.size() > kEncoreSubmissionMax)
        return refused(a, EncoreActStatus::BadInput,
                       fmt::format("a submission is a link or a note of 1 to {} characters",
                                   kEncoreSubmissionMax));
    EncoreAssignment out = a;
    out.state = EncoreState::Submitted;
    out.submission = text;
    out.submittedAt = nowMs;
    return {EncoreActStatus::Done, "submitted, to review", out};
}

EncoreActResult reviewEncore(const EncoreAssignment& a, const Rubric& rubric,
                             const ScoreSheet& sheet, const std::string& reviewerId,
                             std::int64_t nowMs) {
    if (a.state != EncoreState::Submitted)
        return refused(a, EncoreActStatus::WrongState,
                       a.state == EncoreState::Reviewed ? "the encore was already reviewed"
                                                        : "nothing was submitted to review yet");
    if (!a.reviewerId.empty() && a.reviewerId != reviewerId)
        return refused(a, EncoreActStatus::NotReviewer,
                       "only the reviewer the lead named reviews this encore");
    const auto total = rubricTotal(rubric, sheet);
    if (!total)
        return refused(a, EncoreActStatus::BadInput,
                       "every criterion of the review needs a level from 1 to 5");
    EncoreAssignment out = a;
    out.state = EncoreState::Reviewed;
    out.reviewSheet = sheetJson(sheet);
    out.reviewTotal = *total;
    out.reviewedBy = reviewerId;
    out.reviewedAt = nowMs;
    return {EncoreActStatus::Done, fmt::format("reviewed: {:.0f} of 100", *total), out};
}

std::optional<Rubric> encoreReviewRubric(const Rubric& judging,
                                         const std::vector<std::string>& keys) {
    if (keys.empty()) return judging;
    Rubric out;
    for (const std::string& key : keys) {
        const auto it = std::find_if(judging.criteria.begin(), judging.criteria.end(),
                                     [&](const Criterion& c) { return c.key == key; });
        if (it == judging.criteria.end()) return std::nullopt;
        out.criteria.push_back(*it);
    }
    return out;
}

}  // namespace oh
