#include "kiosk/ui/format.hpp"

#include <ctime>

namespace oh::kiosk::fmt {

namespace {

std::string format(std::int64_t t, const char* pattern) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[96];
    const size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
    std::string out(buf, n);
    // "%e" pads single-digit days with a space.
    if (const auto p = out.find("  "); p != std::string::npos) out.erase(p, 1);
    return out;
}

}  // namespace

std::string clock(std::int64_t t) { return format(t, "%H:%M"); }

std::string dateTime(std::int64_t t) { return format(t, "%a %e %b, %H:%M"); }

std::string eventWhen(std::int64_t startsAt, std::int64_t endsAt) {
    if (startsAt <= 0) return "";
    std::string out = format(startsAt, "%A %e %B") + " · " + clock(startsAt);
    if (endsAt > startsAt) {
        if (format(startsAt, "%F") == format(endsAt, "%F")) {
            out += "–" + clock(endsAt);
        } else {
            out += " – " + format(endsAt, "%A %e %B") + " · " + clock(endsAt);
        }
    }
    return out;
}

}  // namespace oh::kiosk::fmt
