#include "core/text/trim.hpp"

#include <algorithm>

namespace oh {

namespace {

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

std::size_t whitespaceAt(std::string_view text, std::size_t i) {
    if (i >= text.size()) return 0;
    if (isAsciiSpace(text[i])) return 1;
    if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') return 2;
    return 0;
}

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t n = whitespaceAt(text, begin);
        if (n == 0) break;
        begin += n;
    }
    std::size_t end = text.size();
    while (end > begin) {
        if (isAsciiSpace(text[end - 1])) {
            --end;
        } else if (end - begin >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") {
            end -= 2;
        } else {
            break;
        }
    }
    return std::string(text.substr(begin, end - begin));
}

std::string collapseWhitespace(std::string_view text) {
    std::string out;
    bool pendingSpace = false;
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t n = whitespaceAt(text, i)) {
            pendingSpace = true;
            i += n;
            continue;
        }
        if (pendingSpace && !out.empty()) out += ' ';
        pendingSpace = false;
        out += text[i++];
    }
    return out;
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

}  // namespace oh
