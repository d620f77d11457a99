// The lazy main loop: renders only when something changed, otherwise sleeps in
// SDL_WaitEventTimeout until input, a wakeUi() from a worker thread, an animation frame or
// the next timer (idle timeout, cursor hiding, a scenario step).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include <SDL.h>

#include "kiosk/app.hpp"
#include "kiosk/input/wedge.hpp"
#include "kiosk/platform/platform.hpp"
#include "kiosk/platform/pointer.hpp"

namespace oh::kiosk {

// Wakes the UI thread from any thread (camera frame decoded, sync update arrived).
// Safe to call before the loop exists (it is then a no-op) and from many threads.
void wakeUi();

class MainLoop;

// Something that drives the loop besides the attendee: the scenario runner in headless runs.
class LoopDriver {
  public:
    virtual ~LoopDriver() = default;
    // Once per loop iteration, before sleeping: may push SDL events or request frames.
    virtual void poll(MainLoop& loop) = 0;
    // When poll() must run again even if no event arrives.
    virtual std::optional<Clock::time_point> deadline() const = 0;
    // After each frame is drawn, before it is presented: the back buffer is readable.
    virtual void afterRender(MainLoop& loop) = 0;
};

struct LoopSettings {
    // Kiosk lockdown: window close / Alt-F4 are ignored (the lead-PIN exit comes later).
    bool lockdown = true;
    std::chrono::milliseconds cursorHideAfter{3000};
    // Upper bound on one sleep, a guard against a missed wake-up; costs nothing measurable.
    std::chrono::milliseconds maxSleep{5000};
    // ImGui needs a couple of frames after input for hover/active state and layout to settle.
    int settleFrames = 3;
};

struct LoopStats {
    std::uint64_t frames = 0;   // frames rendered
    std::uint64_t wakeups = 0;  // times the loop woke up from a sleep
    std::uint64_t events = 0;   // SDL events handled
};

class MainLoop {
  public:
    MainLoop(Platform& platform, App& app, LoopSettings settings = {});
    ~MainLoop();
    MainLoop(const MainLoop&) = delete;
    MainLoop& operator=(const MainLoop&) = delete;

    void setDriver(LoopDriver* driver) { driver_ = driver; }
    int run();  // until requestQuit(); returns its exit code
    // Runs for a while (tests): same iteration as run(), bounded in time.
    void runFor(std::chrono::milliseconds duration);
    void requestQuit(int exitCode = 0);
    void requestFrames(int frames);
    bool quitRequested() const { return quit_; }
    // No frames pending and nothing animating: the screen shows its settled state.
    bool settled() const { return pendingFrames_ == 0 && !app_.animating(); }

    const LoopStats& stats() const { return stats_; }
    Platform& platform() { return platform_; }
    App& app() { return app_; }

  private:
    void iterate(std::optional<Clock::time_point> stopAt);
    int sleepBudgetMs(Clock::time_point now, std::optional<Clock::time_point> stopAt) const;
    void handleEvent(const SDL_Event& event, Clock::time_point now);
    void handleTimers(Clock::time_point now);
    void renderFrame();
    void setCursorVisible(bool visible);
    void applyWedge(std::vector<WedgeOutput> outputs);

    Platform& platform_;
    App& app_;
    LoopSettings settings_;
    LoopDriver* driver_ = nullptr;
    PointerTracker pointer_;
    LoopStats stats_;
    int pendingFrames_ = 0;
    bool quit_ = false;
    int exitCode_ = 0;
    bool cursorVisible_ = true;
    WedgeDetector wedge_;
    bool swallowEnterUp_ = false;
    Clock::time_point lastMouseMove_;
    Clock::time_point start_;
};

}  // namespace oh::kiosk
