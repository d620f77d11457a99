#include "kiosk/platform/platform.hpp"

#include <SDL.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {

namespace {

constexpr unsigned kGlColorBufferBit = 0x00004000;
using ViewportFn = void (*)(int, int, int, int);
using ClearColorFn = void (*)(float, float, float, float);
using ClearFn = void (*)(unsigned);
using FinishFn = void (*)();

template <typename Fn>
Fn glProc(const char* name) {
    auto fn = reinterpret_cast<Fn>(SDL_GL_GetProcAddress(name));
    if (!fn) throw PlatformError(std::string("OpenGL function missing: ") + name);
    return fn;
}

}  // namespace

float uiScaleFor(int width, int height) {
    float s = std::min(static_cast<float>(width) / kDesignWidth,
                       static_cast<float>(height) / kDesignHeight);
    // Quantise so a window a few pixels off does not rebuild the atlas.
    return std::max(0.5f, std::round(s * 20.0f) / 20.0f);
}

Platform::Platform(PlatformOptions options) : options_(std::move(options)) {
    initSdl();
    createWindow();
    initImGui();
}

Platform::~Platform() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    if (glContext_) SDL_GL_DeleteContext(glContext_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

void Platform::initSdl() {
    if (options_.headless) {
        // Explicit: without DISPLAY, SDL 2.26 only falls back to offscreen after an error.
        SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
    }
    // Window close (Alt-F4) arrives as a window event only; SDL_QUIT then means a signal.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // Touches arrive as mouse events (ImGui 1.86 has no touch API); keep it that way.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    // Only video/events: joystick or sensor subsystems make SDL_WaitEventTimeout poll.
    // A kiosk started with its session may come up before the display takes connections
    // (seen with two X servers starting side by side): it waits for it, 20 s at most.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        const std::string error = SDL_GetError();
        if (options_.headless || std::chrono::steady_clock::now() > until)
            throw PlatformError("SDL_Init failed: " + error);
        spdlog::warn("kiosk: the display is not ready ({}): trying again", error);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    // A kiosk must not blank or lock while waiting for the next attendee.
    SDL_DisableScreenSaver();
}

void Platform::createWindow() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int w = options_.width > 0 ? options_.width : static_cast<int>(kDesignWidth);
    int h = options_.height > 0 ? options_.height : static_cast<int>(kDesignHeight);
    // Offscreen "fullscreen" is 1024x768: headless always uses the explicit size.
    const bool fullscreen = !options_.windowed && !options_.headless;
    SDL_Rect screen{0, 0, 0, 0};
    if (fullscreen) {
        // The window is made at the display's place and size, borderless: a bare `xinit` has
        // no window manager to honour the fullscreen request (_NET_WM_STATE), and the X server
        // then keeps the window exactly as it was created. With a WM (or a Wayland kiosk
        // compositor such as cage) the fullscreen flag does the rest.
        if (SDL_GetDisplayBounds(0, &screen) == 0 && screen.w > 0 && screen.h > 0) {
            x = screen.x;
            y = screen.y;
            if (options_.width <= 0) {
                w = screen.w;
                h = screen.h;
            }
        }
        flags |= SDL_WINDOW_BORDERLESS |
                 (options_.width > 0 ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP);
    }
    window_ = SDL_CreateWindow(options_.title.c_str(), x, y, w, h, flags);
    if (!window_) throw PlatformError(std::string("SDL_CreateWindow failed: ") + SDL_GetError());
    glContext_ = SDL_GL_CreateContext(window_);
    if (!glContext_) {
        throw PlatformError(std::string("OpenGL 3.2 context failed: ") + SDL_GetError());
    }
    SDL_GL_MakeCurrent(window_, glContext_);
    SDL_GL_SetSwapInterval(options_.vsync && !options_.headless ? 1 : 0);
    if (fullscreen && screen.w > 0) coverScreen(screen);
    int px = 0, py = 0;
    SDL_GetWindowPosition(window_, &px, &py);
    spdlog::info("kiosk: {} window {}x{} at {},{} ({} driver)",
                 options_.headless ? "headless"
                 : fullscreen      ? "fullscreen"
                                   : "windowed",
                 width(), height(), px, py, SDL_GetCurrentVideoDriver());
}

