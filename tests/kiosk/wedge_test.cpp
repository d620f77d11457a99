// Keyboard-wedge scanners vs people typing, on timed key sequences.
#include <gtest/gtest.h>

#include "kiosk/input/wedge.hpp"

namespace oh::kiosk {
namespace {

using Kind = WedgeOutput::Kind;

const std::string kCode = "OH:AEAQCAIBAEAQCAIBAEAQCAIBAEAQ";  // 31 characters

// Feeds one character every `gapMs`, then Enter `enterGapMs` later; collects the outputs.
std::vector<WedgeOutput> typeAt(WedgeDetector& w, const std::string& text, std::int64_t start,
                                std::int64_t gapMs, std::int64_t enterGapMs, bool& passEnter) {
    std::vector<WedgeOutput> out;
    std::int64_t t = start;
    for (char c : text) {
        for (auto& o : w.text(std::string(1, c), t)) out.push_back(o);
        t += gapMs;
    }
    t += enterGapMs - gapMs;
    for (auto& o : w.enter(t, passEnter)) out.push_back(o);
    return out;
}

TEST(Wedge, FastBurstEndingInEnterIsAScan) {
    WedgeDetector w;
    bool passEnter = true;
    auto out = typeAt(w, kCode, 1000, 4, 6, passEnter);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Scan, kCode}));
    EXPECT_FALSE(passEnter) << "the scanner's Enter must not reach the UI";
    EXPECT_FALSE(w.holding());
}

TEST(Wedge, OneEventWithTheWholeCodeIsAScan) {
    WedgeDetector w;
    EXPECT_TRUE(w.text(kCode, 50).empty());
    bool passEnter = true;
    auto out = w.enter(52, passEnter);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].kind, Kind::Scan);
}

TEST(Wedge, HumanTypingIsReleasedAsTyping) {
    WedgeDetector w;
    std::vector<WedgeOutput> out;
    std::int64_t t = 0;
    for (char c : std::string("Ana Lima")) {
        for (auto& o : w.text(std::string(1, c), t)) out.push_back(o);
        t += 140;  // a quick typist: ~7 keys a second
    }
    for (auto& o : w.poll(t)) out.push_back(o);
    std::string typed;
    for (const auto& o : out) {
        EXPECT_EQ(o.kind, Kind::Typed);
        typed += o.text;
    }
    EXPECT_EQ(typed, "Ana Lima");
    bool passEnter = false;
    EXPECT_TRUE(w.enter(t + 200, passEnter).empty());
    EXPECT_TRUE(passEnter) << "a person's Enter goes to the UI";
}

TEST(Wedge, HeldTextIsReleasedAfterTheGapAndTheDeadlineSaysWhen) {
    WedgeDetector w;
    w.text("A", 100);
    ASSERT_TRUE(w.nextDeadline());
    EXPECT_EQ(*w.nextDeadline(), 131);
    EXPECT_TRUE(w.poll(120).empty()) << "still within the burst window";
    auto out = w.poll(131);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Typed, "A"}));
    EXPECT_FALSE(w.nextDeadline());
}

TEST(Wedge, ShortFastBurstWithEnterIsTyping) {
    WedgeDetector w;
    bool passEnter = false;
    auto out = typeAt(w, "12345", 0, 5, 5, passEnter);  // a fast PIN, not a code
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Typed, "12345"}));
    EXPECT_TRUE(passEnter);
}

TEST(Wedge, BurstWithoutEnterIsTyping) {
    WedgeDetector w;
    for (int i = 0; i < 25; ++i) w.text("x", i * 3);
    auto out = w.poll(200);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].kind, Kind::Typed);
    EXPECT_EQ(out[0].text.size(), 25u);
}

TEST(Wedge, LateEnterAfterABurstIsTyping) {
    // Not a token (a token is recognised by its shape, whatever the timing).
    const std::string other = "HELLO-NOT-AN-OPENHOUSE-CODE-AT-ALL";
    WedgeDetector w;
    bool passEnter = false;
    auto out = typeAt(w, other, 0, 4, 250, passEnter);
    std::string typed;
    for (const auto& o : out) {
        EXPECT_EQ(o.kind, Kind::Typed);
        typed += o.text;
    }
    EXPECT_EQ(typed, other);
    EXPECT_TRUE(passEnter);
}

