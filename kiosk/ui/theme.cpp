#include "kiosk/ui/theme.hpp"

namespace oh::kiosk::theme {

void apply(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.FramePadding = ImVec2(24, 18);
    style.FrameRounding = 16;
    style.FrameBorderSize = 2;
    style.ItemSpacing = ImVec2(20, 20);
    style.ItemInnerSpacing = ImVec2(16, 12);
    style.ScrollbarSize = 28;  // a finger must be able to grab it
    style.ScrollbarRounding = 14;
    style.GrabMinSize = 48;
    style.GrabRounding = 12;
    style.TouchExtraPadding = ImVec2(4, 4);
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(kBackgroundTop);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(kText);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(kTextMuted);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(kPanelBorder);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(kAccent);
    c[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(kAccentHover);
    c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(kAccentPressed);
    c[ImGuiCol_TextSelectedBg] = ImVec4(1.0f, 0.77f, 0.24f, 0.45f);
    c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(kAccent);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace oh::kiosk::theme
