// The program's measures of success (README, "KPIs"): for each event and across the events of
// a program (a set of events in the central record), the funnel from registration to an
// accepted offer with the rate between each step, the encore pass rate, the time from demo
// to slot, the cost per hire (program and event costs over accepted offers) and fairness per
// cohort with small cells suppressed. Read from a store; the funnel is the dashboard's
// (core/dashboard/), the decisions the rules' one home (core/slots/issuing.hpp).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dashboard/dashboard.hpp"
#include "core/decisions/conversion.hpp"
#include "core/exports/exports.hpp"

namespace oh {

struct EventKpis {
    std::string eventId, eventName;
    Funnel funnel;
    EncoreFigures encores;
    std::vector<double> hoursDemoToSlot;  // per offer issued: demo's end -> slot issued
    double cost = 0;                      // the event's cost ([kpis.event_costs])
    std::vector<Decision> decisions;      // for fairness across events
};

struct ProgramKpis {
    std::string name;  // the program's, or "all events"
    std::string currency;
    std::vector<EventKpis> events;
    Funnel funnel;  // summed over the events
    EncoreFigures encores;
    std::optional<double> medianHoursDemoToSlot;
    double managementCost = 0;
    double totalCost = 0;                  // management + every event's cost
    std::optional<double> costPerHire;     // total / accepted; nullopt with no accepted offer
    std::vector<CohortFairness> fairness;  // across the program's decisions
};

// An event's cost from [kpis] event_costs, keyed by its id or its name (the id first); 0 when
// neither is there.
double eventCost(const std::map<std::string, double>& costs, const std::string& eventId,
                 const std::string& eventName);
// Cost over accepted offers; nullopt with none accepted.
std::optional<double> costPerHire(double cost, int accepted);

// The rate between two steps of a funnel: `to / from`, nullopt when `from` is 0.
std::optional<double> stepRate(int from, int to);
// The funnel's steps in order, with their labels ("Registered", ...).
std::vector<std::pair<std::string, int>> funnelSteps(const Funnel& f);

// One event's figures as of `nowMs`; `cost` from the configuration.
EventKpis eventKpis(Store& store, const Event& event, const ConversionRules& rules, double cost,
                    std::int64_t nowMs);

struct ProgramSpec {
    std::string name = "all events";
    std::vector<std::string> events;  // names or ids; empty: every event of the store
    double managementCost = 0;
    std::string currency = "EUR";
    std::map<std::string, double> eventCosts;  // by event name or id
};

enum class KpiStatus { Ok, UnknownEvent };
struct KpiResult {
    KpiStatus status = KpiStatus::Ok;
    std::string problem;  // "no event named 'X' in the central record"
    ProgramKpis kpis;
};

// The program's figures over its events (every one named must exist).
KpiResult programKpis(Store& store, const ProgramSpec& spec, const ConversionRules& rules,
                      std::int64_t nowMs);

// The workbook: Funnel (a column per event and the program, with rates), Encores and time,
// Costs, Fairness. Written 0600 and atomically; a failure is a status (core/exports/).
ExportResult writeKpiWorkbook(const std::string& path, const ProgramKpis& kpis);

}  // namespace oh
