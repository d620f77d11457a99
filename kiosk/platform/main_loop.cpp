#include "kiosk/platform/main_loop.hpp"
#include "kiosk/screen_ids.hpp"

#include <backends/imgui_impl_sdl.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include "kiosk/input/wedge_keys.hpp"
#include "kiosk/platform/textures.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>

namespace oh::kiosk {

namespace {

// SDL user event type registered by the live MainLoop; 0 when there is none.
std::atomic<Uint32> gWakeEventType{0};

// SDL's offscreen and dummy drivers have no native event wait: SDL_WaitEventTimeout polls
// every millisecond there (~4 % of a core while idle). Headless, the only events come from
// this thread (scenario) or wakeUi(), so the loop sleeps on this condition variable instead.
std::mutex gWakeMutex;
std::condition_variable gWakeCv;
bool gWakeSignalled = false;

bool sdlCanWait() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver && std::strcmp(driver, "offscreen") != 0 && std::strcmp(driver, "dummy") != 0;
}

int waitEvent(SDL_Event* event, int timeoutMs) {
    static const bool native = sdlCanWait();
    if (native) return SDL_WaitEventTimeout(event, timeoutMs);
    if (SDL_PollEvent(event)) return 1;
    {
        std::unique_lock lock(gWakeMutex);
        gWakeCv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [] { return gWakeSignalled; });
        gWakeSignalled = false;
    }
    return SDL_PollEvent(event);
}

bool isUserInput(const SDL_Event& e) {
    switch (e.type) {
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION:
            return true;
        default:
            return false;
    }
}

// A real mouse (not a finger turned into mouse events) shows the cursor.
bool isRealMouse(const SDL_Event& e) {
    switch (e.type) {
        case SDL_MOUSEMOTION:
            return e.motion.which != SDL_TOUCH_MOUSEID;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            return e.button.which != SDL_TOUCH_MOUSEID;
        default:
            return false;
    }
}

}  // namespace

void wakeUi() {
    const Uint32 type = gWakeEventType.load(std::memory_order_acquire);
    if (type == 0) return;
    SDL_Event e{};
    e.type = type;
    SDL_PushEvent(&e);  // thread-safe; also interrupts SDL_WaitEventTimeout
    {
        std::lock_guard lock(gWakeMutex);
        gWakeSignalled = true;
    }
    gWakeCv.notify_one();
}

MainLoop::MainLoop(Platform& platform, App& app, LoopSettings settings)
    : platform_(platform), app_(app), settings_(settings) {
    const Uint32 type = SDL_RegisterEvents(1);
    if (type != static_cast<Uint32>(-1)) gWakeEventType.store(type, std::memory_order_release);
    start_ = Clock::now();
    lastMouseMove_ = start_;
    app_.noteActivity(start_);
    setCursorVisible(false);                  // shown on the first real mouse movement
    pendingFrames_ = settings_.settleFrames;  // the first picture
}

MainLoop::~MainLoop() {
    gWakeEventType.store(0, std::memory_order_release);
}

int MainLoop::run() {
    quit_ = false;  // run() may be called again (tests run several scenarios on one kiosk)
    while (!quit_) iterate(std::nullopt);
    return exitCode_;
}

void MainLoop::runFor(std::chrono::milliseconds duration) {
    const auto stopAt = Clock::now() + duration;
    quit_ = false;
    while (!quit_ && Clock::now() < stopAt) iterate(stopAt);
}

void MainLoop::requestQuit(int exitCode) {
    quit_ = true;
    exitCode_ = exitCode;
}

void MainLoop::requestFrames(int frames) {
    pendingFrames_ = std::max(pendingFrames_, frames);
}

int MainLoop::sleepBudgetMs(Clock::time_point now, std::optional<Clock::time_point> stopAt) const {
    auto until = now + settings_.maxSleep;
    auto earlier = [&](std::optional<Clock::time_point> t) {
        if (t && *t < until) until = *t;
    };
    earlier(app_.nextDeadline());
    earlier(stopAt);
    if (driver_) earlier(driver_->deadline());
    if (cursorVisible_) earlier(lastMouseMove_ + settings_.cursorHideAfter);
    if (auto w = wedge_.nextDeadline()) {
        earlier(now + std::chrono::milliseconds(std::max<std::int64_t>(
                          0, *w - static_cast<std::int64_t>(SDL_GetTicks()))));
    }
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
    return static_cast<int>(std::max<decltype(ms)>(ms, 1));
}

void MainLoop::iterate(std::optional<Clock::time_point> stopAt) {
    if (driver_) driver_->poll(*this);
    if (quit_) return;

    SDL_Event event;
    bool got = false;
    if (pendingFrames_ > 0 || app_.animating()) {
        got = SDL_PollEvent(&event) != 0;  // a frame is due: do not sleep
    } else {
        got = waitEvent(&event, sleepBudgetMs(Clock::now(), stopAt)) != 0;
        ++stats_.wakeups;
    }
    const auto now = Clock::now();
    while (got) {
        handleEvent(event, now);
        got = SDL_PollEvent(&event) != 0;
    }
    handleTimers(now);
    if (pendingFrames_ > 0 || app_.animating()) renderFrame();
}

