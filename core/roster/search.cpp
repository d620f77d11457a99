#include "core/roster/search.hpp"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <utility>

#include "core/text/fold.hpp"
#include "core/text/short_name.hpp"

namespace oh {
namespace {

// Edits allowed for a query token: about one per four characters, at most 2.
int allowedEdits(std::size_t length) {
    if (length < 4) return 0;
    return length < 8 ? 1 : 2;
}

// ---- scoring -----------------------------------------------------------------

// Costs per query token, summed into SearchHit::score (lower is better).
constexpr int kCostExactToken = 0;
constexpr int kCostPrefix = 1;
constexpr int kCostPerEdit = 4;
constexpr int kCostSubstring = 2;
constexpr int kCostOutOfOrder = 1;
constexpr int kCostReused = 3;  // two query words matched the same name word
// A Latin word matched the consonants of an Arabic or Hebrew name's transliteration
// ("fatima" ~ "fatmt"): as uncertain as one typo.
constexpr int kCostSkeleton = 4;
// Consonant skeletons are keyed apart from every other token by this first code point,
// which folding never produces (it is a separator).
constexpr char32_t kSkeletonMark = 0x01;
// A person's searchable tokens: the name's own, its Latin spellings and skeletons. At most
// 32 (scorePerson marks the tokens it used in a 32-bit mask).
constexpr std::size_t kMaxPersonTokens = 24;
constexpr std::uint16_t kNoMatch = 0xFFFF;

// Per-thread scratch, so search() stays const and reentrant without
// allocating per query.
struct Scratch {
    std::vector<std::vector<std::uint16_t>> costs;  // per query token, per distinct token
    std::vector<std::vector<std::uint32_t>> matched;
    std::vector<std::uint32_t> seen;  // per person: stamp of the last query that saw them
    std::uint32_t stamp = 0;
};

struct Candidate {
    int score;
    std::uint32_t person;
};

}  // namespace

// ---- the index -----------------------------------------------------------------

struct NameIndex::Impl {
    struct Person {
        std::uint32_t stringsOffset = 0;  // id, display, team back to back in strings
        std::uint16_t idLength = 0;
        std::uint8_t displayLength = 0;
        std::uint8_t teamLength = 0;
        std::uint32_t firstToken = 0;  // into personTokens
        std::uint8_t tokenCount = 0;
        Role role = Role::Guest;
    };
    // A searchable key: a whole name token, or (for non-Latin scripts) one of
    // its suffixes. Keys are sorted by their code points for prefix lookups.
    struct Key {
        std::uint32_t offset = 0;  // into chars
        std::uint32_t token = 0;   // distinct token id
        std::uint8_t length = 0;
        bool suffix = false;
    };

    std::string strings;
    std::vector<Person> people;
    std::u32string chars;  // distinct tokens' code points, back to back
    std::vector<std::uint32_t> tokenOffset;
    std::vector<std::uint8_t> tokenLength;
    std::vector<Key> keys;
    std::vector<std::uint32_t> personTokens;
    std::vector<std::uint32_t>
        postingStart;  // CSR: token t's people are postings[start[t]..start[t+1])
    std::vector<std::uint32_t> postings;
    bool hasSkeletons = false;      // some name is Arabic or Hebrew (consonant skeletons indexed)
    std::size_t firstPlainKey = 0;  // skeleton keys sort first; fuzzy matching skips them

    std::u32string_view keyText(const Key& k) const {
        return std::u32string_view(chars).substr(k.offset, k.length);
    }

