// Scoring mode's start: the tablet is locked. A judge scans their staff badge, then types the
// staff PIN (or, where the config allows the PIN alone, types it and picks their name). Wrong
// PINs count towards the gate's lockout; the tablet comes back here, locked, after its idle
// timeout. Entering this screen forgets the previous judge.
#include <string>

#include "core/judging/scoring.hpp"
#include "core/model/ids.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/pin_pad.hpp"
#include "kiosk/ui/scan_prompt.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class ScoringUnlockScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::scoring; }
    bool animating() const override { return false; }

    void onEnter(AppContext& ctx) override {
        if (ctx.session) ctx.session->floor().lock();
        pad_.clear();
        message_.clear();
        candidate_.reset();
        pinAlone_ = ctx.session && ctx.session->floor().judging().pinAlone;
    }
    void onLeave(AppContext&) override { pad_.clear(); }

    void drawContent(AppContext& ctx) override {
        const bool available = ctx.session && ctx.session->floor().available();
        const float y = ui::modeStartHeader(ctx, "scoring.title", available);
        if (!available) return;
        const float cx = ctx.width * 0.5f;
        const float width = ctx.width - ctx.px(96);
        takeBadge(ctx);
        if (pinAlone_ || candidate_) {
            drawPin(ctx, cx, y, width);
        } else {
            drawBadgePrompt(ctx, y);
        }
    }

  private:
    // A badge scan's answer: a judge moves on to the PIN; anyone else is told why not.
    void takeBadge(AppContext& ctx) {
        auto who = ctx.session->floor().takeIdentified();
        if (!who) return;
        const auto& [status, person] = *who;
        if (status == CheckInStatus::Ok && person && mayJudge(*person)) {
            candidate_ = person;
            message_.clear();
            pad_.clear();
        } else if (status == CheckInStatus::Ok) {
            message_ = ctx.tr("scoring.not_staff");
        } else {
            message_ = ctx.tr("scoring.badge_refused");
        }
    }

    void drawBadgePrompt(AppContext& ctx, float y) {
        ui::scanPrompt(
            ctx, ctx.tr("scoring.scan_badge"),
            ctx.session->floor().identifying() ? ctx.tr("scoring.checking_badge") : message_, y);
    }

    void drawPin(AppContext& ctx, float cx, float y, float width) {
        AsyncPinGate* gate = &ctx.session->staffPin();
        pollGate(ctx, gate);
        if (candidate_) {
            // The judge's name in any script, shaped by pango.
            y += ui::shapedText(
                ctx, substitute(ctx.tr("scoring.pin_for"), {{"name", candidate_->fullName}}), 26,
                false, theme::kTextMuted, ImVec2(cx, y), width, ui::Align::Center);
        } else {
            y += ui::centeredText(ctx, ctx.fonts.body, ctx.tr("scoring.pin_prompt"), cx, y, width,
                                  theme::kTextMuted);
        }
        y += ctx.px(12);
        const bool enter = pad_.readKeyboard();
        y = pad_.drawDots(ctx, cx, y);
        const auto now = nowMillis();
        y = pad_.drawStatus(ctx, gate, message_, now, cx, y);
        const bool submit = pad_.drawKeypad(ctx, cx, y) || enter;
        if (submit && gate->configured() && !pad_.pin().empty()) {
            message_.clear();
            gate->submit(pad_.pin(), now);
            pad_.clear();
        }
    }

    void pollGate(AppContext& ctx, AsyncPinGate* gate) {
        auto result = gate->poll();
        if (!result) return;
        if (*result == PinGate::Result::Rejected) {
            message_ = ctx.strings.format(
                "pin.wrong", {{"remaining", std::to_string(gate->remainingAttempts())}});
            return;
        }
        if (*result != PinGate::Result::Accepted) return;  // locked out: the status line says
        if (candidate_) {
            ctx.session->floor().unlock(*candidate_);
            ctx.go(screen_id::scoringBoard);
        } else {
            ctx.go(screen_id::scoringPick);
        }
    }

    ui::PinPad pad_;
    std::string message_;
    std::optional<Attendee> candidate_;
    bool pinAlone_ = false;
};

}  // namespace

std::unique_ptr<Screen> makeScoringUnlockScreen() {
    return std::make_unique<ScoringUnlockScreen>();
}

}  // namespace oh::kiosk