// Checks where the window really is once the window system has placed it, and moves it over
// the screen if it is not there: the fallback for window managers and compositors that
// ignore both the fullscreen request and the position and size the window was made with.
void Platform::coverScreen(const SDL_Rect& screen) {
    for (int i = 0; i < 10; ++i) SDL_PumpEvents();
    int x = 0, y = 0, w = 0, h = 0;
    SDL_GetWindowPosition(window_, &x, &y);
    SDL_GetWindowSize(window_, &w, &h);
    if (x == screen.x && y == screen.y && w >= screen.w && h >= screen.h) return;
    spdlog::warn("kiosk: the window is {}x{} at {},{}, not over the {}x{} screen: moving it", w, h,
                 x, y, screen.w, screen.h);
    SDL_SetWindowPosition(window_, screen.x, screen.y);
    SDL_SetWindowSize(window_, screen.w, screen.h);
}

void Platform::initImGui() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini on a kiosk
    io.LogFilename = nullptr;
    // The app manages the cursor (hidden when idle); the backend would show it every frame.
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = !options_.headless;  // headless frames must be repeatable
    if (!ImGui_ImplSDL2_InitForOpenGL(window_, glContext_) ||
        !ImGui_ImplOpenGL3_Init("#version 150")) {
        throw PlatformError("ImGui backend initialisation failed");
    }
    rebuildFonts(uiScaleFor(width(), height()));
}

void Platform::rebuildFonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    if (fontTextureUploaded_) ImGui_ImplOpenGL3_DestroyFontsTexture();
    // Fonts are rasterised at framebuffer resolution so HiDPI panels stay sharp.
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(window_, &dw, &dh);
    const float fbScale = width() > 0 ? static_cast<float>(dw) / width() : 1.0f;
    fonts_ = buildFonts(*io.Fonts, options_.fontRoles, options_.glyphText, scale * fbScale);
    io.FontGlobalScale = 1.0f / fbScale;
    if (fontTextureUploaded_) {
        ImGui_ImplOpenGL3_CreateFontsTexture();
        io.Fonts->ClearTexData();
    }
    theme::apply(scale);
    scale_ = scale;
}

int Platform::width() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    return w;
}

int Platform::height() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    return h;
}

ImGuiIO& Platform::io() {
    return ImGui::GetIO();
}

void Platform::prepareFrame() {
    const float wanted = uiScaleFor(width(), height());
    if (wanted != scale_) rebuildFonts(wanted);
    ImGui_ImplOpenGL3_NewFrame();  // uploads the font atlas on the first frame
    if (!fontTextureUploaded_) {
        // The atlas now lives on the GPU; drop the CPU copy (megabytes at large scales).
        io().Fonts->ClearTexData();
        fontTextureUploaded_ = true;
    }
    ImGui_ImplSDL2_NewFrame();
}

void Platform::startImGuiFrame() {
    ImGui::NewFrame();
}

void Platform::endFrame() {
    static auto viewport = glProc<ViewportFn>("glViewport");
    static auto clearColor = glProc<ClearColorFn>("glClearColor");
    static auto clear = glProc<ClearFn>("glClear");
    ImGui::Render();
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(window_, &dw, &dh);
    viewport(0, 0, dw, dh);
    clearColor(0.04f, 0.11f, 0.23f, 1.0f);
    clear(kGlColorBufferBit);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Platform::present() {
    static auto finish = glProc<FinishFn>("glFinish");
    SDL_GL_SwapWindow(window_);
    // Offscreen EGL swaps a pbuffer, which flushes nothing: without this, llvmpipe queues
    // every frame's work and the backlog (seconds, and memory) lands on context deletion.
    if (options_.headless) finish();
}

Image Platform::capture() const {
    int dw = 0, dh = 0;
    SDL_GL_GetDrawableSize(window_, &dw, &dh);
    return readFramebuffer(dw, dh);
}

}  // namespace oh::kiosk
