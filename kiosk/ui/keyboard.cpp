#include "kiosk/ui/keyboard.hpp"

#include <imgui_internal.h>  // ImGui::ClearActiveID

#include <algorithm>
#include <cctype>
#include <cmath>
#include <vector>

#include "core/text/utf8.hpp"
#include "kiosk/screen.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk::ui {

namespace {

// One layer: four rows of keys separated by spaces. "{...}" are function keys; {m1} and {m2}
// are the mode's own keys ("-" "'" for names, "@" "." for e-mail addresses).
struct LayerRows {
    const char* lower[4];
    const char* upper[4];
};

constexpr LayerRows kLetters{
    {"q w e r t y u i o p", "a s d f g h j k l", "{shift} z x c v b n m {backspace}",
     "{symbols} {accents} {m1} {space} {m2} {hide}"},
    {"Q W E R T Y U I O P", "A S D F G H J K L", "{shift} Z X C V B N M {backspace}",
     "{symbols} {accents} {m1} {space} {m2} {hide}"}};

// The accents of the European languages a roster most often holds; the search itself ignores
// accents, so they matter for the walk-in name on the badge.
constexpr LayerRows kAccents{{"à á â ä ã å æ ç ć č è é ê ë", "ę ğ ì í î ï ı ł ñ ń ò ó ô ö",
                              "{shift} õ ø œ ś š ş ß ù ú û ü ý ž {backspace}",
                              "{symbols} {letters} {m1} {space} {m2} {hide}"},
                             {"À Á Â Ä Ã Å Æ Ç Ć Č È É Ê Ë", "Ę Ğ Ì Í Î Ï I Ł Ñ Ń Ò Ó Ô Ö",
                              "{shift} Õ Ø Œ Ś Š Ş ß Ù Ú Û Ü Ý Ž {backspace}",
                              "{symbols} {letters} {m1} {space} {m2} {hide}"}};

constexpr LayerRows kSymbols{
    {"1 2 3 4 5 6 7 8 9 0", "@ . - _ ' + & ( ) /", ", ! ? : ; \" # {backspace}",
     "{letters} {accents} {m1} {space} {m2} {hide}"},
    {"1 2 3 4 5 6 7 8 9 0", "@ . - _ ' + & ( ) /", ", ! ? : ; \" # {backspace}",
     "{letters} {accents} {m1} {space} {m2} {hide}"}};

constexpr int kRows = 4;

std::vector<std::string> splitKeys(const std::string& row) {
    std::vector<std::string> keys;
    std::size_t start = 0;
    while (start < row.size()) {
        std::size_t end = row.find(' ', start);
        if (end == std::string::npos) end = row.size();
        if (end > start) keys.push_back(row.substr(start, end - start));
        start = end + 1;
    }
    return keys;
}

bool isFunction(const std::string& key) {
    return key.size() > 2 && key.front() == '{' && key.back() == '}';
}

// Width of a key in units of a letter key.
float weight(const std::string& key) {
    if (key == "{space}") return 4.0f;
    if (isFunction(key)) return 1.5f;
    return 1.0f;
}

// What a key shows and how it is named in the hit registry.
std::string keyLabel(const AppContext& ctx, const std::string& key) {
    if (key == "{symbols}") return "?123";
    if (key == "{accents}") return "áéñ";
    if (key == "{letters}") return "abc";
    if (key == "{space}") return ctx.tr("keyboard.space");
    if (key == "{hide}") return ctx.tr("keyboard.hide");
    return key;
}

std::string hitName(const std::string& key) {
    if (isFunction(key)) return "key:" + key.substr(1, key.size() - 2);
    return "key:" + key;
}

void shiftIcon(ImDrawList* dl, ImVec2 c, float s, ImU32 color, bool on) {
    const ImVec2 pts[7] = {ImVec2(c.x, c.y - s * 0.45f),
                           ImVec2(c.x + s * 0.4f, c.y),
                           ImVec2(c.x + s * 0.18f, c.y),
                           ImVec2(c.x + s * 0.18f, c.y + s * 0.4f),
                           ImVec2(c.x - s * 0.18f, c.y + s * 0.4f),
                           ImVec2(c.x - s * 0.18f, c.y),
                           ImVec2(c.x - s * 0.4f, c.y)};
    if (on) {
        dl->AddConvexPolyFilled(pts, 7, color);
    } else {
        dl->AddPolyline(pts, 7, color, ImDrawFlags_Closed, std::max(2.0f, s * 0.08f));
    }
}

void backspaceIcon(ImDrawList* dl, ImVec2 c, float s, ImU32 color) {
    const float t = std::max(2.0f, s * 0.08f);
    const ImVec2 pts[5] = {ImVec2(c.x - s * 0.5f, c.y), ImVec2(c.x - s * 0.2f, c.y - s * 0.3f),
                           ImVec2(c.x + s * 0.5f, c.y - s * 0.3f),
                           ImVec2(c.x + s * 0.5f, c.y + s * 0.3f),
                           ImVec2(c.x - s * 0.2f, c.y + s * 0.3f)};
    dl->AddPolyline(pts, 5, color, ImDrawFlags_Closed, t);
    const float x = c.x + s * 0.15f, d = s * 0.13f;
    dl->AddLine(ImVec2(x - d, c.y - d), ImVec2(x + d, c.y + d), color, t);
    dl->AddLine(ImVec2(x - d, c.y + d), ImVec2(x + d, c.y - d), color, t);
}

// Removes the last character (a whole UTF-8 sequence, and the accents combined with it).
void eraseLast(std::string& text) {
    while (!text.empty()) {
        std::size_t start = text.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        std::size_t i = start;
        const char32_t cp = oh::nextCodePoint(text, i);
        text.erase(start);
        if (!oh::isCombiningMark(cp)) return;
    }
}

}  // namespace

