// Store: showcases, scores (last writer wins by clock), feedback.
#include <nlohmann/json.hpp>

#include "core/store/store_impl.hpp"

namespace oh {

namespace detail {

// The presenters column as ids; a damaged value reads as no list (intern_id presents).
std::vector<std::string> presenterIdsFromText(const std::string& text) {
    json list = json::parse(text, nullptr, false);
    std::vector<std::string> ids;
    if (!list.is_array()) return ids;
    for (const auto& id : list)
        if (id.is_string()) ids.push_back(id.get<std::string>());
    return ids;
}

Showcase readShowcase(const sql::Stmt& s) {
    return Showcase{s.text(0),
                    s.text(1),
                    s.text(2),
                    s.text(3),
                    s.text(4),
                    s.text(5),
                    s.text(6),
                    s.text(7),
                    s.int64(8),
                    s.int64(9),
                    presenterIdsFromText(s.text(10))};
}

constexpr const char* kShowcaseSelect =
    "SELECT id, event_id, coalesce(intern_id, ''), title, brief, metric_name, metric_change, "
    "location, slot_start, slot_end, presenter_ids FROM showcases ";

Score readScore(const sql::Stmt& s) {
    Score r;
    r.id = s.text(0);
    r.eventId = s.text(1);
    r.judgeId = s.text(2);
    r.showcaseId = s.text(3);
    r.criteria = s.text(4);
    if (!s.isNull(5)) r.total = s.real(5);
    r.notes = s.text(6);
    r.encore = s.int64(7) != 0;
    r.hlc = s.text(8);
    r.deviceId = s.text(9);
    r.deleted = s.int64(10) != 0;
    return r;
}

const char* const kScoreSelect =
    "SELECT id, event_id, judge_id, showcase_id, criteria, total, notes, encore, hlc, "
    "device_id, deleted FROM scores ";

json scoreJson(const Score& r) {
    json j = {{"id", r.id},
              {"event_id", r.eventId},
              {"judge_id", r.judgeId},
              {"showcase_id", r.showcaseId},
              {"criteria", r.criteria},
              {"notes", r.notes},
              {"encore", r.encore},
              {"hlc", r.hlc},
              {"device_id", r.deviceId},
              {"deleted", r.deleted}};
    j["total"] = r.total ? json(*r.total) : json(nullptr);
    return j;
}

Score scoreFromJson(const json& j) {
    Score r;
    r.id = j.at("id").get<std::string>();
    r.eventId = j.at("event_id").get<std::string>();
    r.judgeId = j.at("judge_id").get<std::string>();
    r.showcaseId = j.at("showcase_id").get<std::string>();
    r.criteria = j.value("criteria", std::string("{}"));
    if (j.contains("total") && !j["total"].is_null()) r.total = j["total"].get<double>();
    r.notes = j.value("notes", std::string());
    r.encore = j.value("encore", false);
    r.hlc = j.at("hlc").get<std::string>();
    r.deviceId = j.value("device_id", std::string());
    r.deleted = j.value("deleted", false);
    return r;
}

// The answers column or payload field ("[4,5,3]") as levels; anything but whole numbers
// is left out, and anything but a list reads as no answers (feedback from before them).
std::vector<int> answersFromJson(const json& list) {
    std::vector<int> levels;
    if (!list.is_array()) return levels;
    for (const auto& level : list)
        if (level.is_number_integer()) levels.push_back(level.get<int>());
    return levels;
}

namespace {

Feedback readFeedback(const sql::Stmt& s) {
    Feedback f{s.text(0),  s.text(1), s.text(2),
               s.text(3),  {},        s.text(5),
               s.int64(6), s.text(7), answersFromJson(json::parse(s.text(8), nullptr, false))};
    if (!s.isNull(4)) f.rating = static_cast<int>(s.int64(4));
    return f;
}

constexpr const char* kFeedbackSelect =
    "SELECT id, event_id, author_id, showcase_id, rating, text, created_at, device_id, answers "
    "FROM feedback f ";
// Withdrawn feedback (a tombstone) is hidden, never resurrected.
constexpr const char* kFeedbackLive =
    "NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'feedback' AND t.entity_id = f.id)";

json feedbackJson(const Feedback& f) {
    json payload = {{"id", f.id},
                    {"event_id", f.eventId},
                    {"author_id", f.authorId},
                    {"showcase_id", f.showcaseId},
                    {"text", f.text},
                    {"created_at", f.createdAt},
                    {"device_id", f.deviceId},
                    {"answers", f.answers}};
    payload["rating"] = f.rating ? json(*f.rating) : json(nullptr);
    return payload;
}

}  // namespace

}  // namespace detail

using namespace detail;

void Store::upsertShowcase(const Showcase& c) {
    sql::Transaction tx(impl_->db);
    std::int64_t now = nowMillis();
    impl_
        ->stmt(
            "INSERT INTO showcases (id, event_id, intern_id, title, brief, metric_name, "
            "metric_change, location, slot_start, slot_end, updated_at, presenter_ids) "
            "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET intern_id = excluded.intern_id, title = excluded.title, brief = excluded.brief, "
            "metric_name = excluded.metric_name, metric_change = excluded.metric_change, "
            "location = excluded.location, slot_start = excluded.slot_start, "
            "slot_end = excluded.slot_end, updated_at = excluded.updated_at, "
            "presenter_ids = excluded.presenter_ids "
            "WHERE excluded.updated_at >= showcases.updated_at")
        .bindAll(c.id, c.eventId, c.internId, c.title, c.brief, c.metricName, c.metricChange,
                 c.location, c.slotStart, c.slotEnd, now, json(c.presenterIds).dump())
        .run();
    impl_->appendOutbox(RecordKind::ShowcaseUpsert, {{"id", c.id},
                                                     {"event_id", c.eventId},
                                                     {"intern_id", c.internId},
                                                     {"title", c.title},
                                                     {"brief", c.brief},
                                                     {"metric_name", c.metricName},
                                                     {"metric_change", c.metricChange},
                                                     {"location", c.location},
                                                     {"slot_start", c.slotStart},
                                                     {"slot_end", c.slotEnd},
                                                     {"presenter_ids", c.presenterIds},
                                                     {"updated_at", now}});
    tx.commit();
}

std::optional<Showcase> Store::showcase(const std::string& id) {
    static const std::string sqlText = std::string(kShowcaseSelect) + "WHERE id = ?";
    auto s = impl_->query(sqlText.c_str(), id);
    if (!s.step()) return std::nullopt;
    return readShowcase(s.row());
}

std::vector<Showcase> Store::showcases(const std::string& eventId) {
    static const std::string sqlText =
        std::string(kShowcaseSelect) + "WHERE event_id = ? ORDER BY slot_start, id";
    auto s = impl_->query(sqlText.c_str(), eventId);
    std::vector<Showcase> out;
    while (s.step()) out.push_back(readShowcase(s.row()));
    return out;
}

std::optional<Score> Store::score(const std::string& judgeId, const std::string& showcaseId) {
    static const std::string sqlText =
        std::string(kScoreSelect) + "WHERE judge_id = ? AND showcase_id = ?";
    auto s = impl_->query(sqlText.c_str(), judgeId, showcaseId);
    if (!s.step()) return std::nullopt;
    return readScore(s.row());
}

std::vector<Score> Store::scores(const std::string& eventId) {
    static const std::string sqlText =
        std::string(kScoreSelect) +
        "WHERE event_id = ? AND deleted = 0 ORDER BY showcase_id, judge_id";
    auto s = impl_->query(sqlText.c_str(), eventId);
    std::vector<Score> out;
    while (s.step()) out.push_back(readScore(s.row()));
    return out;
}

Score Store::recordScore(Score r) {
    sql::Transaction tx(impl_->db);
    auto existing = score(r.judgeId, r.showcaseId);
    r.id = existing ? existing->id : Uuid::v7().str();
    r.hlc = impl_->tick();
    r.deviceId = impl_->deviceId;
    impl_->writeScoreIfNewer(r);
    impl_->appendOutbox(r.deleted ? RecordKind::ScoreDelete : RecordKind::ScoreUpsert,
                        scoreJson(r));
    tx.commit();
    return r;
}

bool Store::deleteScore(const std::string& judgeId, const std::string& showcaseId) {
    auto existing = score(judgeId, showcaseId);
    if (!existing || existing->deleted) return false;
    existing->deleted = true;
    recordScore(*existing);
    return true;
}

FeedbackAdded Store::addFeedback(Feedback& f) {
    sql::Transaction tx(impl_->db);
    if (f.id.empty()) f.id = Uuid::v7().str();
    if (f.createdAt == 0) f.createdAt = nowMillis();
    f.deviceId = impl_->deviceId;
    FeedbackAdded added = FeedbackAdded::First;
    auto previous = impl_->feedbackRow(f.authorId, f.showcaseId);
    if (previous) {
        // Stamped after what it replaces, so the newest-wins rule keeps it on every replica
        // too (a clock set back, two taps in one millisecond, ids random within one).
        if (f.createdAt <= previous->createdAt) f.createdAt = previous->createdAt + 1;
        impl_->stmt("DELETE FROM feedback WHERE id = ?").bindAll(previous->id).run();
        if (previous->live) added = FeedbackAdded::Replaced;
    }
    impl_
        ->stmt(
            "INSERT INTO feedback (id, event_id, author_id, showcase_id, rating, text, "
            "created_at, device_id, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(f.id, f.eventId, f.authorId, f.showcaseId, f.rating, f.text, f.createdAt,
                 f.deviceId, json(f.answers).dump())
        .run();
    impl_->appendOutbox(RecordKind::FeedbackCreate, feedbackJson(f));
    tx.commit();
    return added;
}

bool Store::deleteFeedback(const std::string& feedbackId) {
    sql::Transaction tx(impl_->db);
    std::string eventId;
    {
        auto find = impl_->query("SELECT event_id FROM feedback WHERE id = ?", feedbackId);
        if (!find.step()) return false;
        eventId = find.text(0);
    }
    std::int64_t now = nowMillis();
    impl_
        ->stmt(
            "INSERT INTO tombstones (entity, entity_id, event_id, deleted_at, device_id) "
            "VALUES ('feedback', ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .bindAll(feedbackId, eventId, now, impl_->deviceId)
        .run();
    if (impl_->db.changes() == 0) return false;
    impl_->appendOutbox(RecordKind::FeedbackDelete, {{"id", feedbackId},
                                                     {"event_id", eventId},
                                                     {"deleted_at", now},
                                                     {"device_id", impl_->deviceId}});
    tx.commit();
    return true;
}

std::vector<Feedback> Store::feedback(const std::string& eventId) {
    static const std::string sqlText = std::string(kFeedbackSelect) + "WHERE event_id = ? AND " +
                                       kFeedbackLive + " ORDER BY showcase_id, created_at, id";
    auto s = impl_->query(sqlText.c_str(), eventId);
    std::vector<Feedback> out;
    while (s.step()) out.push_back(readFeedback(s.row()));
    return out;
}

std::optional<Feedback> Store::feedbackBy(const std::string& authorId,
                                          const std::string& showcaseId) {
    static const std::string sqlText = std::string(kFeedbackSelect) +
                                       "WHERE author_id = ? AND showcase_id = ? AND " +
                                       kFeedbackLive;
    auto s = impl_->query(sqlText.c_str(), authorId, showcaseId);
    if (!s.step()) return std::nullopt;
    return readFeedback(s.row());
}

}  // namespace oh
