// Text compared whatever its case, and nothing else: Unicode full case folding (ICU), so
// "Équipe Nord", "ÉQUIPE NORD" and "équipe nord" are one; accents, spaces and punctuation
// still count ("Equipe Nord" is another). Used where a name is an identity people type, such
// as a team (core/judging/feedback.hpp and the embedded central: nobody rates their own
// team's demo).
#pragma once

#include <string>
#include <string_view>

namespace oh {

// `utf8` case-folded, as UTF-8; invalid UTF-8 comes back as ICU reads it (U+FFFD for each
// bad sequence), so two different invalid texts may fold alike.
std::string foldCase(std::string_view utf8);

// Two teams as people type them are one team: both named (not blank) and equal once trimmed
// (core/text/trim.hpp) and case-folded. A blank team is nobody's team, not a shared one.
bool sameTeamName(std::string_view a, std::string_view b);

}  // namespace oh
