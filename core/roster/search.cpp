#include "core/roster/search.hpp"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <numeric>

#include "core/text/short_name.hpp"
#include "core/text/utf8.hpp"

namespace oh {
namespace {

// ---- folding -----------------------------------------------------------------

// Generated from Unicode NFKD (combining marks dropped, lower-cased) plus the
// letters that do not decompose (ß, æ, ø, đ, ł, œ, þ, ...). nullptr: keep as is.
constexpr const char* kLatinFold[0x24F - 0xC0 + 1] = {
    "a",     "a",     "a",     "a",     "a",     "a",     "ae",    "c",     "e",     "e",
    "e",     "e",     "i",     "i",     "i",     "i",     "d",     "n",     "o",     "o",
    "o",     "o",     "o",     nullptr, "o",     "u",     "u",     "u",     "u",     "y",
    "th",    "ss",    "a",     "a",     "a",     "a",     "a",     "a",     "ae",    "c",
    "e",     "e",     "e",     "e",     "i",     "i",     "i",     "i",     "d",     "n",
    "o",     "o",     "o",     "o",     "o",     nullptr, "o",     "u",     "u",     "u",
    "u",     "y",     "th",    "y",     "a",     "a",     "a",     "a",     "a",     "a",
    "c",     "c",     "c",     "c",     "c",     "c",     "c",     "c",     "d",     "d",
    "d",     "d",     "e",     "e",     "e",     "e",     "e",     "e",     "e",     "e",
    "e",     "e",     "g",     "g",     "g",     "g",     "g",     "g",     "g",     "g",
    "h",     "h",     "h",     "h",     "i",     "i",     "i",     "i",     "i",     "i",
    "i",     "i",     "i",     "i",     "ij",    "ij",    "j",     "j",     "k",     "k",
    "k",     "l",     "l",     "l",     "l",     "l",     "l",     "l",     "l",     "l",
    "l",     "n",     "n",     "n",     "n",     "n",     "n",     nullptr, "n",     "n",
    "o",     "o",     "o",     "o",     "o",     "o",     "oe",    "oe",    "r",     "r",
    "r",     "r",     "r",     "r",     "s",     "s",     "s",     "s",     "s",     "s",
    "s",     "s",     "t",     "t",     "t",     "t",     "t",     "t",     "u",     "u",
    "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",     "u",
    "w",     "w",     "y",     "y",     "y",     "z",     "z",     "z",     "z",     "z",
    "z",     "s",     "b",     "b",     nullptr, nullptr, nullptr, nullptr, nullptr, "c",
    "c",     nullptr, "d",     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "f",
    "f",     "g",     nullptr, nullptr, nullptr, "i",     "k",     "k",     "l",     nullptr,
    nullptr, "n",     nullptr, "o",     "o",     "o",     nullptr, nullptr, "p",     "p",
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "t",     "u",
    "u",     nullptr, nullptr, "y",     "y",     "z",     "z",     nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    "dz",    "dz",    "dz",    "lj",    "lj",    "lj",    "nj",    "nj",    "nj",    "a",
    "a",     "i",     "i",     "o",     "o",     "u",     "u",     "u",     "u",     "u",
    "u",     "u",     "u",     "u",     "u",     nullptr, "a",     "a",     "a",     "a",
    nullptr, nullptr, "g",     "g",     "g",     "g",     "k",     "k",     "o",     "o",
    "o",     "o",     nullptr, nullptr, "j",     "dz",    "dz",    "dz",    "g",     "g",
    nullptr, nullptr, "n",     "n",     "a",     "a",     nullptr, nullptr, nullptr, nullptr,
    "a",     "a",     "a",     "a",     "e",     "e",     "e",     "e",     "i",     "i",
    "i",     "i",     "o",     "o",     "o",     "o",     "r",     "r",     "r",     "r",
    "u",     "u",     "u",     "u",     "s",     "s",     "t",     "t",     nullptr, nullptr,
    "h",     "h",     nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "a",     "a",
    "e",     "e",     "o",     "o",     "o",     "o",     "o",     "o",     "o",     "o",
    "y",     "y",     nullptr, nullptr, nullptr, nullptr, "db",    "qp",    nullptr, "c",
    "c",     "l",     nullptr, "s",     "z",     nullptr, nullptr, "b",     "u",     nullptr,
    "e",     "e",     "j",     "j",     nullptr, nullptr, "r",     "r",     "y",     "y",
};
constexpr const char* kLatinExtAdditionalFold[0x1EFF - 0x1E00 + 1] = {
    "a",     "a",     "b",     "b",     "b", "b", "b", "b", "c", "c", "d",     "d",
    "d",     "d",     "d",     "d",     "d", "d", "d", "d", "e", "e", "e",     "e",
    "e",     "e",     "e",     "e",     "e", "e", "f", "f", "g", "g", "h",     "h",
    "h",     "h",     "h",     "h",     "h", "h", "h", "h", "i", "i", "i",     "i",
    "k",     "k",     "k",     "k",     "k", "k", "l", "l", "l", "l", "l",     "l",
    "l",     "l",     "m",     "m",     "m", "m", "m", "m", "n", "n", "n",     "n",
    "n",     "n",     "n",     "n",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "p",     "p",     "p",     "p",     "r", "r", "r", "r", "r", "r", "r",     "r",
    "s",     "s",     "s",     "s",     "s", "s", "s", "s", "s", "s", "t",     "t",
    "t",     "t",     "t",     "t",     "t", "t", "u", "u", "u", "u", "u",     "u",
    "u",     "u",     "u",     "u",     "v", "v", "v", "v", "w", "w", "w",     "w",
    "w",     "w",     "w",     "w",     "w", "w", "x", "x", "x", "x", "y",     "y",
    "z",     "z",     "z",     "z",     "z", "z", "h", "t", "w", "y", nullptr, "s",
    nullptr, nullptr, "ss",    nullptr, "a", "a", "a", "a", "a", "a", "a",     "a",
    "a",     "a",     "a",     "a",     "a", "a", "a", "a", "a", "a", "a",     "a",
    "a",     "a",     "a",     "a",     "e", "e", "e", "e", "e", "e", "e",     "e",
    "e",     "e",     "e",     "e",     "e", "e", "e", "e", "i", "i", "i",     "i",
    "o",     "o",     "o",     "o",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "o",     "o",     "o",     "o",     "o", "o", "o", "o", "o", "o", "o",     "o",
    "u",     "u",     "u",     "u",     "u", "u", "u", "u", "u", "u", "u",     "u",
    "u",     "u",     "y",     "y",     "y", "y", "y", "y", "y", "y", nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr,
};

// Marks that are folded away (Latin accents as combining characters, Arabic
// harakat); Devanagari vowel signs change the word and are kept.
bool isDroppedMark(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Separators: ASCII punctuation and spaces, and the common Unicode ones.
// Apostrophes join ("O'Brien" = "obrien"); everything else splits.
enum class CharClass { Letter, Separator, Joiner };
CharClass classify(char32_t cp) {
    if (cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == 0x0060 || cp == 0x00B4)
        return CharClass::Joiner;
    if (cp < 0x80) {
        return ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
                   ? CharClass::Letter
                   : CharClass::Separator;
    }
    if ((cp >= 0x00A0 && cp <= 0x00BF) || cp == 0x00D7 || cp == 0x00F7 ||
        (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0x3001 || cp == 0x3002 ||
        cp == 0x30FB || cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x0640 ||
        cp == 0xFEFF || cp == 0xFF0C || cp == 0xFF0E || cp == 0xFFFD)
        return CharClass::Separator;
    return CharClass::Letter;
}

// Appends the folded form of one letter (UTF-8 or code points via `emit`).
template <typename Emit>
void foldLetter(char32_t cp, Emit&& emit) {
    if (cp < 0x80) {
        emit(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return;
    }
    const char* ascii = nullptr;
    if (cp >= 0xC0 && cp <= 0x24F) ascii = kLatinFold[cp - 0xC0];
    if (cp >= 0x1E00 && cp <= 0x1EFF) ascii = kLatinExtAdditionalFold[cp - 0x1E00];
    if (ascii) {
        for (const char* c = ascii; *c; ++c) emit(static_cast<char32_t>(*c));
        return;
    }
    // Greek and Cyrillic capitals: a cheap case fold, so "ΕΛΕΝΗ" finds "Ελένη".
    if (cp >= 0x0391 && cp <= 0x03A9 && cp != 0x03A2)
        cp += 0x20;
    else if (cp >= 0x0410 && cp <= 0x042F)
        cp += 0x20;
    else if (cp >= 0x0400 && cp <= 0x040F)
        cp += 0x50;
    else if (cp >= 0x03AC && cp <= 0x03CE) {
        // Greek tonos/dialytika on lower-case vowels.
        static constexpr char32_t kGreek[] = {
            0x03B1, 0x03B5, 0x03B7, 0x03B9, 0x03C5, 0x03B1, 0x03B2, 0x03B3, 0x03B4,
            0x03B5, 0x03B6, 0x03B7, 0x03B8, 0x03B9, 0x03BA, 0x03BB, 0x03BC, 0x03BD,
            0x03BE, 0x03BF, 0x03C0, 0x03C1, 0x03C3, 0x03C3, 0x03C4, 0x03C5, 0x03C6,
            0x03C7, 0x03C8, 0x03C9, 0x03B9, 0x03C5, 0x03BF, 0x03C5, 0x03C9};
        cp = kGreek[cp - 0x03AC];
    } else if (cp >= 0x0386 && cp <= 0x038F) {
        static constexpr char32_t kGreekCaps[] = {0x03B1, 0x0387, 0x03B5, 0x03B7, 0x03B9,
                                                  0x038B, 0x03BF, 0x038D, 0x03C5, 0x03C9};
        cp = kGreekCaps[cp - 0x0386];
    } else if (cp >= 0xFF21 && cp <= 0xFF3A) {
        cp = cp - 0xFF21 + 'a';  // full-width Latin typed on a CJK keyboard
    } else if (cp >= 0xFF41 && cp <= 0xFF5A) {
        cp = cp - 0xFF41 + 'a';
    }
    emit(cp);
}

// Splits text into folded tokens of code points (at most kMaxTokenLength each,
// at most kMaxTokens of them).
constexpr std::size_t kMaxTokenLength = 32;
constexpr std::size_t kMaxTokens = 8;

std::vector<std::u32string> foldTokens(std::string_view text) {
    std::vector<std::u32string> tokens;
    std::u32string current;
    auto flush = [&] {
        if (!current.empty() && tokens.size() < kMaxTokens) {
            if (current.size() > kMaxTokenLength) current.resize(kMaxTokenLength);
            tokens.push_back(std::move(current));
        }
        current.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t cp = nextCodePoint(text, i);
        if (isDroppedMark(cp)) continue;
        switch (classify(cp)) {
            case CharClass::Joiner:
                break;
            case CharClass::Separator:
                flush();
                break;
            case CharClass::Letter:
                foldLetter(cp, [&](char32_t c) { current += c; });
                break;
        }
    }
    flush();
    return tokens;
}

// Scripts without word-initial matching conventions for us: their tokens are
// also findable by substring (a Chinese name has no spaces between family and
// given name; Arabic names carry prefixes such as "ال" / "عبد").
bool wantsSubstrings(const std::u32string& token) {
    return std::any_of(token.begin(), token.end(), [](char32_t c) { return c >= 0x0370; });
}

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
constexpr std::uint16_t kNoMatch = 0xFFFF;

}  // namespace

std::string foldForSearch(std::string_view utf8) {
    std::string out;
    for (const auto& token : foldTokens(utf8)) {
        if (!out.empty()) out += ' ';
        for (const char32_t c : token) appendUtf8(out, c);
    }
    return out;
}

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

    std::u32string_view keyText(const Key& k) const {
        return std::u32string_view(chars).substr(k.offset, k.length);
    }

    void build(const std::vector<Attendee>& roster);
    // For one query token: the best cost per distinct token (kNoMatch if none)
    // written into costs, the matched token ids appended to matched.
    void matchToken(const std::u32string& query, std::vector<std::uint16_t>& costs,
                    std::vector<std::uint32_t>& matched) const;
    void exactPrefix(const std::u32string& query, std::vector<std::uint16_t>& costs,
                     std::vector<std::uint32_t>& matched) const;
    void fuzzy(const std::u32string& query, int maxEdits, std::vector<std::uint16_t>& costs,
               std::vector<std::uint32_t>& matched) const;
    std::vector<SearchHit> search(std::string_view query, int limit) const;
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
    // Distinct tokens first: a roster repeats first names thousands of times.
    std::vector<std::vector<std::u32string>> folded(roster.size());
    std::vector<std::u32string> distinct;
    for (std::size_t p = 0; p < roster.size(); ++p) {
        folded[p] = foldTokens(roster[p].fullName);
        distinct.insert(distinct.end(), folded[p].begin(), folded[p].end());
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<std::vector<std::uint32_t>> tokensOf(roster.size());  // in name order
    for (std::size_t p = 0; p < roster.size(); ++p) {
        for (const auto& t : folded[p]) {
            const auto it = std::lower_bound(distinct.begin(), distinct.end(), t);
            tokensOf[p].push_back(static_cast<std::uint32_t>(it - distinct.begin()));
        }
        folded[p] = {};
    }

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

    // Postings per token; a name with the same token twice ("Maria Maria") is posted once.
    auto unique = [](std::vector<std::uint32_t> ids) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        return ids;
    };
    postingStart.assign(distinct.size() + 1, 0);
    for (const auto& ids : tokensOf)
        for (const auto t : unique(ids)) ++postingStart[t + 1];
    for (std::size_t t = 0; t < distinct.size(); ++t) postingStart[t + 1] += postingStart[t];
    postings.assign(postingStart.back(), 0);
    std::vector<std::uint32_t> fill(postingStart.begin(), postingStart.end() - 1);
    for (std::size_t p = 0; p < roster.size(); ++p)
        for (const auto t : unique(tokensOf[p]))
            postings[fill[t]++] = static_cast<std::uint32_t>(p);

    people.reserve(roster.size());
    for (std::size_t p = 0; p < roster.size(); ++p) {
        const Attendee& a = roster[p];
        Person person;
        const std::string display = truncateUtf8(shortName(a.fullName), 255);
        const std::string team = truncateUtf8(a.team, 255);
        person.stringsOffset = static_cast<std::uint32_t>(strings.size());
        person.idLength = static_cast<std::uint16_t>(std::min<std::size_t>(a.id.size(), 0xFFFF));
        person.displayLength = static_cast<std::uint8_t>(display.size());
        person.teamLength = static_cast<std::uint8_t>(team.size());
        strings.append(a.id, 0, person.idLength);
        strings += display;
        strings += team;
        person.role = a.role;
        person.firstToken = static_cast<std::uint32_t>(personTokens.size());
        person.tokenCount = static_cast<std::uint8_t>(tokensOf[p].size());
        personTokens.insert(personTokens.end(), tokensOf[p].begin(), tokensOf[p].end());
        people.push_back(person);
    }
    strings.shrink_to_fit();
    chars.shrink_to_fit();
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
                                  std::vector<std::uint32_t>& matched) const {
    const std::u32string_view q(query);
    auto it = std::lower_bound(keys.begin(), keys.end(), q,
                               [&](const Key& k, std::u32string_view v) { return keyText(k) < v; });
    for (; it != keys.end() && startsWith(keyText(*it), q); ++it) {
        int cost = it->length == q.size() ? kCostExactToken : kCostPrefix;
        if (it->suffix) cost += kCostSubstring;
        record(it->token, cost, costs, matched);
    }
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
    std::size_t i = 0;
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
        if (pruned) {
            // Every key below this prefix is too far away: jump past them.
            const std::u32string_view prefix = text.substr(0, depth);
            i = static_cast<std::size_t>(
                std::partition_point(keys.begin() + static_cast<std::ptrdiff_t>(i) + 1, keys.end(),
                                     [&](const Key& k) { return startsWith(keyText(k), prefix); }) -
                keys.begin());
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

void NameIndex::Impl::matchToken(const std::u32string& query, std::vector<std::uint16_t>& costs,
                                 std::vector<std::uint32_t>& matched) const {
    const int edits = allowedEdits(query.size());
    if (edits == 0) {
        exactPrefix(query, costs, matched);
    } else {
        fuzzy(query, edits, costs, matched);
    }
}

namespace {

// Per-thread scratch, so search() stays const and reentrant without
// allocating per query.
struct Scratch {
    std::vector<std::vector<std::uint16_t>> costs;  // per query token, per distinct token
    std::vector<std::vector<std::uint32_t>> matched;
    std::vector<std::uint32_t> seen;  // per person: stamp of the last query that saw them
    std::uint32_t stamp = 0;
};

}  // namespace

std::vector<SearchHit> NameIndex::Impl::search(std::string_view text, int limit) const {
    if (limit <= 0 || people.empty()) return {};
    const auto query = foldTokens(text);
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

    // Match every query token; the one with the fewest people drives the scan.
    std::size_t driver = 0;
    std::size_t driverPostings = std::numeric_limits<std::size_t>::max();
    for (std::size_t q = 0; q < n; ++q) {
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

    struct Candidate {
        int score;
        std::uint32_t person;
    };
    std::vector<Candidate> candidates;
    if (driverPostings > 0) {
        for (const auto t : scratch.matched[driver]) {
            for (auto k = postingStart[t]; k < postingStart[t + 1]; ++k) {
                const std::uint32_t p = postings[k];
                if (scratch.seen[p] == scratch.stamp) continue;
                scratch.seen[p] = scratch.stamp;
                // Each query token takes its cheapest name token not taken by an
                // earlier query token ("wei wei" wants two "wei"s); order matters a little.
                const Person& person = people[p];
                int score = 0;
                int lastPosition = -1;
                unsigned used = 0;
                bool all = true;
                for (std::size_t q = 0; q < n && all; ++q) {
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
                    if (best == kNoMatch) {
                        all = false;
                        break;
                    }
                    used |= 1u << position;
                    score += best;
                    if (position < lastPosition) score += kCostOutOfOrder;
                    lastPosition = position;
                }
                if (all) candidates.push_back({score, p});
            }
        }
    }
    for (std::size_t q = 0; q < n; ++q) {  // restore the scratch for the next query
        for (const auto t : scratch.matched[q]) scratch.costs[q][t] = kNoMatch;
    }

    auto view = [&](std::uint32_t offset, std::size_t length) {
        return std::string_view(strings).substr(offset, length);
    };
    auto display = [&](const Person& p) {
        return view(p.stringsOffset + p.idLength, p.displayLength);
    };
    const auto better = [&](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score < b.score;
        const Person& pa = people[a.person];
        const Person& pb = people[b.person];
        if (pa.tokenCount != pb.tokenCount) return pa.tokenCount < pb.tokenCount;
        const auto da = display(pa), db = display(pb);
        if (da != db) return da < db;
        return a.person < b.person;
    };
    const std::size_t keep = std::min(candidates.size(), static_cast<std::size_t>(limit));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end(), better);

    std::vector<SearchHit> hits;
    hits.reserve(keep);
    for (std::size_t c = 0; c < keep; ++c) {
        const Person& p = people[candidates[c].person];
        SearchHit hit;
        hit.attendeeId = std::string(view(p.stringsOffset, p.idLength));
        hit.display = std::string(display(p));
        hit.team = std::string(view(p.stringsOffset + p.idLength + p.displayLength, p.teamLength));
        hit.role = p.role;
        hit.score = candidates[c].score;
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
