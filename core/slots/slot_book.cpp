#include "core/slots/slot_book.hpp"

#include <map>

namespace oh {

namespace {

constexpr const char* kSlotColumns =
    "id, event_id, intern_id, showcase_id, device_id, grant_id, issued_at, state, state_at, "
    "reason, explanation, version, from_grant";
constexpr const char* kGrantColumns =
    "g.id, g.event_id, g.device_id, g.size, g.granted_at, g.expires_at, g.ended_at, "
    "g.ended_how, g.local_expires_at, "
    "(SELECT count(*) FROM slots s WHERE s.grant_id = g.id AND s.from_grant = 1)";

Slot slotFrom(const sql::Query& q) {
    return {q.text(0), q.text(1),  q.text(2), q.text(3),  q.text(4),   q.text(5),       q.int64(6),
            q.text(7), q.int64(8), q.text(9), q.text(10), q.int64(11), q.int64(12) != 0};
}

SlotGrant grantFrom(const sql::Query& q) {
    SlotGrant g;
    g.id = q.text(0);
    g.eventId = q.text(1);
    g.deviceId = q.text(2);
    g.size = static_cast<int>(q.int64(3));
    g.grantedAt = q.int64(4);
    g.expiresAt = q.int64(5);
    g.endedAt = q.int64(6);
    g.endedHow = q.text(7);
    g.localExpiresAt = q.int64(8);
    g.used = static_cast<int>(q.int64(9));
    return g;
}

}  // namespace

struct SlotBook::Impl {
    Store& store;
    std::map<std::string, sql::Stmt> statements;

