// Pointer state for ImGui, kept from SDL events rather than polled.
//
// ImGui 1.86's SDL backend polls SDL_GetMouseState(), which ignores events pushed with
// SDL_PushEvent (scenario taps) and keeps a finger's last position "hovering" after a
// touch. Tracking the events ourselves gives one path for mouse, touch and scripted taps.
#pragma once

#include <SDL.h>

struct ImGuiIO;

namespace oh::kiosk {

class PointerTracker {
  public:
    // Returns true if the event was a pointer event.
    bool onEvent(const SDL_Event& event);
    // Call after the backends' NewFrame and before ImGui::NewFrame.
    void applyTo(ImGuiIO& io);
    bool down() const { return down_; }

  private:
    float x_ = -1e9f;
    float y_ = -1e9f;
    bool down_ = false;
    bool pressedLatch_ = false;      // a press and release within one frame still clicks
    bool liftAfterRelease_ = false;  // touch: no hover once the finger is gone
};

}  // namespace oh::kiosk
