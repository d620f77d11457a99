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
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class PinScreen final : public Screen {
  public:
    enum class Kind { Staff, Exit };
    explicit PinScreen(Kind kind) : kind_(kind) {}
    const char* id() const override {
        return kind_ == Kind::Staff ? screen_id::staffPin : screen_id::exitPin;
    }
    std::optional<std::chrono::milliseconds> idleTimeout() const override {
        return std::chrono::seconds(30);
    }
    void onEnter(AppContext&) override {
        pin_.clear();
        message_.clear();
    }
    void onLeave(AppContext&) override { pin_.clear(); }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.cancel")) ctx.go(screen_id::attract);
        AsyncPinGate* gate = ctx.session ? (kind_ == Kind::Staff ? &ctx.session->staffPin()
                                                                 : &ctx.session->leadPin())
                                         : nullptr;
        pollResult(ctx, gate);
        const bool enter = readKeyboard();
        const float cx = ctx.width * 0.5f;
        float y = drawHeading(ctx, cx);
        y = drawDots(ctx, cx, y);
        const auto now = nowMillis();
        y = drawStatus(ctx, gate, now, cx, y);
        const bool submit = drawKeypad(ctx, cx, y) || enter;
        // Also while a PIN is being checked: the gate checks this one next if that one fails.
        if (submit && gate && !pin_.empty()) {
            message_.clear();
            gate->submit(pin_, now);
            pin_.clear();  // the worker wakes the UI with the answer
        }
    }

  private:
    // Digits typed on a keyboard, and Backspace; true when Enter was pressed.
    bool readKeyboard() {
        for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
            if (c >= '0' && c <= '9' && pin_.size() < 12) pin_ += static_cast<char>(c);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !pin_.empty())
            pin_.pop_back();
        return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
    }

    // Title and prompt; returns the next free y.
    float drawHeading(AppContext& ctx, float cx) const {
        float y = ctx.px(112);
        const std::string& title = ctx.tr(kind_ == Kind::Staff ? "pin.title" : "pin.exit_title");
        y += ui::centeredText(ctx, ctx.fonts.heading, title, cx, y, ctx.width - ctx.px(96),
                              theme::kText);
        y += ui::centeredText(ctx, ctx.fonts.body,
                              ctx.tr(kind_ == Kind::Staff ? "pin.staff_prompt" : "pin.prompt"), cx,
                              y, ctx.width - ctx.px(96), theme::kTextMuted);
        return y + ctx.px(16);
    }

    // Dots for the digits entered (at least four); returns the next free y.
    float drawDots(AppContext& ctx, float cx, float y) const {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float dot = ctx.px(22), dotGap = ctx.px(18);
        const int shown = std::max<int>(4, static_cast<int>(pin_.size()));
        float dx = cx - (shown * dot + (shown - 1) * dotGap) * 0.5f + dot * 0.5f;
        for (int i = 0; i < shown; ++i) {
            const ImVec2 c(dx + i * (dot + dotGap), y + dot * 0.5f);
            if (i < static_cast<int>(pin_.size())) {
                dl->AddCircleFilled(c, dot * 0.5f, theme::kText, 24);
            } else {
                dl->AddCircle(c, dot * 0.5f, theme::kTextMuted, 24, ctx.px(2));
            }
        }
        ctx.hits.add(Hit{"pin-dots:" + std::to_string(pin_.size()), ImVec2(cx - 100, y),
                         ImVec2(cx + 100, y + dot), false});
        return y + dot + ctx.px(14);
    }

    // Status line: not configured, locked (with the countdown), wrong, checking. Returns the
    // next free y.
    float drawStatus(AppContext& ctx, AsyncPinGate* gate, std::int64_t now, float cx,
                     float y) const {
        const std::int64_t locked = gate ? gate->lockedForMillis(now) : 0;
        std::string status = message_;
        if (!gate || !gate->configured()) {
            status = ctx.tr("pin.not_configured");
        } else if (locked > 0) {
            status = ctx.strings.format("pin.locked",
                                        {{"seconds", std::to_string((locked + 999) / 1000)}});
        } else if (gate->busy()) {
            status = ctx.tr("pin.checking");
        }
        const float statusH = ctx.fonts.body->FontSize * 1.25f;
        if (!status.empty())
            ui::centeredText(ctx, ctx.fonts.bodyBold, status, cx, y, ctx.width - ctx.px(96),
                             theme::kAccent);
        return y + statusH + ctx.px(12);
    }

    // Keypad: 3 x 4, keys at least 48 px at 1280x800 (here ~88). True when "unlock" was tapped.
    bool drawKeypad(AppContext& ctx, float cx, float y) {
        const float bottom = ctx.height - ctx.px(36);
        const float gap = ctx.px(14);
        const float keyH = std::min(ctx.px(88), (bottom - y - 3 * gap) / 4);
        const float keyW = ctx.px(200);
        const float left = cx - (3 * keyW + 2 * gap) * 0.5f;
        const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
        bool submit = false;
        for (int i = 0; i < 12; ++i) {
            const ImVec2 pos(left + (i % 3) * (keyW + gap), y + (i / 3) * (keyH + gap));
            if (drawKey(ctx, keys[i], pos, ImVec2(keyW, keyH))) submit = true;
        }
        return submit;
    }

    // One keypad key: a digit adds itself, "clear" empties the PIN; true for "ok".
    bool drawKey(AppContext& ctx, const std::string& key, ImVec2 pos, ImVec2 size) {
        std::string label = key;
        auto style = ui::ButtonStyle::Secondary;
        if (key == "clear") label = ctx.tr("pin.clear");
        if (key == "ok") {
            label = ctx.tr("pin.unlock");
            style = ui::ButtonStyle::Primary;
        }
        const std::string idStr = "key-" + key;
        if (!ui::button(ctx, idStr.c_str(), label, pos, size, style, ctx.fonts.button))
            return false;
        if (key == "clear") {
            pin_.clear();
        } else if (key == "ok") {
            return true;
        } else if (pin_.size() < 12) {
            pin_ += key;
        }
        return false;
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
    std::string pin_;
    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> makeStaffPinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Staff);
}
std::unique_ptr<Screen> makeExitPinScreen() {
    return std::make_unique<PinScreen>(PinScreen::Kind::Exit);
}

}  // namespace oh::kiosk