TEST(Wedge, SlowStartThenScanKeepsTheTypedPartApart) {
    WedgeDetector w;
    std::vector<WedgeOutput> out;
    for (auto& o : w.text("q", 0)) out.push_back(o);
    // A scanner burst begins 500 ms later: the lone "q" is typing, the burst is the scan.
    std::int64_t t = 500;
    for (char c : kCode) {
        for (auto& o : w.text(std::string(1, c), t)) out.push_back(o);
        t += 3;
    }
    bool passEnter = true;
    for (auto& o : w.enter(t, passEnter)) out.push_back(o);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Typed, "q"}));
    EXPECT_EQ(out[1], (WedgeOutput{Kind::Scan, kCode}));
}

TEST(Wedge, AKeyPressedJustBeforeAScanIsNotGluedOntoTheCode) {
    for (std::int64_t pace : {1, 3, 5}) {
        WedgeDetector w;
        std::vector<WedgeOutput> out;
        // A person presses "x" 25 ms before the scanner starts: inside the 30 ms gap limit.
        for (auto& o : w.text("x", 0)) out.push_back(o);
        std::int64_t t = 25;
        for (char c : kCode) {
            for (auto& o : w.text(std::string(1, c), t)) out.push_back(o);
            t += pace;
        }
        bool passEnter = true;
        for (auto& o : w.enter(t, passEnter)) out.push_back(o);
        ASSERT_EQ(out.size(), 2u) << "pace " << pace;
        EXPECT_EQ(out[0], (WedgeOutput{Kind::Typed, "x"}));
        EXPECT_EQ(out[1], (WedgeOutput{Kind::Scan, kCode}));
        EXPECT_FALSE(passEnter);
    }
}

TEST(Wedge, ASteadyScannerKeepsItsFirstCharacter) {
    // A slow scanner (12 ms a key, one HID report per key) with a first gap a little longer
    // than the rest: still one code.
    WedgeDetector w;
    std::vector<WedgeOutput> out;
    std::int64_t t = 0;
    for (std::size_t i = 0; i < kCode.size(); ++i) {
        for (auto& o : w.text(std::string(1, kCode[i]), t)) out.push_back(o);
        t += i == 0 ? 20 : 12;
    }
    bool passEnter = true;
    for (auto& o : w.enter(t, passEnter)) out.push_back(o);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Scan, kCode}));
}

TEST(Wedge, GapLimitIsConfigurableAndCountsCharactersNotBytes) {
    WedgeDetector w(WedgeSettings{50, 3});
    w.text("é", 0);
    w.text("ü", 40);
    w.text("ñ", 80);
    bool passEnter = true;
    auto out = w.enter(120, passEnter);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Scan, "éüñ"}));
}

// A real token's shape: "OH:" and 181 base32 characters (184 in all).
std::string fullToken() {
    std::string t = "OH:";
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    for (int i = 0; t.size() < 184; ++i) t += alphabet[(i * 7 + 3) % 32];
    return t;
}

// Pseudo-random but fixed gaps: mostly a few ms (xdotool --delay 2), with stalls of a busy
// machine (40-400 ms) every few keys -- the timing that put a token into the search field.
std::vector<std::int64_t> jitteryGaps(std::size_t n, unsigned seed) {
    std::vector<std::int64_t> gaps;
    unsigned s = seed;
    for (std::size_t i = 0; i < n; ++i) {
        s = s * 1103515245u + 12345u;
        const unsigned r = (s >> 16) % 100;
        gaps.push_back(r < 80 ? 2 + static_cast<std::int64_t>(r % 4)
                              : 40 + static_cast<std::int64_t>((s >> 8) % 360));
    }
    return gaps;
}

std::vector<WedgeOutput> typeWithGaps(WedgeDetector& w, const std::string& text,
                                      const std::vector<std::int64_t>& gaps, std::int64_t enterGap,
                                      bool& passEnter) {
    std::vector<WedgeOutput> out;
    std::int64_t t = 1000;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // The main loop polls on each deadline while it waits for the next key.
        while (w.nextDeadline() && *w.nextDeadline() < t) {
            for (auto& o : w.poll(*w.nextDeadline())) out.push_back(o);
        }
        for (auto& o : w.text(std::string(1, text[i]), t)) out.push_back(o);
        t += gaps[i % gaps.size()];
    }
    t += enterGap;
    while (w.nextDeadline() && *w.nextDeadline() < t) {
        for (auto& o : w.poll(*w.nextDeadline())) out.push_back(o);
    }
    for (auto& o : w.enter(t, passEnter)) out.push_back(o);
    return out;
}

