// Feedback mode's start: a peer scans their own badge (or invitation) to rate a demo. The
// screen thanks the previous person once their feedback is saved (no name: the next person
// is already looking), and every visit here forgets who gave the last one.
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class FeedbackStartScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::feedback; }

    void onEnter(AppContext& ctx) override {
        message_.clear();
        if (ctx.session) ctx.session->floor().endFeedback();
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "mode.switch")) ctx.go(screen_id::modePin);
        const float cx = ctx.width * 0.5f;
        const float width = ctx.width - ctx.px(96);
        float y = ctx.px(108);
        y += ui::centeredText(ctx, ctx.fonts.heading, ctx.tr("feedback.title"), cx, y, width,
                              theme::kText);
        if (!ctx.session || !ctx.session->floor().available()) {
            ui::centeredText(ctx, ctx.fonts.body, ctx.tr("scoring.no_store"), cx, y, width,
                             theme::kAccent);
            return;
        }
        FloorSession& floor = ctx.session->floor();
        takeBadge(ctx, floor);
        y += ui::centeredText(ctx, ctx.fonts.body, ctx.tr("feedback.scan"), cx, y, width,
                              theme::kTextMuted);
        const float guide = std::min(ctx.px(300), ctx.height - y - ctx.px(160));
        ui::qrGuide(ImGui::GetWindowDrawList(), ImVec2(cx - guide * 0.5f, y + ctx.px(24)), guide,
                    theme::kAccent, theme::kText, ctx.scale);
        y += guide + ctx.px(48);
        std::string line = message_;
        if (floor.identifying()) {
            line = ctx.tr("scoring.checking_badge");
        } else if (line.empty() && floor.lastFeedback()) {
            line = ctx.tr("feedback.thanks");
        }
        if (!line.empty())
            ui::centeredText(ctx, ctx.fonts.bodyBold, line, cx, y, width, theme::kAccent);
    }

  private:
    void takeBadge(AppContext& ctx, FloorSession& floor) {
        auto who = floor.takeIdentified();
        if (!who) return;
        const auto& [status, person] = *who;
        if (status == CheckInStatus::Ok && person) {
            floor.startFeedback(*person);
            ctx.go(screen_id::feedbackPick);
        } else {
            floor.clearLastFeedback();
            message_ = ctx.tr("feedback.badge_refused");
        }
    }

    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> makeFeedbackStartScreen() {
    return std::make_unique<FeedbackStartScreen>();
}

}  // namespace oh::kiosk
