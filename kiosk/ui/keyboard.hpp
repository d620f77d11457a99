// The on-screen keyboard for touch-only kiosks, docked at the bottom of the search and walk-in
// screens: Latin letters, an accent layer (é ñ ü ç ł ş ...), digits and symbols, space,
// backspace, and @ . on the main layer for the e-mail field. Keys are large touch targets at
// every window size. It edits the text of the field it serves at its end, as the field does.
//
// Other scripts (Arabic, Devanagari, CJK) are typed on a physical keyboard through the
// system's input method; the fields show any script, and the name search also matches a Latin
// transliteration of non-Latin names, so the Latin keys find everyone.
//
// When it shows is the configuration's `kiosk.on_screen_keyboard`:
//   "auto"   (default) open on the search screen and when a field is tapped; typing on a
//            physical keyboard closes it for the rest of that screen visit
//   "always" the same, but physical typing does not close it
//   "never"  no on-screen keyboard (kiosks with a physical keyboard)
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

namespace oh::kiosk {

struct AppContext;

namespace ui {

enum class KeyboardPolicy { Auto, Always, Never };
// "auto", "always", "never"; anything else is Auto (the configuration validates the value).
KeyboardPolicy keyboardPolicy(std::string_view text);
// The policy for this kiosk (its configuration; Auto without a session).
KeyboardPolicy keyboardPolicy(const AppContext& ctx);

// Name: a hyphen and an apostrophe on the main layer, a capital after a space.
// Email: @ and . on the main layer, no capitals.
enum class KeyboardMode { Name, Email };

class OnScreenKeyboard {
  public:
    // Height of the keyboard panel at this window size (the same for every layer).
    static float height(const AppContext& ctx);

    // Draws the panel across the bottom of the window and applies a tapped key to `text`.
    // Returns true when the text changed. Each key records a Hit "key:<label>" ("key:é",
    // "key:space", "key:backspace", "key:shift", "key:accents", "key:symbols", "key:letters",
    // "key:hide").
    bool draw(AppContext& ctx, std::string& text, KeyboardMode mode);

    bool visible() const { return visible_; }
    // A field was tapped (or the screen opened): show, unless the policy says never.
    void open(KeyboardPolicy policy);
    void close() { visible_ = false; }
    // Text arrived from a physical keyboard: under Auto the keyboard closes for this visit.
    void notePhysicalTyping(KeyboardPolicy policy);
    // A new visit of the screen: closed, letters layer, no shift.
    void reset();

  private:
    enum class Layer { Letters, Accents, Symbols };
    bool apply(const std::string& key, std::string& text, KeyboardMode mode);
    bool drawRow(AppContext& ctx, const std::string& row, ImVec2 pos, float width, float keyH,
                 std::string& text, KeyboardMode mode);

    Layer layer_ = Layer::Letters;
    bool shift_ = false;
    bool visible_ = false;
    bool physical_ = false;  // a physical keyboard was used during this visit
};

}  // namespace ui
}  // namespace oh::kiosk
