// The name a mail merge greets someone by ("Dear Ana,"): the first word of the full name.
// A name written without spaces (Chinese, Japanese, Korean: family name first) is kept
// whole rather than cut to its first characters, which would be the family name.
#pragma once

#include <string>
#include <string_view>

namespace oh {

std::string greetingName(std::string_view fullName);

}  // namespace oh
