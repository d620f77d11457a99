#include "kiosk/ui/dashboard_panels.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/config/config.hpp"
#include "core/decisions/figures.hpp"
#include "core/kpis/kpis.hpp"
#include "core/model/ids.hpp"
#include "core/text/short_name.hpp"
#include "kiosk/session.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace oh::kiosk::ui {

namespace {

// `text` cut to `maxWidth` with an ellipsis, at a character boundary (UTF-8), so a long rule
// or explanation stays on its row instead of running into the next one.
std::string fitted(ImFont* font, const std::string& text, float maxWidth) {
    if (maxWidth <= 0 || textWidth(font, text) <= maxWidth) return text;
    std::size_t n = text.size();
    while (n > 0) {
        do --n;
        while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80);
        if (textWidth(font, text.substr(0, n) + "\u2026") <= maxWidth) break;
    }
    return text.substr(0, n) + "\u2026";
}

// One line of UI-font text, cut to `maxWidth` when given; returns its height. The hit keeps
// the whole text, so tests read what the row says.
float put(AppContext& ctx, ImFont* font, const std::string& text, ImVec2 pos, ImU32 color,
          float maxWidth = 0) {
    const std::string shown = fitted(font, text, maxWidth);
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, color, shown.c_str());
    ctx.hits.add({text, pos, ImVec2(pos.x + textWidth(font, shown), pos.y + font->FontSize)});
    return font->FontSize;
}

// A figure for tests and scenarios: recorded where it is drawn, never drawn itself.
void fact(AppContext& ctx, const std::string& name, ImVec2 pos) {
    ctx.hits.add({name, pos, pos});
}

float heading(AppContext& ctx, const char* key, ImVec2 pos) {
    return put(ctx, ctx.fonts.bodyBold, ctx.tr(key), pos, theme::kText) + ctx.px(8);
}

std::string percent(int part, int whole) {
    if (whole <= 0) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d %%", (part * 100 + whole / 2) / whole);
    return buf;
}

}  // namespace

void funnelPanel(AppContext& ctx, const Funnel& f, ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.funnel", ImVec2(pos.x + pad, pos.y + pad));
    const std::pair<const char*, int> steps[] = {{"registered", f.registered},
                                                 {"checked_in", f.checkedIn},
                                                 {"demoed", f.demoed},
                                                 {"scored_to_quorum", f.scoredToQuorum},
                                                 {"slot_or_encore", f.slotOrEncore},
                                                 {"issued", f.issued},
                                                 {"accepted", f.accepted}};
    const float labelW = size.x * 0.42f, barW = size.x - labelW - 2 * pad - ctx.px(110);
    const float rowH = std::min(ctx.px(30), (pos.y + size.y - pad - y) / 7.0f);
    int before = f.registered;
    for (const auto& [key, count] : steps) {
        put(ctx, ctx.fonts.small, ctx.tr(std::string("dashboard.step.") + key),
            ImVec2(pos.x + pad, y), theme::kTextMuted);
        const float share = f.registered > 0 ? static_cast<float>(count) / f.registered : 0;
        const ImVec2 bar(pos.x + pad + labelW, y + ctx.px(3));
        ImGui::GetWindowDrawList()->AddRectFilled(
            bar, ImVec2(bar.x + std::max(ctx.px(2), barW * share), y + rowH - ctx.px(6)),
            theme::kAccent, ctx.px(4));
        const std::string figure = std::to_string(count) + "  " + percent(count, before);
        put(ctx, ctx.fonts.small, figure, ImVec2(bar.x + barW + ctx.px(10), y), theme::kText);
        fact(ctx, std::string("funnel:") + key + "=" + std::to_string(count), bar);
        before = count;
        y += rowH;
    }
}

