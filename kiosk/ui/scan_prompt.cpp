#include "kiosk/ui/scan_prompt.hpp"

#include <algorithm>

#include "kiosk/screen_ids.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk::ui {

float modeStartHeader(AppContext& ctx, const char* titleKey, bool available) {
    if (topBar(ctx, "mode.switch")) ctx.go(screen_id::modePin);
    const float cx = ctx.width * 0.5f;
    const float width = ctx.width - ctx.px(96);
    float y = ctx.px(108);
    y += centeredText(ctx, ctx.fonts.heading, ctx.tr(titleKey), cx, y, width, theme::kText);
    if (!available)
        centeredText(ctx, ctx.fonts.body, ctx.tr("scoring.no_store"), cx, y, width, theme::kAccent);
    return y;
}

void scanPrompt(AppContext& ctx, const std::string& prompt, const std::string& status, float y) {
    const float cx = ctx.width * 0.5f;
    const float width = ctx.width - ctx.px(96);
    y += centeredText(ctx, ctx.fonts.body, prompt, cx, y, width, theme::kTextMuted);
    const float guide = std::min(ctx.px(300), ctx.height - y - ctx.px(160));
    qrGuide(ImGui::GetWindowDrawList(), ImVec2(cx - guide * 0.5f, y + ctx.px(24)), guide,
            theme::kAccent, theme::kText, ctx.scale);
    y += guide + ctx.px(48);
    if (!status.empty())
        centeredText(ctx, ctx.fonts.bodyBold, status, cx, y, width, theme::kAccent);
}

}  // namespace oh::kiosk::ui
