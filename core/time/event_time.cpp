#include "core/time/event_time.hpp"
#include "core/text/edit_distance.hpp"
#include "core/text/trim.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <memory>
#include <vector>

#include "core/model/ids.hpp"

namespace oh {

namespace {

// Only names the time-zone database knows (ICU answers an unknown name with "Etc/Unknown",
// which behaves as UTC: exactly the silent mistake this refuses).
std::unique_ptr<icu::TimeZone> knownZone(std::string_view zone) {
    if (zone.empty() || zone.size() > 64) return nullptr;
    icu::UnicodeString id = icu::UnicodeString::fromUTF8(
        icu::StringPiece(zone.data(), static_cast<std::int32_t>(zone.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString canonical;
    UBool system = false;
    icu::TimeZone::getCanonicalID(id, canonical, system, status);
    if (U_FAILURE(status) || !system) return nullptr;
    return std::unique_ptr<icu::TimeZone>(icu::TimeZone::createTimeZone(id));
}

std::string closestZone(std::string_view zone) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> all(icu::TimeZone::createEnumeration(status));
    if (!all || U_FAILURE(status)) return "";
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(3, zone.size() / 4) + 1;
    while (const icu::UnicodeString* id = all->snext(status)) {
        if (U_FAILURE(status)) break;
        std::string name;
        id->toUTF8String(name);
        std::size_t d = editDistance(lowerAscii(zone), lowerAscii(name));
        if (d < bestDistance) bestDistance = d, best = name;
    }
    return best;
}

// The wall-clock fields of a time written without an offset, read as if it were UTC.
std::optional<std::tm> wallClock(std::string_view text) {
    std::optional<std::int64_t> asUtc = parseIsoTime(text);
    if (!asUtc) return std::nullopt;
    std::time_t t = static_cast<std::time_t>(*asUtc);
    std::tm fields{};
    if (!gmtime_r(&t, &fields)) return std::nullopt;
    return fields;
}

std::unique_ptr<icu::Calendar> calendarIn(std::string_view zone) {
    std::unique_ptr<icu::TimeZone> tz = knownZone(zone);
    if (!tz) tz.reset(icu::TimeZone::getGMT()->clone());
    UErrorCode status = U_ZERO_ERROR;
    auto cal = std::make_unique<icu::GregorianCalendar>(tz.release(), status);
    if (U_FAILURE(status)) return nullptr;
    return cal;
}

std::tm localFields(std::int64_t unixSeconds, std::string_view zone) {
    std::tm f{};
    auto cal = calendarIn(zone);
    UErrorCode status = U_ZERO_ERROR;
    if (!cal) return f;
    cal->setTime(static_cast<UDate>(unixSeconds) * 1000.0, status);
    f.tm_year = cal->get(UCAL_YEAR, status) - 1900;
    f.tm_mon = cal->get(UCAL_MONTH, status);
    f.tm_mday = cal->get(UCAL_DATE, status);
    f.tm_hour = cal->get(UCAL_HOUR_OF_DAY, status);
    f.tm_min = cal->get(UCAL_MINUTE, status);
    f.tm_wday = cal->get(UCAL_DAY_OF_WEEK, status) - 1;
    return f;
}

std::string twoDigits(int v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

std::string dateText(const std::tm& f) {
    static constexpr std::array<const char*, 7> kDays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};
    static constexpr std::array<const char*, 12> kMonths{
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return std::string(kDays[static_cast<std::size_t>(f.tm_wday % 7)]) + " " +
           std::to_string(f.tm_mday) + " " + kMonths[static_cast<std::size_t>(f.tm_mon % 12)] +
           " " + std::to_string(f.tm_year + 1900);
}

}  // namespace

std::optional<std::string> timeZoneProblem(std::string_view zone) {
    if (knownZone(zone)) return std::nullopt;
    std::string message = "'" + std::string(zone) + "' is not a time zone";
    std::string closest = closestZone(zone);
    if (!closest.empty()) return message + " (did you mean '" + closest + "'?)";
    return message + "; use an IANA name such as Europe/Madrid, America/New_York or UTC";
}

bool hasUtcOffset(std::string_view text) {
    if (text.empty()) return false;
    if (text.back() == 'Z' || text.back() == 'z') return true;
    std::size_t t = text.find_first_of("Tt ");
    return t != std::string_view::npos && text.find_first_of("+-", t) != std::string_view::npos;
}

std::optional<std::int64_t> parseEventTime(std::string_view text, std::string_view zone) {
    if (hasUtcOffset(text)) return parseIsoTime(text);
    if (!knownZone(zone)) return std::nullopt;
    std::optional<std::tm> f = wallClock(text);
    auto cal = calendarIn(zone);
    if (!f || !cal) return std::nullopt;
    cal->clear();
    cal->set(f->tm_year + 1900, f->tm_mon, f->tm_mday, f->tm_hour, f->tm_min, f->tm_sec);
    UErrorCode status = U_ZERO_ERROR;
    UDate ms = cal->getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<std::int64_t>(ms / 1000.0);
}

std::string formatLocalTime(std::int64_t unixSeconds, std::string_view zone) {
    std::tm f = localFields(unixSeconds, zone);
    return std::to_string(f.tm_year + 1900) + "-" + twoDigits(f.tm_mon + 1) + "-" +
           twoDigits(f.tm_mday) + " " + twoDigits(f.tm_hour) + ":" + twoDigits(f.tm_min);
}

std::string formatEventDate(std::int64_t unixSeconds, std::string_view zone) {
    return dateText(localFields(unixSeconds, zone));
}

std::string formatEventWhen(std::int64_t startsAt, std::int64_t endsAt, std::string_view zone) {
    std::tm s = localFields(startsAt, zone);
    std::tm e = localFields(endsAt, zone);
    std::string text = dateText(s) + ", " + twoDigits(s.tm_hour) + ":" + twoDigits(s.tm_min) + "-";
    bool sameDay = s.tm_year == e.tm_year && s.tm_mon == e.tm_mon && s.tm_mday == e.tm_mday;
    if (!sameDay) text += dateText(e) + ", ";
    return text + twoDigits(e.tm_hour) + ":" + twoDigits(e.tm_min);
}

}  // namespace oh