    void build(const std::vector<Attendee>& roster);
    // build's steps: the distinct tokens (sorted) and each person's token ids in
    // name order; the searchable keys; the postings; the people's records.
    std::vector<std::u32string> distinctTokens(const std::vector<Attendee>& roster,
                                               std::vector<std::vector<std::uint32_t>>& tokensOf);
    void addKeys(const std::vector<std::u32string>& distinct);
    void addPostings(const std::vector<std::vector<std::uint32_t>>& tokensOf, std::size_t tokens);
    void addPeople(const std::vector<Attendee>& roster,
                   const std::vector<std::vector<std::uint32_t>>& tokensOf);
    // For one query token: the best cost per distinct token (kNoMatch if none)
    // written into costs, the matched token ids appended to matched.
    void matchToken(const std::u32string& query, std::vector<std::uint16_t>& costs,
                    std::vector<std::uint32_t>& matched) const;
    void exactPrefix(const std::u32string& query, std::vector<std::uint16_t>& costs,
                     std::vector<std::uint32_t>& matched, int extraCost = 0) const;
    // A Latin query word against the consonant skeletons of Arabic and Hebrew names.
    void skeletonPrefix(const std::u32string& query, std::vector<std::uint16_t>& costs,
                        std::vector<std::uint32_t>& matched) const;
    void fuzzy(const std::u32string& query, int maxEdits, std::vector<std::uint16_t>& costs,
               std::vector<std::uint32_t>& matched) const;
    // The first key at or after `from` that does not start with `prefix`.
    std::size_t skipKeysUnder(std::size_t from, std::u32string_view prefix) const;
    std::vector<SearchHit> search(std::string_view query, int limit) const;
    // search's steps: match every query token (returns the token with the
    // fewest people, which drives the scan, and their number); score the
    // people it reaches; keep the best.
    std::pair<std::size_t, std::size_t> matchQuery(const std::vector<std::u32string>& query,
                                                   Scratch& scratch) const;
    std::optional<int> scorePerson(const Person& person, const Scratch& scratch,
                                   std::size_t queryTokens) const;
    std::vector<Candidate> candidates(std::size_t driver, std::size_t queryTokens,
                                      Scratch& scratch) const;
    std::vector<SearchHit> bestHits(std::vector<Candidate>& found, int limit) const;
    std::string_view text(std::uint32_t offset, std::size_t length) const {
        return std::string_view(strings).substr(offset, length);
    }
    std::string_view display(const Person& p) const {
        return text(p.stringsOffset + p.idLength, p.displayLength);
    }
};

namespace {

// At most maxBytes, cut at a code point boundary (never half a character).
std::string truncateUtf8(std::string text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
}

}  // namespace

void NameIndex::Impl::build(const std::vector<Attendee>& roster) {
    std::vector<std::vector<std::uint32_t>> tokensOf;
    const auto distinct = distinctTokens(roster, tokensOf);
    addKeys(distinct);
    addPostings(tokensOf, distinct.size());
    addPeople(roster, tokensOf);
    strings.shrink_to_fit();
    chars.shrink_to_fit();
}

// A name's searchable tokens: its folded tokens, then their Latin spellings and consonant
// skeletons (transliterated once per distinct token: a roster repeats names).
std::vector<std::u32string> searchableTokens(const std::string& fullName,
                                             std::map<std::u32string, LatinSpellings>& spellings) {
    std::vector<std::u32string> tokens = foldTokens(fullName);
    const std::size_t own = tokens.size();
    for (std::size_t i = 0; i < own; ++i) {
        auto it = spellings.find(tokens[i]);
        if (it == spellings.end())
            it = spellings.emplace(tokens[i], latinSpellings(tokens[i])).first;
        for (const auto& t : it->second.tokens) tokens.push_back(t);
        for (const auto& k : it->second.skeletons) tokens.push_back(kSkeletonMark + k);
    }
    if (tokens.size() > kMaxPersonTokens) tokens.resize(kMaxPersonTokens);
    return tokens;
}

// Distinct tokens first: a roster repeats first names thousands of times.
std::vector<std::u32string> NameIndex::Impl::distinctTokens(
    const std::vector<Attendee>& roster, std::vector<std::vector<std::uint32_t>>& tokensOf) {
    std::vector<std::vector<std::u32string>> folded(roster.size());
    std::vector<std::u32string> distinct;
    std::map<std::u32string, LatinSpellings> spellings;
    for (std::size_t p = 0; p < roster.size(); ++p) {
        folded[p] = searchableTokens(roster[p].fullName, spellings);
        distinct.insert(distinct.end(), folded[p].begin(), folded[p].end());
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    hasSkeletons = !distinct.empty() && distinct.front()[0] == kSkeletonMark;
    tokensOf.assign(roster.size(), {});  // in name order
    for (std::size_t p = 0; p < roster.size(); ++p) {
        for (const auto& t : folded[p]) {
            const auto it = std::lower_bound(distinct.begin(), distinct.end(), t);
            tokensOf[p].push_back(static_cast<std::uint32_t>(it - distinct.begin()));
        }
        folded[p] = {};
    }
    return distinct;
}

void NameIndex::Impl::addKeys(const std::vector<std::u32string>& distinct) {
    for (const auto& t : distinct) {
        tokenOffset.push_back(static_cast<std::uint32_t>(chars.size()));
        tokenLength.push_back(static_cast<std::uint8_t>(t.size()));
        chars += t;
    }
    for (std::uint32_t t = 0; t < distinct.size(); ++t) {
        keys.push_back({tokenOffset[t], t, tokenLength[t], false});
        if (!wantsSubstrings(distinct[t])) continue;
        for (std::uint8_t s = 1; s < tokenLength[t]; ++s)
            keys.push_back(
                {tokenOffset[t] + s, t, static_cast<std::uint8_t>(tokenLength[t] - s), true});
    }
    std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        const auto ta = keyText(a), tb = keyText(b);
        if (ta != tb) return ta < tb;
        return a.suffix < b.suffix;
    });
    firstPlainKey = static_cast<std::size_t>(
        std::partition_point(keys.begin(), keys.end(),
                             [&](const Key& k) { return keyText(k)[0] == kSkeletonMark; }) -
        keys.begin());
}

