#include "kiosk/ui/format.hpp"

#include <ctime>
#include <vector>

#include "kiosk/strings.hpp"

namespace oh::kiosk::fmt {

namespace {

std::tm local(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
}

// The n-th comma-separated name in a strings entry ("Sunday,Monday,...").
std::string nth(const Strings& strings, const char* key, int n) {
    const std::string& list = strings.get(key);
    size_t start = 0;
    for (int i = 0; i < n; ++i) {
        start = list.find(',', start);
        if (start == std::string::npos) return "";
        ++start;
    }
    const size_t end = list.find(',', start);
    return list.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string longDate(const Strings& s, const std::tm& tm) {
    return nth(s, "date.days", tm.tm_wday) + " " + std::to_string(tm.tm_mday) + " " +
           nth(s, "date.months", tm.tm_mon);
}

}  // namespace

std::string clock(std::int64_t t) {
    const std::tm tm = local(t);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return buf;
}

bool sameDay(std::int64_t a, std::int64_t b) {
    const std::tm x = local(a), y = local(b);
    return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}

std::string dateTime(const Strings& s, std::int64_t t) {
    const std::tm tm = local(t);
    return nth(s, "date.days_short", tm.tm_wday) + " " + std::to_string(tm.tm_mday) + " " +
           nth(s, "date.months_short", tm.tm_mon) + ", " + clock(t);
}

std::string eventWhen(const Strings& s, std::int64_t startsAt, std::int64_t endsAt) {
    if (startsAt <= 0) return "";
    const std::tm a = local(startsAt);
    std::string out = longDate(s, a) + " · " + clock(startsAt);
    if (endsAt > startsAt) {
        if (sameDay(startsAt, endsAt)) {
            out += "–" + clock(endsAt);
        } else {
            out += " – " + longDate(s, local(endsAt)) + " · " + clock(endsAt);
        }
    }
    return out;
}

}  // namespace oh::kiosk::fmt
