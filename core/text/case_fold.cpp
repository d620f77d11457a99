#include "core/text/case_fold.hpp"

#include <unicode/unistr.h>

#include "core/text/trim.hpp"

namespace oh {

std::string foldCase(std::string_view utf8) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    text.foldCase();
    std::string out;
    text.toUTF8String(out);
    return out;
}

bool sameTeamName(std::string_view a, std::string_view b) {
    const std::string left = foldCase(trim(a));
    return !left.empty() && left == foldCase(trim(b));
}

}  // namespace oh
