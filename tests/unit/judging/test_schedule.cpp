#include "core/judging/schedule.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/time/event_time.hpp"

namespace oh {
namespace {

constexpr const char* kZone = "Europe/Madrid";
const std::string kHeader = "Title,Presenters,Room,Start,End,Metric,Change\n";

std::string describe(const ScheduleParse& parse) {
    std::string text;
    for (const auto& p : parse.problems)
        text += "line " + std::to_string(p.line) + " [" + p.column + "] " + p.reason + ": " +
                p.message + "\n";
    return text;
}

// The single problem of a sheet; fails the test if there are none or several, so each
// input is refused by exactly the rule it is about.
ScheduleProblem onlyProblem(const std::string& csv, const ScheduleWindow& window = {}) {
    ScheduleParse parse = parseSchedule(csv, kZone, window);
    EXPECT_EQ(parse.problems.size(), 1u) << describe(parse);
    return parse.problems.empty() ? ScheduleProblem{} : parse.problems.front();
}

void expectProblem(const ScheduleProblem& p, int line, const std::string& column,
                   const std::string& reason) {
    EXPECT_EQ(p.reason, reason) << p.message;
    EXPECT_EQ(p.line, line) << p.message;
    EXPECT_EQ(p.column, column) << p.message;
    EXPECT_FALSE(p.message.empty());
}

std::string row(const std::string& title, const std::string& presenters, const std::string& room,
                const std::string& start, const std::string& end,
                const std::string& metric = "support tickets", const std::string& change = "-12%") {
    return title + "," + presenters + "," + room + "," + start + "," + end + "," + metric + "," +
           change + "\n";
}

TEST(ScheduleParse, ReadsATeamDemoWithTimesInTheEventsZone) {
    ScheduleParse parse =
        parseSchedule(kHeader +
                          row("Churn early warning", "Ana@Example.org; raj@example.org", "Room A",
                              "2026-12-10 14:00", "2026-12-10 14:20") +
                          row("Faster refunds", "li@example.org", "Room A", "2026-12-10 14:20",
                              "2026-12-10T14:40:00+01:00", "", ""),
                      kZone);
    ASSERT_TRUE(parse.ok()) << describe(parse);
    ASSERT_EQ(parse.demos.size(), 2u);
    const ScheduledDemo& team = parse.demos[0];
    EXPECT_EQ(team.line, 2);
    EXPECT_EQ(team.title, "Churn early warning");
    EXPECT_EQ(team.presenterEmails,
              (std::vector<std::string>{"ana@example.org", "raj@example.org"}));
    EXPECT_EQ(team.location, "Room A");
    EXPECT_EQ(team.start, *parseEventTime("2026-12-10T13:00:00Z", "UTC"));  // Madrid is UTC+1
    EXPECT_EQ(team.end - team.start, 20 * 60);
    EXPECT_EQ(team.metricName, "support tickets");
    EXPECT_EQ(team.metricChange, "-12%");
    EXPECT_EQ(parse.demos[1].end, *parseEventTime("2026-12-10T13:40:00Z", "UTC"));
    EXPECT_TRUE(parse.demos[1].metricName.empty());
}

TEST(ScheduleParse, BackToBackDemosInOneRoomAreNotADoubleBookingInEitherRowOrder) {
    // One ends at 14:20 exactly when the next starts: the boundary is not an overlap,
    // whichever of the two the sheet lists first.
    const std::string first =
        row("A", "a@example.org", "Room A", "2026-12-10 14:00", "2026-12-10 14:20");
    const std::string second =
        row("B", "a@example.org", "room a", "2026-12-10 14:20", "2026-12-10 14:40");
    ScheduleParse inOrder = parseSchedule(kHeader + first + second, kZone);
    EXPECT_TRUE(inOrder.ok()) << describe(inOrder);
    ScheduleParse reversed = parseSchedule(kHeader + second + first, kZone);
    EXPECT_TRUE(reversed.ok()) << describe(reversed);
}

TEST(ScheduleParse, OverlappingByOneMinuteInOneRoomIsRefusedOnTheLaterLine) {
    auto p = onlyProblem(
        kHeader + row("A", "a@example.org", "Room A", "2026-12-10 14:00", "2026-12-10 14:21") +
        row("B", "b@example.org", "room a", "2026-12-10 14:20", "2026-12-10 14:40"));
    expectProblem(p, 3, "Room", "room-double-booked");
    EXPECT_NE(p.message.find("line 2"), std::string::npos) << p.message;
}

TEST(ScheduleParse, OnePresenterInTwoOverlappingDemosIsRefused) {
    auto p = onlyProblem(
        kHeader + row("A", "a@example.org", "Room A", "2026-12-10 14:00", "2026-12-10 14:30") +
        row("B", "b@example.org;A@example.org", "Room B", "2026-12-10 14:20", "2026-12-10 14:40"));
    expectProblem(p, 3, "Presenters", "presenter-double-booked");
}

TEST(ScheduleParse, TheSameTitleTwiceIsRefusedWhateverItsCaseAndAccents) {
    auto p = onlyProblem(
        kHeader +
        row("Café Queue", "a@example.org", "Room A", "2026-12-10 14:00", "2026-12-10 14:20") +
        row("cafe  queue", "b@example.org", "Room B", "2026-12-10 15:00", "2026-12-10 15:20"));
    expectProblem(p, 3, "Title", "duplicate-title");
}

TEST(ScheduleParse, EachRowProblemNamesItsLineColumnAndReason) {
    struct Case {
        std::string line;
        std::string column, reason;
    };
    const std::vector<Case> cases{
        {row("", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20"), "Title",
         "missing-title"},
        {row("T", "", "R", "2026-12-10 14:00", "2026-12-10 14:20"), "Presenters",
         "missing-presenters"},
        {row("T", "example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20"), "Presenters",
         "invalid-email"},
        {row("T", "a@example.org;A@Example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20"),
         "Presenters", "duplicate-presenter"},
        {row("T", "a@example.org", "R", "10/12/2026 2pm", "2026-12-10 14:20"), "Start", "bad-time"},
        {row("T", "a@example.org", "R", "2026-12-10 14:00", ""), "End", "bad-time"},
        {row("T", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:00"), "End",
         "end-before-start"},
        {row("T", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20", "tickets", ""),
         "Change", "metric-without-change"},
        {row("T", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20", "", "-12%"),
         "Metric", "change-without-metric"},
        {row("T", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20", "tickets", "fewer"),
         "Change", "bad-change"},
        {row("T\x1b[2J", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20"), "Title",
         "control-character"},
        {row("T\xff", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:20"), "Title",
         "invalid-utf8"},
        {row(std::string(kScheduleTitleMax + 1, 'x'), "a@example.org", "R", "2026-12-10 14:00",
             "2026-12-10 14:20"),
         "Title", "field-too-long"},
        {"T,a@example.org,R,2026-12-10 14:00\n", "", "wrong-field-count"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.reason);
        expectProblem(onlyProblem(kHeader + c.line), 2, c.column, c.reason);
    }
}

TEST(ScheduleParse, TitleAtItsByteLimitIsAccepted) {
    ScheduleParse parse =
        parseSchedule(kHeader + row(std::string(kScheduleTitleMax, 'x'), "a@example.org", "R",
                                    "2026-12-10 14:00", "2026-12-10 14:20"),
                      kZone);
    EXPECT_TRUE(parse.ok()) << describe(parse);
}

TEST(ScheduleParse, ADemoOneMinuteLongIsAcceptedAndOneEndingBeforeItStartsIsNot) {
    EXPECT_TRUE(
        parseSchedule(
            kHeader + row("T", "a@example.org", "R", "2026-12-10 14:00", "2026-12-10 14:01"), kZone)
            .ok());
    expectProblem(onlyProblem(kHeader + row("T", "a@example.org", "R", "2026-12-10 14:00",
                                            "2026-12-10 13:59")),
                  2, "End", "end-before-start");
}

TEST(ScheduleParse, TeamsUpToTheLimitPresentTogetherAndOneMoreIsRefused) {
    auto team = [](std::size_t n) {
        std::string list;
        for (std::size_t i = 0; i < n; ++i)
            list += (i ? ";" : "") + std::string("p") + std::to_string(i) + "@example.org";
        return list;
    };
    EXPECT_TRUE(parseSchedule(kHeader + row("T", team(kSchedulePresentersMax), "R",
                                            "2026-12-10 14:00", "2026-12-10 14:20"),
                              kZone)
                    .ok());
    expectProblem(onlyProblem(kHeader + row("T", team(kSchedulePresentersMax + 1), "R",
                                            "2026-12-10 14:00", "2026-12-10 14:20")),
                  2, "Presenters", "too-many-presenters");
}

TEST(ScheduleParse, DemosMustFallWithinTheEventToTheMinute) {
    const ScheduleWindow window{*parseEventTime("2026-12-10 14:00", kZone),
                                *parseEventTime("2026-12-10 18:00", kZone)};
    EXPECT_TRUE(parseSchedule(kHeader + row("T", "a@example.org", "R", "2026-12-10 14:00",
                                            "2026-12-10 18:00"),
                              kZone, window)
                    .ok());
    expectProblem(onlyProblem(kHeader + row("T", "a@example.org", "R", "2026-12-10 13:59",
                                            "2026-12-10 14:20"),
                              window),
                  2, "Start", "outside-event");
    expectProblem(onlyProblem(kHeader + row("T", "a@example.org", "R", "2026-12-10 17:50",
                                            "2026-12-10 18:01"),
                              window),
                  2, "End", "outside-event");
}

TEST(ScheduleParse, HeaderProblemsAreReportedOnLineOne) {
    expectProblem(onlyProblem("Title,Presenters,Start\n"), 1, "", "missing-column");
    expectProblem(onlyProblem("Title,Presenters,Room,Start,End,Begin\n"), 1, "Begin",
                  "duplicate-column");
    expectProblem(onlyProblem(""), 1, "", "empty-file");
}

TEST(ScheduleParse, ABrokenQuoteIsReportedAndTheOtherRowsStillChecked) {
    ScheduleParse parse = parseSchedule(
        kHeader + "\"Open quote,a@example.org,R,2026-12-10 14:00,2026-12-10 14:20,,\n", kZone);
    ASSERT_FALSE(parse.problems.empty());
    EXPECT_EQ(parse.problems.front().reason, "unterminated-quote") << describe(parse);
    EXPECT_EQ(parse.problems.front().line, 2);
}

TEST(ScheduleParse, ExtraColumnsAreTheLeadsOwnAndIgnored) {
    ScheduleParse parse = parseSchedule(
        "Notes,Title,Presenters,Start,End\nbring HDMI,T,a@example.org,2026-12-10 14:00,"
        "2026-12-10 14:20\n",
        kZone);
    ASSERT_TRUE(parse.ok()) << describe(parse);
    EXPECT_EQ(parse.demos.front().title, "T");
    EXPECT_TRUE(parse.demos.front().location.empty());
}

TEST(MetricChange, SignedNumbersWithAUnitAreChangesAndWordsAreNot) {
    for (const char* good : {"-12%", "+3.5 pp", "40 ms", "x2", "12",
                             "\xE2\x88\x92"
                             "8%"})
        EXPECT_FALSE(metricChangeProblem(good).has_value()) << good;
    for (const char* bad : {"fewer", "%", "-", "1.2.3%", "",
                            "-12 "
                            "abcdefghijklmnopqrstu"})
        EXPECT_TRUE(metricChangeProblem(bad).has_value()) << bad;
}

}  // namespace
}  // namespace oh
