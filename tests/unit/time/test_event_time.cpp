// Event times: a time without an offset is read in the event's time zone; unknown zones
// are refused with the closest known name.
#include <gtest/gtest.h>

#include "core/model/ids.hpp"
#include "core/time/event_time.hpp"

using namespace oh;

TEST(EventTime, ATimeWithoutOffsetIsReadOnTheZonesWallClock) {
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00", "America/New_York")),
              "2026-12-10T19:00:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-07-10T14:00", "America/New_York")),
              "2026-07-10T18:00:00Z");  // daylight saving time
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00", "Asia/Kolkata")), "2026-12-10T08:30:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10", "Europe/Madrid")), "2026-12-09T23:00:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00", "UTC")), "2026-12-10T14:00:00Z");
}

TEST(EventTime, AnExplicitOffsetWinsOverTheZone) {
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00Z", "America/New_York")),
              "2026-12-10T14:00:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00+02:00", "America/New_York")),
              "2026-12-10T12:00:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00-03:00", "UTC")), "2026-12-10T17:00:00Z");
}

TEST(EventTime, UnknownZonesAndMalformedTimesAreRefused) {
    EXPECT_FALSE(parseEventTime("2026-12-10T14:00", "America/New_Yrok"));
    EXPECT_FALSE(parseEventTime("2026-12-10T14:00", ""));
    EXPECT_FALSE(parseEventTime("tomorrow", "UTC"));
    EXPECT_FALSE(timeZoneProblem("Europe/Madrid"));
    EXPECT_FALSE(timeZoneProblem("UTC"));
    auto problem = timeZoneProblem("Europe/Madird");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("Europe/Madrid"), std::string::npos) << *problem;
    EXPECT_TRUE(timeZoneProblem("Mars/Olympus"));
}

TEST(EventTime, LocalTimesAreShownOnTheVenuesClock) {
    const std::int64_t start = *parseIsoTime("2026-12-10T19:00Z");
    const std::int64_t end = *parseIsoTime("2026-12-10T23:30Z");
    EXPECT_EQ(formatLocalTime(start, "America/New_York"), "2026-12-10 14:00");
    EXPECT_EQ(formatEventWhen(start, end, "America/New_York"),
              "Thursday 10 December 2026, 14:00-18:30");
    EXPECT_EQ(formatEventWhen(start, end, "Asia/Tokyo"), "Friday 11 December 2026, 04:00-08:30");
}

TEST(EventTime, AnEventOverMidnightShowsBothDaysEvenWithinOneMonth) {
    const std::int64_t start = *parseIsoTime("2026-12-10T22:00Z");
    const std::int64_t end = *parseIsoTime("2026-12-11T02:00Z");
    EXPECT_EQ(formatEventWhen(start, end, "UTC"),
              "Thursday 10 December 2026, 22:00-Friday 11 December 2026, 02:00");
    // The same instants in New York are one evening.
    EXPECT_EQ(formatEventWhen(start, end, "America/New_York"),
              "Thursday 10 December 2026, 17:00-21:00");
}

TEST(EventTime, ANegativeOffsetWinsOverTheZoneToo) {
    // West of Greenwich: a "-03:00" must not be taken for a time on the venue's clock.
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00-03:00", "Europe/Madrid")),
              "2026-12-10T17:00:00Z");
    EXPECT_EQ(isoUtc(*parseEventTime("2026-12-10T14:00+05:30", "America/New_York")),
              "2026-12-10T08:30:00Z");
}

TEST(EventTime, ADateIsTheDayOnTheVenuesCalendar) {
    // 23:30 in New York is already the next day in UTC and later still in Tokyo.
    const std::int64_t t = *parseIsoTime("2026-12-11T04:30Z");
    EXPECT_EQ(formatEventDate(t, "America/New_York"), "Thursday 10 December 2026");
    EXPECT_EQ(formatEventDate(t, "UTC"), "Friday 11 December 2026");
    EXPECT_EQ(formatEventDate(t, "Not/A_Zone"), "Friday 11 December 2026");  // UTC
}
