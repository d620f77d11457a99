// The lazy main loop: sleeps when nothing changes, wakes for wakeUi(), input and animations;
// the router's idle timeout brings the attract screen back.
#include <atomic>
#include <thread>

#include "kiosk_test_support.hpp"

namespace oh::kiosk::testing {
namespace {

using namespace std::chrono_literals;

class TestScreen final : public Screen {
  public:
    TestScreen(const char* id, bool personal, bool animate)
        : id_(id), personal_(personal), animate_(animate) {}
    const char* id() const override { return id_; }
    void drawContent(AppContext& ctx) override {
        ++draws;
        ui::centeredText(ctx, ctx.fonts.heading, id_, ctx.width / 2, ctx.height / 2, ctx.width,
                         IM_COL32_WHITE);
    }
    bool animating() const override { return animate_; }
    bool showsPersonalData() const override { return personal_; }
    int draws = 0;

  private:
    const char* id_;
    bool personal_;
    bool animate_;
};

KioskOptions small() {
    return headlessOptions(Size{1280, 800});
}

// Lets the first frames render so the loop reaches its idle state.
void settle(Kiosk& kiosk) {
    const auto giveUp = Clock::now() + 5s;
    do {
        kiosk.loop().runFor(50ms);
    } while (!kiosk.loop().settled() && Clock::now() < giveUp);
    ASSERT_TRUE(kiosk.loop().settled());
}

TEST(MainLoop, IdleAttractScreenRendersAlmostNothing) {
    Kiosk kiosk(small());
    settle(kiosk);
    const auto before = kiosk.loop().stats();
    kiosk.loop().runFor(500ms);
    const auto after = kiosk.loop().stats();
    EXPECT_LE(after.frames - before.frames, 1u) << "the loop renders while nothing changes";
    EXPECT_LE(after.wakeups - before.wakeups, 3u) << "the loop spins instead of sleeping";
}

TEST(MainLoop, WakeUiFromAnotherThreadRendersOneFrame) {
    Kiosk kiosk(small());
    settle(kiosk);
    const auto before = kiosk.loop().stats().frames;
    const auto wakesBefore = kiosk.loop().stats().wakeups;
    std::atomic<bool> woken{false};
    std::thread worker([&] {
        // The loop is asleep by now (it sleeps whenever it has nothing to draw).
        std::this_thread::sleep_for(100ms);
        wakeUi();
        woken = true;
    });
    EXPECT_TRUE(runUntil(kiosk, [&] { return woken && kiosk.loop().stats().frames > before; }))
        << "wakeUi() did not wake the loop";
    worker.join();
    EXPECT_LE(kiosk.loop().stats().frames - before, 2u) << "one wake, one frame (or two)";
    EXPECT_GE(kiosk.loop().stats().wakeups, wakesBefore + 1);
}

TEST(MainLoop, InputRendersAFewFramesThenSleepsAgain) {
    Kiosk kiosk(small());
    settle(kiosk);
    const auto before = kiosk.loop().stats().frames;
    SDL_Event e{};
    e.type = SDL_MOUSEMOTION;
    e.motion.x = 100;
    e.motion.y = 100;
    SDL_PushEvent(&e);
    kiosk.loop().runFor(300ms);
    const auto frames = kiosk.loop().stats().frames - before;
    EXPECT_GE(frames, 1u);
    EXPECT_LE(frames, 5u);
}

TEST(MainLoop, AnimatingScreenKeepsRendering) {
    Kiosk kiosk(small());
    kiosk.app().addScreen(std::make_unique<TestScreen>("spinner", false, true));
    ASSERT_TRUE(kiosk.app().go("spinner"));
    const auto before = kiosk.loop().stats().frames;
    // An idle screen draws at most one frame however long it waits (IdleAttract... above):
    // reaching many frames at all shows the animation is not throttled to idle.
    EXPECT_TRUE(runUntil(kiosk, [&] { return kiosk.loop().stats().frames >= before + 20; }))
        << "animations must not be throttled to idle";
}

// Runs until the attract screen shows; how long that took from `since`.
Clock::duration untilAttract(Kiosk& kiosk, Clock::time_point since) {
    EXPECT_TRUE(runUntil(kiosk, [&] { return kiosk.app().currentId() == "attract"; }));
    return Clock::now() - since;
}

TEST(MainLoop, PersonalDataScreenReturnsToAttractAndResetsLanguage) {
    KioskOptions o = small();
    o.personalDataTimeout = 250ms;
    o.idleTimeout = 10s;
    Kiosk kiosk(o);
    kiosk.app().addScreen(std::make_unique<TestScreen>("welcome-test", true, false));
    settle(kiosk);
    ASSERT_TRUE(kiosk.app().context().strings.setLanguage("es"));
    const auto shown = Clock::now();
    ASSERT_TRUE(kiosk.app().go("welcome-test"));
    kiosk.app().noteActivity(Clock::now());
    const auto after = untilAttract(kiosk, shown);
    EXPECT_GE(after, 250ms) << "timed out too early";
    EXPECT_LT(after, 5s) << "the idle timeout (10 s) was used, not the privacy timeout";
    EXPECT_EQ(kiosk.app().context().strings.language(), "en")
        << "the next attendee starts in the default language";
}

TEST(MainLoop, InputPostponesTheIdleTimeout) {
    KioskOptions o = small();
    o.idleTimeout = 1000ms;
    Kiosk kiosk(o);
    kiosk.app().addScreen(std::make_unique<TestScreen>("form", false, false));
    settle(kiosk);
    ASSERT_TRUE(kiosk.app().go("form"));
    kiosk.app().noteActivity(Clock::now());
    kiosk.loop().runFor(300ms);  // well inside the timeout, even on a busy machine
    ASSERT_EQ(kiosk.app().currentId(), "form") << "timed out too early";
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.text[0] = 'a';
    const auto typed = Clock::now();
    SDL_PushEvent(&e);
    EXPECT_GE(untilAttract(kiosk, typed), 1000ms) << "typing must restart the idle timeout";
}

TEST(MainLoop, AttractScreenNeverTimesOut) {
    Kiosk kiosk(small());
    EXPECT_FALSE(kiosk.app().timeoutFor(*kiosk.app().current()).has_value());
    EXPECT_FALSE(kiosk.app().nextDeadline().has_value());
}

TEST(App, UnknownScreenIsRefused) {
    Kiosk kiosk(small());
    EXPECT_FALSE(kiosk.app().go("no-such-screen"));
    EXPECT_EQ(kiosk.app().currentId(), "attract");
}

}  // namespace
}  // namespace oh::kiosk::testing
