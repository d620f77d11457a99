// The lead's dashboard, panel by panel: each draws one part of DashboardData (core/dashboard)
// into a rectangle, from figures the store's reader already computed, so a frame costs no
// query and no sort. Every figure a panel draws is also recorded as a hit named
// "<panel>:<what>=<value>" so scenarios and tests check the screen against the store.
#pragma once

#include <imgui.h>

#include "core/dashboard/dashboard.hpp"
#include "kiosk/screen.hpp"

namespace oh::kiosk::ui {

// The funnel as bars, each with its count and its share of the step before.
void funnelPanel(AppContext& ctx, const Funnel& funnel, ImVec2 pos, ImVec2 size);
// Check-ins per quarter hour as a bar chart (ImGui draw lists), the busiest quarter labelled.
void checkInChart(AppContext& ctx, const std::vector<CheckInBucket>& buckets, ImVec2 pos,
                  ImVec2 size);
// Each demo's scores against the quorum; the ones below it that have started are marked.
void coveragePanel(AppContext& ctx, const DashboardData& data, ImVec2 pos, ImVec2 size);
// The judges, idle ones first and marked.
void judgesPanel(AppContext& ctx, const std::vector<JudgeActivity>& judges, ImVec2 pos,
                 ImVec2 size);
// The decisions as `openhouse slots` lists them, from row `first` on; returns the rows shown.
int decisionsPanel(AppContext& ctx, const std::vector<Decision>& decisions, std::size_t first,
                   ImVec2 pos, ImVec2 size);
// Selection rate and impact ratio per cohort, small cells suppressed.
void fairnessPanel(AppContext& ctx, const std::vector<CohortFairness>& fairness, int minCell,
                   ImVec2 pos, ImVec2 size);
// The event's encores (state, due date, outcome) under a line of KPIs: the encore pass rate,
// the median time from demo to slot and, with the event's cost configured, the cost per hire.
void encoresPanel(AppContext& ctx, const DashboardData& data, ImVec2 pos, ImVec2 size);
// Each device's last sync, backlog and clock offset; stale devices marked.
void devicesPanel(AppContext& ctx, const std::vector<DeviceHealthView>& devices, std::int64_t nowMs,
                  ImVec2 pos, ImVec2 size);

}  // namespace oh::kiosk::ui