void checkInChart(AppContext& ctx, const std::vector<CheckInBucket>& buckets, ImVec2 pos,
                  ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    const float top =
        pos.y + pad + heading(ctx, "dashboard.checkins", ImVec2(pos.x + pad, pos.y + pad));
    if (buckets.empty()) return;
    int peak = 0, total = 0;
    std::size_t peakAt = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        total += buckets[i].count;
        if (buckets[i].count > peak) peak = buckets[i].count, peakAt = i;
    }
    // The latest quarters when there are more than fit at a readable width.
    const float minBar = ctx.px(10);
    const float plotW = size.x - 2 * pad;
    const std::size_t fit = std::max<std::size_t>(1, static_cast<std::size_t>(plotW / minBar));
    const std::size_t first = buckets.size() > fit ? buckets.size() - fit : 0;
    const float barW = plotW / static_cast<float>(buckets.size() - first);
    const float bottom = pos.y + size.y - pad - ctx.fonts.small->FontSize - ctx.px(6);
    const float plotH = bottom - top - ctx.fonts.small->FontSize;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = first; i < buckets.size(); ++i) {
        const float x = pos.x + pad + static_cast<float>(i - first) * barW;
        const float h = peak ? plotH * static_cast<float>(buckets[i].count) / peak : 0;
        dl->AddRectFilled(ImVec2(x + barW * 0.15f, bottom - std::max(h, ctx.px(1))),
                          ImVec2(x + barW * 0.85f, bottom),
                          i == peakAt ? theme::kAccent : theme::kTextMuted, ctx.px(2));
        fact(ctx,
             "checkins:" + fmt::clock(buckets[i].start) + "=" + std::to_string(buckets[i].count),
             ImVec2(x, bottom));
    }
    put(ctx, ctx.fonts.small, fmt::clock(buckets[first].start),
        ImVec2(pos.x + pad, bottom + ctx.px(4)), theme::kTextMuted);
    const std::string last = fmt::clock(buckets.back().start);
    put(ctx, ctx.fonts.small, last,
        ImVec2(pos.x + size.x - pad - textWidth(ctx.fonts.small, last), bottom + ctx.px(4)),
        theme::kTextMuted);
    const std::string summary = ctx.strings.format("dashboard.checkins_summary",
                                                   {{"total", std::to_string(total)},
                                                    {"peak", std::to_string(peak)},
                                                    {"time", fmt::clock(buckets[peakAt].start)}});
    put(ctx, ctx.fonts.small, summary,
        ImVec2(pos.x + size.x - pad - textWidth(ctx.fonts.small, summary), pos.y + pad),
        theme::kTextMuted);
}

void coveragePanel(AppContext& ctx, const DashboardData& d, ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.coverage", ImVec2(pos.x + pad, pos.y + pad));
    int below = 0;
    for (const DemoCoverage& c : d.coverage) below += c.started && c.belowQuorum;
    fact(ctx, "coverage:below=" + std::to_string(below), ImVec2(pos.x, y));
    const float rowH = ctx.fonts.small->FontSize + ctx.px(6);
    for (const DemoCoverage& c : d.coverage) {
        if (y + rowH > pos.y + size.y - pad) break;
        const bool needsJudges = c.started && c.belowQuorum;
        const std::string figure = std::to_string(c.scores) + " / " + std::to_string(d.quorum);
        const ImU32 color = needsJudges     ? theme::kError
                            : c.belowQuorum ? theme::kTextMuted
                                            : theme::kOk;
        put(ctx, ctx.fonts.small, needsJudges ? "!" : " ", ImVec2(pos.x + pad, y), theme::kError);
        put(ctx, ctx.fonts.small, c.title, ImVec2(pos.x + pad + ctx.px(18), y), theme::kText,
            size.x - ctx.px(140));
        put(ctx, ctx.fonts.small, figure,
            ImVec2(pos.x + size.x - pad - textWidth(ctx.fonts.small, figure), y), color);
        fact(ctx,
             "coverage:" + c.title + "=" + std::to_string(c.scores) + (needsJudges ? " below" : ""),
             ImVec2(pos.x, y));
        y += rowH;
    }
}

