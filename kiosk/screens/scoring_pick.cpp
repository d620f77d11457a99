// Scoring with the PIN alone (judging.pin_alone): after the staff PIN, the judge picks their
// name from the event's staff and leads. Used where staff have no badges yet.
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/rows.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class ScoringPickScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::scoringPick; }
    bool showsPersonalData() const override { return true; }
    void onEnter(AppContext& ctx) override {
        if (ctx.session) ctx.session->floor().requestJudges();
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "scoring.lock")) ctx.go(screen_id::scoring);
        if (!ctx.session) return;
        FloorSession& floor = ctx.session->floor();
        const float width = std::min(ctx.width - ctx.px(96), ctx.px(900));
        const float left = (ctx.width - width) * 0.5f;
        float y = ctx.px(112);
        y += ui::wrappedText(ctx, ctx.fonts.heading, ctx.tr("scoring.pick_title"), ImVec2(left, y),
                             width, theme::kText);
        y += ctx.px(12);
        const float rowH = ctx.px(72), gap = ctx.px(10);
        for (const Attendee& judge : floor.judges()) {
            if (y + rowH > ctx.height - ctx.px(24)) break;
            if (ui::listRow(ctx, judge.id,
                            {judge.fullName,
                             ctx.tr(std::string("scoring.role_") + roleName(judge.role)),
                             {}},
                            ImVec2(left, y), ImVec2(width, rowH))) {
                floor.unlock(judge);
                ctx.go(screen_id::scoringBoard);
            }
            y += rowH + gap;
        }
    }
};

}  // namespace

std::unique_ptr<Screen> makeScoringPickScreen() {
    return std::make_unique<ScoringPickScreen>();
}

}  // namespace oh::kiosk
