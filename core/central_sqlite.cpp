// The embedded central record: a SQLite file with the store schema, plus the
// keys applied once (applied_keys) and the change feed (change_log). SQLite
// has one writer at a time, so change_log.seq is commit order and a plain
// "seq > cursor" pull cannot skip a late commit.
#include <nlohmann/json.hpp>

#include "core/central.hpp"
#include "core/hlc.hpp"
#include "core/ids.hpp"

namespace oh {

namespace {

using nlohmann::json;

constexpr const char* kKinds[] = {
    "event.upsert",   "event_key.add",   "token.revoke",    "attendee.upsert",
    "showcase.upsert", "checkin.create", "checkin.annul",   "score.upsert",
    "score.delete",   "feedback.create", "feedback.delete", "device.register"};

class CentralSqlite final : public CentralRecord {
public:
    CentralSqlite(const std::string& path, const CentralOptions& options)
        : path_(path), options_(options), store_(Store::open(path)) {
        if (auto id = store_.meta("central_id")) {
            centralId_ = *id;
        } else {
            centralId_ = Uuid::v7().str();
            store_.setMeta("central_id", centralId_);
        }
    }

    CentralInfo ping() override {
        return {centralId_, nowMillis(), store_.schemaVersion()};
    }

    void registerDevice(const DeviceRegistration& d) override {
        json payload = {{"id", d.deviceId},          {"event_id", d.eventId},
                        {"name", d.name},            {"public_key", d.publicKey},
                        {"certificate", d.certificate}, {"registered_at", nowMillis()}};
        sql::Transaction tx(store_.db());
        Store::ApplyingRemote remote(store_);
        store_.applyRemote("device.register", payload.dump(), d.deviceId);
        appendChange(Uuid::v7().str(), d.deviceId, d.eventId, "device.register", payload.dump());
        tx.commit();
    }

    PushResult push(const std::string& deviceId, const std::vector<OutboxEntry>& batch) override {
        PushResult result;
        result.status.reserve(batch.size());
        try {
            sql::Transaction tx(store_.db());
            Store::ApplyingRemote remote(store_);
            for (const auto& entry : batch) result.status.push_back(applyOne(deviceId, entry, result));
            tx.commit();
        } catch (const sql::Error& e) {
            // Busy or I/O: nothing of the batch committed; the device retries.
            throw CentralError(!e.isConstraint(), std::string("embedded central: ") + e.what());
        }
        return result;
    }

    PullPage pull(const std::string& deviceId, const std::string& cursor, int limit) override {
        publishOwnWrites();
        std::int64_t after = cursor.empty() ? 0 : std::stoll(cursor);
        PullPage page;
        sql::Transaction tx(store_.db());  // one snapshot for the bound and the rows
        auto& top = stmt("SELECT coalesce(max(seq), 0) FROM change_log");
        top.reset();
        top.step();
        std::int64_t upto = top.int64(0);
        top.reset();
        auto& rows = stmt(
            "SELECT seq, idem_key, device_id, kind, payload FROM change_log "
            "WHERE seq > ? AND seq <= ? AND device_id <> ? ORDER BY seq LIMIT ?");
        rows.bindAll(after, upto, deviceId, limit);
        std::int64_t last = after;
        while (rows.step()) {
            last = rows.int64(0);
            page.records.push_back({rows.text(1), rows.text(2), rows.text(3), rows.text(4)});
        }
        rows.reset();
        tx.commit();
        page.more = static_cast<int>(page.records.size()) == limit;
        // A short page saw everything up to `upto`, the device's own records included.
        page.nextCursor = std::to_string(page.more ? last : std::max(upto, after));
        return page;
    }

    std::vector<std::string> digest(const std::string& eventId) override {
        publishOwnWrites();
        return store_.digest(eventId);
    }

    std::string describe() const override { return "sqlite:" + path_; }

private:
    sql::Stmt& stmt(const char* sqlText) {
        auto it = statements_.find(sqlText);
        if (it == statements_.end())
            it = statements_.emplace(sqlText, store_.db().prepare(sqlText)).first;
        return it->second;
    }

