#include "kiosk/platform/pointer.hpp"

#include <imgui.h>

namespace oh::kiosk {

namespace {
constexpr float kAway = -1e9f;
}

bool PointerTracker::onEvent(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEMOTION:
            x_ = static_cast<float>(event.motion.x);
            y_ = static_cast<float>(event.motion.y);
            return true;
        case SDL_MOUSEBUTTONDOWN:
            if (event.button.button != SDL_BUTTON_LEFT) return true;
            x_ = static_cast<float>(event.button.x);
            y_ = static_cast<float>(event.button.y);
            down_ = true;
            pressedLatch_ = true;
            liftAfterRelease_ = false;
            return true;
        case SDL_MOUSEBUTTONUP:
            if (event.button.button != SDL_BUTTON_LEFT) return true;
            x_ = static_cast<float>(event.button.x);
            y_ = static_cast<float>(event.button.y);
            down_ = false;
            liftAfterRelease_ = event.button.which == SDL_TOUCH_MOUSEID;
            return true;
        case SDL_WINDOWEVENT:
            if (event.window.event == SDL_WINDOWEVENT_LEAVE) x_ = y_ = kAway;
            return false;
        default:
            return false;
    }
}

void PointerTracker::applyTo(ImGuiIO& io) {
    io.MousePos = ImVec2(x_, y_);
    io.MouseDown[0] = down_ || pressedLatch_;
    pressedLatch_ = false;
    // The release frame still needs the position (ImGui requires hover on release);
    // afterwards the lifted finger must not leave a hover highlight behind.
    if (!io.MouseDown[0] && liftAfterRelease_) {
        x_ = y_ = kAway;
        liftAfterRelease_ = false;
    }
}

}  // namespace oh::kiosk
