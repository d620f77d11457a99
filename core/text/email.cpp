#include "core/text/email.hpp"

#include <algorithm>

#include "core/text/trim.hpp"

namespace oh {

std::string normalizeEmail(std::string_view text) {
    return lowerAscii(trim(text));
}

std::optional<std::string> emailProblem(std::string_view email) {
    if (email.empty()) return "the e-mail is empty";
    for (char c : email) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) return "it contains a space or control character";
    }
    if (email.find("\xC2\xA0") != std::string_view::npos) return "it contains a space";
    if (std::count(email.begin(), email.end(), '@') != 1) return "it needs exactly one @";
    std::size_t at = email.find('@');
    if (at == 0) return "there is nothing before the @";
    std::string_view domain = email.substr(at + 1);
    if (domain.find('.') == std::string_view::npos) return "the domain after the @ has no dot";
    if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != domain.npos)
        return "the domain after the @ has an empty part";
    return std::nullopt;
}

}  // namespace oh
