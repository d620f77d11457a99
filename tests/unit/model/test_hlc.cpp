#include <gtest/gtest.h>

#include "core/model/hlc.hpp"

using namespace oh;

TEST(Hlc, TextFormSortsInClockOrderAndRoundTrips) {
    Hlc a{1'800'000'000'000, 5, "node-a"};
    Hlc b{1'800'000'000'000, 17, "node-a"};
    Hlc c{1'800'000'000'001, 0, "node-a"};
    EXPECT_LT(a.str(), b.str());
    EXPECT_LT(b.str(), c.str());
    EXPECT_LT(Hlc({9, 0, "z"}).str(), Hlc({10, 0, "a"}).str());
    auto parsed = Hlc::parse(b.str());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, b);
    EXPECT_FALSE(Hlc::parse("not a clock"));
}

TEST(Hlc, LocalEventsAreStrictlyIncreasingEvenWhenTheWallClockStands) {
    std::int64_t wall = 1000;
    HlcClock clock("n", [&] { return wall; });
    auto t1 = clock.now();
    auto t2 = clock.now();
    wall = 900;  // the wall clock stepped back (NTP)
    auto t3 = clock.now();
    EXPECT_LT(t1, t2);
    EXPECT_LT(t2, t3);
    EXPECT_LT(t2.str(), t3.str());
    wall = 2000;
    EXPECT_EQ(clock.now().wall, 2000);
}

TEST(Hlc, ReceiveMovesPastTheRemoteSoTheNextLocalEventIsLater) {
    std::int64_t wall = 1000;
    HlcClock clock("local", [&] { return wall; });
    Hlc remote{1500, 3, "remote"};
    ASSERT_TRUE(clock.receive(remote));
    auto next = clock.now();
    EXPECT_GT(next.str(), remote.str());
    EXPECT_EQ(next.wall, 1500);
}

TEST(Hlc, ARemoteClockTooFarAheadIsRefusedAndLeavesTheClockAlone) {
    std::int64_t wall = 1'000'000;
    HlcClock clock(
        "local", [&] { return wall; }, 5 * 60 * 1000);
    auto before = clock.now();
    Hlc farAhead{wall + 60 * 60 * 1000, 0, "remote"};
    EXPECT_FALSE(clock.receive(farAhead));
    EXPECT_EQ(clock.aheadBy(farAhead), 60 * 60 * 1000);
    EXPECT_EQ(clock.last(), before);
    Hlc slightlyAhead{wall + 60 * 1000, 0, "remote"};
    EXPECT_TRUE(clock.receive(slightlyAhead));
}

TEST(Hlc, RestoreNeverMovesBackwards) {
    std::int64_t wall = 10;
    HlcClock clock("n", [&] { return wall; });
    clock.restore(Hlc{5000, 2, "n"});
    auto t = clock.now();
    EXPECT_EQ(t.wall, 5000);
    EXPECT_EQ(t.counter, 3u);
    clock.restore(Hlc{100, 0, "n"});
    EXPECT_EQ(clock.now().wall, 5000);
}
