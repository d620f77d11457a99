// The PIN pad every PIN screen shares (staff, lead, scoring unlock): dots for the digits
// typed, a 3 x 4 keypad of big touch keys, digits and Backspace from a keyboard too. It holds
// the digits only until they are submitted.
#pragma once

#include <cstdint>
#include <string>

#include "kiosk/screen.hpp"

namespace oh::kiosk {
class AsyncPinGate;
}

namespace oh::kiosk::ui {

class PinPad {
  public:
    // Reads the keyboard; true when Enter was pressed.
    bool readKeyboard();
    // Dots for the digits entered (at least four), centred on cx; returns the next free y.
    float drawDots(AppContext& ctx, float cx, float y) const;
    // The status line: not configured, locked out (with the countdown), checking, or
    // `message` (a wrong PIN). Returns the next free y.
    float drawStatus(AppContext& ctx, AsyncPinGate* gate, const std::string& message,
                     std::int64_t now, float cx, float y) const;
    // The keypad from `y` down to the bottom margin; true when its unlock key was tapped.
    bool drawKeypad(AppContext& ctx, float cx, float y);

    const std::string& pin() const { return pin_; }
    void clear() { pin_.clear(); }

  private:
    bool drawKey(AppContext& ctx, const std::string& key, ImVec2 pos, ImVec2 size);
    std::string pin_;
};

}  // namespace oh::kiosk::ui
