// Levenshtein distance between two sequences (bytes, or code points as std::u32string): the
// one "did you mean" measure, for misspelt config keys and time zones and near-identical demo
// titles. Elements are compared as given: fold or lower-case them first where case must not
// count. (The name search has its own bounded variant, tuned for its hot path.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace oh {

template <typename Sequence>
std::size_t editDistance(const Sequence& a, const Sequence& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace oh