TEST(Wedge, ATokenTypedWithJitteryGapsOnABusyMachineIsOneScan) {
    const std::string token = fullToken();
    ASSERT_EQ(token.size(), 184u);
    for (unsigned seed : {1u, 7u, 42u}) {
        WedgeDetector w;
        bool passEnter = true;
        auto out = typeWithGaps(w, token, jitteryGaps(token.size(), seed), 120, passEnter);
        ASSERT_EQ(out.size(), 1u) << "seed " << seed << ": the code was split into typing";
        EXPECT_EQ(out[0], (WedgeOutput{Kind::Scan, token})) << "seed " << seed;
        EXPECT_FALSE(passEnter) << "the Enter after a code must not reach the search field";
    }
}

TEST(Wedge, AScannerWithALongKeystrokeDelayIsOneScan) {
    // Zebra's "long" USB keystroke delay is 40 ms a key; Honeywell's intercharacter delay can
    // be set far higher. Both are slower than the 30 ms burst limit.
    for (std::int64_t pace : {40, 75, 200}) {
        WedgeDetector w;
        bool passEnter = true;
        auto out = typeWithGaps(w, fullToken(), {pace}, pace, passEnter);
        ASSERT_EQ(out.size(), 1u) << "pace " << pace;
        EXPECT_EQ(out[0].kind, Kind::Scan) << "pace " << pace;
    }
}

TEST(Wedge, ACompleteTokenWithoutEnterIsAScanOnceQuiet) {
    // Scanners configured without a suffix (or with Tab) send no Enter.
    WedgeDetector w;
    std::int64_t t = 0;
    const std::string token = fullToken();
    for (char c : token) {
        EXPECT_TRUE(w.text(std::string(1, c), t).empty());
        t += 3;
    }
    ASSERT_TRUE(w.nextDeadline());
    auto out = w.poll(*w.nextDeadline());
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Scan, token}));
}

TEST(Wedge, TypingThatStartsLikeATokenButIsNotOneIsTyping) {
    WedgeDetector w;
    std::vector<WedgeOutput> out;
    std::int64_t t = 0;
    for (char c : std::string("OHara")) {  // "O'Hara" typed without the apostrophe
        for (auto& o : w.text(std::string(1, c), t)) out.push_back(o);
        t += 150;
    }
    while (w.nextDeadline()) {
        for (auto& o : w.poll(*w.nextDeadline())) out.push_back(o);
    }
    std::string typed;
    for (const auto& o : out) {
        EXPECT_EQ(o.kind, Kind::Typed);
        typed += o.text;
    }
    EXPECT_EQ(typed, "OHara");
}

TEST(Wedge, AKeyBeforeASlowTokenStaysTyping) {
    WedgeDetector w;
    std::vector<WedgeOutput> out;
    for (auto& o : w.text("x", 0)) out.push_back(o);
    bool passEnter = true;
    for (auto& o : typeWithGaps(w, fullToken(), jitteryGaps(184, 3), 50, passEnter))
        out.push_back(o);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], (WedgeOutput{Kind::Typed, "x"}));
    EXPECT_EQ(out[1], (WedgeOutput{Kind::Scan, fullToken()}));
}

TEST(Wedge, TokenShapeIsTheSignedTokenFormat) {
    EXPECT_TRUE(isTokenShaped(fullToken()));
    EXPECT_FALSE(isTokenShaped(fullToken().substr(0, 183)));
    EXPECT_FALSE(isTokenShaped(fullToken() + "A"));
    EXPECT_FALSE(isTokenShaped("OH:" + std::string(181, '1')));  // 1 is not base32
    EXPECT_TRUE(isTokenPrefix("O"));
    EXPECT_TRUE(isTokenPrefix("OH:ABC"));
    EXPECT_FALSE(isTokenPrefix("Om"));
    EXPECT_EQ(findToken("  " + fullToken() + " "), fullToken());
    EXPECT_EQ(findToken("Ana"), "");
}

}  // namespace
}  // namespace oh::kiosk
