#include "core/judging/feedback.hpp"

#include <map>

#include "core/judging/scoring.hpp"
#include "core/text/case_fold.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {

const char* feedbackWriteStatusKey(FeedbackWriteStatus status) {
    switch (status) {
        case FeedbackWriteStatus::Saved:
            return "saved";
        case FeedbackWriteStatus::Replaced:
            return "replaced";
        case FeedbackWriteStatus::JudgingClosed:
            return "judging-closed";
        case FeedbackWriteStatus::NotAnAttendee:
            return "not-an-attendee";
        case FeedbackWriteStatus::OwnTeam:
            return "own-team";
        case FeedbackWriteStatus::UnknownDemo:
            return "unknown-demo";
        case FeedbackWriteStatus::Invalid:
            return "invalid";
    }
    return "unknown";
}

namespace {

constexpr int kLowestLevel = 1, kHighestLevel = 5;

// The author presents the demo, or shares a (named) team with one of its presenters,
// whatever its case and the spaces at its edges.
bool ownTeam(Store& store, const Attendee& author, const Showcase& demo) {
    for (const std::string& presenterId : presentersOf(demo)) {
        if (presenterId == author.id) return true;
        std::optional<Attendee> presenter = store.attendee(presenterId);
        if (presenter && sameTeamName(author.team, presenter->team)) return true;
    }
    return false;
}

// Why this author may not give feedback on this demo now; nullopt when they may.
std::optional<FeedbackWriteStatus> refusal(Store& store, const std::string& eventId,
                                           const std::string& authorId,
                                           const std::string& showcaseId, std::int64_t nowMillis) {
    std::optional<Event> event = store.event(eventId);
    if (!event) return FeedbackWriteStatus::UnknownDemo;
    std::optional<Attendee> author = store.attendee(authorId);
    if (!author || author->eventId != eventId || author->blocked)
        return FeedbackWriteStatus::NotAnAttendee;
    std::optional<Showcase> demo = store.showcase(showcaseId);
    if (!demo || demo->eventId != eventId) return FeedbackWriteStatus::UnknownDemo;
    if (judgingClosed(*event, nowMillis)) return FeedbackWriteStatus::JudgingClosed;
    if (ownTeam(store, *author, *demo)) return FeedbackWriteStatus::OwnTeam;
    return std::nullopt;
}

// What is wrong with the answers, or "" when nothing is.
std::string answersProblem(const FeedbackAnswers& answers, const std::string& comment) {
    for (int q = 0; q < kFeedbackQuestions; ++q) {
        const int level = answers.levels[static_cast<std::size_t>(q)];
        if (level < kLowestLevel || level > kHighestLevel)
            return "question " + std::to_string(q + 1) + ": level " + std::to_string(level) +
                   " is not from 1 to 5";
    }
    if (findInvalidUtf8(comment)) return "the comment is not valid UTF-8";
    if (comment.size() > kFeedbackCommentMax)
        return "the comment is " + std::to_string(comment.size()) + " bytes long: at most " +
               std::to_string(kFeedbackCommentMax);
    return "";
}

// The mean of the levels rounded half up (4, 5, 5 -> 4.67 -> 5): whole numbers only, so no
// floating-point rounding decides a rating.
int roundedMean(const std::array<int, kFeedbackQuestions>& levels) {
    int sum = 0;
    for (int level : levels) sum += level;
    return (2 * sum + kFeedbackQuestions) / (2 * kFeedbackQuestions);
}

}  // namespace

FeedbackWrite submitFeedback(Store& store, const std::string& eventId, const std::string& authorId,
                             const std::string& showcaseId, const FeedbackAnswers& answers,
                             std::int64_t nowMillis) {
    if (auto refused = refusal(store, eventId, authorId, showcaseId, nowMillis))
        return FeedbackWrite{*refused, "", std::nullopt};
    const std::string comment = trim(answers.comment);
    if (std::string problem = answersProblem(answers, comment); !problem.empty())
        return FeedbackWrite{FeedbackWriteStatus::Invalid, problem, std::nullopt};
    Feedback f;
    f.eventId = eventId;
    f.authorId = authorId;
    f.showcaseId = showcaseId;
    f.rating = roundedMean(answers.levels);
    f.text = comment;
    f.createdAt = nowMillis;
    f.answers.assign(answers.levels.begin(), answers.levels.end());
    const FeedbackAdded added = store.addFeedback(f);
    return FeedbackWrite{added == FeedbackAdded::Replaced ? FeedbackWriteStatus::Replaced
                                                          : FeedbackWriteStatus::Saved,
                         "", f};
}

std::optional<Feedback> feedbackOf(Store& store, const std::string& authorId,
                                   const std::string& showcaseId) {
    return store.feedbackBy(authorId, showcaseId);
}

namespace {

// The three levels of a feedback given with the questions; nullopt for one from before them
// (or written by other means with anything else in `answers`).
std::optional<std::array<int, kFeedbackQuestions>> questionLevels(const Feedback& f) {
    if (f.answers.size() != static_cast<std::size_t>(kFeedbackQuestions)) return std::nullopt;
    std::array<int, kFeedbackQuestions> levels{};
    for (std::size_t q = 0; q < levels.size(); ++q) {
        if (f.answers[q] < kLowestLevel || f.answers[q] > kHighestLevel) return std::nullopt;
        levels[q] = f.answers[q];
    }
    return levels;
}

struct Tally {
    int count = 0, withAnswers = 0;
    std::array<double, kFeedbackQuestions> sums{};
    double overallSum = 0;
};

FeedbackSummary summaryOf(const std::string& showcaseId, const Tally& t, int minShown) {
    FeedbackSummary s;
    s.showcaseId = showcaseId;
    s.count = t.count;
    s.suppressed = t.count < minShown;
    if (s.suppressed) return s;
    for (std::size_t q = 0; q < s.means.size(); ++q)
        s.means[q] = t.withAnswers > 0 ? t.sums[q] / t.withAnswers : 0;
    s.overall = t.overallSum / t.count;
    return s;
}

}  // namespace

std::vector<FeedbackSummary> feedbackSummaries(const std::vector<Feedback>& feedback,
                                               int minShown) {
    std::map<std::string, Tally> tallies;
    for (const Feedback& f : feedback) {
        const auto levels = questionLevels(f);
        if (!levels && !f.rating) continue;  // a comment alone
        Tally& t = tallies[f.showcaseId];
        ++t.count;
        if (!levels) {
            t.overallSum += *f.rating;
            continue;
        }
        ++t.withAnswers;
        double own = 0;
        for (std::size_t q = 0; q < levels->size(); ++q) {
            t.sums[q] += (*levels)[q];
            own += (*levels)[q];
        }
        t.overallSum += own / kFeedbackQuestions;
    }
    std::vector<FeedbackSummary> out;
    out.reserve(tallies.size());
    for (const auto& [showcaseId, tally] : tallies)
        out.push_back(summaryOf(showcaseId, tally, minShown));
    return out;
}

}  // namespace oh
