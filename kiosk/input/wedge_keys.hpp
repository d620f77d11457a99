// Which key presses end what the wedge detector holds. A keyboard (or a wedge scanner, which
// is one) sends a key press before each character's text and presses Shift for capitals:
// those must not release a half-typed code as typing. Editing and navigation keys
// (Backspace, Tab, Escape, Delete, arrows, Home, End, function keys) act on the text typed so
// far, so the held text must reach the field before them.
#pragma once

#include <SDL.h>

namespace oh::kiosk {

inline bool keyActsOnHeldText(SDL_Keycode key) {
    switch (key) {
        case SDLK_LSHIFT:
        case SDLK_RSHIFT:
        case SDLK_LCTRL:
        case SDLK_RCTRL:
        case SDLK_LALT:
        case SDLK_RALT:
        case SDLK_LGUI:
        case SDLK_RGUI:
        case SDLK_MODE:  // AltGr on many layouts
        case SDLK_CAPSLOCK:
        case SDLK_NUMLOCKCLEAR:
            return false;
        default:
            break;
    }
    if (key & SDLK_SCANCODE_MASK) return true;  // arrows, Home, End, F-keys, keypad keys...
    return key < 0x20 || key == SDLK_DELETE;    // Backspace, Tab, Escape, Delete
}

}  // namespace oh::kiosk