void judgesPanel(AppContext& ctx, const std::vector<JudgeActivity>& judges, ImVec2 pos,
                 ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.judges", ImVec2(pos.x + pad, pos.y + pad));
    const float rowH = ctx.fonts.small->FontSize + ctx.px(6);
    for (const JudgeActivity& j : judges) {
        if (y + rowH > pos.y + size.y - pad) break;
        const std::string tag = j.idle ? ctx.tr("dashboard.idle")
                                       : ctx.strings.format("dashboard.judge_scores",
                                                            {{"count", std::to_string(j.scores)}});
        shapedText(ctx, shortName(j.name), 16, false, theme::kText, ImVec2(pos.x + pad, y),
                   size.x * 0.6f, Align::Left);
        put(ctx, ctx.fonts.small, tag,
            ImVec2(pos.x + size.x - pad - textWidth(ctx.fonts.small, tag), y),
            j.idle ? theme::kError : theme::kTextMuted);
        fact(ctx, "judge:" + j.name + (j.idle ? "=idle" : "=active"), ImVec2(pos.x, y));
        y += rowH;
    }
}

int decisionsPanel(AppContext& ctx, const std::vector<Decision>& decisions, std::size_t first,
                   ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.decisions", ImVec2(pos.x + pad, pos.y + pad));
    const float rowH = ctx.px(46);
    const float cols[] = {0.0f, 0.05f, 0.25f, 0.47f, 0.60f};  // rank, name, demo, outcome, rule
    const float w = size.x - 2 * pad;
    int shown = 0;
    for (std::size_t i = first; i < decisions.size(); ++i) {
        if (y + rowH > pos.y + size.y - pad) break;
        const Decision& d = decisions[i];
        const float x = pos.x + pad;
        put(ctx, ctx.fonts.small, d.rank ? "#" + std::to_string(d.rank) : "-", ImVec2(x, y),
            theme::kTextMuted);
        shapedText(ctx, shortName(d.internName, d.internFamilyName), 16, true, theme::kText,
                   ImVec2(x + w * cols[1], y), w * 0.19f, Align::Left);
        shapedText(ctx, d.showcaseTitle, 16, false, theme::kText, ImVec2(x + w * cols[2], y),
                   w * 0.21f, Align::Left);
        std::string outcome = outcomeName(d.outcome);
        if (!d.slotState.empty()) outcome += " · " + d.slotState;
        put(ctx, ctx.fonts.small, outcome, ImVec2(x + w * cols[3], y),
            d.outcome == Outcome::Slot ? theme::kAccent : theme::kText);
        put(ctx, ctx.fonts.small, d.rule, ImVec2(x + w * cols[4], y), theme::kTextMuted,
            w * (1 - cols[4]));
        put(ctx, ctx.fonts.small, d.explanation, ImVec2(x + w * cols[1], y + ctx.px(22)),
            theme::kTextMuted, w * (1 - cols[1]));
        fact(ctx, "decision:" + d.showcaseTitle + "=" + outcomeName(d.outcome), ImVec2(x, y));
        y += rowH;
        ++shown;
    }
    return shown;
}

void fairnessPanel(AppContext& ctx, const std::vector<CohortFairness>& fairness, int minCell,
                   ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.fairness", ImVec2(pos.x + pad, pos.y + pad));
    const float rowH = ctx.fonts.small->FontSize + ctx.px(8);
    for (const CohortFairness& f : fairness) {
        if (y + rowH > pos.y + size.y - pad) break;
        std::string figures =
            f.suppressed
                ? ctx.strings.format("dashboard.suppressed", {{"min", std::to_string(minCell)}})
                : ctx.strings.format("dashboard.rate", {{"rate", figureText(f.rate)},
                                                        {"ratio", figureText(f.impactRatio)}});
        if (!f.suppressed && f.belowFourFifths)
            figures += "  " + ctx.tr("dashboard.below_four_fifths");
        shapedText(ctx, f.cohort, 16, true, theme::kText, ImVec2(pos.x + pad, y), size.x * 0.3f,
                   Align::Left);
        put(ctx, ctx.fonts.small, figures, ImVec2(pos.x + pad + size.x * 0.32f, y),
            f.belowFourFifths ? theme::kError : theme::kTextMuted);
        fact(ctx,
             "fairness:" + f.cohort + (f.suppressed ? "=suppressed" : "=" + figureText(f.rate)),
             ImVec2(pos.x, y));
        y += rowH;
    }
}

