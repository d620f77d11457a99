// Which demo: what presents now, then what presented just before (most recent first). A demo
// the person rated already says so (a new feedback replaces the earlier one).
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/rows.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class FeedbackPickScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::feedbackPick; }
    bool showsPersonalData() const override { return true; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override { return timeout_; }
    void onEnter(AppContext& ctx) override {
        if (!ctx.session) return;
        timeout_ = std::chrono::seconds(ctx.session->floor().judging().feedbackIdleSeconds);
        if (!ctx.session->floor().author()) ctx.go(screen_id::feedback);
    }

    // A demo's code scanned from the showcase screen's card opens that demo, when it is one the
    // person may rate now; another demo's code is ignored (the list says what is open).
    static void takeDemoCode(AppContext& ctx, FloorSession& floor) {
        const auto demo = ctx.session->takeScannedDemo();
        if (!demo) return;
        for (const FloorDemo& d : floor.feedbackChoices())
            if (d.showcase.id == *demo) {
                floor.chooseDemo(d.showcase.id);
                return ctx.go(screen_id::feedbackForm);
            }
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.cancel")) ctx.go(screen_id::feedback);
        if (!ctx.session || !ctx.session->floor().author()) return;
        FloorSession& floor = ctx.session->floor();
        const float width = std::min(ctx.width - ctx.px(96), ctx.px(1000));
        const float left = (ctx.width - width) * 0.5f;
        float y = ctx.px(108);
        // The person's name in any script, shaped by pango.
        y += ui::shapedText(
            ctx, substitute(ctx.tr("feedback.pick_title"), {{"name", floor.author()->fullName}}),
            34, true, theme::kText, ImVec2(left, y), width, ui::Align::Left);
        y += ctx.px(12);
        if (floor.feedbackChoices().empty()) {
            ui::wrappedText(ctx, ctx.fonts.body, ctx.tr("feedback.nothing_now"), ImVec2(left, y),
                            width, theme::kTextMuted);
            return;
        }
        takeDemoCode(ctx, floor);
        const float rowH = ctx.px(84), gap = ctx.px(10);
        for (const FloorDemo& d : floor.feedbackChoices()) {
            if (y + rowH > ctx.height - ctx.px(24)) break;
            ui::RowText row;
            row.title = d.showcase.title;
            for (const auto& n : d.presenterNames)
                row.subtitle += (row.subtitle.empty() ? "" : ", ") + n;
            if (!d.showcase.location.empty()) row.subtitle += "  ·  " + d.showcase.location;
            row.tag = floor.ratedBefore(d.showcase.id) ? ctx.tr("feedback.tag_rated")
                      : d.presentingNow                ? ctx.tr("scoring.tag_now")
                                                       : ctx.tr("feedback.tag_just_before");
            row.highlighted = d.presentingNow;
            if (ui::listRow(ctx, d.showcase.id, row, ImVec2(left, y), ImVec2(width, rowH))) {
                floor.chooseDemo(d.showcase.id);
                ctx.go(screen_id::feedbackForm);
            }
            y += rowH + gap;
        }
    }

  private:
    std::chrono::milliseconds timeout_{30'000};
};

}  // namespace

std::unique_ptr<Screen> makeFeedbackPickScreen() {
    return std::make_unique<FeedbackPickScreen>();
}

}  // namespace oh::kiosk
