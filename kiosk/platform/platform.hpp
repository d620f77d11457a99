// Platform start-up: SDL window, OpenGL context, Dear ImGui backends, fonts and theme.
// Screens never touch SDL or GL; they only see ImGui and the AppContext.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include "kiosk/platform/fonts.hpp"
#include "kiosk/platform/image.hpp"

struct SDL_Window;
struct SDL_Rect;
struct ImGuiIO;

namespace oh::kiosk {

class PlatformError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct PlatformOptions {
    bool headless = false;  // SDL offscreen driver (EGL), for tests and the demo
    bool windowed = false;  // otherwise fullscreen over the whole display, with or without a WM
    int width = 0;          // 0: 1280x800 windowed/headless, the display size fullscreen
    int height = 0;
    bool vsync = true;
    std::map<std::string, std::string> fontRoles;  // from assets/fonts.txt
    std::string glyphText;  // every string the UI may show: its glyphs go in the atlas
    std::string title = "Openhouse";
};

// Reference layout size: screens are designed at 1280x800 and scaled.
inline constexpr float kDesignWidth = 1280.0f;
inline constexpr float kDesignHeight = 800.0f;
float uiScaleFor(int width, int height);

class Platform {
  public:
    explicit Platform(PlatformOptions options);  // throws PlatformError
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // Starts an ImGui frame. `beforeImGui` lets the caller adjust io (e.g. pointer state)
    // after the SDL backend has updated it.
    template <typename Fn>
    void beginFrame(Fn&& beforeImGui) {
        prepareFrame();
        beforeImGui(io());
        startImGuiFrame();
    }
    void endFrame();        // ImGui::Render + draw into the back buffer (no swap)
    void present();         // swap buffers
    Image capture() const;  // the back buffer as drawn by endFrame()

    SDL_Window* window() const { return window_; }
    int width() const;
    int height() const;
    float scale() const { return scale_; }
    const Fonts& fonts() const { return fonts_; }
    bool headless() const { return options_.headless; }

  private:
    void initSdl();
    void createWindow();
    void coverScreen(const SDL_Rect& screen);
    void initImGui();
    void rebuildFonts(float scale);
    void prepareFrame();
    void startImGuiFrame();
    static ImGuiIO& io();

    PlatformOptions options_;
    SDL_Window* window_ = nullptr;
    void* glContext_ = nullptr;
    float scale_ = 0.0f;
    Fonts fonts_;
    bool fontTextureUploaded_ = false;
};

}  // namespace oh::kiosk