// Postings per token; a name with the same token twice ("Maria Maria") is posted once.
void NameIndex::Impl::addPostings(const std::vector<std::vector<std::uint32_t>>& tokensOf,
                                  std::size_t tokens) {
    auto unique = [](std::vector<std::uint32_t> ids) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    };
    postingStart.assign(tokens + 1, 0);
    for (const auto& ids : tokensOf)
        for (const auto t : unique(ids)) ++postingStart[t + 1];
    for (std::size_t t = 0; t < tokens; ++t) postingStart[t + 1] += postingStart[t];
    postings.assign(postingStart.back(), 0);
    std::vector<std::uint32_t> fill(postingStart.begin(), postingStart.end() - 1);
    for (std::size_t p = 0; p < tokensOf.size(); ++p)
        for (const auto t : unique(tokensOf[p]))
            postings[fill[t]++] = static_cast<std::uint32_t>(p);
}

void NameIndex::Impl::addPeople(const std::vector<Attendee>& roster,
                                const std::vector<std::vector<std::uint32_t>>& tokensOf) {
    people.reserve(roster.size());
    for (std::size_t p = 0; p < roster.size(); ++p) {
        const Attendee& a = roster[p];
        Person person;
        const std::string shown = truncateUtf8(shortName(a.fullName, a.familyName), 255);
        const std::string team = truncateUtf8(a.team, 255);
        person.stringsOffset = static_cast<std::uint32_t>(strings.size());
        person.idLength = static_cast<std::uint16_t>(std::min<std::size_t>(a.id.size(), 0xFFFF));
        person.displayLength = static_cast<std::uint8_t>(shown.size());
        person.teamLength = static_cast<std::uint8_t>(team.size());
        strings.append(a.id, 0, person.idLength);
        strings += shown;
        strings += team;
        person.role = a.role;
        person.firstToken = static_cast<std::uint32_t>(personTokens.size());
        person.tokenCount = static_cast<std::uint8_t>(tokensOf[p].size());
        personTokens.insert(personTokens.end(), tokensOf[p].begin(), tokensOf[p].end());
        people.push_back(person);
    }
}

