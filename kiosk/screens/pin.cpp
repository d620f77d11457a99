// PIN screens: "staff-pin" opens the staff screen, "exit-pin" (the lead PIN) closes the kiosk.
// A big keypad (touch), digits from a keyboard too. The check (Argon2id) runs off the UI
// thread; repeated failures lock the gate out (core PinGate), and the screen says for how long.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/model/ids.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/pin_pad.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class PinScreen final : public Screen {
  public:
    enum class Kind { Staff, Exit, Mode, Dashboard };
    explicit PinScreen(Kind kind) : kind_(kind) {}
    const char* id() const override {
        return kind_ == Kind::Staff       ? screen_id::staffPin
               : kind_ == Kind::Mode      ? screen_id::modePin
               : kind_ == Kind::Dashboard ? screen_id::dashboardPin
                                          : screen_id::exitPin;
    }
    std::optional<std::chrono::milliseconds> idleTimeout() const override {
        return std::chrono::seconds(30);
    }
    void onEnter(AppContext&) override {
        pad_.clear();
        message_.clear();
    }
    void onLeave(AppContext&) override { pad_.clear(); }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.cancel")) ctx.go(startScreenOf(ctx.mode));
        AsyncPinGate* gate = ctx.session ? (kind_ == Kind::Staff ? &ctx.session->staffPin()
                                                                 : &ctx.session->leadPin())
                                         : nullptr;
        pollResult(ctx, gate);
        const bool enter = pad_.readKeyboard();
        const float cx = ctx.width * 0.5f;
        float y = drawHeading(ctx, cx);
        y = pad_.drawDots(ctx, cx, y);
        const auto now = nowMillis();
        y = pad_.drawStatus(ctx, gate, message_, now, cx, y);
        const bool submit = pad_.drawKeypad(ctx, cx, y) || enter;
        // Also while a PIN is being checked: the gate checks this one next if that one fails.
        if (submit && gate && !pad_.pin().empty()) {
            message_.clear();
            gate->submit(pad_.pin(), now);
            pad_.clear();  // the worker wakes the UI with the answer
        }
    }

  private:
    // Title and prompt; returns the next free y.
    float drawHeading(AppContext& ctx, float cx) const {
        float y = ctx.px(112);
        const std::string& title = ctx.tr(kind_ == Kind::Staff       ? "pin.title"
                                          : kind_ == Kind::Mode      ? "pin.mode_title"
                                          : kind_ == Kind::Dashboard ? "pin.dashboard_title"
                                                                     : "pin.exit_title");
        y += ui::centeredText(ctx, ctx.fonts.heading, title, cx, y, ctx.width - ctx.px(96),
                              theme::kText);
        y += ui::centeredText(ctx, ctx.fonts.body,
                              ctx.tr(kind_ == Kind::Staff ? "pin.staff_prompt" : "pin.prompt"), cx,
                              y, ctx.width - ctx.px(96), theme::kTextMuted);
        return y + ctx.px(16);
    }

    void pollResult(AppContext& ctx, AsyncPinGate* gate) {
        if (!gate) return;
        auto result = gate->poll();
        if (!result) return;
        switch (*result) {
            case PinGate::Result::Accepted:
                message_.clear();
                if (kind_ == Kind::Staff) {
                    ctx.go(screen_id::staff);
                } else if (kind_ == Kind::Mode) {
                    ctx.go(screen_id::mode);
                } else if (kind_ == Kind::Dashboard) {
                    ctx.go(screen_id::dashboard);
                } else {
                    ctx.quitRequested = true;
                }
                break;
            case PinGate::Result::Rejected:
                message_ = ctx.strings.format(
                    "pin.wrong", {{"remaining", std::to_string(gate->remainingAttempts())}});
                break;
            case PinGate::Result::LockedOut:
                message_.clear();  // the countdown line says it
                break;
        }
    }

    Kind kind_;
    ui::PinPad pad_;
    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> makeStaffPinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Staff);
}
std::unique_ptr<Screen> makeModePinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Mode);
}
std::unique_ptr<Screen> makeDashboardPinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Dashboard);
}
std::unique_ptr<Screen> makeExitPinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Exit);
}

}  // namespace oh::kiosk
