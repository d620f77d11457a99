// The start screens of the scoring and feedback modes share their top and their scan prompt:
// the top bar (its button opens the lead's mode switch), the mode's title, and "scan your
// badge" with the QR guide and one status line under it.
#pragma once

#include <string>

#include "kiosk/screen.hpp"

namespace oh::kiosk::ui {

// Draws the top bar and the title centred; returns the next free y. `available` false: says
// the device has no event data (the caller draws nothing else).
float modeStartHeader(AppContext& ctx, const char* titleKey, bool available);

// The prompt, the QR guide and `status` (empty: none) from `y` down.
void scanPrompt(AppContext& ctx, const std::string& prompt, const std::string& status, float y);

}  // namespace oh::kiosk::ui