namespace {

bool startsWith(std::u32string_view text, std::u32string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

void record(std::uint32_t token, int cost, std::vector<std::uint16_t>& costs,
            std::vector<std::uint32_t>& matched) {
    if (costs[token] == kNoMatch) matched.push_back(token);
    costs[token] = static_cast<std::uint16_t>(std::min<int>(costs[token], cost));
}

}  // namespace

void NameIndex::Impl::exactPrefix(const std::u32string& query, std::vector<std::uint16_t>& costs,
                                  std::vector<std::uint32_t>& matched, int extraCost) const {
    const std::u32string_view q(query);
    auto it = std::lower_bound(keys.begin(), keys.end(), q,
                               [&](const Key& k, std::u32string_view v) { return keyText(k) < v; });
    for (; it != keys.end() && startsWith(keyText(*it), q); ++it) {
        int cost = (it->length == q.size() ? kCostExactToken : kCostPrefix) + extraCost;
        if (it->suffix) cost += kCostSubstring;
        record(it->token, cost, costs, matched);
    }
}

// Only words of 3 letters or more, all Latin, whose skeleton keeps 2 consonants: "fa" or
// "ali" would match half the roster's Arabic names.
void NameIndex::Impl::skeletonPrefix(const std::u32string& query, std::vector<std::uint16_t>& costs,
                                     std::vector<std::uint32_t>& matched) const {
    if (!hasSkeletons || query.size() < 3) return;
    if (!std::all_of(query.begin(), query.end(), [](char32_t c) { return c >= 'a' && c <= 'z'; }))
        return;
    const std::u32string skeleton = consonantSkeleton(query);
    if (skeleton.size() < 2) return;
    exactPrefix(kSkeletonMark + skeleton, costs, matched, kCostSkeleton);
}

// Prefix edit distance (optimal string alignment: a swap of two neighbours is
// one edit, "sharam" ~ "sharma") against every key, walking the sorted keys as
// an implicit trie: DP rows are shared along common prefixes, and a subtree is
// skipped as soon as its row minimum exceeds maxEdits.
void NameIndex::Impl::fuzzy(const std::u32string& query, int maxEdits,
                            std::vector<std::uint16_t>& costs,
                            std::vector<std::uint32_t>& matched) const {
    const std::size_t m = query.size();
    const std::size_t width = m + 1;
    std::array<char32_t, kMaxTokenLength + 1> path{};
    std::vector<int> rows((kMaxTokenLength + 1) * width);
    std::array<int, kMaxTokenLength + 1> bestPrefix{};  // min over rows[0..d][m]
    for (std::size_t j = 0; j <= m; ++j) rows[j] = static_cast<int>(j);
    bestPrefix[0] = static_cast<int>(m);

    auto computeRow = [&](std::size_t d) {  // row d from rows d-1 (and d-2), path[d-1]
        int* row = &rows[d * width];
        const int* up = &rows[(d - 1) * width];
        const char32_t c = path[d - 1];
        row[0] = static_cast<int>(d);
        int rowMin = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            int v = std::min(up[j] + 1, row[j - 1] + 1);
            v = std::min(v, up[j - 1] + (query[j - 1] == c ? 0 : 1));
            if (d >= 2 && j >= 2 && query[j - 2] == c && query[j - 1] == path[d - 2])
                v = std::min(v, rows[(d - 2) * width + j - 2] + 1);
            row[j] = v;
            rowMin = std::min(rowMin, v);
        }
        bestPrefix[d] = std::min(bestPrefix[d - 1], row[m]);
        return rowMin;
    };

