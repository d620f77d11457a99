#include "kiosk/ui/widgets.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <cctype>
#include <cmath>

#include "kiosk/screen.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

struct Line {
    const char* begin;
    const char* end;
    float width;
};

// Splits text into lines no wider than maxWidth at `size` (ImGui's own word wrapping).
std::vector<Line> wrapLines(ImFont* font, float size, const std::string& text, float maxWidth) {
    std::vector<Line> lines;
    const char* p = text.c_str();
    const char* end = p + text.size();
    const float scale = size / font->FontSize;
    while (p < end) {
        const char* eol = font->CalcWordWrapPositionA(scale, p, end, maxWidth);
        if (eol == p) eol = p + 1;  // never loop on a glyph wider than the box
        const char* trimmed = eol;
        while (trimmed > p && (trimmed[-1] == ' ' || trimmed[-1] == '\n')) --trimmed;
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, p, trimmed).x;
        lines.push_back({p, trimmed, w});
        p = eol;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    return lines;
}

float widestWord(ImFont* font, float size, const std::string& text) {
    float widest = 0;
    size_t start = 0;
    while (start <= text.size()) {
        size_t stop = text.find(' ', start);
        if (stop == std::string::npos) stop = text.size();
        const char* b = text.c_str() + start;
        widest =
            std::max(widest, font->CalcTextSizeA(size, FLT_MAX, 0.0f, b, text.c_str() + stop).x);
        start = stop + 1;
    }
    return widest;
}

ImVec2 textBounds(const std::vector<Line>& lines, float lineHeight) {
    float w = 0;
    for (const auto& l : lines) w = std::max(w, l.width);
    return {w, lineHeight * static_cast<float>(lines.size())};
}

}  // namespace

std::optional<Hit> HitRegistry::find(std::string_view label, bool clickableOnly) const {
    for (const auto& h : hits_) {
        if ((!clickableOnly || h.clickable) && h.label == label) return h;
    }
    std::optional<Hit> found;
    const std::string needle = lower(label);
    for (const auto& h : hits_) {
        if ((clickableOnly && !h.clickable) || lower(h.label).find(needle) == std::string::npos)
            continue;
        if (found) return std::nullopt;  // ambiguous
        found = h;
    }
    return found;
}

namespace ui {

bool button(AppContext& ctx, const char* id, const std::string& label, ImVec2 pos, ImVec2 size,
            ButtonStyle style, ImFont* font,
            void (*icon)(ImDrawList*, ImVec2 center, float size, ImU32 color)) {
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, size);
    const bool held = ImGui::IsItemActive();
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const float rounding = std::min(size.y * 0.5f, ctx.px(20));

    ImU32 fill = theme::kAccent;
    ImU32 text = theme::kOnAccent;
    ImU32 border = 0;
    switch (style) {
        case ButtonStyle::Primary:
            fill = held ? theme::kAccentPressed : hovered ? theme::kAccentHover : theme::kAccent;
            break;
        case ButtonStyle::Selected:
            fill = theme::kText;
            break;
        case ButtonStyle::Secondary:
            fill = held ? theme::kPanelBorder : hovered ? theme::kPanel : 0;
            text = theme::kText;
            border = theme::kText;
            break;
    }
    if (style == ButtonStyle::Primary) {
        const float drop = ctx.px(5);
        dl->AddRectFilled(ImVec2(pos.x, pos.y + drop), ImVec2(max.x, max.y + drop), theme::kShadow,
                          rounding);
    }
    if (fill) dl->AddRectFilled(pos, max, fill, rounding);
    if (border) dl->AddRect(pos, max, border, rounding, 0, ctx.px(2.5f));

    const float fontSize = font->FontSize;
    ImVec2 ts = font->CalcTextSizeA(fontSize, FLT_MAX, 0.0f, label.c_str());
    const float iconSize = icon ? fontSize * 0.9f : 0.0f;
    const float gap = icon ? ctx.px(16) : 0.0f;
    float x = pos.x + (size.x - ts.x - iconSize - gap) * 0.5f;
    const float y = pos.y + (size.y - ts.y) * 0.5f;
    if (icon) {
        icon(dl, ImVec2(x + iconSize * 0.5f, pos.y + size.y * 0.5f), iconSize, text);
        x += iconSize + gap;
    }
    dl->AddText(font, fontSize, ImVec2(std::floor(x), std::floor(y)), text, label.c_str());
    ctx.hits.add(Hit{label, pos, max, true, missingGlyphs(font, label)});
    return pressed;
}

