// The event lead's dashboard (--mode dashboard, behind the lead PIN; 1920x1080 and 1280x800):
// four tabs over figures the store's reader keeps current (services/store_watch). Overview:
// the funnel, check-ins per quarter hour, judging coverage and idle judges. Decisions: every
// decision with its rule and figures, and the fairness per cohort. Devices: each device's
// sync health. Actions: exports to a folder the lead picks, close or reopen judging, and
// shift a room's schedule. The lead's actions run on the reader's worker and are logged with
// the lead, the device and the time. Idle, the dashboard locks itself.
#include <algorithm>
#include <set>
#include <string>

#include "kiosk/screen_ids.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/services/export_folders.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/dashboard_panels.hpp"
#include "kiosk/ui/theme.hpp"

namespace oh::kiosk {
namespace {

constexpr const char* kTabs[] = {"overview", "decisions", "devices", "actions"};

class DashboardScreen final : public Screen {
  public:
    const char* id() const override { return screen_id::dashboard; }
    bool showsPersonalData() const override { return true; }
    std::optional<std::chrono::milliseconds> idleTimeout() const override {
        return std::chrono::minutes(5);
    }
    void onEnter(AppContext& ctx) override {
        if (StoreWatch* w = ctx.session ? ctx.session->watch() : nullptr) w->wantDashboard(true);
        firstDecision_ = 0;
    }
    void onLeave(AppContext& ctx) override {
        if (StoreWatch* w = ctx.session ? ctx.session->watch() : nullptr) w->wantDashboard(false);
    }

    void drawContent(AppContext& ctx) override {
        if (ui::topBar(ctx, "dashboard.lock")) ctx.go(screen_id::dashboardPin);
        StoreWatch* watch = ctx.session ? ctx.session->watch() : nullptr;
        const auto data = watch ? watch->dashboard() : nullptr;
        const float margin = ctx.px(32);
        float y = drawTabs(ctx, margin);
        if (!data) {
            ui::centeredText(ctx, ctx.fonts.heading, ctx.tr("showcase.loading"), ctx.width * 0.5f,
                             ctx.height * 0.4f, ctx.width, theme::kTextMuted);
            return;
        }
        const ImVec2 pos(margin, y), size(ctx.width - 2 * margin, ctx.height - y - margin);
        if (tab_ == 0) drawOverview(ctx, *data, pos, size);
        if (tab_ == 1) drawDecisions(ctx, *data, pos, size);
        if (tab_ == 2) ui::devicesPanel(ctx, data->devices, data->builtAtMs, pos, size);
        if (tab_ == 3) drawActions(ctx, *watch, *data, pos, size);
    }

  private:
    float drawTabs(AppContext& ctx, float margin) {
        const float y = ctx.px(100), h = ctx.px(48), gap = ctx.px(12);
        const float w = std::min(ctx.px(220), (ctx.width - 2 * margin - 3 * gap) / 4);
        for (int i = 0; i < 4; ++i) {
            const auto style = tab_ == i ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary;
            if (ui::button(ctx, kTabs[i], ctx.tr(std::string("dashboard.tab.") + kTabs[i]),
                           ImVec2(margin + i * (w + gap), y), ImVec2(w, h), style, ctx.fonts.small))
                tab_ = i;
        }
        return y + h + ctx.px(16);
    }

    void drawOverview(AppContext& ctx, const DashboardData& d, ImVec2 pos, ImVec2 size) {
        const float gap = ctx.px(16), half = (size.x - gap) / 2, topH = size.y * 0.48f;
        ui::funnelPanel(ctx, d.funnel, pos, ImVec2(half, topH));
        ui::checkInChart(ctx, d.checkIns, ImVec2(pos.x + half + gap, pos.y), ImVec2(half, topH));
        const float y = pos.y + topH + gap, h = size.y - topH - gap;
        ui::coveragePanel(ctx, d, ImVec2(pos.x, y), ImVec2(half, h));
        ui::judgesPanel(ctx, d.judges, ImVec2(pos.x + half + gap, y), ImVec2(half, h));
    }