KeyboardPolicy keyboardPolicy(std::string_view text) {
    if (text == "always") return KeyboardPolicy::Always;
    if (text == "never") return KeyboardPolicy::Never;
    return KeyboardPolicy::Auto;
}

KeyboardPolicy keyboardPolicy(const AppContext& ctx) {
    return ctx.session ? keyboardPolicy(ctx.session->config().kiosk.onScreenKeyboard)
                       : KeyboardPolicy::Auto;
}

float OnScreenKeyboard::height(const AppContext& ctx) {
    return ctx.px(64) * kRows + ctx.px(10) * (kRows - 1) + ctx.px(16) * 2;
}

void OnScreenKeyboard::open(KeyboardPolicy policy) {
    if (policy == KeyboardPolicy::Never) return;
    if (policy == KeyboardPolicy::Auto && physical_) return;
    visible_ = true;
}

void OnScreenKeyboard::notePhysicalTyping(KeyboardPolicy policy) {
    if (policy != KeyboardPolicy::Auto) return;
    physical_ = true;
    visible_ = false;
}

void OnScreenKeyboard::reset() {
    layer_ = Layer::Letters;
    shift_ = false;
    visible_ = false;
    physical_ = false;
}

bool OnScreenKeyboard::apply(const std::string& key, std::string& text, KeyboardMode mode) {
    if (key == "{shift}") {
        shift_ = !shift_;
    } else if (key == "{accents}") {
        layer_ = Layer::Accents;
    } else if (key == "{symbols}") {
        layer_ = Layer::Symbols;
    } else if (key == "{letters}") {
        layer_ = Layer::Letters;
    } else if (key == "{hide}") {
        visible_ = false;
    } else if (key == "{backspace}") {
        if (text.empty()) return false;
        eraseLast(text);
        return true;
    } else if (key == "{space}") {
        if (mode == KeyboardMode::Email) return false;  // e-mail addresses hold no spaces
        text += ' ';
        return true;
    } else {
        text += key == "{m1}"   ? (mode == KeyboardMode::Email ? "@" : "-")
                : key == "{m2}" ? (mode == KeyboardMode::Email ? "." : "'")
                                : key;
        shift_ = false;  // one capital at a time
        return true;
    }
    return false;
}

