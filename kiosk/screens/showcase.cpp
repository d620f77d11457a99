// The audience's big screen (--mode showcase, 1920x1080, read from 5 m): per room the demo
// presenting now, the one up next with a countdown, and the later ones; between sessions a
// spotlight card per demo in turn, outcome first. Each demo carries a QR code that takes a
// feedback kiosk straight to it. Only presenters' names, titles and outcomes are shown: no
// scores, nothing else about anyone. The store's reader (services/store_watch) wakes the
// screen when the program changes, at each spotlight turn and once a minute for the clock.
#include <algorithm>
#include <map>
#include <string>

#include "core/judging/showcase_program.hpp"
#include "core/render/qr.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " · ") + n;
    return out;
}

class ShowcaseScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::showcase; }
    void onEnter(AppContext& ctx) override {
        if (ctx.session && ctx.session->watch()) ctx.session->watch()->wantDashboard(false);
    }

    void drawContent(AppContext& ctx) override {
        StoreWatch* watch = ctx.session ? ctx.session->watch() : nullptr;
        const auto program = watch ? watch->program() : nullptr;
        const std::int64_t now = nowSeconds();
        const float margin = ctx.px(40);
        float y = drawHeader(ctx, now, margin);
        if (!program) {
            ui::centeredText(
                ctx, ctx.fonts.heading, ctx.tr(watch ? "showcase.loading" : "showcase.no_store"),
                ctx.width * 0.5f, ctx.height * 0.4f, ctx.width - 2 * margin, theme::kTextMuted);
        } else if (program->rooms.empty()) {
            ui::centeredText(ctx, ctx.fonts.heading, ctx.tr("showcase.finished"), ctx.width * 0.5f,
                             ctx.height * 0.4f, ctx.width - 2 * margin, theme::kText);
        } else if (program->betweenSessions && !program->spotlights.empty()) {
            const auto& card =
                program->spotlights[watch->spotlightTurn() % program->spotlights.size()];
            y = drawSpotlight(ctx, *program, card, now, ImVec2(margin, y));
            drawRooms(ctx, *program, now, ImVec2(margin, y + ctx.px(16)), true);
        } else {
            drawRooms(ctx, *program, now, ImVec2(margin, y), false);
        }
        const float bw = ctx.px(150), bh = ctx.px(36);
        if (ui::button(ctx, "mode-switch", ctx.tr("mode.switch"),
                       ImVec2(ctx.width - bw - ctx.px(12), ctx.height - bh - ctx.px(12)),
                       ImVec2(bw, bh), ui::ButtonStyle::Secondary, ctx.fonts.small))
            ctx.go(screen_id::modePin);
    }

  private:
    float drawHeader(AppContext& ctx, std::int64_t now, float margin) {
        const std::string& event = ctx.model.event.name;
        ui::shapedText(ctx, event, 30, true, theme::kText, ImVec2(margin, ctx.px(24)),
                       ctx.width * 0.6f, ui::Align::Left);
        const std::string clock = fmt::clock(now);
        const float w = ui::textWidth(ctx.fonts.heading, clock);
        ImGui::GetWindowDrawList()->AddText(ctx.fonts.heading, ctx.fonts.heading->FontSize,
                                            ImVec2(ctx.width - margin - w, ctx.px(18)),
                                            theme::kAccent, clock.c_str());
        ctx.hits.add({clock, ImVec2(ctx.width - margin - w, ctx.px(18)),
                      ImVec2(ctx.width - margin, ctx.px(70)), false, 0, false});
        return ctx.px(90);
    }

    std::string countdown(AppContext& ctx, std::int64_t start, std::int64_t now) const {
        const std::int64_t minutes = std::max<std::int64_t>(0, (start - now + 59) / 60);
        if (minutes == 0) return ctx.tr("showcase.starting");
        return ctx.strings.format("showcase.in_minutes", {{"minutes", std::to_string(minutes)}});
    }

    float drawSpotlight(AppContext& ctx, const ShowcaseProgram& p, const ProgramDemo& d,
                        std::int64_t now, ImVec2 pos) {
        const float width = ctx.width - 2 * pos.x, height = ctx.height * 0.46f;
        ui::card(ctx, pos, ImVec2(pos.x + width, pos.y + height));
        const float qr = height - ctx.px(64), pad = ctx.px(32);
        const float textW = width - qr - 3 * pad;
        float y = pos.y + pad;
        y += ui::shapedText(ctx, ctx.tr("showcase.spotlight"), 20, true, theme::kTextMuted,
                            ImVec2(pos.x + pad, y), textW, ui::Align::Left);
        if (!d.outcome.empty())
            y += ui::shapedText(ctx, d.outcome, 56, true, theme::kAccent, ImVec2(pos.x + pad, y),
                                textW, ui::Align::Left);
        y += ui::shapedText(ctx, d.title, 36, true, theme::kText, ImVec2(pos.x + pad, y), textW,
                            ui::Align::Left);
        y += ui::shapedText(ctx, joined(d.presenterNames), 28, false, theme::kTextMuted,
                            ImVec2(pos.x + pad, y), textW, ui::Align::Left);
        if (p.nextStart)
            ui::shapedText(ctx,
                           ctx.strings.format("showcase.next_session",
                                              {{"time", fmt::clock(*p.nextStart)},
                                               {"countdown", countdown(ctx, *p.nextStart, now)}}),
                           24, false, theme::kText, ImVec2(pos.x + pad, y + ctx.px(12)), textW,
                           ui::Align::Left);
        drawQr(ctx, d.showcaseId, ImVec2(pos.x + width - pad - qr, pos.y + ctx.px(32)), qr);
        return pos.y + height;
    }

    void drawRooms(AppContext& ctx, const ShowcaseProgram& p, std::int64_t now, ImVec2 pos,
                   bool compact) {
        const std::size_t perRow = std::min<std::size_t>(p.rooms.size(), 3);
        const float gap = ctx.px(20);
        const float w = (ctx.width - 2 * pos.x - gap * static_cast<float>(perRow - 1)) /
                        static_cast<float>(perRow);
        const std::size_t rows = (p.rooms.size() + perRow - 1) / perRow;
        const float h = (ctx.height - pos.y - ctx.px(60) - gap * static_cast<float>(rows - 1)) /
                        static_cast<float>(rows);
        for (std::size_t i = 0; i < p.rooms.size(); ++i) {
            const ImVec2 at(pos.x + static_cast<float>(i % perRow) * (w + gap),
                            pos.y + static_cast<float>(i / perRow) * (h + gap));
            drawRoom(ctx, p.rooms[i], now, at, ImVec2(w, h), compact);
        }
    }

    void drawRoom(AppContext& ctx, const RoomProgram& r, std::int64_t now, ImVec2 at, ImVec2 size,
                  bool compact) {
        ui::card(ctx, at, ImVec2(at.x + size.x, at.y + size.y));
        const float pad = ctx.px(20), w = size.x - 2 * pad;
        float y = at.y + pad;
        const std::string room = r.room.empty() ? ctx.tr("showcase.main_stage") : r.room;
        y += ui::shapedText(ctx, room, 22, true, theme::kAccent, ImVec2(at.x + pad, y), w,
                            ui::Align::Left);
        if (r.now && !compact) {
            y += label(ctx,
                       ctx.strings.format("showcase.now_until", {{"time", fmt::clock(r.now->end)}}),
                       ImVec2(at.x + pad, y), w);
            y += demoBlock(ctx, *r.now, ImVec2(at.x + pad, y), w, at.y + size.y - pad, true);
        }
        if (r.next && y < at.y + size.y - ctx.px(80)) {
            y += label(ctx,
                       ctx.strings.format("showcase.next_at",
                                          {{"time", fmt::clock(r.next->start)},
                                           {"countdown", countdown(ctx, r.next->start, now)}}),
                       ImVec2(at.x + pad, y + ctx.px(8)), w) +
                 ctx.px(8);
            y += demoBlock(ctx, *r.next, ImVec2(at.x + pad, y), w, at.y + size.y - pad, !compact);
        }
        for (const ProgramDemo& d : r.later) {
            if (compact || y > at.y + size.y - ctx.px(40)) break;
            y += ui::shapedText(ctx, fmt::clock(d.start) + "  " + d.title, 18, false,
                                theme::kTextMuted, ImVec2(at.x + pad, y + ctx.px(4)), w,
                                ui::Align::Left) +
                 ctx.px(4);
        }
    }

    float label(AppContext& ctx, const std::string& text, ImVec2 pos, float w) {
        return ui::shapedText(ctx, text, 18, true, theme::kTextMuted, pos, w, ui::Align::Left);
    }

    // Title, presenters and outcome, with the demo's QR code on the right when it fits.
    float demoBlock(AppContext& ctx, const ProgramDemo& d, ImVec2 pos, float w, float bottom,
                    bool withQr) {
        const float qr = std::min(ctx.px(120), bottom - pos.y);
        const bool showQr = withQr && qr >= ctx.px(80);
        const float textW = showQr ? w - qr - ctx.px(16) : w;
        float y = pos.y;
        y += ui::shapedText(ctx, d.title, 30, true, theme::kText, ImVec2(pos.x, y), textW,
                            ui::Align::Left);
        y += ui::shapedText(ctx, joined(d.presenterNames), 22, false, theme::kText,
                            ImVec2(pos.x, y), textW, ui::Align::Left);
        if (!d.outcome.empty())
            y += ui::shapedText(ctx, d.outcome, 24, true, theme::kAccent, ImVec2(pos.x, y), textW,
                                ui::Align::Left);
        if (showQr) drawQr(ctx, d.showcaseId, ImVec2(pos.x + w - qr, pos.y), qr);
        return std::max(y - pos.y, showQr ? qr : 0.0f) + ctx.px(8);
    }

    // The demo code as a QR on a white square (modules as rectangles: no texture needed).
    void drawQr(AppContext& ctx, const std::string& showcaseId, ImVec2 at, float side) {
        auto it = qr_.find(showcaseId);
        if (it == qr_.end()) it = qr_.emplace(showcaseId, encodeQr(demoCode(showcaseId))).first;
        if (!it->second) return;
        const QrCode& code = *it->second;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32(255, 255, 255, 255));
        const float m = side / static_cast<float>(code.size);
        for (int y = 0; y < code.size; ++y)
            for (int x = 0; x < code.size; ++x)
                if (code.isDark(x, y))
                    dl->AddRectFilled(ImVec2(at.x + x * m, at.y + y * m),
                                      ImVec2(at.x + (x + 1) * m, at.y + (y + 1) * m),
                                      IM_COL32(0, 0, 0, 255));
        ctx.hits.add({"qr:" + showcaseId, at, ImVec2(at.x + side, at.y + side), false, 0, false});
    }

    std::map<std::string, std::optional<QrCode>> qr_;
};

}  // namespace

std::unique_ptr<Screen> makeShowcaseScreen() {
    return std::make_unique<ShowcaseScreen>();
}

}  // namespace oh::kiosk
