// Feedback mode's start: a peer scans their own badge (or invitation) to rate a demo. The
// screen thanks the previous person once their feedback is saved (no name: the next person
// is already looking), and every visit here forgets who gave the last one.
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/scan_prompt.hpp"

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
        const bool available = ctx.session && ctx.session->floor().available();
        const float y = ui::modeStartHeader(ctx, "feedback.title", available);
        if (!available) return;
        FloorSession& floor = ctx.session->floor();
        takeBadge(ctx, floor);
        std::string line = message_;
        if (floor.identifying()) {
            line = ctx.tr("scoring.checking_badge");
        } else if (line.empty() && floor.lastFeedback()) {
            line = ctx.tr("feedback.thanks");
        }
        ui::scanPrompt(ctx, ctx.tr("feedback.scan"), line, y);
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
