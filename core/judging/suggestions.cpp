#include "core/judging/suggestions.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace oh {

namespace {

// Union-find over judges and demos: two are in one component when a path of scores joins
// them.
class Components {
  public:
    int node(const std::string& key) {
        auto [it, fresh] = index_.emplace(key, static_cast<int>(parent_.size()));
        if (fresh) parent_.push_back(it->second);
        return it->second;
    }
    int find(int x) {
        while (parent_[std::size_t(x)] != x) {
            parent_[std::size_t(x)] = parent_[std::size_t(parent_[std::size_t(x)])];
            x = parent_[std::size_t(x)];
        }
        return x;
    }
    void join(int a, int b) { parent_[std::size_t(find(a))] = find(b); }
    const std::unordered_map<std::string, int>& nodes() const { return index_; }

  private:
    std::unordered_map<std::string, int> index_;
    std::vector<int> parent_;
};

// Judge and demo ids live in one namespace of keys: UUIDs, but kept apart anyway.
std::string judgeKey(const std::string& id) {
    return "j:" + id;
}
std::string demoKey(const std::string& id) {
    return "d:" + id;
}

Components componentsOf(const std::vector<SuggestionScore>& scores) {
    Components c;
    for (const auto& s : scores) c.join(c.node(judgeKey(s.judgeId)), c.node(demoKey(s.demoId)));
    return c;
}

bool conflicted(const SuggestionDemo& demo, const std::vector<std::string>& conflictTeams) {
    for (const auto& team : demo.teams)
        if (!team.empty() &&
            std::find(conflictTeams.begin(), conflictTeams.end(), team) != conflictTeams.end())
            return true;
    return false;
}

struct Ranked {
    Suggestion suggestion;
    std::int64_t start = 0;
};

SuggestionReason reasonFor(bool belowQuorum, bool links) {
    if (belowQuorum)
        return links ? SuggestionReason::NeedsScoresAndLinksJudges : SuggestionReason::NeedsScores;
    return links ? SuggestionReason::LinksJudges : SuggestionReason::MoreScores;
}

// The order of the header: quorum, linking, fewest scores, presenting now, start, id.
bool better(const Ranked& a, const Ranked& b, int quorum) {
    const Suggestion& x = a.suggestion;
    const Suggestion& y = b.suggestion;
    auto key = [quorum](const Suggestion& s, std::int64_t start) {
        const bool below = s.scores < quorum;
        const bool links = s.reason == SuggestionReason::NeedsScoresAndLinksJudges ||
                           s.reason == SuggestionReason::LinksJudges;
        return std::make_tuple(!below, !links, s.scores, !s.presentingNow, start);
    };
    const auto kx = key(x, a.start), ky = key(y, b.start);
    if (kx != ky) return kx < ky;
    return x.demoId < y.demoId;
}

}  // namespace

std::vector<Suggestion> suggestDemos(const SuggestionInput& input, std::size_t limit) {
    Components graph = componentsOf(input.scores);
    std::unordered_map<std::string, int> scoreCount;
    std::unordered_set<std::string> mine;
    for (const auto& s : input.scores) {
        ++scoreCount[s.demoId];
        if (s.judgeId == input.judgeId) mine.insert(s.demoId);
    }
    const auto judgeNode = graph.nodes().find(judgeKey(input.judgeId));
    const int judgeRoot = judgeNode == graph.nodes().end() ? -1 : graph.find(judgeNode->second);

    std::vector<Ranked> ranked;
    for (const auto& demo : input.demos) {
        if (demo.start > input.now || mine.contains(demo.id)) continue;
        if (conflicted(demo, input.conflictTeams)) continue;
        const int scores = scoreCount.contains(demo.id) ? scoreCount.at(demo.id) : 0;
        // Scored by someone, and none of them linked to this judge yet: scoring it links.
        const auto demoNode = graph.nodes().find(demoKey(demo.id));
        const bool links =
            demoNode != graph.nodes().end() && graph.find(demoNode->second) != judgeRoot;
        Suggestion s{demo.id, scores, input.now < demo.end,
                     reasonFor(scores < input.quorum, links)};
        ranked.push_back({std::move(s), demo.start});
    }
    const std::size_t keep = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + std::ptrdiff_t(keep), ranked.end(),
                      [&](const Ranked& a, const Ranked& b) { return better(a, b, input.quorum); });
    std::vector<Suggestion> out;
    for (std::size_t i = 0; i < keep; ++i) out.push_back(std::move(ranked[i].suggestion));
    return out;
}

bool judgesConnected(const std::vector<SuggestionScore>& scores) {
    Components graph = componentsOf(scores);
    int root = -1;
    for (const auto& [key, node] : graph.nodes()) {
        if (key.rfind("j:", 0) != 0) continue;
        const int r = graph.find(node);
        if (root == -1) root = r;
        if (r != root) return false;
    }
    return true;
}

}  // namespace oh
