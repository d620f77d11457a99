// Three quick questions on a 1-5 scale and an optional comment. "Send" saves it (a second
// feedback on the same demo replaces the first until judging closes) and returns to the
// start; a refusal (one's own team, judging closed) stays here with its reason. Idle returns
// to the start after the feedback timeout.
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class FeedbackFormScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::feedbackForm; }
    bool showsPersonalData() const override { return true; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override { return timeout_; }
    void onEnter(AppContext& ctx) override {
        if (!ctx.session) return;
        timeout_ = std::chrono::seconds(ctx.session->floor().judging().feedbackIdleSeconds);
        if (!ctx.session->floor().chosenDemo()) ctx.go(screen_id::feedback);
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.back")) ctx.go(screen_id::feedbackPick);
        if (!ctx.session) return;
        FloorSession& floor = ctx.session->floor();
        const FloorDemo* demo = floor.chosenDemo();
        if (!demo || !floor.author()) return;
        const auto& done = floor.lastFeedback();
        if (done && (*done == FeedbackWriteStatus::Saved || *done == FeedbackWriteStatus::Replaced))
            return ctx.go(screen_id::feedback);  // it thanks them
        const float width = std::min(ctx.width - ctx.px(96), ctx.px(1100));
        const float left = (ctx.width - width) * 0.5f;
        float y = ctx.px(104);
        y += ui::shapedText(ctx, demo->showcase.title, 32, true, theme::kText, ImVec2(left, y),
                            width, ui::Align::Left);
        y += ctx.px(8);
        for (int q = 0; q < kFeedbackQuestions; ++q)
            y = drawQuestion(ctx, floor, q, left, y, width);
        y += ctx.px(4);
        ui::textField(ctx, "##comment", floor.answers().comment, ctx.tr("feedback.comment_hint"),
                      ImVec2(left, y), width, false);
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(12);
        drawFooter(ctx, floor, *demo, left, y, width);
    }

  private:
    float drawQuestion(AppContext& ctx, FloorSession& floor, int q, float left, float y,
                       float width) {
        const std::string key = "feedback.q" + std::to_string(q + 1);
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr(key), ImVec2(left, y), width,
                             theme::kText);
        int& level = floor.answers().levels[std::size_t(q)];
        const float gap = ctx.px(10);
        const float bw = std::min(ctx.px(120), (width * 0.6f - 4 * gap) / 5), bh = ctx.px(56);
        for (int l = 1; l <= 5; ++l) {
            const std::string id = "q" + std::to_string(q + 1) + "-" + std::to_string(l);
            const ImVec2 at(left + (l - 1) * (bw + gap), y);
            if (ui::button(ctx, id.c_str(), std::to_string(l), at, ImVec2(bw, bh),
                           level == l ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary,
                           ctx.fonts.button))
                level = l;
            ctx.hits.add(Hit{id, at, ImVec2(at.x + bw, at.y + bh), true});  // scenarios: q2-4
        }
        const float textX = left + 5 * (bw + gap) + ctx.px(8);
        ui::wrappedText(ctx, ctx.fonts.body, ctx.tr("feedback.scale"),
                        ImVec2(textX, y + ctx.px(10)), left + width - textX, theme::kTextMuted);
        return y + bh + ctx.px(14);
    }

    void drawFooter(AppContext& ctx, FloorSession& floor, const FloorDemo& demo, float left,
                    float y, float width) {
        std::string line;
        if (floor.feedbackPending()) {
            line = ctx.tr("scoring.saving");
        } else if (const auto& w = floor.lastFeedback()) {
            line = ctx.tr(std::string("feedback.written.") + feedbackWriteStatusKey(*w));
        } else if (!floor.lastFeedbackProblem().empty()) {
            line = ctx.tr("feedback.failed");
        } else if (floor.ratedBefore(demo.showcase.id)) {
            line = ctx.tr("feedback.replaces");
        }
        const float bw = ctx.px(320), bh = ctx.px(64);
        const bool complete =
            std::all_of(floor.answers().levels.begin(), floor.answers().levels.end(),
                        [](int l) { return l >= 1 && l <= 5; });
        if (ui::button(ctx, "send", ctx.tr("feedback.send"), ImVec2(left + width - bw, y),
                       ImVec2(bw, bh),
                       complete ? ui::ButtonStyle::Primary : ui::ButtonStyle::Secondary,
                       ctx.fonts.button)) {
            if (complete)
                floor.submitFeedback();
            else
                line = ctx.tr("feedback.answer_all");
        }
        if (!line.empty())
            ui::wrappedText(ctx, ctx.fonts.bodyBold, line, ImVec2(left, y + ctx.px(8)),
                            width - bw - ctx.px(24), theme::kAccent);
    }

    std::chrono::milliseconds timeout_{30'000};
};

}  // namespace

std::unique_ptr<Screen> makeFeedbackFormScreen() {
    return std::make_unique<FeedbackFormScreen>();
}

}  // namespace oh::kiosk
