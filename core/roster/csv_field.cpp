#include "core/roster/csv_field.hpp"

#include <optional>

#include "core/text/terminal_text.hpp"
#include "core/text/trim.hpp"
#include "core/text/utf8.hpp"

namespace oh {

std::string csvHeaderKey(std::string_view text) {
    std::string key;
    for (char c : text) {
        char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) key += l;
    }
    return key;
}

std::variant<std::string, CsvFieldProblem> checkCsvField(std::string_view raw, std::size_t limit,
                                                         bool collapsed) {
    if (std::optional<std::size_t> bad = findInvalidUtf8(raw))
        return CsvFieldProblem{"invalid-utf8", "invalid UTF-8 at byte " + std::to_string(*bad + 1) +
                                                   " of the value (save the file as 'CSV UTF-8')"};
    // Blanks that collapsing turns into a space are harmless; a paragraph may keep tabs and
    // line breaks. Any other control character (ESC, BEL, C1) is refused: it is never part of
    // a name, and printed raw it takes over a terminal.
    if (std::optional<ControlCharacter> control =
            findControlCharacter(raw, collapsed ? "\t\n\r\v\f" : "\t\n"))
        return CsvFieldProblem{
            "control-character",
            "the value holds the control character " +
                describeControlCharacter(control->codePoint) + " at character " +
                std::to_string(control->position) +
                "; remove it (names, e-mails and other fields cannot hold control characters)"};
    std::string value = collapsed ? collapseWhitespace(raw) : trim(raw);
    if (value.size() > limit)
        return CsvFieldProblem{"field-too-long", std::to_string(value.size()) + " bytes; at most " +
                                                     std::to_string(limit) + " are allowed"};
    return value;
}

}  // namespace oh
