#include "kiosk/ui/pin_pad.hpp"

#include <algorithm>

#include "kiosk/services/pin_check.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace oh::kiosk::ui {

// Digits typed on a keyboard, and Backspace; true when Enter was pressed.
bool PinPad::readKeyboard() {
    for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
        if (c >= '0' && c <= '9' && pin_.size() < 12) pin_ += static_cast<char>(c);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !pin_.empty())
        pin_.pop_back();
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
}

// Dots for the digits entered (at least four); returns the next free y.
float PinPad::drawDots(AppContext& ctx, float cx, float y) const {
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

// Keypad: 3 x 4, keys at least 48 px at 1280x800 (here ~88). True when "unlock" was tapped.
bool PinPad::drawKeypad(AppContext& ctx, float cx, float y) {
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
bool PinPad::drawKey(AppContext& ctx, const std::string& key, ImVec2 pos, ImVec2 size) {
    std::string label = key;
    auto style = ButtonStyle::Secondary;
    if (key == "clear") label = ctx.tr("pin.clear");
    if (key == "ok") {
        label = ctx.tr("pin.unlock");
        style = ButtonStyle::Primary;
    }
    const std::string idStr = "key-" + key;
    if (!button(ctx, idStr.c_str(), label, pos, size, style, ctx.fonts.button)) return false;
    if (key == "clear") {
        pin_.clear();
    } else if (key == "ok") {
        return true;
    } else if (pin_.size() < 12) {
        pin_ += key;
    }
    return false;
}

// Status line: not configured, locked (with the countdown), wrong, checking. Returns the
// next free y.
float PinPad::drawStatus(AppContext& ctx, AsyncPinGate* gate, const std::string& message,
                         std::int64_t now, float cx, float y) const {
    const std::int64_t locked = gate ? gate->lockedForMillis(now) : 0;
    std::string status = message;
    if (!gate || !gate->configured()) {
        status = ctx.tr("pin.not_configured");
    } else if (locked > 0) {
        status =
            ctx.strings.format("pin.locked", {{"seconds", std::to_string((locked + 999) / 1000)}});
    } else if (gate->busy()) {
        status = ctx.tr("pin.checking");
    }
    const float statusH = ctx.fonts.body->FontSize * 1.25f;
    if (!status.empty())
        centeredText(ctx, ctx.fonts.bodyBold, status, cx, y, ctx.width - ctx.px(96),
                     theme::kAccent);
    return y + statusH + ctx.px(12);
}

}  // namespace oh::kiosk::ui
