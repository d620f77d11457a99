// The kiosk's look: a large, high-contrast theme. Colours are shared by the screens so
// every screen looks like the same product.
#pragma once

#include <imgui.h>

namespace oh::kiosk::theme {

// Deep navy background with white text (contrast > 14:1) and an amber accent that carries
// navy text (contrast > 10:1); secondary text stays above 7:1 (WCAG AAA).
inline constexpr ImU32 kBackgroundTop = IM_COL32(10, 28, 58, 255);
inline constexpr ImU32 kBackgroundBottom = IM_COL32(18, 44, 86, 255);
inline constexpr ImU32 kPanel = IM_COL32(26, 56, 102, 255);
inline constexpr ImU32 kPanelBorder = IM_COL32(60, 96, 150, 255);
inline constexpr ImU32 kText = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(200, 214, 235, 255);
inline constexpr ImU32 kAccent = IM_COL32(255, 196, 61, 255);
inline constexpr ImU32 kAccentHover = IM_COL32(255, 212, 110, 255);
inline constexpr ImU32 kAccentPressed = IM_COL32(230, 170, 40, 255);
inline constexpr ImU32 kOnAccent = IM_COL32(10, 28, 58, 255);
inline constexpr ImU32 kShadow = IM_COL32(0, 0, 0, 70);
inline constexpr ImU32 kOk = IM_COL32(64, 200, 130, 255);
inline constexpr ImU32 kError = IM_COL32(255, 110, 100, 255);

// Sets ImGui's style for the big touch UI; `scale` is the design-to-window factor.
void apply(float scale);

}  // namespace oh::kiosk::theme
