// Shared drawing helpers for screens: big touch buttons, centred and wrapped text, icons.
// Every widget records its label and rectangle in the frame's HitRegistry so scenarios can
// `tap-text "label"` and tests can check what a screen drew and where.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oh::kiosk {

struct Hit {
    std::string label;
    ImVec2 min;
    ImVec2 max;
    bool clickable = false;
    int missingGlyphs = 0;  // characters drawn without a glyph of their own ('?' or a box)
    bool shaped = false;    // drawn by pango (any script), not ImGui's font atlas
    ImVec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
};

class HitRegistry {
  public:
    void clear() { hits_.clear(); }
    void add(Hit hit) { hits_.push_back(std::move(hit)); }
    // Exact label first, then a unique case-insensitive substring match.
    std::optional<Hit> find(std::string_view label, bool clickableOnly = false) const;
    const std::vector<Hit>& all() const { return hits_; }

  private:
    std::vector<Hit> hits_;
};

struct AppContext;

namespace ui {

enum class ButtonStyle { Primary, Secondary, Selected };

// A rounded touch button with a centred label (and optional icon drawn by `icon`).
// Returns true when tapped. `id` keeps ImGui ids stable when the label changes language.
bool button(AppContext& ctx, const char* id, const std::string& label, ImVec2 pos, ImVec2 size,
            ButtonStyle style, ImFont* font,
            void (*icon)(ImDrawList*, ImVec2 center, float size, ImU32 color) = nullptr);

// Text centred on `centerX`, wrapped at `maxWidth`. Rather than cut it, the text is shrunk (down
// to half size) when a single word is too wide or it needs more than `maxLines` (0: any).
// Returns the height used.
float centeredText(AppContext& ctx, ImFont* font, const std::string& text, float centerX, float top,
                   float maxWidth, ImU32 color, int maxLines = 0);
// Left-aligned wrapped text. Returns the height used.
float wrappedText(AppContext& ctx, ImFont* font, const std::string& text, ImVec2 pos,
                  float maxWidth, ImU32 color);

// Size of wrappedText()'s output without drawing it.
ImVec2 measureWrapped(ImFont* font, const std::string& text, float maxWidth);
// Width of one line of text in `font` at its own size.
float textWidth(ImFont* font, const std::string& text);
// Characters of `text` that `font` has no glyph for (ImGui would draw them as '?').
int missingGlyphs(ImFont* font, const std::string& text);

void magnifierIcon(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
// The QR "viewfinder" graphic: corner brackets around a stylised code.
void qrGuide(ImDrawList* dl, ImVec2 min, float size, ImU32 frameColor, ImU32 codeColor,
             float scale);

}  // namespace ui
}  // namespace oh::kiosk

namespace oh::kiosk::ui {

// A card: rounded panel with a soft shadow, the container of every screen's content.
void card(AppContext& ctx, ImVec2 min, ImVec2 max);

// The top bar every screen but attract shares: brand on the left, an optional "Back" button
// on the right (returns true when tapped).
bool topBar(AppContext& ctx, const char* backLabelKey = "common.back");

// Text shaped by pango (any script: Arabic, Devanagari, CJK) drawn from a cached texture.
// `sizePx` is design pixels; `align` centres on pos.x (Center), starts at it (Left).
// Falls back to ImGui text without a texture cache. Records a Hit with `text`. Returns the height.
enum class Align { Left, Center };
float shapedText(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                 ImVec2 pos, float maxWidth, Align align);

// The size shapedText() would use for the same arguments (to lay out before drawing).
ImVec2 shapedSize(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                  float maxWidth);
// The height shapedText() would use for the same arguments (to lay out before drawing).
float shapedHeight(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                   float maxWidth, Align align = Align::Center);

// A large single-line text field (white, dark text). Returns true when the text changed.
// `hint` shows while empty. Keeps keyboard focus when `focus` is set.
bool textField(AppContext& ctx, const char* id, std::string& text, const std::string& hint,
               ImVec2 pos, float width, bool focus, int flags = 0);

void checkIcon(ImDrawList* dl, ImVec2 center, float size, ImU32 color);
void alertIcon(ImDrawList* dl, ImVec2 center, float size, ImU32 color);

}  // namespace oh::kiosk::ui
