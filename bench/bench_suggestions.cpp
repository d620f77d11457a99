// "Next demo for you" (core/judging/suggestions.hpp) for one judge at a busy demo day:
// 200 demos, 40 judges, 2,000 scores (each judge scored 50 demos, none of a conflicted
// team), 1,000 calls for judges picked at random. Baseline in the same run: the same
// input ordered by the count rule alone (count the scores per demo, sort the demos the
// judge may score by fewest scores), so the ratio is the price of the full ordering
// (quorum, linking judges through union-find, live first). Target: p99 <= 5 ms.
//
//   build/release/bench/bench_suggestions [demos] [judges] [scores]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/judging/suggestions.hpp"

using namespace oh;
using Clock = std::chrono::steady_clock;

namespace {

SuggestionInput busyDay(int demos, int judges, int scores, std::mt19937& rng) {
    SuggestionInput in;
    in.now = 1'800'000'000;
    in.quorum = 3;
    for (int d = 0; d < demos; ++d)
        in.demos.push_back({"demo-" + std::to_string(100000 + d),
                            {"team-" + std::to_string(d % 25)},
                            in.now - 3 * 3600 + d * 60,
                            in.now - 3 * 3600 + d * 60 + 20 * 60});
    std::unordered_set<std::string> seen;
    std::uniform_int_distribution<int> anyDemo(0, demos - 1), anyJudge(0, judges - 1);
    while (static_cast<int>(in.scores.size()) < scores) {
        const std::string judge = "judge-" + std::to_string(anyJudge(rng));
        const std::string demo = in.demos[std::size_t(anyDemo(rng))].id;
        if (seen.insert(judge + demo).second) in.scores.push_back({judge, demo});
    }
    return in;
}

// The count rule alone: what a plain "fewest scores first" list costs.
std::vector<std::string> fewestFirst(const SuggestionInput& in, std::size_t limit) {
    std::unordered_map<std::string, int> count;
    std::unordered_set<std::string> mine;
    for (const auto& s : in.scores) {
        ++count[s.demoId];
        if (s.judgeId == in.judgeId) mine.insert(s.demoId);
    }
    std::vector<std::pair<int, std::string>> open;
    for (const auto& d : in.demos)
        if (d.start <= in.now && !mine.contains(d.id)) open.emplace_back(count[d.id], d.id);
    const std::size_t keep = std::min(limit, open.size());
    std::partial_sort(open.begin(), open.begin() + std::ptrdiff_t(keep), open.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < keep; ++i) out.push_back(open[i].second);
    return out;
}

template <typename F>
std::vector<double> timeCalls(SuggestionInput in, int calls, int judges, F&& call) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> anyJudge(0, judges - 1);
    std::vector<double> ms;
    for (int i = 0; i < calls; ++i) {
        in.judgeId = "judge-" + std::to_string(anyJudge(rng));
        in.conflictTeams = {"team-" + std::to_string(i % 25)};
        const auto t0 = Clock::now();
        call(in);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms;
}

double at(const std::vector<double>& sorted, double q) {
    return sorted[std::min(sorted.size() - 1, std::size_t(q * double(sorted.size())))];
}

}  // namespace

int main(int argc, char** argv) {
    const int demos = argc > 1 ? std::atoi(argv[1]) : 200;
    const int judges = argc > 2 ? std::atoi(argv[2]) : 40;
    const int scores = argc > 3 ? std::atoi(argv[3]) : 2000;
    std::mt19937 rng(7);
    const SuggestionInput day = busyDay(demos, judges, scores, rng);
    std::size_t sink = 0;
    auto full = timeCalls(day, 1000, judges,
                          [&](const SuggestionInput& in) { sink += suggestDemos(in, 5).size(); });
    auto base = timeCalls(day, 1000, judges,
                          [&](const SuggestionInput& in) { sink += fewestFirst(in, 5).size(); });
    std::printf("suggestions: %d demos, %d judges, %zu scores, 1000 calls (sink %zu)\n", demos,
                judges, day.scores.size(), sink);
    std::printf("  suggestDemos  p50 %.3f ms  p99 %.3f ms  max %.3f ms   (target p99 <= 5 ms)\n",
                at(full, 0.5), at(full, 0.99), full.back());
    std::printf("  fewest-first  p50 %.3f ms  p99 %.3f ms   (baseline: the count rule alone)\n",
                at(base, 0.5), at(base, 0.99));
    std::printf("  ratio p50 %.2fx  p99 %.2fx\n", at(full, 0.5) / at(base, 0.5),
                at(full, 0.99) / at(base, 0.99));
    return at(full, 0.99) <= 5.0 ? 0 : 1;
}
