// The checks every imported CSV field passes (roster, demo schedule): valid UTF-8, no
// control character, within its byte limit; and how a header names its column whatever its
// case or punctuation. One home, so both imports refuse the same values the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace oh {

// "E-mail Address" -> "emailaddress": case and punctuation never decide a header match.
std::string csvHeaderKey(std::string_view text);

struct CsvFieldProblem {
    std::string reason;   // "invalid-utf8", "control-character" or "field-too-long"
    std::string message;  // what is wrong and how to fix it
};

// The field's value (trimmed; with `collapsed`, runs of blanks made one space), or why it
// is refused. Without `collapsed` a paragraph may keep tabs and line breaks.
std::variant<std::string, CsvFieldProblem> checkCsvField(std::string_view raw, std::size_t limit,
                                                         bool collapsed);

}  // namespace oh
