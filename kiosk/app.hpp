// The router: owns the screens, knows which one is showing, and sends the kiosk back to the
// attract screen when nobody has touched it for a while (privacy: the next person must not
// see the previous one's name).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/screen.hpp"
#include "kiosk/screen_ids.hpp"

namespace oh::kiosk {

using Clock = std::chrono::steady_clock;

struct AppSettings {
    std::string attractScreen = screen_id::attract;
    std::chrono::milliseconds idleTimeout{60'000};          // any screen but attract
    std::chrono::milliseconds personalDataTimeout{20'000};  // screens showing a person's data
    std::string defaultLanguage = "en";                     // restored for the next attendee
};

class App {
  public:
    App(AppContext context, AppSettings settings = {});

    void addScreen(std::unique_ptr<Screen> screen);  // the first screen added is shown first
    // Switches screens; false (and a log line) for an unknown id.
    bool go(std::string_view id);
    const Screen* current() const { return current_; }
    std::string_view currentId() const { return current_ ? current_->id() : ""; }
    const Screen* find(std::string_view id) const;
    // Switches the device's mode: its start screen becomes the one idle returns to, and shows.
    void setMode(std::string_view mode);

    // Input from the attendee: restarts the idle timer.
    void noteActivity(Clock::time_point now);
    // Returns to attract when the current screen's timeout has passed; true if it did.
    bool checkIdle(Clock::time_point now);
    // When checkIdle() would next act, for the main loop's sleep.
    std::optional<Clock::time_point> nextDeadline() const;
    std::optional<std::chrono::milliseconds> timeoutFor(const Screen& screen) const;

    // Draws the current screen into a full-window ImGui window (inside an ImGui frame), then
    // applies any navigation it requested. Returns true if the screen changed.
    bool drawFrame(float width, float height, double time);
    bool animating() const { return current_ && current_->animating(); }

    AppContext& context() { return ctx_; }
    const AppContext& context() const { return ctx_; }
    // Labels and rectangles drawn in the last completed frame.
    const HitRegistry& lastFrameHits() const { return lastHits_; }
    AppSettings& settings() { return settings_; }

  private:
    void drawBackground(float width, float height);

    AppContext ctx_;
    AppSettings settings_;
    std::vector<std::unique_ptr<Screen>> screens_;
    Screen* current_ = nullptr;
    Clock::time_point lastActivity_ = Clock::now();
    HitRegistry lastHits_;
};

}  // namespace oh::kiosk
