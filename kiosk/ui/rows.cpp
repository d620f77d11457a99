#include "kiosk/ui/rows.hpp"

#include <cmath>

#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace oh::kiosk::ui {

namespace {

// The tag as a pill on the right; returns its left edge.
float drawTag(AppContext& ctx, const std::string& tag, ImVec2 max, float height, bool accent) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ctx.fonts.bodyBold;
    const float w = textWidth(font, tag) + ctx.px(36);
    const float h = std::min(height - ctx.px(20), font->FontSize + ctx.px(16));
    const ImVec2 pillMin(max.x - ctx.px(16) - w, max.y - height * 0.5f - h * 0.5f);
    const ImVec2 pillMax(max.x - ctx.px(16), pillMin.y + h);
    dl->AddRectFilled(pillMin, pillMax, accent ? theme::kAccent : theme::kPanelBorder, h * 0.5f);
    dl->AddText(font, font->FontSize,
                ImVec2(std::floor(pillMin.x + ctx.px(18)),
                       std::floor(pillMin.y + (h - font->FontSize) * 0.5f)),
                accent ? theme::kOnAccent : theme::kText, tag.c_str());
    ctx.hits.add(Hit{tag, pillMin, pillMax, false});
    return pillMin.x;
}

}  // namespace

bool listRow(AppContext& ctx, const std::string& id, const RowText& text, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    ImGui::PushID(id.c_str());
    const bool pressed = ImGui::InvisibleButton("row", size);
    const bool held = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const float r = ctx.px(16);
    dl->AddRectFilled(pos, max, held ? theme::kPanelBorder : theme::kPanel, r);
    dl->AddRect(pos, max, text.highlighted ? theme::kAccent : theme::kPanelBorder, r, 0,
                ctx.px(text.highlighted ? 3.0f : 1.5f));
    const float textRight =
        text.tag.empty() ? max.x - ctx.px(16)
                         : drawTag(ctx, text.tag, max, size.y, text.highlighted) - ctx.px(16);
    const float textX = pos.x + ctx.px(24);
    const float textW = std::max(ctx.px(80), textRight - textX);
    const float titleSize = 26, subSize = 20;
    const bool twoLines = !text.subtitle.empty();
    const float titleH = ctx.px(titleSize) * 1.35f;
    const float blockH = titleH + (twoLines ? ctx.px(subSize) * 1.35f : 0);
    const float top = pos.y + (size.y - blockH) * 0.5f;
    shapedText(ctx, text.title, titleSize, true, text.dimmed ? theme::kTextMuted : theme::kText,
               ImVec2(textX, top), textW, Align::Left);
    if (twoLines)
        shapedText(ctx, text.subtitle, subSize, false, theme::kTextMuted,
                   ImVec2(textX, top + titleH), textW, Align::Left);
    ctx.hits.add(Hit{text.title, pos, max, true});
    return pressed;
}

}  // namespace oh::kiosk::ui
