#include "core/kpis/kpis.hpp"

#include <algorithm>
#include <map>

namespace oh {

namespace {

void add(EncoreFigures& to, const EncoreFigures& e) {
    to.assigned += e.assigned;
    to.open += e.open;
    to.passed += e.passed;
    to.failed += e.failed;
    to.expired += e.expired;
}

void add(Funnel& to, const Funnel& f) {
    to.registered += f.registered;
    to.checkedIn += f.checkedIn;
    to.demoed += f.demoed;
    to.scoredToQuorum += f.scoredToQuorum;
    to.slotDecided += f.slotDecided;
    to.slotOrEncore += f.slotOrEncore;
    to.issued += f.issued;
    to.accepted += f.accepted;
}

std::optional<Event> findEvent(const std::vector<Event>& events, const std::string& nameOrId) {
    for (const Event& e : events)
        if (e.id == nameOrId || e.name == nameOrId) return e;
    return std::nullopt;
}

}  // namespace

double eventCost(const std::map<std::string, double>& costs, const std::string& eventId,
                 const std::string& eventName) {
    if (auto it = costs.find(eventId); it != costs.end()) return it->second;
    if (auto it = costs.find(eventName); it != costs.end()) return it->second;
    return 0;
}

std::optional<double> costPerHire(double cost, int accepted) {
    if (accepted <= 0) return std::nullopt;
    return cost / accepted;
}

std::optional<double> stepRate(int from, int to) {
    if (from <= 0) return std::nullopt;
    return static_cast<double>(to) / from;
}

std::vector<std::pair<std::string, int>> funnelSteps(const Funnel& f) {
    return {{"Registered", f.registered},
            {"Checked in", f.checkedIn},
            {"Demoed", f.demoed},
            {"Scored to quorum", f.scoredToQuorum},
            {"Slot or encore", f.slotOrEncore},
            {"Offer issued", f.issued},
            {"Accepted", f.accepted}};
}

EventKpis eventKpis(Store& store, const Event& event, const ConversionRules& rules, double cost,
                    std::int64_t nowMs) {
    EventKpis k;
    k.eventId = event.id;
    k.eventName = event.name;
    DashboardData data = buildDashboard(store, event.id, rules, nowMs);
    k.funnel = data.funnel;
    k.encores = data.encores;
    k.hoursDemoToSlot = data.hoursDemoToSlot;
    k.cost = cost;
    k.decisions = std::move(data.decisions);
    return k;
}

KpiResult programKpis(Store& store, const ProgramSpec& spec, const ConversionRules& rules,
                      std::int64_t nowMs) {
    KpiResult result;
    const std::vector<Event> all = store.events();
    std::vector<Event> chosen;
    for (const std::string& name : spec.events) {
        auto e = findEvent(all, name);
        if (!e) {
            result.status = KpiStatus::UnknownEvent;
            result.problem = "no event named '" + name + "' in the central record";
            return result;
        }
        chosen.push_back(*e);
    }
    if (spec.events.empty()) chosen = all;
    ProgramKpis& p = result.kpis;
    p.name = spec.name;
    p.currency = spec.currency;
    p.managementCost = spec.managementCost;
    p.totalCost = spec.managementCost;
    std::vector<double> hours;
    std::vector<Decision> decisions;
    for (const Event& e : chosen) {
        EventKpis k = eventKpis(store, e, rules, eventCost(spec.eventCosts, e.id, e.name), nowMs);
        add(p.funnel, k.funnel);
        add(p.encores, k.encores);
        hours.insert(hours.end(), k.hoursDemoToSlot.begin(), k.hoursDemoToSlot.end());
        decisions.insert(decisions.end(), k.decisions.begin(), k.decisions.end());
        p.totalCost += k.cost;
        p.events.push_back(std::move(k));
    }
    p.medianHoursDemoToSlot = medianOf(std::move(hours));
    p.costPerHire = costPerHire(p.totalCost, p.funnel.accepted);
    p.fairness = fairnessByCohort(decisions, rules.fairnessMinCell);
    return result;
}

}  // namespace oh
