// Staff screen (behind the staff PIN): find an attendee, undo their check-in or reprint their
// badge; the lead can close the kiosk from here (lead PIN).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/roster/search.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class StaffScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::staff; }
    bool showsPersonalData() const override { return true; }
    void onEnter(AppContext& ctx) override {
        reset();
        if (ctx.session) ctx.session->clearStaffMessage();
    }
    void onLeave(AppContext& ctx) override {
        reset();
        if (ctx.session) ctx.session->clearStaffMessage();
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "common.done")) ctx.go(screen_id::attract);
        const float margin = ctx.px(48);
        const float width = std::min(ctx.width - 2 * margin, ctx.px(1100));
        const float left = (ctx.width - width) * 0.5f;
        float y = ctx.px(112);
        y += ui::wrappedText(ctx, ctx.fonts.heading, ctx.tr("staff.title"), ImVec2(left, y), width,
                             theme::kText);
        y += ui::wrappedText(ctx, ctx.fonts.body, ctx.tr("staff.search_hint"), ImVec2(left, y),
                             width, theme::kTextMuted);
        y += ctx.px(12);
        ui::textField(ctx, "##staff-search", query_, ctx.tr("search.placeholder"), ImVec2(left, y),
                      width, true);
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(16);
        if (query_ != searched_) {
            searched_ = query_;
            hits_ = ctx.session ? ctx.session->search(query_, 5) : std::vector<SearchHit>{};
        }
        if (ctx.session && !ctx.session->staffMessage().empty()) {
            y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr(ctx.session->staffMessage()),
                                 ImVec2(left, y), width, theme::kAccent);
            y += ctx.px(8);
        }
        const float footer = ctx.px(100);
        const float rowH = ctx.px(72);
        const float gap = ctx.px(10);
        for (size_t i = 0; i < hits_.size() && y + rowH <= ctx.height - footer; ++i) {
            drawRow(ctx, hits_[i], i, ImVec2(left, y), ImVec2(width, rowH));
            y += rowH + gap;
        }
        const std::string& exitLabel = ctx.tr("staff.exit");
        const float bw = ui::textWidth(ctx.fonts.bodyBold, exitLabel) + ctx.px(80);
        if (ui::button(ctx, "exit", exitLabel, ImVec2(left, ctx.height - ctx.px(88)),
                       ImVec2(bw, ctx.px(60)), ui::ButtonStyle::Secondary, ctx.fonts.bodyBold)) {
            ctx.go(screen_id::exitPin);
        }
    }

  private:
    void drawRow(AppContext& ctx, const SearchHit& hit, size_t index, ImVec2 pos, ImVec2 size) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        dl->AddRectFilled(pos, max, theme::kPanel, ctx.px(16));
        std::string who = hit.display + (hit.team.empty() ? "" : "  ·  " + hit.team);
        ui::shapedText(ctx, who, 26, true, theme::kText,
                       ImVec2(pos.x + ctx.px(24), pos.y + (size.y - ctx.px(26) * 1.35f) * 0.5f),
                       size.x * 0.45f, ui::Align::Left);
        const std::string& undo = ctx.tr("staff.undo");
        const std::string& reprint = ctx.tr("staff.reprint");
        ImFont* f = ctx.fonts.bodyBold;
        const float w2 = ui::textWidth(f, reprint) + ctx.px(48);
        const float w1 = ui::textWidth(f, undo) + ctx.px(48);
        const float bh = size.y - ctx.px(16);
        const float by = pos.y + ctx.px(8);
        const float x2 = max.x - ctx.px(8) - w2;
        const float x1 = x2 - ctx.px(12) - w1;
        const std::string id1 = "undo-" + std::to_string(index),
                          id2 = "reprint-" + std::to_string(index);
        if (ui::button(ctx, id1.c_str(), undo, ImVec2(x1, by), ImVec2(w1, bh),
                       ui::ButtonStyle::Secondary, f) &&
            ctx.session) {
            ctx.session->staffUndo(hit.attendeeId);
        }
        if (ui::button(ctx, id2.c_str(), reprint, ImVec2(x2, by), ImVec2(w2, bh),
                       ui::ButtonStyle::Primary, f) &&
            ctx.session) {
            ctx.session->staffReprint(hit.attendeeId);
        }
    }

    void reset() {
        query_.clear();
        searched_.clear();
        hits_.clear();
    }

    std::string query_, searched_;
    std::vector<SearchHit> hits_;
};

}  // namespace

std::unique_ptr<Screen> makeStaffScreen() {
    return std::make_unique<StaffScreen>();
}

}  // namespace oh::kiosk
