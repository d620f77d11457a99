// Welcome: shown only after the check-in is committed. Compliment first (a template per role
// that leads with the person's strengths and their demo slot), the name and the line shaped
// by pango so any script is right, then the badge: printing, ready, or "collect it at the desk".
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

std::string firstName(const std::string& full) {
    const auto space = full.find(' ');
    return space == std::string::npos ? full : full.substr(0, space);
}

// The compliment (the roster's `strengths`) is written in the roster's language: a line in
// another language leaves it out rather than mix two languages in one sentence.
std::string internLine(const AppContext& ctx, const CheckInReply& r, const std::string& name) {
    const Attendee& a = *r.attendee;
    const bool compliment = !a.strengths.empty() && ctx.strings.language() == ctx.rosterLanguage;
    if (r.showcase && r.showcase->slotStart > 0) {
        const std::string place =
            r.showcase->location.empty() ? r.showcase->title : r.showcase->location;
        const std::string time = fmt::clock(r.showcase->slotStart);
        if (!compliment) {
            return ctx.strings.format("welcome.intern_demo",
                                      {{"name", name}, {"place", place}, {"time", time}});
        }
        return ctx.strings.format(
            "welcome.intern",
            {{"name", name}, {"strength", a.strengths}, {"place", place}, {"time", time}});
    }
    if (!compliment) return ctx.strings.format("welcome.plain", {{"name", name}});
    return ctx.strings.format("welcome.intern_no_demo",
                              {{"name", name}, {"strength", a.strengths}});
}

}  // namespace

std::string welcomeLine(const AppContext& ctx, const CheckInReply& r, const Event& event) {
    if (!r.attendee) return "";
    const Attendee& a = *r.attendee;
    const std::string name = firstName(a.fullName);
    // Once the event is under way, "the demos start at 09:00" would read oddly.
    const bool started = event.startsAt > 0 && event.startsAt <= std::time(nullptr);
    const std::string start = event.startsAt > 0 && !started ? fmt::clock(event.startsAt) : "";
    switch (a.role) {
        case Role::Intern:
            return internLine(ctx, r, name);
        case Role::Staff:
            if (start.empty()) return ctx.strings.format("welcome.staff_started", {{"name", name}});
            return ctx.strings.format("welcome.staff", {{"name", name}, {"time", start}});
        case Role::Lead:
            return ctx.strings.format("welcome.lead", {{"name", name}});
        case Role::Guest:
            break;
    }
    if (start.empty())
        return ctx.strings.format(started ? "welcome.guest_started" : "welcome.plain",
                                  {{"name", name}});
    return ctx.strings.format("welcome.guest", {{"name", name}, {"time", start}});
}