namespace {

std::string kpiLine(AppContext& ctx, const DashboardData& d) {
    const auto rate = d.encores.passRate();
    const auto& hours = d.medianHoursDemoToSlot;  // computed with the figures, not per frame
    const KpiConfig& k = ctx.session->config().kpis;
    const double cost = eventCost(k.eventCosts, d.eventId, d.eventName);
    const auto perHire = cost > 0 ? costPerHire(cost, d.funnel.accepted) : std::nullopt;
    return ctx.strings.format(
        "dashboard.encore_kpis",
        {{"rate", rate ? figureText(*rate) : "-"},
         {"hours", hours ? figureText(*hours) : "-"},
         {"cost", perHire ? figureText(*perHire) + " " + k.currency : std::string("-")}});
}

}  // namespace

void encoresPanel(AppContext& ctx, const DashboardData& d, ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20), w = size.x - 2 * pad;
    float y = pos.y + pad + heading(ctx, "dashboard.encores", ImVec2(pos.x + pad, pos.y + pad));
    put(ctx, ctx.fonts.small, kpiLine(ctx, d), ImVec2(pos.x + pad, y), theme::kTextMuted, w);
    fact(ctx, "encores:passed=" + std::to_string(d.encores.passed), ImVec2(pos.x, y));
    y += ctx.fonts.small->FontSize + ctx.px(10);
    const float rowH = ctx.fonts.small->FontSize + ctx.px(8);
    if (d.encores.assigned == 0)
        put(ctx, ctx.fonts.small, ctx.tr("dashboard.no_encores"), ImVec2(pos.x + pad, y),
            theme::kTextMuted);
    std::vector<const Decision*> rows;  // the open ones first: what the lead must follow up
    for (bool open : {true, false})
        for (const Decision& e : d.decisions)
            if (e.encore && (e.outcome == Outcome::Encore) == open) rows.push_back(&e);
    for (const Decision* row : rows) {
        const Decision& e = *row;
        if (y + rowH > pos.y + size.y - pad) break;
        const std::string state = encoreStateName(e.encoreState);
        shapedText(ctx, shortName(e.internName, e.internFamilyName), 16, true, theme::kText,
                   ImVec2(pos.x + pad, y), w * 0.26f, Align::Left);
        const std::string line = ctx.strings.format(
            "dashboard.encore_line", {{"state", ctx.tr("dashboard.encore_state." + state)},
                                      {"due", isoDayUtc(e.encore->dueAt)}});
        put(ctx, ctx.fonts.small, line + " · " + outcomeName(e.outcome),
            ImVec2(pos.x + pad + w * 0.28f, y),
            e.outcome == Outcome::Slot ? theme::kAccent : theme::kTextMuted, w * 0.72f);
        fact(ctx, "encore:" + e.showcaseTitle + "=" + state, ImVec2(pos.x, y));
        y += rowH;
    }
}

void devicesPanel(AppContext& ctx, const std::vector<DeviceHealthView>& devices, std::int64_t nowMs,
                  ImVec2 pos, ImVec2 size) {
    card(ctx, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    const float pad = ctx.px(20);
    float y = pos.y + pad + heading(ctx, "dashboard.devices", ImVec2(pos.x + pad, pos.y + pad));
    if (devices.empty()) {
        put(ctx, ctx.fonts.small, ctx.tr("dashboard.no_devices"), ImVec2(pos.x + pad, y),
            theme::kTextMuted);
        return;
    }
    const float rowH = ctx.fonts.small->FontSize + ctx.px(8);
    for (const DeviceHealthView& d : devices) {
        if (y + rowH > pos.y + size.y - pad) break;
        const std::int64_t ago = std::max<std::int64_t>(0, (nowMs - d.lastSeenMs) / 60000);
        const std::string line = ctx.strings.format(
            "dashboard.device_line", {{"minutes", std::to_string(ago)},
                                      {"backlog", std::to_string(d.backlog)},
                                      {"offset", std::to_string(d.clockOffsetMs / 1000)}});
        put(ctx, ctx.fonts.small, d.name, ImVec2(pos.x + pad, y), theme::kText);
        put(ctx, ctx.fonts.small, line, ImVec2(pos.x + pad + size.x * 0.3f, y),
            d.stale ? theme::kError : theme::kTextMuted);
        fact(ctx, "device:" + d.name + "=" + std::to_string(d.backlog), ImVec2(pos.x, y));
        y += rowH;
    }
}

}  // namespace oh::kiosk::ui
