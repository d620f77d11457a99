// Failure screens, one per reason (id "failure-<reason>"): a plain reason, what we know
// (when and where for a repeat, the dates of an expired code), and the next step, with the
// way forward (search your name) one tap away.
#include <algorithm>
#include <cmath>
#include <ctime>
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class FailureScreen final : public Screen {
  public:
    explicit FailureScreen(FailureReason reason)
        : reason_(reason), name_(failureReasonName(reason)), id_(failureScreenId(reason)) {}
    const char* id() const override { return id_.c_str(); }
    // "You checked in at 14:02 at Kiosk 2" is about a person: it leaves with the privacy timeout.
    bool showsPersonalData() const override { return reason_ == FailureReason::AlreadyCheckedIn; }

    void drawContent(AppContext& ctx) override {
        ui::topBar(ctx, nullptr);  // "Done" below is the way out
        const std::string base = "failure." + name_;
        const float margin = ctx.px(48);
        const ImVec2 cardMin(margin, ctx.px(112));
        const ImVec2 cardMax(ctx.width - margin, ctx.height - ctx.px(48));
        ui::card(ctx, cardMin, cardMax);
        Message m{ctx.tr(base + ".title"), body(ctx, base), ctx.tr(base + ".next")};
        m.inner = std::min(cardMax.x - cardMin.x - ctx.px(128), ctx.px(1000));
        m.boxW = std::min(m.inner, ctx.px(900));
        m.textW = m.boxW - ctx.px(64);
        m.boxH = ctx.px(40) + ctx.fonts.small->FontSize * 1.25f + ctx.px(8) +
                 ui::measureWrapped(ctx.fonts.bodyBold, m.next, m.textW).y;
        const float cx = ctx.width * 0.5f;
        const float bh = ctx.px(84);
        const float by = cardMax.y - ctx.px(40) - bh;  // buttons pinned to the bottom of the card
        // The message block sits centred in the space above the buttons.
        float y = cardMin.y + std::max(ctx.px(36), (by - cardMin.y - messageHeight(ctx, m)) * 0.5f);
        y = drawMessage(ctx, m, cx, y);
        drawNextStepBox(ctx, m, cx, y);
        drawWaysForward(ctx, cx, by, bh);
    }

  private:
    // What the screen says, and the sizes that depend on it.
    struct Message {
        const std::string& title;
        std::string body;  // may be empty
        const std::string& next;
        float inner = 0;  // the text column's width
        float boxW = 0;   // the "what to do next" box
        float textW = 0;
        float boxH = 0;
    };

    // Not an error: the person is in.
    bool soft() const { return reason_ == FailureReason::AlreadyCheckedIn; }

    static float iconSize(AppContext& ctx) { return ctx.px(72); }

    static float messageHeight(AppContext& ctx, const Message& m) {
        return iconSize(ctx) + ctx.px(24) +
               ui::measureWrapped(ctx.fonts.heading, m.title, m.inner).y +
               (m.body.empty()
                    ? 0.0f
                    : ctx.px(12) + ui::measureWrapped(ctx.fonts.body, m.body, m.inner).y) +
               ctx.px(28) + m.boxH;
    }

    // The icon, title and body from y; returns where the "what to do next" box goes.
    float drawMessage(AppContext& ctx, const Message& m, float cx, float y) const {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float icon = iconSize(ctx);
        if (soft()) {
            ui::checkIcon(dl, ImVec2(cx, y + icon * 0.5f), icon, theme::kOk);
        } else {
            ui::alertIcon(dl, ImVec2(cx, y + icon * 0.5f), icon, theme::kAccent);
        }
        y += icon + ctx.px(24);
        y += ui::centeredText(ctx, ctx.fonts.heading, m.title, cx, y, m.inner, theme::kText, 2);
        if (!m.body.empty()) {
            y += ctx.px(12);
            y += ui::centeredText(ctx, ctx.fonts.body, m.body, cx, y, m.inner, theme::kTextMuted);
        }
        return y + ctx.px(28);
    }

    // "What to do next" box with a coloured edge.
    void drawNextStepBox(AppContext& ctx, const Message& m, float cx, float y) const {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 bMin(cx - m.boxW * 0.5f, y);
        const ImVec2 bMax(cx + m.boxW * 0.5f, y + m.boxH);
        dl->AddRectFilled(bMin, bMax, theme::kBackgroundTop, ctx.px(20));
        dl->AddRectFilled(ImVec2(bMin.x + ctx.px(14), bMin.y + ctx.px(16)),
                          ImVec2(bMin.x + ctx.px(20), bMax.y - ctx.px(16)),
                          soft() ? theme::kOk : theme::kAccent, ctx.px(3));
        float ty = y + ctx.px(20);
        ty += ui::wrappedText(ctx, ctx.fonts.small, ctx.tr("failure.next_step"),
                              ImVec2(bMin.x + ctx.px(36), ty), m.textW, theme::kTextMuted);
        ty += ctx.px(8);
        ui::wrappedText(ctx, ctx.fonts.bodyBold, m.next, ImVec2(bMin.x + ctx.px(36), ty), m.textW,
                        theme::kText);
    }

    // Ways forward at y `by`: search (not for someone who is already in) and done.
    void drawWaysForward(AppContext& ctx, float cx, float by, float bh) const {
        const std::string& search = ctx.tr("attract.search_button");
        const std::string& done = ctx.tr("common.done");
        const float w1 =
            std::max(ctx.px(340), ui::textWidth(ctx.fonts.button, search) + ctx.px(140));
        const float w2 = std::max(ctx.px(220), ui::textWidth(ctx.fonts.button, done) + ctx.px(96));
        const float gap = ctx.px(24);
        if (soft()) {
            const float w = std::max(ctx.px(320), w2);
            if (ui::button(ctx, "done", done, ImVec2(cx - w * 0.5f, by), ImVec2(w, bh),
                           ui::ButtonStyle::Primary, ctx.fonts.button)) {
                ctx.go(screen_id::attract);
            }
            return;
        }
        float x = cx - (w1 + gap + w2) * 0.5f;
        if (ui::button(ctx, "search", search, ImVec2(x, by), ImVec2(w1, bh),
                       ui::ButtonStyle::Primary, ctx.fonts.button, ui::magnifierIcon)) {
            ctx.go(screen_id::search);
        }
        x += w1 + gap;
        if (ui::button(ctx, "done", done, ImVec2(x, by), ImVec2(w2, bh), ui::ButtonStyle::Secondary,
                       ctx.fonts.button)) {
            ctx.go(screen_id::attract);
        }
    }

    std::string body(AppContext& ctx, const std::string& base) const {
        const CheckInReply* r = ctx.session ? &ctx.session->lastCheckIn().reply : nullptr;
        if (reason_ == FailureReason::AlreadyCheckedIn && r && r->checkin) {
            const auto at = r->checkin->at / 1000;
            const bool today = fmt::sameDay(at, std::time(nullptr));
            return ctx.strings.format(
                base + ".body", {{"time", today ? fmt::clock(at) : fmt::dateTime(ctx.strings, at)},
                                 {"kiosk", r->earlierDevice.empty() ? "?" : r->earlierDevice}});
        }
        if (reason_ == FailureReason::Expired && r && r->claims) {
            return ctx.strings.format(
                base + ".body", {{"until", fmt::dateTime(ctx.strings, r->claims->validUntil)}});
        }
        if (reason_ == FailureReason::NotYetValid && r && r->claims) {
            return ctx.strings.format(base + ".body",
                                      {{"from", fmt::dateTime(ctx.strings, r->claims->validFrom)}});
        }
        if (reason_ == FailureReason::WrongEvent) {
            return ctx.strings.format(base + ".body", {{"event", ctx.model.event.name}});
        }
        if (reason_ == FailureReason::AlreadyCheckedIn || reason_ == FailureReason::Expired ||
            reason_ == FailureReason::NotYetValid)
            return "";
        return ctx.tr(base + ".body");
    }

    FailureReason reason_;
    std::string name_;
    std::string id_;
};

}  // namespace

std::unique_ptr<Screen> makeFailureScreen(FailureReason reason) {
    return std::make_unique<FailureScreen>(reason);
}

}  // namespace oh::kiosk