float centeredText(AppContext& ctx, ImFont* font, const std::string& text, float centerX, float top,
                   float maxWidth, ImU32 color, int maxLines) {
    const float full = font->FontSize;
    float size = full;
    // A single word wider than the box (a long event name in German...) shrinks the text.
    const float widest = widestWord(font, size, text);
    if (widest > maxWidth) size = std::max(full * 0.5f, size * maxWidth / widest);
    auto lines = wrapLines(font, size, text, maxWidth);
    while (maxLines > 0 && static_cast<int>(lines.size()) > maxLines && size > full * 0.5f) {
        size = std::max(full * 0.5f, size * 0.92f);
        lines = wrapLines(font, size, text, maxWidth);
    }
    // Large display text needs less leading than body text.
    const float lineHeight = size * (full >= 40.0f * ctx.scale ? 1.12f : 1.25f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = top;
    for (const auto& l : lines) {
        const float x = std::floor(centerX - l.width * 0.5f);
        dl->AddText(font, size, ImVec2(x, y), color, l.begin, l.end);
        y += lineHeight;
    }
    ImVec2 bounds = textBounds(lines, lineHeight);
    ctx.hits.add(Hit{text, ImVec2(centerX - bounds.x * 0.5f, top),
                     ImVec2(centerX + bounds.x * 0.5f, y), false, missingGlyphs(font, text)});
    return y - top;
}

float wrappedText(AppContext& ctx, ImFont* font, const std::string& text, ImVec2 pos,
                  float maxWidth, ImU32 color) {
    const float size = font->FontSize;
    const float lineHeight = size * 1.25f;
    auto lines = wrapLines(font, size, text, maxWidth);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = pos.y;
    for (const auto& l : lines) {
        dl->AddText(font, size, ImVec2(std::floor(pos.x), std::floor(y)), color, l.begin, l.end);
        y += lineHeight;
    }
    ImVec2 bounds = textBounds(lines, lineHeight);
    ctx.hits.add(Hit{text, pos, ImVec2(pos.x + bounds.x, y), false, missingGlyphs(font, text)});
    return y - pos.y;
}

ImVec2 measureWrapped(ImFont* font, const std::string& text, float maxWidth) {
    return textBounds(wrapLines(font, font->FontSize, text, maxWidth), font->FontSize * 1.25f);
}

float textWidth(ImFont* font, const std::string& text) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
}

int missingGlyphs(ImFont* font, const std::string& text) {
    int missing = 0;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(c))) ++missing;
    }
    return missing;
}

void magnifierIcon(ImDrawList* dl, ImVec2 c, float size, ImU32 color) {
    const float r = size * 0.32f;
    const float t = std::max(2.0f, size * 0.11f);
    const ImVec2 lens(c.x - size * 0.1f, c.y - size * 0.1f);
    dl->AddCircle(lens, r, color, 32, t);
    const float d = r * 0.7071f;
    dl->AddLine(ImVec2(lens.x + d, lens.y + d), ImVec2(c.x + size * 0.42f, c.y + size * 0.42f),
                color, t * 1.2f);
}

