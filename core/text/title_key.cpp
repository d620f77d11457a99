#include "core/text/title_key.hpp"

#include "core/text/edit_distance.hpp"
#include "core/text/fold.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {

std::u32string demoTitleKey(std::string_view title) {
    std::string key;
    std::size_t start = 0;
    const std::string text = trim(title);
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ' ' && text[i] != '\t') continue;
        std::string folded = foldForSearch(std::string_view(text).substr(start, i - start));
        if (!folded.empty()) key += (key.empty() ? "" : " ") + folded;
        start = i + 1;
    }
    std::u32string out;
    for (std::size_t i = 0; i < key.size();) out += nextCodePoint(key, i);
    return out;
}

bool nearlyTheSameTitle(const std::u32string& a, const std::u32string& b) {
    if (a == b) return false;
    const std::u32string& shorter = a.size() <= b.size() ? a : b;
    const std::u32string& longer = a.size() <= b.size() ? b : a;
    if (shorter.size() >= 8 && longer.find(shorter) != std::u32string::npos) return true;
    const std::size_t allowed = shorter.size() >= 10 ? 2 : 1;
    if (longer.size() - shorter.size() > allowed) return false;
    return editDistance(a, b) <= allowed;
}

}  // namespace oh
