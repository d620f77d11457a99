// The lead's mode switch (behind the lead PIN): what this device is for now. Door checks
// people in and prints badges; scoring lets staff score demos; feedback lets peers rate
// them. The names are those of the config (kiosk.mode) and of the screens' ids.
#include <algorithm>
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class ModeScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::mode; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override {
        return std::chrono::seconds(60);
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.cancel")) ctx.go(startScreenOf(ctx.mode));
        const float cx = ctx.width * 0.5f;
        const float width = std::min(ctx.width - ctx.px(96), ctx.px(900));
        float y = ctx.px(120);
        y += ui::centeredText(ctx, ctx.fonts.heading, ctx.tr("mode.title"), cx, y, width,
                              theme::kText);
        y += ui::centeredText(ctx, ctx.fonts.body, ctx.tr("mode.hint"), cx, y, width,
                              theme::kTextMuted);
        y += ctx.px(24);
        const float gap = ctx.px(16);
        const float room = (ctx.height - y - ctx.px(24)) / static_cast<float>(kModes.size());
        const float buttonH = std::min(ctx.px(110), room - gap);
        for (const ModeStart& m : kModes) {
            const std::string key = std::string("mode.") + m.mode;
            const auto style =
                ctx.mode == m.mode ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary;
            if (ui::button(ctx, m.mode, ctx.tr(key), ImVec2(cx - width * 0.5f, y),
                           ImVec2(width, buttonH), style, ctx.fonts.button))
                ctx.switchMode(m.mode);
            y += buttonH + gap;
        }
    }
};

}  // namespace

std::unique_ptr<Screen> makeModeScreen() {
    return std::make_unique<ModeScreen>();
}

}  // namespace oh::kiosk