void qrGuide(ImDrawList* dl, ImVec2 min, float size, ImU32 frameColor, ImU32 codeColor,
             float scale) {
    const ImVec2 max(min.x + size, min.y + size);
    const float arm = size * 0.22f;
    const float t = 8.0f * scale;
    // Viewfinder corners: the shape attendees know from phone cameras.
    const ImVec2 corners[4] = {min, ImVec2(max.x, min.y), ImVec2(min.x, max.y), max};
    for (const ImVec2& c : corners) {
        const float sx = c.x == min.x ? 1.0f : -1.0f;
        const float sy = c.y == min.y ? 1.0f : -1.0f;
        dl->AddLine(ImVec2(c.x, c.y + sy * t * 0.5f), ImVec2(c.x + sx * arm, c.y + sy * t * 0.5f),
                    frameColor, t);
        dl->AddLine(ImVec2(c.x + sx * t * 0.5f, c.y), ImVec2(c.x + sx * t * 0.5f, c.y + sy * arm),
                    frameColor, t);
    }
    if (codeColor == 0) return;  // frame only (around a live preview)
    // A stylised 21x21 code: three finder patterns and a fixed pseudo-random body.
    const float inset = size * 0.16f;
    const float cell = (size - 2 * inset) / 21.0f;
    const ImVec2 o(min.x + inset, min.y + inset);
    auto module = [&](int x, int y) {
        dl->AddRectFilled(ImVec2(o.x + x * cell, o.y + y * cell),
                          ImVec2(o.x + (x + 1) * cell, o.y + (y + 1) * cell), codeColor);
    };
    auto finder = [&](int fx, int fy) {
        const ImVec2 a(o.x + fx * cell, o.y + fy * cell);
        dl->AddRect(ImVec2(a.x + cell * 0.5f, a.y + cell * 0.5f),
                    ImVec2(a.x + cell * 6.5f, a.y + cell * 6.5f), codeColor, cell * 0.6f, 0, cell);
        dl->AddRectFilled(ImVec2(a.x + cell * 2, a.y + cell * 2),
                          ImVec2(a.x + cell * 5, a.y + cell * 5), codeColor, cell * 0.4f);
    };
    finder(0, 0);
    finder(14, 0);
    finder(0, 14);
    unsigned state = 0x2545F491u;  // fixed seed: the graphic is identical every frame
    for (int y = 0; y < 21; ++y) {
        for (int x = 0; x < 21; ++x) {
            const bool inFinder = (x < 8 && y < 8) || (x > 12 && y < 8) || (x < 8 && y > 12);
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            if (!inFinder && (state & 3u) < 2u) module(x, y);
        }
    }
}

}  // namespace ui
}  // namespace oh::kiosk

#include <imgui_stdlib.h>

#include "core/text/utf8.hpp"
#include "kiosk/platform/textures.hpp"

namespace oh::kiosk::ui {

void card(AppContext& ctx, ImVec2 min, ImVec2 max) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = ctx.px(28);
    dl->AddRectFilled(ImVec2(min.x, min.y + ctx.px(6)), ImVec2(max.x, max.y + ctx.px(6)),
                      theme::kShadow, r);
    dl->AddRectFilled(min, max, theme::kPanel, r);
    dl->AddRect(min, max, theme::kPanelBorder, r, 0, ctx.px(1.5f));
}

bool topBar(AppContext& ctx, const char* backLabelKey) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float margin = ctx.px(48);
    const float top = ctx.px(32);
    const float barHeight = ctx.px(60);
    const float r = ctx.px(14);
    const ImVec2 mark(margin + r, top + barHeight * 0.5f);
    dl->AddCircleFilled(mark, r, theme::kAccent, 32);
    dl->AddCircleFilled(mark, r * 0.45f, theme::kBackgroundTop, 24);
    ImFont* bold = ctx.fonts.bodyBold;
    const std::string& brand = ctx.tr("app.brand");
    dl->AddText(bold, bold->FontSize,
                ImVec2(mark.x + r + ctx.px(14), top + (barHeight - bold->FontSize) * 0.5f),
                theme::kText, brand.c_str());
    if (!backLabelKey) return false;
    const std::string& label = ctx.tr(backLabelKey);
    const float w = std::max(ctx.px(180), textWidth(ctx.fonts.bodyBold, label) + ctx.px(64));
    return button(ctx, "top-back", label, ImVec2(ctx.width - margin - w, top), ImVec2(w, barHeight),
                  ButtonStyle::Secondary, ctx.fonts.bodyBold);
}