    PushStatus applyOne(const std::string& deviceId, const OutboxEntry& entry, PushResult& result) {
        if (auto reason = refusal(entry)) {
            ++result.refused;
            result.refusedReason = *reason;
            return PushStatus::Refused;
        }
        auto& claim = stmt(
            "INSERT INTO applied_keys (idem_key, device_id, applied_at) VALUES (?, ?, ?) "
            "ON CONFLICT (idem_key) DO NOTHING");
        claim.bindAll(entry.idemKey, deviceId, nowMillis()).run();
        if (store_.db().changes() == 0) {
            ++result.duplicates;
            return PushStatus::Duplicate;
        }
        // A savepoint per entry: one bad record must not block the batch.
        store_.db().exec("SAVEPOINT entry");
        try {
            store_.applyRemote(entry.kind, entry.payload, deviceId);
            appendChange(entry.idemKey, deviceId, eventIdOf(entry), entry.kind, entry.payload);
            store_.db().exec("RELEASE entry");
        } catch (const std::exception& e) {
            store_.db().exec("ROLLBACK TO entry");
            store_.db().exec("RELEASE entry");
            stmt("DELETE FROM applied_keys WHERE idem_key = ?").bindAll(entry.idemKey).run();
            ++result.refused;
            result.refusedReason = entry.kind + " could not be applied: " + e.what();
            return PushStatus::Refused;
        }
        ++result.applied;
        return PushStatus::Applied;
    }

    // Unknown kinds and clocks too far ahead are refused and stay in the
    // device's outbox, to be retried (after an upgrade or a clock fix).
    std::optional<std::string> refusal(const OutboxEntry& entry) const {
        if (!isKnownSyncKind(entry.kind)) return "unknown kind " + entry.kind;
        if (entry.kind.rfind("score.", 0) != 0) return std::nullopt;
        auto p = json::parse(entry.payload, nullptr, false);
        auto hlc = p.is_object() ? Hlc::parse(p.value("hlc", std::string())) : std::nullopt;
        if (!hlc) return "score without a clock";
        std::int64_t ahead = hlc->wall - nowMillis();
        if (ahead > options_.maxDriftMs)
            return "clock " + std::to_string(ahead / 1000) + " s ahead of the central";
        return std::nullopt;
    }

    static std::string eventIdOf(const OutboxEntry& entry) {
        auto p = json::parse(entry.payload, nullptr, false);
        if (!p.is_object()) return {};
        if (entry.kind == "event.upsert") return p.value("id", std::string());
        return p.value("event_id", std::string());
    }

    void appendChange(const std::string& key, const std::string& deviceId,
                      const std::string& eventId, const std::string& kind,
                      const std::string& payload) {
        stmt("INSERT INTO change_log (idem_key, device_id, event_id, kind, payload, created_at) "
             "VALUES (?, ?, NULLIF(?, ''), ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING")
            .bindAll(key, deviceId, eventId, kind, payload, nowMillis())
            .run();
    }

    // The lead's CLI writes to this file as a Store (init, import-roster): its
    // outbox entries are moved into the feed here, in one transaction.
    void publishOwnWrites() {
        if (store_.outboxBacklog() == 0) return;
        sql::Transaction tx(store_.db());
        std::vector<std::int64_t> seqs;
        for (const auto& e : store_.pendingOutbox(100000)) {
            stmt("INSERT INTO applied_keys (idem_key, device_id, applied_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (idem_key) DO NOTHING")
                .bindAll(e.idemKey, store_.deviceId(), nowMillis())
                .run();
            appendChange(e.idemKey, store_.deviceId(), eventIdOf(e), e.kind, e.payload);
            seqs.push_back(e.seq);
        }
        store_.markSent(seqs, nowMillis());
        tx.commit();
    }

    std::string path_;
    CentralOptions options_;
    Store store_;
    std::string centralId_;
    std::unordered_map<const char*, sql::Stmt> statements_;
};

}  // namespace

bool isKnownSyncKind(const std::string& kind) {
    for (const char* k : kKinds)
        if (kind == k) return true;
    return false;
}

std::unique_ptr<CentralRecord> openCentralSqlite(const std::string& path,
                                                 const CentralOptions& options) {
    try {
        return std::make_unique<CentralSqlite>(path, options);
    } catch (const StoreError& e) {
        throw CentralError(false, e.what());
    } catch (const sql::Error& e) {
        throw CentralError(true, std::string("embedded central ") + path + ": " + e.what());
    }
}

std::unique_ptr<CentralRecord> openCentralRecord(const std::string& spec,
                                                 const CentralOptions& options) {
    auto startsWith = [&](const char* p) { return spec.rfind(p, 0) == 0; };
    if (startsWith("postgresql://") || startsWith("postgres://") ||
        spec.find("dbname=") != std::string::npos || spec.find("host=") != std::string::npos)
        return openCentralPostgres(spec, options);
    if (startsWith("sqlite:")) return openCentralSqlite(spec.substr(7), options);
    return openCentralSqlite(spec, options);
}

}  // namespace oh