    sql::Stmt& stmt(const std::string& text) {
        auto it = statements.find(text);
        if (it == statements.end()) it = statements.emplace(text, store.db().prepare(text)).first;
        return it->second;
    }
    std::vector<Slot> slotsWhere(const std::string& where, const std::string& arg) {
        std::vector<Slot> out;
        auto q =
            stmt(std::string("SELECT ") + kSlotColumns + " FROM slots WHERE " + where).query(arg);
        while (q.step()) out.push_back(slotFrom(q));
        return out;
    }
    std::vector<SlotGrant> grantsWhere(const std::string& where, const std::string& arg) {
        std::vector<SlotGrant> out;
        auto q = stmt(std::string("SELECT ") + kGrantColumns + " FROM slot_grants g WHERE " + where)
                     .query(arg);
        while (q.step()) out.push_back(grantFrom(q));
        return out;
    }
};

SlotBook::SlotBook(Store& store) : impl_(new Impl{store, {}}) {}
SlotBook::~SlotBook() = default;

std::optional<Slot> SlotBook::slot(const std::string& slotId) {
    auto found = impl_->slotsWhere("id = ?", slotId);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Slot> SlotBook::slots(const std::string& eventId) {
    return impl_->slotsWhere("event_id = ? ORDER BY issued_at, id", eventId);
}

std::optional<Slot> SlotBook::liveSlotOf(const std::string& eventId, const std::string& internId) {
    auto q = impl_
                 ->stmt(std::string("SELECT ") + kSlotColumns +
                        " FROM slots WHERE event_id = ? AND intern_id = ? AND state IN "
                        "('issued', 'held', 'accepted') ORDER BY version = 0, issued_at LIMIT 1")
                 .query(eventId, internId);
    if (!q.step()) return std::nullopt;
    return slotFrom(q);
}

std::optional<SlotGrant> SlotBook::grant(const std::string& grantId) {
    auto found = impl_->grantsWhere("g.id = ?", grantId);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<SlotGrant> SlotBook::grants(const std::string& eventId) {
    return impl_->grantsWhere("g.event_id = ? ORDER BY g.granted_at, g.id", eventId);
}

void SlotBook::putSlot(const Slot& s) {
    impl_
        ->stmt(
            "INSERT INTO slots (id, event_id, intern_id, showcase_id, device_id, grant_id, "
            "from_grant, issued_at, state, state_at, reason, explanation, version) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "state = excluded.state, "
            "state_at = excluded.state_at, reason = excluded.reason, "
            "explanation = excluded.explanation, version = excluded.version")
        .bindAll(s.id, s.eventId, s.internId, s.showcaseId, s.deviceId, s.grantId, s.fromGrant,
                 s.issuedAt, s.state, s.stateAt, s.reason, s.explanation, s.version)
        .run();
}

void SlotBook::putGrant(const SlotGrant& g) {
    impl_
        ->stmt(
            "INSERT INTO slot_grants (id, event_id, device_id, size, granted_at, expires_at, "
            "ended_at, ended_how, local_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, "
            "ended_how = excluded.ended_how, local_expires_at = excluded.local_expires_at")
        .bindAll(g.id, g.eventId, g.deviceId, g.size, g.grantedAt, g.expiresAt, g.endedAt,
                 g.endedHow, g.localExpiresAt)
        .run();
}

BudgetView SlotBook::budget(const std::string& eventId) {
    BudgetView b;
    if (auto event = impl_->store.event(eventId)) b.budget = event->slotBudget;
    auto q = impl_
                 ->stmt(
                     "SELECT (SELECT count(*) FROM slots WHERE event_id = ?1 AND state IN "
                     "('issued', 'held', 'accepted')), "
                     "(SELECT coalesce(sum(max(0, g.size - (SELECT count(*) FROM slots s "
                     "WHERE s.grant_id = g.id AND s.from_grant = 1))), 0) FROM slot_grants g "
                     "WHERE g.event_id = ?1 AND g.ended_at = 0)")
                 .query(eventId);
    if (q.step()) {
        b.live = static_cast<int>(q.int64(0));
        b.outstanding = static_cast<int>(q.int64(1));
    }
    return b;
}

int SlotBook::reclaimExpired(const std::string& eventId, std::int64_t nowMs,
                             std::int64_t marginMs) {
    impl_
        ->stmt(
            "UPDATE slot_grants SET ended_at = ?1, ended_how = 'reclaimed' "
            "WHERE event_id = ?2 AND ended_at = 0 AND expires_at + ?3 <= ?1")
        .bindAll(nowMs, eventId, marginMs)
        .run();
    return impl_->store.db().changes();
}

bool SlotBook::endGrant(const std::string& grantId, std::int64_t nowMs, const std::string& how) {
    impl_->stmt("UPDATE slot_grants SET ended_at = ?, ended_how = ? WHERE id = ? AND ended_at = 0")
        .bindAll(nowMs, how, grantId)
        .run();
    return impl_->store.db().changes() > 0;
}

IssueFacts SlotBook::issueFacts(const Slot& issue, bool byHand) {
    IssueFacts f;
    f.byHand = byHand;
    f.internHasLiveSlot = liveSlotOf(issue.eventId, issue.internId).has_value();
    if (!byHand && !issue.grantId.empty()) {
        if (auto g = grant(issue.grantId);
            g && g->deviceId == issue.deviceId && g->eventId == issue.eventId) {
            f.grantKnown = true;
            f.grantLive = g->endedAt == 0;
            f.grantSize = g->size;
            f.grantUsed = g->used;
        }
    }
    f.budget = budget(issue.eventId);
    return f;
}

void SlotBook::logAct(const SlotAct& a) {
    impl_
        ->stmt(
            "INSERT INTO slot_acts (slot_id, seq, act, from_state, to_state, actor, device_id, "
            "at, reason) VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM slot_acts WHERE "
            "slot_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bindAll(a.slotId, a.act, a.fromState, a.toState, a.actor, a.deviceId, a.at, a.reason)
        .run();
}

std::vector<SlotAct> SlotBook::acts(const std::string& eventId) {
    std::vector<SlotAct> out;
    auto q = impl_
                 ->stmt(
                     "SELECT a.slot_id, a.act, a.actor, a.device_id, a.reason, a.at, "
                     "a.from_state, a.to_state FROM slot_acts a JOIN slots s ON s.id = "
                     "a.slot_id WHERE s.event_id = ? ORDER BY a.at, a.slot_id, a.seq")
                 .query(eventId);
    while (q.step())
        out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.int64(5), q.text(6),
                       q.text(7)});
    return out;
}

std::optional<SlotGrant> SlotBook::usableGrant(const std::string& eventId,
                                               std::int64_t localNowMs) {
    // On a device, used counts every slot it issued from the grant (confirmed or not).
    std::vector<SlotGrant> live = impl_->grantsWhere(
        "g.event_id = ? AND g.ended_at = 0 ORDER BY g.local_expires_at, g.id", eventId);
    for (auto& g : live) {
        auto q = impl_->stmt("SELECT count(*) FROM slots WHERE grant_id = ?").query(g.id);
        g.used = q.step() ? static_cast<int>(q.int64(0)) : g.used;
        if (mayIssueFromGrant(g, localNowMs)) return g;
    }
    return std::nullopt;
}

std::vector<Slot> SlotBook::unconfirmed(const std::string& eventId) {
    return impl_->slotsWhere("event_id = ? AND version = 0 ORDER BY issued_at, id", eventId);
}

}  // namespace oh