    void drawDecisions(AppContext& ctx, const DashboardData& d, ImVec2 pos, ImVec2 size) {
        const float gap = ctx.px(16), fairH = size.y * 0.3f, pager = ctx.px(44);
        const float listH = size.y - fairH - gap - pager - gap;
        firstDecision_ = std::min(firstDecision_, d.decisions.empty() ? 0 : d.decisions.size() - 1);
        const int shown =
            ui::decisionsPanel(ctx, d.decisions, firstDecision_, pos, ImVec2(size.x, listH));
        const float py = pos.y + listH + gap, bw = ctx.px(160);
        if (firstDecision_ > 0 &&
            ui::button(ctx, "decisions-prev", ctx.tr("dashboard.previous"), ImVec2(pos.x, py),
                       ImVec2(bw, pager), ui::ButtonStyle::Secondary, ctx.fonts.small))
            firstDecision_ -= std::min<std::size_t>(firstDecision_, std::max(shown, 1));
        if (firstDecision_ + shown < d.decisions.size() &&
            ui::button(ctx, "decisions-next", ctx.tr("dashboard.next"),
                       ImVec2(pos.x + size.x - bw, py), ImVec2(bw, pager),
                       ui::ButtonStyle::Secondary, ctx.fonts.small))
            firstDecision_ += static_cast<std::size_t>(std::max(shown, 1));
        const float half = (size.x - gap) / 2, fy = py + pager + gap;
        ui::fairnessPanel(ctx, d.fairness, ctx.session->config().conversion.fairnessMinCell,
                          ImVec2(pos.x, fy), ImVec2(half, fairH));
        ui::encoresPanel(ctx, d, ImVec2(pos.x + half + gap, fy), ImVec2(half, fairH));
    }

    void drawActions(AppContext& ctx, StoreWatch& watch, const DashboardData& d, ImVec2 pos,
                     ImVec2 size) {
        ui::card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
        const float pad = ctx.px(24), bh = ctx.px(52), gap = ctx.px(12);
        float y = pos.y + pad;
        const float x = pos.x + pad, w = size.x - 2 * pad;
        const bool busy = watch.actionPending();
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("dashboard.judging"), ImVec2(x, y), w,
                             theme::kText);
        const char* closeKey = d.judgingClosed ? "dashboard.reopen" : "dashboard.close";
        if (ui::button(ctx, "judging", ctx.tr(closeKey), ImVec2(x, y + gap),
                       ImVec2(ctx.px(320), bh), ui::ButtonStyle::Secondary, ctx.fonts.small) &&
            !busy)
            watch.closeJudging(!d.judgingClosed, actor(ctx));
        y += bh + 2 * gap;
        y = drawShift(ctx, watch, d, ImVec2(x, y), w, busy);
        y = drawExports(ctx, watch, ImVec2(x, y + gap), w, busy);
        const LeadNote note = watch.lastNote();
        if (!note.key.empty())
            ui::wrappedText(ctx, ctx.fonts.body,
                            ctx.strings.format(note.key, {{"detail", note.detail}}),
                            ImVec2(x, std::max(y + gap, pos.y + size.y - pad - ctx.px(60))), w,
                            note.ok ? theme::kOk : theme::kError);
    }