bool OnScreenKeyboard::drawRow(AppContext& ctx, const std::string& row, ImVec2 pos, float width,
                               float keyH, std::string& text, KeyboardMode mode) {
    const std::vector<std::string> keys = splitKeys(row);
    float units = 0;
    for (const auto& k : keys) units += weight(k);
    const float gap = ctx.px(10);
    // Letter keys are as wide as a 14-key row allows, never wider than a tenth of the panel.
    const float unit = std::min((width - gap * 13) / 14.0f, (width - gap * 9) / 10.0f);
    const float unitW = std::min(unit, (width - gap * (keys.size() - 1)) / units);
    const float rowW = unitW * units + gap * (keys.size() - 1);
    float x = pos.x + (width - rowW) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ctx.fonts.button;
    bool changed = false;
    for (const auto& raw : keys) {
        const std::string key = raw == "{m1}"   ? (mode == KeyboardMode::Email ? "@" : "-")
                                : raw == "{m2}" ? (mode == KeyboardMode::Email ? "." : "'")
                                                : raw;
        const ImVec2 min(x, pos.y);
        const ImVec2 size(unitW * weight(raw), keyH);
        const ImVec2 max(min.x + size.x, min.y + size.y);
        // Keys are not ImGui items: the field they type into keeps (or retakes) ImGui's
        // active item, which would swallow a tap on a button. A touch on the key is the press.
        const bool over = ImGui::IsMouseHoveringRect(min, max, false);
        const bool pressed = over && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
        const bool held = over && ImGui::IsMouseDown(ImGuiMouseButton_Left);
        const bool function = isFunction(key);
        const bool lit = (key == "{shift}" && shift_) || key == "{hide}";
        ImU32 fill = function ? theme::kPanelBorder : theme::kText;
        ImU32 ink = function ? theme::kText : theme::kOnAccent;
        if (lit) {
            fill = theme::kAccent;
            ink = theme::kOnAccent;
        }
        if (held) fill = theme::kAccentPressed;
        dl->AddRectFilled(min, max, fill, ctx.px(12));
        const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
        if (key == "{shift}") {
            shiftIcon(dl, c, keyH * 0.5f, ink, shift_);
        } else if (key == "{backspace}") {
            backspaceIcon(dl, c, keyH * 0.6f, ink);
        } else {
            const std::string label = keyLabel(ctx, key);
            ImFont* f = function ? ctx.fonts.bodyBold : font;
            const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str());
            dl->AddText(f, f->FontSize,
                        ImVec2(std::floor(c.x - ts.x * 0.5f), std::floor(c.y - ts.y * 0.5f)), ink,
                        label.c_str());
        }
        ctx.hits.add(Hit{hitName(key == raw ? raw : key), min, max, true,
                         function ? 0 : missingGlyphs(font, key)});
        if (pressed) changed |= apply(raw, text, mode);
        x += size.x + gap;
    }
    return changed;
}

bool OnScreenKeyboard::draw(AppContext& ctx, std::string& text, KeyboardMode mode) {
    if (!visible_) return false;
    const float h = height(ctx);
    const ImVec2 panelMin(0, ctx.height - h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(panelMin, ImVec2(ctx.width, ctx.height), theme::kPanel);
    dl->AddLine(panelMin, ImVec2(ctx.width, panelMin.y), theme::kPanelBorder, ctx.px(2));
    // Capitals start a name and each of its words.
    const bool wordStart = text.empty() || text.back() == ' ' || text.back() == '-';
    const bool capitals = shift_ || (mode == KeyboardMode::Name && wordStart);
    const LayerRows& rows = layer_ == Layer::Letters   ? kLetters
                            : layer_ == Layer::Accents ? kAccents
                                                       : kSymbols;
    const float width = std::min(ctx.width - ctx.px(32), ctx.px(1240));
    const float left = (ctx.width - width) * 0.5f;
    const float keyH = ctx.px(64);
    float y = panelMin.y + ctx.px(16);
    bool changed = false;
    for (int r = 0; r < kRows; ++r) {
        changed |= drawRow(ctx, capitals ? rows.upper[r] : rows.lower[r], ImVec2(left, y), width,
                           keyH, text, mode);
        y += keyH + ctx.px(10);
    }
    // An active field keeps its own copy of the text: let go of it, so the field takes the
    // new text when it is focused again next frame.
    if (changed) ImGui::ClearActiveID();
    return changed;
}

}  // namespace oh::kiosk::ui
