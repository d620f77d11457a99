// The screen interface and the context every screen draws from.
//
// A screen only draws state and turns input into requests (navigation now, core calls
// later). It never touches SDL, GL or files: that keeps it drivable headless.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/camera_state.hpp"
#include "kiosk/platform/fonts.hpp"
#include "kiosk/strings.hpp"
#include "kiosk/ui/widgets.hpp"

namespace oh::kiosk {

// Plain data the screens show. main() fills it (from the core store once it exists; from
// the command line and demo defaults for now). Screens read it, never own it.
struct EventView {
    std::string name = "Spring Open House 2026";
    std::string venue = "Harbour Hall, Level 2";
    std::string when = "Thursday 14 May · 13:00–18:00";
    std::int64_t startsAt = 0;  // when set, `when` is formatted in the current language
    std::int64_t endsAt = 0;
};

struct ViewModel {
    EventView event;
    std::string
        cameraPath;  // --camera-file or a scenario's `camera` step; used by the camera worker
    std::uint64_t cameraGeneration = 0;  // bumped by each `camera` step: replay from the start
    CameraState cameraState = CameraState::Off;
    std::string kioskName = "Kiosk 1";
};

class Session;
class TextTextures;

struct AppContext {
    ViewModel model;
    Strings strings;
    Fonts fonts;
    float scale = 1.0f;     // design px (1280x800 layout) -> window px
    float width = 1280.0f;  // window size in px
    float height = 800.0f;
    double time = 0.0;                      // seconds since start, for animations
    HitRegistry hits;                       // what the current frame drew, for scenarios and tests
    Session* session = nullptr;             // store, camera, desk; null in layout-only tests
    TextTextures* textures = nullptr;       // pango-shaped text as textures; null without GL
    std::string currentScreen;              // id of the screen being drawn
    std::vector<std::string> scannedCodes;  // keyboard-wedge scans since the last frame
    bool quitRequested = false;             // the lead PIN was accepted on the exit screen
    // The language the roster's own texts (compliments) are written in: the kiosk's default
    // language (kiosk.language / --lang). The welcome line leaves them out in other languages.
    std::string rosterLanguage = "en";
    // What the device is for now: "door", "scoring" or "feedback" (screen_ids.hpp kModes).
    std::string mode = "door";

    const std::string& tr(std::string_view key) const { return strings.get(key); }
    float px(float designPixels) const { return designPixels * scale; }
    // Asks the router to show another screen after this frame.
    void go(std::string_view screenId) { requestedScreen = std::string(screenId); }

    // Asks the router to switch the device's mode (the lead's mode screen) after this frame.
    void switchMode(std::string_view newMode) { requestedMode = std::string(newMode); }

    std::string requestedScreen;  // consumed by App after drawContent()
    std::string requestedMode;    // consumed by App after drawContent()
};

class Screen {
  public:
    virtual ~Screen() = default;
    // Stable id used by the router, scenarios (`expect-screen`) and tests.
    virtual const char* id() const = 0;
    // Draws the whole window's content; the router has already opened a full-window ImGui
    // window with the background painted.
    virtual void drawContent(AppContext& ctx) = 0;
    // True while something moves: the main loop keeps rendering instead of sleeping.
    virtual bool animating() const { return false; }
    // Screens with personal data go back to attract after the shorter privacy timeout.
    virtual bool showsPersonalData() const { return false; }
    // Overrides the router's timeout; std::nullopt from attract means "never time out".
    virtual std::optional<std::chrono::milliseconds> idleTimeout() const { return {}; }
    virtual bool isAttract() const { return false; }
    virtual void onEnter(AppContext&) {}
    virtual void onLeave(AppContext&) {}
};

}  // namespace oh::kiosk
