// Counts in messages for people: "1 problem", "3 problems", "0 problems". English only:
// the CLI speaks English; the kiosk's strings have their own plural forms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace oh {

inline std::string plural(std::int64_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace oh