void MainLoop::applyWedge(std::vector<WedgeOutput> outputs) {
    for (auto& out : outputs) {
        if (out.kind == WedgeOutput::Kind::Typed) {
            ImGui::GetIO().AddInputCharactersUTF8(out.text.c_str());
        } else {
            spdlog::info("kiosk: keyboard-wedge scan ({} characters)", out.text.size());
            app_.context().scannedCodes.push_back(std::move(out.text));
        }
        requestFrames(settings_.settleFrames);
    }
}

void MainLoop::handleEvent(const SDL_Event& event, Clock::time_point now) {
    ++stats_.events;
    const Uint32 wakeType = gWakeEventType.load(std::memory_order_relaxed);
    if (wakeType != 0 && event.type == wakeType) {
        requestFrames(1);  // new camera frame or sync state: draw it
        return;
    }
    // Keyboard-wedge scanners: text is held by the detector and released as typing or a scan.
    const bool isEnter =
        (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP) &&
        (event.key.keysym.sym == SDLK_RETURN || event.key.keysym.sym == SDLK_KP_ENTER);
    bool swallow = false;
    if (event.type == SDL_TEXTINPUT) {
        applyWedge(wedge_.text(event.text.text, event.text.timestamp));
        swallow = true;
    } else if (isEnter && event.type == SDL_KEYDOWN && wedge_.holding()) {
        bool passEnter = true;
        applyWedge(wedge_.enter(event.key.timestamp, passEnter));
        swallow = !passEnter;
        swallowEnterUp_ = !passEnter;
    } else if (isEnter && event.type == SDL_KEYUP && swallowEnterUp_) {
        swallowEnterUp_ = false;
        swallow = true;
    } else if (event.type == SDL_KEYDOWN && wedge_.holding() &&
               keyActsOnHeldText(event.key.keysym.sym)) {
        applyWedge(wedge_.poll(static_cast<std::int64_t>(event.key.timestamp) +
                               1'000'000));  // editing keys: flush first
    }
    if (!swallow) ImGui_ImplSDL2_ProcessEvent(&event);
    pointer_.onEvent(event);
    if (isUserInput(event)) {
        app_.noteActivity(now);
        requestFrames(settings_.settleFrames);
    }
    if (isRealMouse(event)) {
        lastMouseMove_ = now;
        setCursorVisible(true);
    }
    if (event.type == SDL_QUIT) {
        // With SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE=0 this only comes from SIGINT/SIGTERM
        // (systemd stopping the service), never from an attendee.
        spdlog::info("kiosk: quit signal received");
        requestQuit(0);
    } else if (event.type == SDL_WINDOWEVENT) {
        if (event.window.event == SDL_WINDOWEVENT_CLOSE) {
            if (settings_.lockdown) {
                spdlog::warn(
                    "kiosk: window close refused (kiosk lockdown): asking for the lead PIN");
                if (app_.find(screen_id::exitPin)) app_.go(screen_id::exitPin);
            } else {
                requestQuit(0);
            }
        }
        requestFrames(settings_.settleFrames);  // exposed, resized, focus: redraw
    }
}

void MainLoop::handleTimers(Clock::time_point now) {
    if (wedge_.holding()) applyWedge(wedge_.poll(static_cast<std::int64_t>(SDL_GetTicks())));
    if (app_.checkIdle(now)) requestFrames(settings_.settleFrames);
    if (cursorVisible_ && now - lastMouseMove_ >= settings_.cursorHideAfter)
        setCursorVisible(false);
}

void MainLoop::renderFrame() {
    platform_.beginFrame([this](ImGuiIO& io) { pointer_.applyTo(io); });
    const double time = std::chrono::duration<double>(Clock::now() - start_).count();
    if (app_.drawFrame(static_cast<float>(platform_.width()),
                       static_cast<float>(platform_.height()), time)) {
        // A new screen: draw it a few times so its layout settles.
        requestFrames(settings_.settleFrames + 1);
        app_.noteActivity(Clock::now());
    }
    if (app_.context().quitRequested) {
        spdlog::info("kiosk: exit with the lead PIN");
        requestQuit(0);
    }
    platform_.endFrame();
    if (app_.context().textures) app_.context().textures->endFrame();
    ++stats_.frames;
    if (pendingFrames_ > 0) --pendingFrames_;
    if (driver_) driver_->afterRender(*this);
    platform_.present();
}

void MainLoop::setCursorVisible(bool visible) {
    if (visible == cursorVisible_) return;
    SDL_ShowCursor(visible ? SDL_ENABLE : SDL_DISABLE);
    cursorVisible_ = visible;
}

}  // namespace oh::kiosk
