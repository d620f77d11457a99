// Scripted runs of the real kiosk (headless tests, the demo). A scenario is a text file, one
// step per line, `#` starts a comment:
//
//   tap 640 400              touch at window pixel (x, y)
//   tap-text "Español"       touch the centre of the button with this label
//   type "Ana Lima"          text input, as an on-screen or hardware keyboard sends it
//   key Enter                press and release a key (SDL key names; Enter, Esc, Backspace, Tab...)
//   wait 500                 let 500 ms pass (the loop sleeps as it would for real)
//   screenshot attract-en    write DIR/attract-en.png of the settled screen
//   expect-screen attract    fail unless this screen is showing
//   expect-text "Busca tu nombre"   fail unless the last frame drew this label
//   camera frames/qr-ok.png  feed this image (or directory) to the camera (replayed from the start)
//   scan "OH:..."            a keyboard-wedge scanner: the code typed in one burst, then Enter
//   wait-screen welcome      wait (up to the step timeout) until this screen shows
//   wait-text "Welcome"      wait (up to the step timeout) until a frame draws this label
//   wait-exit                wait (up to the step timeout) until the kiosk closes (lead PIN)
//
// Steps run through the real main loop: input is pushed as SDL events, and every check waits
// until the screen has settled.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/platform/main_loop.hpp"

namespace oh::kiosk {

struct ScenarioStep {
    enum class Kind {
        Tap,
        TapText,
        Type,
        Key,
        Wait,
        Screenshot,
        ExpectScreen,
        ExpectText,
        Camera,
        Scan,
        WaitScreen,
        WaitText,
        WaitExit
    };
    Kind kind = Kind::Tap;
    int line = 0;
    int x = 0;
    int y = 0;
    int ms = 0;
    SDL_Keycode key = SDLK_UNKNOWN;
    std::string text;  // label, typed text, key name, screenshot name, screen id or path
};

struct Scenario {
    std::string source;  // file name, for messages
    std::vector<ScenarioStep> steps;
};

// "FILE:LINE: message"
class ScenarioError : public std::runtime_error {
  public:
    ScenarioError(const std::string& source, int line, const std::string& message);
    int line() const { return line_; }

  private:
    int line_;
};

Scenario parseScenario(std::string_view text, std::string source = "<scenario>");
Scenario loadScenario(
    const std::filesystem::path& path);  // relative `camera` paths resolve against it
const char* stepName(ScenarioStep::Kind kind);

// Queues the key event SDL would deliver for `key` (down or up), as a keyboard would.
void pushKeyEvent(SDL_Keycode key, bool down);

class ScenarioRunner final : public LoopDriver {
  public:
    ScenarioRunner(Scenario scenario, std::filesystem::path screenshotDir);

    void poll(MainLoop& loop) override;
    std::optional<Clock::time_point> deadline() const override;
    void afterRender(MainLoop& loop) override;

    bool finished() const { return next_ >= scenario_.steps.size() || failed(); }
    bool failed() const { return !failure_.empty(); }
    const std::string& failure() const { return failure_; }
    const std::vector<std::filesystem::path>& screenshots() const { return screenshots_; }

    // A step that cannot complete within this time fails the run instead of hanging it.
    std::chrono::milliseconds stepTimeout{10'000};

  private:
    enum class Phase { Start, AwaitFrames, AwaitTime, AwaitCapture, KeyRelease, Poll };
    const ScenarioStep& step() const { return scenario_.steps[next_]; }
    bool runStep(MainLoop& loop);  // true when the step completed
    // The waits between and inside steps: true/false while one is under way (as runStep),
    // nullopt once the screen has settled and the step may act.
    std::optional<bool> continueWaiting(MainLoop& loop);
    bool startStep(MainLoop& loop, const ScenarioStep& s);
    bool tapText(MainLoop& loop, const std::string& label);
    bool pressKey(MainLoop& loop, SDL_Keycode key);  // down now, up a frame later
    bool expectScreen(MainLoop& loop, const std::string& id);
    bool expectText(MainLoop& loop, const std::string& label);
    bool replayCamera(MainLoop& loop, const std::string& path);
    bool scanLikeAWedge(const std::string& code);
    bool pollAgainSoon();  // always false: look again in 20 ms
    bool ready(MainLoop& loop) const;
    void fail(const std::string& message);
    void complete();
    void pushTap(float x, float y);
    void pushText(const std::string& text);
    void waitFrames(MainLoop& loop, int frames);

    Scenario scenario_;
    std::filesystem::path screenshotDir_;
    size_t next_ = 0;
    Phase phase_ = Phase::Start;
    std::uint64_t frameTarget_ = 0;
    Clock::time_point waitUntil_;
    Clock::time_point stepStarted_;
    std::string failure_;
    std::vector<std::filesystem::path> screenshots_;
};

}  // namespace oh::kiosk