    std::size_t depth = 0;  // rows 0..depth are valid for path[0..depth)
    std::size_t i = firstPlainKey;
    while (i < keys.size()) {
        const std::u32string_view text = keyText(keys[i]);
        std::size_t common = 0;
        while (common < depth && common < text.size() && path[common] == text[common]) ++common;
        depth = common;
        bool pruned = false;
        while (depth < text.size()) {
            path[depth] = text[depth];
            ++depth;
            if (computeRow(depth) > maxEdits) {
                pruned = true;
                break;
            }
        }
        if (pruned) {  // every key below this prefix is too far away: jump past them
            i = skipKeysUnder(i + 1, text.substr(0, depth));
            --depth;
            continue;
        }
        const int edits = bestPrefix[depth];
        if (edits <= maxEdits) {
            const bool whole = rows[depth * width + m] == edits && !keys[i].suffix;
            int cost = edits * kCostPerEdit + (whole ? kCostExactToken : kCostPrefix);
            if (keys[i].suffix) cost += kCostSubstring;
            record(keys[i].token, cost, costs, matched);
        }
        ++i;
    }
}

std::size_t NameIndex::Impl::skipKeysUnder(std::size_t from, std::u32string_view prefix) const {
    const auto end =
        std::partition_point(keys.begin() + static_cast<std::ptrdiff_t>(from), keys.end(),
                             [&](const Key& k) { return startsWith(keyText(k), prefix); });
    return static_cast<std::size_t>(end - keys.begin());
}

void NameIndex::Impl::matchToken(const std::u32string& query, std::vector<std::uint16_t>& costs,
                                 std::vector<std::uint32_t>& matched) const {
    const int edits = allowedEdits(query.size());
    if (edits == 0) {
        exactPrefix(query, costs, matched);
    } else {
        fuzzy(query, edits, costs, matched);
    }
    skeletonPrefix(query, costs, matched);
}

std::vector<SearchHit> NameIndex::Impl::search(std::string_view queryText, int limit) const {
    if (limit <= 0 || people.empty()) return {};
    const auto query = foldTokens(queryText);
    std::size_t letters = 0;
    for (const auto& t : query) letters += t.size();
    if (letters < 2) return {};

    thread_local Scratch scratch;
    const std::size_t n = query.size();
    scratch.costs.resize(std::max(scratch.costs.size(), n));
    scratch.matched.resize(std::max(scratch.matched.size(), n));
    if (scratch.seen.size() < people.size()) scratch.seen.resize(people.size(), 0);
    if (++scratch.stamp == 0) {  // wrapped: forget old stamps
        std::fill(scratch.seen.begin(), scratch.seen.end(), 0);
        scratch.stamp = 1;
    }
    const auto [driver, driverPostings] = matchQuery(query, scratch);
    std::vector<Candidate> found;
    if (driverPostings > 0) found = candidates(driver, n, scratch);
    for (std::size_t q = 0; q < n; ++q) {  // restore the scratch for the next query
        for (const auto t : scratch.matched[q]) scratch.costs[q][t] = kNoMatch;
    }
    return bestHits(found, limit);
}

std::pair<std::size_t, std::size_t> NameIndex::Impl::matchQuery(
    const std::vector<std::u32string>& query, Scratch& scratch) const {
    std::size_t driver = 0;
    std::size_t driverPostings = std::numeric_limits<std::size_t>::max();
    for (std::size_t q = 0; q < query.size(); ++q) {
        auto& costs = scratch.costs[q];
        if (costs.size() < tokenLength.size()) costs.resize(tokenLength.size(), kNoMatch);
        scratch.matched[q].clear();
        matchToken(query[q], costs, scratch.matched[q]);
        std::size_t total = 0;
        for (const auto t : scratch.matched[q]) total += postingStart[t + 1] - postingStart[t];
        if (total < driverPostings) {
            driverPostings = total;
            driver = q;
        }
    }
    return {driver, driverPostings};
}