namespace {

// ImGui's colour as pango's 0xRRGGBBAA.
std::uint32_t packRgba(ImU32 color) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    auto byte = [](float v) {
        return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    return (byte(c.x) << 24) | (byte(c.y) << 16) | (byte(c.z) << 8) | byte(c.w);
}

TextureView shapedTexture(AppContext& ctx, const std::string& text, float sizePx, bool bold,
                          ImU32 color, float maxWidth, Align align) {
    TextStyle style;
    style.sizePx = ctx.px(sizePx);
    style.bold = bold;
    style.rgba = packRgba(color);
    style.maxWidthPx = 0;
    style.align = align == Align::Center ? TextStyle::Align::Center : TextStyle::Align::Left;
    TextureView t = ctx.textures->get(text, style);
    if (t.width > maxWidth) {  // wrap instead, at the box width
        style.maxWidthPx = static_cast<int>(maxWidth);
        t = ctx.textures->get(text, style);
    }
    return t;
}

}  // namespace

ImVec2 shapedSize(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                  float maxWidth) {
    if (text.empty()) return {0, 0};
    if (!ctx.textures)
        return measureWrapped(bold ? ctx.fonts.heading : ctx.fonts.body, text, maxWidth);
    const TextureView t = shapedTexture(ctx, text, sizePx, bold, color, maxWidth, Align::Left);
    return {t.width, t.height};
}

float shapedHeight(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                   float maxWidth, Align align) {
    if (text.empty()) return 0;
    if (!ctx.textures) {
        return measureWrapped(bold ? ctx.fonts.heading : ctx.fonts.body, text, maxWidth).y;
    }
    return shapedTexture(ctx, text, sizePx, bold, color, maxWidth, align).height;
}

float shapedText(AppContext& ctx, const std::string& text, float sizePx, bool bold, ImU32 color,
                 ImVec2 pos, float maxWidth, Align align) {
    if (text.empty()) return 0;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (!ctx.textures) {
        ImFont* font = bold ? ctx.fonts.heading : ctx.fonts.body;
        if (align == Align::Center)
            return centeredText(ctx, font, text, pos.x, pos.y, maxWidth, color);
        return wrappedText(ctx, font, text, pos, maxWidth, color);
    }
    const TextureView t = shapedTexture(ctx, text, sizePx, bold, color, maxWidth, align);
    const float x = align == Align::Center ? std::floor(pos.x - t.width * 0.5f) : std::floor(pos.x);
    const ImVec2 min(x, std::floor(pos.y));
    const ImVec2 max(min.x + t.width, min.y + t.height);
    if (t.id) dl->AddImage(t.id, min, max);
    ctx.hits.add(Hit{text, min, max, false, t.unknownGlyphs, true});
    return t.height;
}

namespace {

// The paragraph direction pango will pick: that of the first strong character. Arabic,
// Hebrew, Syriac, Thaana, N'Ko and their presentation forms are right to left.
bool startsRightToLeft(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char32_t c = oh::nextCodePoint(text, i);
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFF))
            return true;
        const bool latinLetter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        const bool punctuation =
            c < 0x00C0 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F);
        if (latinLetter || !punctuation) return false;
    }
    return false;
}

// ImGui keeps editing at the end of the text: the text is drawn by pango (below), which
// knows nothing of ImGui's cursor, and a touch keyboard only appends and erases at the end.
int keepCursorAtEnd(ImGuiInputTextCallbackData* data) {
    data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
    return 0;
}

// The field's text shaped by pango (any script, Arabic joined and right to left), with the
// caret at its logical end. The end stays in view when the text is wider than the field.
void drawFieldText(AppContext& ctx, const std::string& text, ImVec2 min, ImVec2 max, bool caret) {
    const float pad = ImGui::GetStyle().FramePadding.x;
    const ImVec2 innerMin(min.x + pad, min.y + ctx.px(4));
    const ImVec2 innerMax(max.x - pad, max.y - ctx.px(4));
    const float caretW = std::max(2.0f, ctx.px(3));
    const float room = innerMax.x - innerMin.x - caretW * 2;
    const bool rtl = startsRightToLeft(text);
    TextureView t;
    if (!text.empty()) {
        TextStyle style;
        style.sizePx = ctx.fonts.button->FontSize;
        style.bold = true;
        style.rgba = packRgba(theme::kOnAccent);
        style.align = TextStyle::Align::Left;
        t = ctx.textures->get(text, style);
    }
    float x = 0;
    if (rtl) {
        x = t.width <= room ? innerMax.x - t.width : innerMin.x + caretW * 2;
    } else {
        x = t.width <= room ? innerMin.x : innerMax.x - caretW * 2 - t.width;
    }
    const float y = std::floor(min.y + (max.y - min.y - t.height) * 0.5f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(innerMin, innerMax, true);
    if (t.id)
        dl->AddImage(t.id, ImVec2(std::floor(x), y), ImVec2(std::floor(x) + t.width, y + t.height));
    if (caret) {
        const float cx = text.empty() ? (rtl ? innerMax.x - caretW : innerMin.x)
                         : rtl        ? x - caretW * 1.5f
                                      : x + t.width + caretW * 0.5f;
        const float h = ctx.fonts.button->FontSize * 1.1f;
        const float cy = min.y + (max.y - min.y - h) * 0.5f;
        dl->AddRectFilled(ImVec2(cx, cy), ImVec2(cx + caretW, cy + h), theme::kOnAccent);
    }
    dl->PopClipRect();
    if (!text.empty()) {
        const ImVec2 shownMin(std::max(x, innerMin.x), y);
        const ImVec2 shownMax(std::min(x + t.width, innerMax.x), y + t.height);
        ctx.hits.add(Hit{text, shownMin, shownMax, false, t.unknownGlyphs, true});
    }
}

}  // namespace

