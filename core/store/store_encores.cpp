// Store: encore assignments (encore.upsert), written by the program team and learned by
// every device of the event through the feed, so each decides the same re-decisions.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/model/record_kind.hpp"
#include "core/store/store_impl.hpp"

namespace oh {

namespace detail {

json encoreJson(const EncoreAssignment& a) {
    json j = {{"id", a.id},
              {"event_id", a.eventId},
              {"showcase_id", a.showcaseId},
              {"intern_id", a.internId},
              {"brief", a.brief},
              {"metric", a.metric},
              {"due_at", a.dueAt},
              {"reviewer_id", a.reviewerId},
              {"state", encoreStateName(a.state)},
              {"submission", a.submission},
              {"submitted_at", a.submittedAt},
              {"review_sheet", a.reviewSheet},
              {"reviewed_by", a.reviewedBy},
              {"reviewed_at", a.reviewedAt},
              {"updated_at", a.updatedAt}};
    j["review_total"] = a.reviewTotal ? json(*a.reviewTotal) : json(nullptr);
    return j;
}

EncoreAssignment encoreFromJson(const json& j) {
    EncoreAssignment a;
    a.id = j.at("id").get<std::string>();
    a.eventId = j.at("event_id").get<std::string>();
    a.showcaseId = j.at("showcase_id").get<std::string>();
    a.internId = j.at("intern_id").get<std::string>();
    a.brief = j.value("brief", std::string());
    a.metric = j.value("metric", std::string());
    a.dueAt = j.at("due_at").get<std::int64_t>();
    a.reviewerId = j.value("reviewer_id", std::string());
    const auto state = parseEncoreState(j.at("state").get<std::string>());
    // Expired is read from the clock, never written: a record saying so is malformed.
    if (!state || *state == EncoreState::Expired)
        throw json::other_error::create(501, "unknown encore state", &j);
    a.state = *state;
    a.submission = j.value("submission", std::string());
    a.submittedAt = j.value("submitted_at", std::int64_t{0});
    a.reviewSheet = j.value("review_sheet", std::string("{}"));
    if (auto it = j.find("review_total"); it != j.end() && !it->is_null())
        a.reviewTotal = it->get<double>();
    a.reviewedBy = j.value("reviewed_by", std::string());
    a.reviewedAt = j.value("reviewed_at", std::int64_t{0});
    a.updatedAt = j.at("updated_at").get<std::int64_t>();
    a.stored = true;
    return a;
}

}  // namespace detail

using namespace detail;

void Store::saveEncore(EncoreAssignment a) {
    sql::Transaction tx(impl_->db);
    std::int64_t previous = 0;
    {
        auto s = impl_->query("SELECT updated_at FROM encores WHERE id = ?", a.id);
        if (s.step()) previous = s.int64(0);
    }
    // Newer than what it replaces, also twice within one millisecond.
    a.updatedAt = std::max(nowMillis(), previous + 1);
    const json payload = encoreJson(a);
    applyRemote(recordKindName(RecordKind::EncoreUpsert), payload.dump(), impl_->deviceId);
    impl_->appendOutbox(RecordKind::EncoreUpsert, payload);
    tx.commit();
}

std::vector<EncoreAssignment> Store::encores(const std::string& eventId) {
    std::vector<EncoreAssignment> out;
    auto s = impl_->query("SELECT payload FROM encores WHERE event_id = ? ORDER BY id", eventId);
    while (s.step()) out.push_back(encoreFromJson(json::parse(s.text(0))));
    return out;
}

}  // namespace oh