// Each query token takes its cheapest name token not taken by an earlier query
// token ("wei wei" wants two "wei"s); order matters a little.
std::optional<int> NameIndex::Impl::scorePerson(const Person& person, const Scratch& scratch,
                                                std::size_t queryTokens) const {
    int score = 0;
    int lastPosition = -1;
    unsigned used = 0;
    for (std::size_t q = 0; q < queryTokens; ++q) {
        int best = kNoMatch;
        int position = -1;
        for (std::uint8_t j = 0; j < person.tokenCount; ++j) {
            int c = scratch.costs[q][personTokens[person.firstToken + j]];
            if (c == kNoMatch) continue;
            if (used & (1u << j)) c += kCostReused;
            if (c < best) {
                best = c;
                position = j;
            }
        }
        if (best == kNoMatch) return std::nullopt;
        used |= 1u << position;
        score += best;
        if (position < lastPosition) score += kCostOutOfOrder;
        lastPosition = position;
    }
    return score;
}

std::vector<Candidate> NameIndex::Impl::candidates(std::size_t driver, std::size_t queryTokens,
                                                   Scratch& scratch) const {
    std::vector<Candidate> found;
    for (const auto t : scratch.matched[driver]) {
        for (auto k = postingStart[t]; k < postingStart[t + 1]; ++k) {
            const std::uint32_t p = postings[k];
            if (scratch.seen[p] == scratch.stamp) continue;
            scratch.seen[p] = scratch.stamp;
            if (auto score = scorePerson(people[p], scratch, queryTokens))
                found.push_back({*score, p});
        }
    }
    return found;
}

std::vector<SearchHit> NameIndex::Impl::bestHits(std::vector<Candidate>& found, int limit) const {
    const auto better = [&](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score < b.score;
        const Person& pa = people[a.person];
        const Person& pb = people[b.person];
        if (pa.tokenCount != pb.tokenCount) return pa.tokenCount < pb.tokenCount;
        const auto da = display(pa), db = display(pb);
        if (da != db) return da < db;
        return a.person < b.person;
    };
    const std::size_t keep = std::min(found.size(), static_cast<std::size_t>(limit));
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      better);
    std::vector<SearchHit> hits;
    hits.reserve(keep);
    for (std::size_t c = 0; c < keep; ++c) {
        const Person& p = people[found[c].person];
        SearchHit hit;
        hit.attendeeId = std::string(text(p.stringsOffset, p.idLength));
        hit.display = std::string(display(p));
        hit.team = std::string(text(p.stringsOffset + p.idLength + p.displayLength, p.teamLength));
        hit.role = p.role;
        hit.score = found[c].score;
        hits.push_back(std::move(hit));
    }
    return hits;
}

// ---- NameIndex -------------------------------------------------------------------

NameIndex::NameIndex() : impl_(std::make_unique<Impl>()) {}
NameIndex::~NameIndex() = default;
NameIndex::NameIndex(NameIndex&&) noexcept = default;
NameIndex& NameIndex::operator=(NameIndex&&) noexcept = default;

void NameIndex::build(const std::vector<Attendee>& people) {
    auto fresh = std::make_unique<Impl>();
    fresh->build(people);
    impl_ = std::move(fresh);
    // Building a 100k-person index churns ~30 MB of temporaries; hand them back
    // to the system so the kiosk's RSS reflects the index, not its build.
    malloc_trim(0);
}

std::vector<SearchHit> NameIndex::search(std::string_view query, int limit) const {
    return impl_ ? impl_->search(query, limit) : std::vector<SearchHit>{};
}

std::size_t NameIndex::size() const {
    return impl_ ? impl_->people.size() : 0;
}

std::size_t NameIndex::memoryBytes() const {
    if (!impl_) return 0;
    const Impl& i = *impl_;
    return sizeof(Impl) + i.strings.capacity() + i.people.capacity() * sizeof(Impl::Person) +
           i.chars.capacity() * sizeof(char32_t) + i.tokenOffset.capacity() * 4 +
           i.tokenLength.capacity() + i.keys.capacity() * sizeof(Impl::Key) +
           i.personTokens.capacity() * 4 + i.postingStart.capacity() * 4 +
           i.postings.capacity() * 4;
}

}  // namespace oh