namespace {

class WelcomeScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::welcome; }
    bool showsPersonalData() const override { return true; }
    // The check-in is forgotten when the attract screen comes back (attract.cpp), not here:
    // a new scan may replace this screen with its own result.

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.done")) ctx.go(screen_id::attract);
        if (!ctx.session || !ctx.session->lastCheckIn().reply.attendee) return;
        const CheckInView& view = ctx.session->lastCheckIn();
        const Attendee& a = *view.reply.attendee;
        const float margin = ctx.px(48);
        const ImVec2 cardMin(margin, ctx.px(112));
        const ImVec2 cardMax(ctx.width - margin, ctx.height - ctx.px(48));
        ui::card(ctx, cardMin, cardMax);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float inner = std::min(cardMax.x - cardMin.x - ctx.px(128), ctx.px(1040));
        const float cx = ctx.width * 0.5f;
        std::string meta = a.pronouns;
        if (!a.team.empty()) meta += (meta.empty() ? "" : "   ·   ") + a.team;
        const std::string line = welcomeLine(ctx, view.reply, ctx.session->event());
        // Centre the message block in the card above the badge panel.
        const float icon = ctx.px(40);
        const float blockH =
            icon + ctx.px(28) + ui::shapedHeight(ctx, a.fullName, 68, true, theme::kText, inner) +
            (meta.empty()
                 ? 0.0f
                 : ctx.px(6) + ui::shapedHeight(ctx, meta, 26, false, theme::kTextMuted, inner)) +
            ctx.px(26) + ui::shapedHeight(ctx, line, 38, false, theme::kAccent, inner);
        const float badgeTop =
            view.badge == CheckInView::Badge::None ? cardMax.y : cardMax.y - ctx.px(40 + 96);
        float y = cardMin.y + std::max(ctx.px(36), (badgeTop - cardMin.y - blockH) * 0.5f);

        // "✓ You are checked in."
        const std::string& checked = ctx.tr("welcome.checked_in");
        ImFont* bold = ctx.fonts.bodyBold;
        const float tw = ui::textWidth(bold, checked);
        const float rowX = cx - (icon + ctx.px(14) + tw) * 0.5f;
        ui::checkIcon(dl, ImVec2(rowX + icon * 0.5f, y + icon * 0.5f), icon, theme::kOk);
        dl->AddText(bold, bold->FontSize,
                    ImVec2(std::floor(rowX + icon + ctx.px(14)),
                           std::floor(y + (icon - bold->FontSize) * 0.5f)),
                    theme::kOk, checked.c_str());
        ctx.hits.add(
            Hit{checked, ImVec2(rowX, y), ImVec2(rowX + icon + ctx.px(14) + tw, y + icon), false});
        y += icon + ctx.px(28);

        // The name, large, shaped by pango.
        y += ui::shapedText(ctx, a.fullName, 68, true, theme::kText, ImVec2(cx, y), inner,
                            ui::Align::Center);
        if (!meta.empty()) {
            y += ctx.px(6);
            y += ui::shapedText(ctx, meta, 26, false, theme::kTextMuted, ImVec2(cx, y), inner,
                                ui::Align::Center);
        }
        y += ctx.px(26);
        // Compliment first.
        y += ui::shapedText(ctx, line, 38, false, theme::kAccent, ImVec2(cx, y), inner,
                            ui::Align::Center);

        drawBadgeStatus(ctx, view.badge, cardMin, cardMax, y + ctx.px(24));
    }

  private:
    static void drawBadgeStatus(AppContext& ctx, CheckInView::Badge badge, ImVec2 cardMin,
                                ImVec2 cardMax, float top) {
        const char* key = nullptr;
        ImU32 color = theme::kText;
        switch (badge) {
            case CheckInView::Badge::None:
                return;
            case CheckInView::Badge::Printing:
                key = "welcome.badge_printing";
                break;
            case CheckInView::Badge::Printed:
                key = "welcome.badge_ready";
                break;
            case CheckInView::Badge::Spooled:
                key = "welcome.badge_spooled";
                break;
            case CheckInView::Badge::Failed:
                key = "welcome.badge_failed";
                color = theme::kAccent;
                break;
        }
        const float margin = ctx.px(40);
        const float height = ctx.px(96);
        const float bottom = cardMax.y - margin;
        const float y = std::max(top, bottom - height);
        const float width = std::min(cardMax.x - cardMin.x - 2 * margin, ctx.px(980));
        const ImVec2 min((ctx.width - width) * 0.5f, y);
        const ImVec2 max(min.x + width, y + height);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(min, max, theme::kBackgroundTop, ctx.px(20));
        dl->AddRect(min, max,
                    badge == CheckInView::Badge::Failed ? theme::kAccent : theme::kPanelBorder,
                    ctx.px(20), 0, ctx.px(2));
        // A small name-badge pictogram: clip, colour band, name lines.
        const float bw = ctx.px(42), bh = ctx.px(56);
        const ImVec2 b0(min.x + ctx.px(28), min.y + (height - bh) * 0.5f + ctx.px(4));
        const ImU32 band = badge == CheckInView::Badge::Failed ? theme::kAccent : theme::kOk;
        dl->AddRectFilled(ImVec2(b0.x + bw * 0.35f, b0.y - ctx.px(8)),
                          ImVec2(b0.x + bw * 0.65f, b0.y + ctx.px(4)), theme::kTextMuted,
                          ctx.px(3));
        dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh), theme::kText, ctx.px(7));
        dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh * 0.26f), band, ctx.px(7),
                          ImDrawFlags_RoundCornersTop);
        dl->AddRectFilled(ImVec2(b0.x + bw * 0.18f, b0.y + bh * 0.45f),
                          ImVec2(b0.x + bw * 0.82f, b0.y + bh * 0.55f), theme::kPanel, ctx.px(2));
        dl->AddRectFilled(ImVec2(b0.x + bw * 0.18f, b0.y + bh * 0.66f),
                          ImVec2(b0.x + bw * 0.6f, b0.y + bh * 0.74f), theme::kPanelBorder,
                          ctx.px(2));
        const float textX = b0.x + bw + ctx.px(24);
        ui::wrappedText(
            ctx, ctx.fonts.bodyBold, ctx.tr(key),
            ImVec2(textX, min.y + (height - ui::measureWrapped(ctx.fonts.bodyBold, ctx.tr(key),
                                                               max.x - textX - ctx.px(24))
                                                .y) *
                                      0.5f),
            max.x - textX - ctx.px(24), color);
    }
};

}  // namespace

std::unique_ptr<Screen> makeWelcomeScreen() {
    return std::make_unique<WelcomeScreen>();
}

}  // namespace oh::kiosk