    float drawShift(AppContext& ctx, StoreWatch& watch, const DashboardData& d, ImVec2 at, float w,
                    bool busy) {
        const float bh = ctx.px(52), gap = ctx.px(12);
        float y = at.y;
        y += ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("dashboard.shift"), at, w,
                             theme::kText);
        std::set<std::string> rooms;
        for (const DemoCoverage& c : d.coverage)
            if (!c.location.empty()) rooms.insert(c.location);
        if (room_.empty() || !rooms.count(room_)) room_ = rooms.empty() ? "" : *rooms.begin();
        float x = at.x;
        y += gap;
        for (const std::string& r : rooms) {
            const float bw = std::max(ctx.px(140), ui::textWidth(ctx.fonts.small, r) + ctx.px(32));
            if (x + bw > at.x + w) break;
            if (ui::button(ctx, ("room-" + r).c_str(), r, ImVec2(x, y), ImVec2(bw, bh),
                           r == room_ ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary,
                           ctx.fonts.small))
                room_ = r;
            x += bw + gap;
        }
        y += bh + gap;
        x = at.x;
        for (int step : {-5, +5}) {
            if (ui::button(ctx, step < 0 ? "minus-5" : "plus-5", step < 0 ? "-5" : "+5",
                           ImVec2(x, y), ImVec2(ctx.px(90), bh), ui::ButtonStyle::Secondary,
                           ctx.fonts.button))
                minutes_ = std::clamp(minutes_ + step, -60, 120);
            x += ctx.px(90) + gap;
        }
        const std::string label = ctx.strings.format(
            "dashboard.shift_by",
            {{"minutes", (minutes_ > 0 ? "+" : "") + std::to_string(minutes_)}, {"room", room_}});
        if (ui::button(ctx, "shift", label, ImVec2(x, y), ImVec2(ctx.px(420), bh),
                       ui::ButtonStyle::Primary, ctx.fonts.small) &&
            !busy && !room_.empty() && minutes_ != 0)
            watch.shiftSchedule(room_, minutes_, actor(ctx));
        return y + bh + gap;
    }

    // Pick a folder (a USB stick, else the kiosk's own), then a list: it is written as CSV
    // and XLSX there.
    float drawExports(AppContext& ctx, StoreWatch& watch, ImVec2 at, float w, bool busy) {
        const float bh = ctx.px(52), gap = ctx.px(12);
        float y = at.y + ui::wrappedText(ctx, ctx.fonts.bodyBold, ctx.tr("dashboard.exports"), at,
                                         w, theme::kText);
        if (folders_.empty()) folders_ = exportFolders(ctx.session->exportsFolder());
        folder_ = std::min(folder_, folders_.size() - 1);
        float x = at.x;
        y += gap;
        for (std::size_t i = 0; i < folders_.size(); ++i) {
            const std::string& label = folders_[i].label;
            const float bw =
                std::max(ctx.px(140), ui::textWidth(ctx.fonts.small, label) + ctx.px(32));
            if (x + bw > at.x + w) break;
            if (ui::button(ctx, ("folder-" + folders_[i].path).c_str(), label, ImVec2(x, y),
                           ImVec2(bw, bh),
                           i == folder_ ? ui::ButtonStyle::Selected : ui::ButtonStyle::Secondary,
                           ctx.fonts.small))
                folder_ = i;
            x += bw + gap;
        }
        y += bh + gap;
        x = at.x;
        for (const char* kind : {"slots", "scores", "checkins"}) {
            const float bw = ctx.px(260);
            if (ui::button(ctx, (std::string("export-") + kind).c_str(),
                           ctx.tr(std::string("dashboard.export.") + kind), ImVec2(x, y),
                           ImVec2(bw, bh), ui::ButtonStyle::Primary, ctx.fonts.small) &&
                !busy)
                watch.exportLists(kind, folders_[folder_].path, actor(ctx));
            x += bw + gap;
        }
        return y + bh + gap;
    }

    // Who did it, as the audit log keeps it: the lead (the PIN is the lead's) on this device.
    static std::string actor(AppContext& ctx) {
        const std::string& device = ctx.session->deviceName();
        return "lead on " + (device.empty() ? std::string("this device") : device);
    }

    int tab_ = 0;
    std::size_t firstDecision_ = 0;
    std::string room_;
    std::vector<ExportFolder> folders_;
    std::size_t folder_ = 0;
    int minutes_ = 10;
};

}  // namespace

std::unique_ptr<Screen> makeDashboardScreen() {
    return std::make_unique<DashboardScreen>();
}

}  // namespace oh::kiosk
