// Staff screen (behind the staff PIN): find an attendee and see whether they are checked in;
// undo a check-in (after a confirmation) or reprint the badge of someone checked in. The lead
// can close the kiosk from here (lead PIN).
//
// The layout never moves under a finger: the printer line, the rows and the message area in
// the footer have fixed places whatever message shows.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/roster/search.hpp"
#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

class StaffScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::staff; }
    bool showsPersonalData() const override { return true; }
    void onEnter(AppContext& ctx) override { leave(ctx); }
    void onLeave(AppContext& ctx) override { leave(ctx); }

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
        y += ctx.px(8);
        y = drawPrinterLine(ctx, ImVec2(left, y), width) + ctx.px(4);
        // While a confirmation shows, the field does not take the keyboard focus back: a field
        // re-activated by its focus request in the frame of a tap swallows that tap.
        ui::textField(ctx, "##staff-search", query_, ctx.tr("search.placeholder"), ImVec2(left, y),
                      width, confirming_.empty());
        y += ctx.fonts.button->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ctx.px(16);
        if (query_ != searched_) {
            searched_ = query_;
            hits_ = ctx.session ? ctx.session->search(query_, 5) : std::vector<SearchHit>{};
            confirming_.clear();
            std::vector<std::string> ids;
            for (const auto& h : hits_) ids.push_back(h.attendeeId);
            if (ctx.session) ctx.session->watchStaffRows(std::move(ids));
        }
        const float footerTop = ctx.height - ctx.px(100);
        const float rowH = ctx.px(72);
        const float gap = ctx.px(10);
        for (size_t i = 0; i < hits_.size() && y + rowH <= footerTop; ++i) {
            drawRow(ctx, hits_[i], i, ImVec2(left, y), ImVec2(width, rowH));
            y += rowH + gap;
        }
        drawFooter(ctx, left, width);
    }

  private:
    // Always there, at a fixed height: where badges go now. A printer problem is a red banner
    // (two lines at most, shrunk rather than grown: the rows below keep their place).
    float drawPrinterLine(AppContext& ctx, ImVec2 pos, float width) const {
        const float areaH = ctx.px(60);
        if (!ctx.session || !ctx.session->hasStore()) return pos.y + areaH;
        const PrinterCheck& p = ctx.session->printer();
        const std::string folder = ctx.session->spoolDir();
        const std::string printer = ctx.session->config().kiosk.printer;
        std::string text;
        ImU32 color = theme::kTextMuted;
        switch (p.state) {
            case PrinterCheck::State::SpoolOnly:
                text = ctx.strings.format("printer.spool_only", {{"folder", folder}});
                break;
            case PrinterCheck::State::Ready:
                text = ctx.strings.format("printer.ready", {{"printer", printer}});
                break;
            case PrinterCheck::State::Problem:
                text = ctx.strings.format("printer.problem",
                                          {{"detail", p.detail}, {"folder", folder}});
                color = theme::kText;
                ImGui::GetWindowDrawList()->AddRectFilled(
                    pos, ImVec2(pos.x + width, pos.y + areaH - ctx.px(8)),
                    IM_COL32(150, 40, 40, 255), ctx.px(12));
                break;
        }
        const float textH = ctx.fonts.bodyBold->FontSize * 1.25f;
        const float top = p.state == PrinterCheck::State::Problem
                              ? pos.y + (areaH - ctx.px(8) - 2 * textH) * 0.5f
                              : pos.y;
        ui::centeredText(ctx, ctx.fonts.bodyBold, text, pos.x + width * 0.5f, top,
                         width - ctx.px(24), color, 2);
        return pos.y + areaH;
    }

    // The message area sits in the footer beside "Close kiosk": a message never moves a row.
    void drawFooter(AppContext& ctx, float left, float width) {
        const std::string& exitLabel = ctx.tr("staff.exit");
        const float bw = ui::textWidth(ctx.fonts.bodyBold, exitLabel) + ctx.px(80);
        const float top = ctx.height - ctx.px(88);
        if (ui::button(ctx, "exit", exitLabel, ImVec2(left, top), ImVec2(bw, ctx.px(60)),
                       ui::ButtonStyle::Secondary, ctx.fonts.bodyBold)) {
            ctx.go(screen_id::exitPin);
        }
        const std::string& modeLabel = ctx.tr("mode.switch");
        const float mw = ui::textWidth(ctx.fonts.bodyBold, modeLabel) + ctx.px(80);
        if (ui::button(ctx, "mode", modeLabel, ImVec2(left + bw + ctx.px(16), top),
                       ImVec2(mw, ctx.px(60)), ui::ButtonStyle::Secondary, ctx.fonts.bodyBold)) {
            ctx.go(screen_id::modePin);
        }
        if (!ctx.session || ctx.session->staffMessage().empty()) return;
        const StaffNote& n = ctx.session->staffNote();
        const std::string text = ctx.strings.format(
            n.key, {{"folder", n.folder}, {"detail", n.detail}, {"printer", n.printer}});
        const float msgLeft = left + bw + mw + ctx.px(40);
        const float msgWidth = left + width - msgLeft;
        ui::centeredText(ctx, ctx.fonts.bodyBold, text, msgLeft + msgWidth * 0.5f, top, msgWidth,
                         theme::kAccent, 2);
    }

    // Name, status and the actions that make sense for this person.
    void drawRow(AppContext& ctx, const SearchHit& hit, size_t index, ImVec2 pos, ImVec2 size) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        dl->AddRectFilled(pos, max, theme::kPanel, ctx.px(16));
        std::string who = hit.display + (hit.team.empty() ? "" : "  ·  " + hit.team);
        ui::shapedText(ctx, who, 26, true, theme::kText,
                       ImVec2(pos.x + ctx.px(24), pos.y + (size.y - ctx.px(26) * 1.35f) * 0.5f),
                       size.x * 0.36f, ui::Align::Left);
        const PersonStatus* status =
            ctx.session ? ctx.session->staffStatus(hit.attendeeId) : nullptr;
        const bool confirming = confirming_ == hit.attendeeId;
        std::string statusText;
        ImU32 statusColor = theme::kTextMuted;
        if (confirming) {
            statusText = ctx.tr("staff.row.confirm_undo");
            statusColor = theme::kAccent;
        } else if (!status) {
            statusText = ctx.tr("staff.row.unknown");
        } else if (status->checkedIn) {
            statusText = ctx.strings.format("staff.row.checked_in",
                                            {{"time", fmt::clock(status->checkedInAt / 1000)}});
            statusColor = theme::kOk;
        } else if (status->blocked) {
            statusText = ctx.tr("staff.row.blocked");
            statusColor = theme::kError;
        } else {
            statusText = ctx.tr("staff.row.not_checked_in");
        }
        const float statusX = pos.x + size.x * 0.39f;
        ui::centeredText(ctx, ctx.fonts.bodyBold, statusText, statusX + size.x * 0.11f,
                         pos.y + (size.y - ctx.fonts.bodyBold->FontSize * 1.2f) * 0.5f,
                         size.x * 0.22f, statusColor, 1);
        if (!status || !status->checkedIn) return;  // nothing to undo, no badge to reprint
        if (confirming) {
            drawButtons(ctx, index, max, size, "cancel-undo", ctx.tr("common.cancel"), "yes-undo",
                        ctx.tr("staff.row.yes_undo"), [&](bool second) {
                            if (second && ctx.session) ctx.session->staffUndo(hit.attendeeId);
                            confirming_.clear();
                        });
        } else {
            drawButtons(ctx, index, max, size, "undo", ctx.tr("staff.undo"), "reprint",
                        ctx.tr("staff.reprint"), [&](bool second) {
                            if (!second) {
                                confirming_ = hit.attendeeId;
                            } else if (ctx.session) {
                                ctx.session->staffReprint(hit.attendeeId);
                            }
                        });
        }
    }

    // Two buttons at the row's right end (the second one primary); `tapped(second)`.
    template <typename Fn>
    void drawButtons(AppContext& ctx, size_t index, ImVec2 max, ImVec2 size, const char* id1,
                     const std::string& label1, const char* id2, const std::string& label2,
                     Fn tapped) {
        ImFont* f = ctx.fonts.bodyBold;
        const float w2 = ui::textWidth(f, label2) + ctx.px(48);
        const float w1 = ui::textWidth(f, label1) + ctx.px(48);
        const float bh = size.y - ctx.px(16);
        const float by = max.y - size.y + ctx.px(8);
        const float x2 = max.x - ctx.px(8) - w2;
        const float x1 = x2 - ctx.px(12) - w1;
        const std::string first = std::string(id1) + "-" + std::to_string(index);
        const std::string second = std::string(id2) + "-" + std::to_string(index);
        if (ui::button(ctx, first.c_str(), label1, ImVec2(x1, by), ImVec2(w1, bh),
                       ui::ButtonStyle::Secondary, f))
            tapped(false);
        if (ui::button(ctx, second.c_str(), label2, ImVec2(x2, by), ImVec2(w2, bh),
                       ui::ButtonStyle::Primary, f))
            tapped(true);
    }

    void leave(AppContext& ctx) {
        query_.clear();
        searched_.clear();
        hits_.clear();
        confirming_.clear();
        if (!ctx.session) return;
        ctx.session->clearStaffMessage();
        ctx.session->watchStaffRows({});
    }

    std::string query_, searched_;
    std::vector<SearchHit> hits_;
    std::string confirming_;  // the attendee whose undo waits for "Yes, undo"
};

}  // namespace

std::unique_ptr<Screen> makeStaffScreen() {
    return std::make_unique<StaffScreen>();
}

}  // namespace oh::kiosk
