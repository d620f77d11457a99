#include "core/judging/floor.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/judging/scoring.hpp"
#include "core/text/fold.hpp"
#include "core/text/short_name.hpp"

namespace oh {

namespace {

bool sameDemoOrder(const FloorDemo& a, const FloorDemo& b) {
    return std::tie(a.showcase.slotStart, a.showcase.title, a.showcase.id) <
           std::tie(b.showcase.slotStart, b.showcase.title, b.showcase.id);
}

using People = std::map<std::string, Attendee>;

People peopleOf(Store& store, const std::string& eventId) {
    People people;
    for (Attendee& a : store.attendees(eventId)) people.emplace(a.id, std::move(a));
    return people;
}

// Every demo of the event with its presenters' names, its search key and its live score count.
std::vector<FloorDemo> floorDemos(Store& store, const std::string& eventId, const People& people,
                                  const std::vector<Score>& scores, std::int64_t nowSeconds) {
    std::map<std::string, int> counts;
    for (const Score& s : scores)
        if (!s.deleted && s.total) ++counts[s.showcaseId];
    std::vector<FloorDemo> out;
    for (Showcase& s : store.showcases(eventId)) {
        FloorDemo d;
        for (const std::string& id : presentersOf(s)) {
            auto it = people.find(id);
            if (it != people.end())
                d.presenterNames.push_back(shortName(it->second.fullName, it->second.familyName));
        }
        std::string names;
        for (const std::string& n : d.presenterNames) names += " " + n;
        d.searchKey = foldForSearch(s.title + names);
        d.scores = counts[s.id];
        d.presentingNow = s.slotStart <= nowSeconds && nowSeconds < s.slotEnd;
        d.presented = s.slotEnd > 0 && s.slotEnd <= nowSeconds;
        d.showcase = std::move(s);
        out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), sameDemoOrder);
    return out;
}

std::vector<std::string> teamsOf(const Showcase& demo, const People& people) {
    std::vector<std::string> teams;
    for (const std::string& id : presentersOf(demo)) {
        auto it = people.find(id);
        if (it != people.end() && !it->second.team.empty()) teams.push_back(it->second.team);
    }
    return teams;
}

SuggestionInput suggestionInput(const People& people, const std::string& judgeId,
                                const std::vector<FloorDemo>& demos,
                                const std::vector<Score>& scores) {
    SuggestionInput in;
    in.judgeId = judgeId;
    std::map<std::string, const Showcase*> byId;
    for (const FloorDemo& d : demos) {
        in.demos.push_back(
            {d.showcase.id, teamsOf(d.showcase, people), d.showcase.slotStart, d.showcase.slotEnd});
        byId[d.showcase.id] = &d.showcase;
    }
    for (const Score& s : scores) {
        if (s.deleted) continue;
        if (s.total) in.scores.push_back({s.judgeId, s.showcaseId});
        auto demo = byId.find(s.showcaseId);
        if (s.judgeId == judgeId && isConflict(s) && demo != byId.end())
            for (std::string& team : teamsOf(*demo->second, people))
                in.conflictTeams.push_back(std::move(team));
    }
    return in;
}

// The judge's mark of each demo in `in.demos`: their own score or conflict, else a conflict
// through the demo's team.
std::vector<JudgeMark> marksOf(const SuggestionInput& in, const std::vector<Score>& scores,
                               const std::string& judgeId) {
    std::map<std::string, JudgeMark> mine;
    for (const Score& s : scores)
        if (s.judgeId == judgeId && !s.deleted)
            mine[s.showcaseId] = isConflict(s) ? JudgeMark::Conflict : JudgeMark::Scored;
    std::vector<JudgeMark> marks;
    for (const SuggestionDemo& demo : in.demos) {
        const bool teamConflict = std::any_of(demo.teams.begin(), demo.teams.end(), [&](auto& t) {
            return std::find(in.conflictTeams.begin(), in.conflictTeams.end(), t) !=
                   in.conflictTeams.end();
        });
        auto it = mine.find(demo.id);
        JudgeMark mark = it != mine.end() ? it->second : JudgeMark::None;
        if (mark == JudgeMark::None && teamConflict) mark = JudgeMark::Conflict;
        marks.push_back(mark);
    }
    return marks;
}

}  // namespace

JudgeBoard judgeBoard(Store& store, const std::string& eventId, const std::string& judgeId,
                      int quorum, std::int64_t nowMillis, std::size_t suggestionLimit) {
    JudgeBoard board;
    board.judgeId = judgeId;
    if (auto judge = store.attendee(judgeId))
        board.judgeName = shortName(judge->fullName, judge->familyName);
    if (auto event = store.event(eventId)) board.closed = judgingClosed(*event, nowMillis);
    const std::vector<Score> scores = store.scores(eventId);
    const People people = peopleOf(store, eventId);
    board.demos = floorDemos(store, eventId, people, scores, nowMillis / 1000);
    SuggestionInput in = suggestionInput(people, judgeId, board.demos, scores);
    in.now = nowMillis / 1000;
    in.quorum = quorum;
    board.marks = marksOf(in, scores, judgeId);
    // A conflict covers the demo itself even when its presenters name no team.
    SuggestionInput offered = in;
    offered.demos.clear();
    for (std::size_t i = 0; i < in.demos.size(); ++i) {
        if (board.marks[i] != JudgeMark::Conflict) {
            offered.demos.push_back(in.demos[i]);
            ++board.scorable;
        }
        if (board.marks[i] == JudgeMark::Scored) ++board.scoredByMe;
    }
    board.suggestions = suggestDemos(offered, suggestionLimit);
    return board;
}

std::vector<FloorDemo> feedbackDemos(Store& store, const std::string& eventId,
                                     std::int64_t nowMillis, std::int64_t recentSeconds) {
    const std::int64_t now = nowMillis / 1000;
    std::vector<FloorDemo> out;
    for (FloorDemo& d : floorDemos(store, eventId, peopleOf(store, eventId), {}, now))
        if (d.presentingNow || (d.presented && d.showcase.slotEnd > now - recentSeconds))
            out.push_back(std::move(d));
    // Now first (by start), then the most recently ended first.
    std::stable_sort(out.begin(), out.end(), [](const FloorDemo& a, const FloorDemo& b) {
        if (a.presentingNow != b.presentingNow) return a.presentingNow;
        if (!a.presentingNow) return a.showcase.slotEnd > b.showcase.slotEnd;
        return false;
    });
    return out;
}

std::vector<Attendee> judgesOf(Store& store, const std::string& eventId) {
    std::vector<Attendee> out;
    for (Attendee& a : store.attendees(eventId))
        if (mayJudge(a)) out.push_back(std::move(a));
    std::sort(out.begin(), out.end(),
              [](const Attendee& a, const Attendee& b) { return a.fullName < b.fullName; });
    return out;
}

}  // namespace oh