bool textField(AppContext& ctx, const char* id, std::string& text, const std::string& hint,
               ImVec2 pos, float width, bool focus, int flags) {
    // With pango at hand ImGui only edits: its own glyphs (and '?' for what its atlas lacks)
    // are drawn transparent, and drawFieldText() shows the text.
    const bool shaped = ctx.textures != nullptr;
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushFont(ctx.fonts.button);
    ImGui::PushStyleColor(ImGuiCol_Text, shaped ? ImVec4(0, 0, 0, 0)
                                                : ImGui::ColorConvertU32ToFloat4(theme::kOnAccent));
    ImGui::PushStyleColor(ImGuiCol_TextDisabled, ImVec4(0.35f, 0.40f, 0.50f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme::kPanelBorder));
    ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ctx.px(2.0f));
    ImGui::SetNextItemWidth(width);
    if (focus && !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool changed = ImGui::InputTextWithHint(
        id, hint.c_str(), &text, flags | ImGuiInputTextFlags_CallbackAlways, keepCursorAtEnd);
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const bool editing = ImGui::IsItemActive() || (focus && !ImGui::IsAnyItemActive());
    if (editing) {
        // The field being typed into wears the accent ring.
        const float t = ctx.px(4);
        ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - t * 0.25f, min.y - t * 0.25f),
                                            ImVec2(max.x + t * 0.25f, max.y + t * 0.25f),
                                            theme::kAccent,
                                            ImGui::GetStyle().FrameRounding + t * 0.25f, 0, t);
    }
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    ImGui::PopFont();
    std::string name = id;
    if (name.rfind("##", 0) == 0) name.erase(0, 2);
    if (shaped) drawFieldText(ctx, text, min, max, editing);
    ctx.hits.add(Hit{"field:" + name, min, max, true});
    return changed;
}

void checkIcon(ImDrawList* dl, ImVec2 c, float size, ImU32 color) {
    dl->AddCircleFilled(c, size * 0.5f, color, 48);
    const float s = size * 0.5f;
    const ImVec2 pts[3] = {ImVec2(c.x - s * 0.45f, c.y + s * 0.02f),
                           ImVec2(c.x - s * 0.12f, c.y + s * 0.35f),
                           ImVec2(c.x + s * 0.48f, c.y - s * 0.32f)};
    dl->AddPolyline(pts, 3, theme::kBackgroundTop, 0, std::max(3.0f, size * 0.09f));
}

void alertIcon(ImDrawList* dl, ImVec2 c, float size, ImU32 color) {
    dl->AddCircleFilled(c, size * 0.5f, color, 48);
    const float s = size * 0.5f;
    const float t = std::max(3.0f, size * 0.09f);
    dl->AddLine(ImVec2(c.x, c.y - s * 0.5f), ImVec2(c.x, c.y + s * 0.12f), theme::kBackgroundTop,
                t);
    dl->AddCircleFilled(ImVec2(c.x, c.y + s * 0.42f), t * 0.6f, theme::kBackgroundTop, 16);
}

}  // namespace oh::kiosk::ui
