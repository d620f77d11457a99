// The PostgreSQL central record through libpq. Every call is one server-side
// sync function (oh_push, oh_pull, oh_ping, oh_register_device) run as a
// prepared statement: one round trip per batch, parameters only, and a device
// role needs nothing but EXECUTE on those functions. Serialization failures
// and deadlocks (40001/40P01) are retried; a lost connection is reopened on the
// next call, and the error is reported as transient so the daemon backs off.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "core/central/central.hpp"
#include "core/central/central_pg_schema.hpp"
#include "core/central/pg_slots.hpp"
#include "core/model/ids.hpp"

namespace oh {

// The batch as oh_push's compact form: "key US kind US payload" per entry,
// entries separated by RS. The payload goes as stored (no escaping, so the
// server parses it once); JSON never holds a raw control character, and a
// field that does is refused here rather than split wrongly there.
std::string encodePgPushBatch(const std::vector<OutboxEntry>& batch) {
    constexpr char kUnit = '\x1f';
    constexpr char kRecord = '\x1e';
    std::size_t size = 0;
    for (const auto& e : batch) size += e.idemKey.size() + e.kind.size() + e.payload.size() + 3;
    std::string text;
    text.reserve(size);
    for (const auto& e : batch) {
        for (const std::string* field : {&e.idemKey, &e.kind, &e.payload})
            if (field->find_first_of("\x1e\x1f") != std::string::npos)
                throw CentralError(false, "outbox entry " + std::to_string(e.seq) +
                                              " holds a raw control character; not sent");
        if (!text.empty()) text += kRecord;
        text += e.idemKey;
        text += kUnit;
        text += e.kind;
        text += kUnit;
        text += e.payload;
    }
    return text;
}

namespace {

struct ConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string sqlState(const PGresult* r) {
    const char* s = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    return s ? s : "";
}

// The server's first line, without the statement context (which could echo data).
std::string primaryMessage(const PGresult* r, PGconn* c) {
    const char* m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string text = m ? m : (c ? PQerrorMessage(c) : "no connection");
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

bool isRetryable(const std::string& state) {
    return state == "40001" || state == "40P01";
}

// Away or busy: connection errors, shutdowns, resource limits.
bool isTransient(const std::string& state, PGconn* c) {
    if (!c || PQstatus(c) != CONNECTION_OK) return true;
    if (state.empty()) return true;  // no server answer: the connection broke
    return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state.rfind("53", 0) == 0 ||
           isRetryable(state);
}

Conn connect(const std::string& conninfo, int timeoutSeconds) {
    // The caller's string goes last and is expanded: whatever it says (host,
    // sslmode=verify-full, sslrootcert, ...) overrides our defaults.
    std::string timeout = std::to_string(timeoutSeconds);
    const char* keys[] = {"connect_timeout",
                          "application_name",
                          "keepalives",
                          "keepalives_idle",
                          "keepalives_interval",
                          "keepalives_count",
                          "tcp_user_timeout",
                          "dbname",
                          nullptr};
    const char* values[] = {timeout.c_str(), "openhouse-sync", "1",    "10", "3", "3",
                            "30000",         conninfo.c_str(), nullptr};
    Conn c(PQconnectdbParams(keys, values, 1));
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        std::string message = c ? PQerrorMessage(c.get()) : "out of memory";
        while (!message.empty() && message.back() == '\n') message.pop_back();
        // One log line: libpq's hint comes on a second, indented line.
        for (auto& ch : message)
            if (ch == '\n' || ch == '\t') ch = ' ';
        throw CentralError(true, "cannot connect to the central PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    return c;
}

std::string redact(const std::string& conninfo) {
    // postgresql://user:secret@host/db -> postgresql://user@host/db
    auto scheme = conninfo.find("://");
    if (scheme != std::string::npos) {
        auto at = conninfo.find('@', scheme);
        auto colon = conninfo.find(':', scheme + 3);
        std::string out = conninfo;
        if (at != std::string::npos && colon != std::string::npos && colon < at)
            out = conninfo.substr(0, colon) + conninfo.substr(at);
        return out.substr(0, out.find('?'));
    }
    return "postgresql (" + std::to_string(conninfo.size()) + "-character conninfo)";
}

class CentralPostgres final : public CentralRecord {
  public:
    CentralPostgres(std::string conninfo, const CentralOptions& options)
        : conninfo_(std::move(conninfo)), options_(options) {
        ensureConnected();
    }

    CentralInfo ping() override {
        auto r = call("oh_ping", {});
        CentralInfo info;
        info.centralId = PQgetvalue(r.get(), 0, 0);
        info.nowMillis = std::stoll(PQgetvalue(r.get(), 0, 1));
        info.schemaVersion = static_cast<int>(centralPgMigrations().size());
        return info;
    }

    void registerDevice(const DeviceRegistration& d) override {
        call("oh_register_device",
             {d.deviceId, d.eventId.empty() ? std::optional<std::string>() : d.eventId, d.name,
              d.publicKey, d.certificate});
    }

    PushResult push(const std::string& deviceId, const std::vector<OutboxEntry>& batch) override {
        PushResult result;
        if (batch.empty()) return result;
        // With each entry's outbox number: a copied device store is refused.
        std::string seqs = "{";
        for (const auto& e : batch) seqs += (seqs.size() > 1 ? "," : "") + std::to_string(e.seq);
        auto r = call("oh_push_seq", {deviceId, encodePgPushBatch(batch), seqs + "}"});
        std::string letters = PQntuples(r.get()) == 1 ? PQgetvalue(r.get(), 0, 0) : "";
        if (letters.size() != batch.size())
            throw CentralError(false, "central answered " + std::to_string(letters.size()) +
                                          " results for " + std::to_string(batch.size()) +
                                          " entries");
        for (char letter : letters) {
            if (letter == 'a') {
                result.status.push_back(PushStatus::Applied);
                ++result.applied;
            } else if (letter == 'd') {
                result.status.push_back(PushStatus::Duplicate);
                ++result.duplicates;
            } else {
                result.status.push_back(PushStatus::Refused);
                ++result.refused;
            }
        }
        if (result.refused > 0) result.refusedReason = PQgetvalue(r.get(), 0, 1);
        return result;
    }

    PullPage pull(const std::string& deviceId, const std::string& cursor, int limit) override {
        auto [xid, pos] = parseCursor(cursor);
        auto r = call("oh_pull",
                      {deviceId, std::to_string(xid), std::to_string(pos), std::to_string(limit)});
        PullPage page;
        int rows = PQntuples(r.get());
        unsigned long long horizon = rows > 0 ? std::stoull(PQgetvalue(r.get(), 0, 0)) : 0;
        unsigned long long lastXid = xid;
        long long lastPos = pos;
        for (int i = 1; i < rows; ++i) {
            lastXid = std::stoull(PQgetvalue(r.get(), i, 0));
            lastPos = std::stoll(PQgetvalue(r.get(), i, 1));
            page.records.push_back({PQgetvalue(r.get(), i, 2), PQgetvalue(r.get(), i, 3),
                                    PQgetvalue(r.get(), i, 4), PQgetvalue(r.get(), i, 5)});
        }
        page.more = static_cast<int>(page.records.size()) == limit;
        if (!page.more && horizon > xid) {
            // Everything below the horizon was seen (our own records were skipped).
            lastXid = horizon;
            lastPos = 0;
        }
        page.nextCursor = std::to_string(lastXid) + ":" + std::to_string(lastPos);
        return page;
    }

    std::vector<std::string> digest(const std::string& eventId) override;
    std::vector<DeviceSummary> devices(const std::string& eventId) override;

    // The owner's tools only (oh_revoke_device is not granted to device roles).
    bool revokeDevice(const std::string& deviceId) override {
        auto r = call("oh_revoke_device", {deviceId});
        return std::string(PQgetvalue(r.get(), 0, 0)) == "t";
    }

    GrantAnswer requestGrant(const std::string& deviceId, int want, std::int64_t ttl) override {
        return pgslots::requestGrant(slotCall(), deviceId, want, ttl);
    }
    bool returnGrant(const std::string& deviceId, const std::string& grantId) override {
        return pgslots::returnGrant(slotCall(), deviceId, grantId);
    }
    std::vector<Slot> issueSlots(const std::string& deviceId,
                                 const std::vector<Slot>& issues) override {
        return pgslots::issue(slotCall(), deviceId, issues);
    }
    Slot grantSlotByHand(const Slot& slot, const std::string& actor,
                         const std::string& reason) override {
        return pgslots::byHand(slotCall(), slot, actor, reason);
    }
    Slot actOnSlot(const SlotAct& act) override { return pgslots::act(slotCall(), act); }
    BudgetView budget(const std::string& eventId) override {
        return pgslots::budget(slotCall(), eventId);
    }
    std::vector<SlotGrant> grants(const std::string& eventId) override {
        return pgslots::grants(slotCall(), eventId);
    }
    std::vector<Slot> slots(const std::string& eventId) override {
        return pgslots::slots(slotCall(), eventId);
    }
    std::vector<SlotAct> slotActs(const std::string& eventId) override {
        return pgslots::acts(slotCall(), eventId);
    }

    std::string describe() const override { return redact(conninfo_); }

  private:
    // The slot calls' access to prepared statements; a malformed issue (SQLSTATE 22023) is
    // a SlotRefused, as on the embedded central.
    pgslots::Call slotCall() {
        return [this](const char* name, const std::vector<std::optional<std::string>>& params) {
            Result r;
            try {
                r = call(name, params);
            } catch (const CentralError& e) {
                if (std::string(e.what()).find("(22023)") != std::string::npos)
                    throw SlotRefused(e.what());
                throw;
            }
            pgslots::Rows rows(PQntuples(r.get()));
            for (int i = 0; i < PQntuples(r.get()); ++i)
                for (int j = 0; j < PQnfields(r.get()); ++j)
                    rows[i].push_back(PQgetisnull(r.get(), i, j)
                                          ? std::nullopt
                                          : std::optional<std::string>(PQgetvalue(r.get(), i, j)));
            return rows;
        };
    }

    static std::pair<unsigned long long, long long> parseCursor(const std::string& cursor) {
        auto colon = cursor.find(':');
        if (cursor.empty() || colon == std::string::npos) return {0, 0};
        try {
            return {std::stoull(cursor.substr(0, colon)), std::stoll(cursor.substr(colon + 1))};
        } catch (const std::exception&) {
            return {0, 0};  // a cursor from another kind of central: start over
        }
    }

    void ensureConnected() {
        if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK) return;
        conn_.reset();
        Conn c = connect(conninfo_, options_.connectTimeoutSeconds);
        migrate(c.get());
        prepare(c.get(), "oh_ping", "SELECT central_id, now_ms FROM oh_ping()", 0);
        prepare(c.get(), "oh_register_device",
                "SELECT oh_register_device($1::uuid, $2::uuid, $3, $4, $5)", 5);
        prepare(c.get(), "oh_push_seq",
                "SELECT statuses, refused_reason FROM oh_push_seq($1::uuid, $2, $3::bigint[])", 3);
        prepare(c.get(), "oh_revoke_device", "SELECT oh_revoke_device($1::uuid)", 1);
        prepare(c.get(), "oh_pull",
                "SELECT xid::text, pos, idem_key::text, device_id::text, kind, payload "
                "FROM oh_pull($1::uuid, $2::xid8, $3::int, $4::int)",
                4);
        for (const auto& st : pgslots::statements())
            prepare(c.get(), st.name, st.sql.c_str(), st.params);
        conn_ = std::move(c);
    }

    static void prepare(PGconn* c, const char* name, const char* sqlText, int params) {
        Result r(PQprepare(c, name, sqlText, params, nullptr));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            throw CentralError(isTransient(sqlState(r.get()), c),
                               std::string("central PostgreSQL: cannot prepare ") + name + ": " +
                                   primaryMessage(r.get(), c));
    }

    static void migrate(PGconn* c);

    // Runs a prepared statement; retries serialization failures and deadlocks.
    Result call(const char* name, const std::vector<std::optional<std::string>>& params) {
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        for (int attempt = 1;; ++attempt) {
            ensureConnected();
            Result r(PQexecPrepared(conn_.get(), name, static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0));
            auto status = PQresultStatus(r.get());
            if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return r;
            std::string state = sqlState(r.get());
            if (isRetryable(state) && attempt < 8) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
                continue;
            }
            bool transient = isTransient(state, conn_.get());
            std::string message = primaryMessage(r.get(), conn_.get());
            if (PQstatus(conn_.get()) != CONNECTION_OK) conn_.reset();
            throw CentralError(transient, std::string("central PostgreSQL ") + name + " failed (" +
                                              (state.empty() ? "connection lost" : state) +
                                              "): " + message);
        }
    }

    std::string conninfo_;
    CentralOptions options_;
    Conn conn_;
};

Result exec(PGconn* c, const std::string& sqlText, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    Result r(PQexecParams(c, sqlText.c_str(), static_cast<int>(values.size()), nullptr,
                          values.data(), nullptr, nullptr, 0));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw CentralError(isTransient(sqlState(r.get()), c),
                           "central PostgreSQL: " + primaryMessage(r.get(), c));
    return r;
}

// Multi-statement DDL of our own migration steps (no parameters, no input).
void execScriptOn(PGconn* c, std::string_view sqlText) {
    Result r(PQexec(c, std::string(sqlText).c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw CentralError(isTransient(sqlState(r.get()), c),
                           "central PostgreSQL: " + primaryMessage(r.get(), c));
}

// The functions' digest recorded by the last re-application, when the caller
// owns the schema (only the owner may replace the functions). A caller that
// does not (a device role) gets the built one: it goes on as before.
std::string recordedFunctionsDigest(PGconn* c) {
    auto owner = exec(c,
                      "SELECT pg_has_role(relowner, 'USAGE') FROM pg_class "
                      "WHERE oid = 'oh_schema'::regclass");
    if (std::string(PQgetvalue(owner.get(), 0, 0)) != "t")
        return std::string(centralPgFunctionsDigest());
    auto r = exec(c, "SELECT value FROM oh_meta WHERE key = 'functions_sha256'");
    return PQntuples(r.get()) == 1 ? PQgetvalue(r.get(), 0, 0) : "";
}

// Migrations (core/central/sql/migrations/), then every function re-applied from
// its file (core/central/sql/functions/) when a migration ran or the functions
// changed, in one transaction under one advisory lock.
void CentralPostgres::migrate(PGconn* c) {
    const auto& steps = centralPgMigrations();
    const std::string built(centralPgFunctionsDigest());
    auto current = [&] {
        auto r = exec(c, "SELECT coalesce(max(version), 0) FROM oh_schema");
        return std::stoi(PQgetvalue(r.get(), 0, 0));
    };
    // Fast path without a lock: the schema and the functions are usually current.
    auto exists = exec(c, "SELECT to_regclass('oh_schema') IS NOT NULL");
    if (std::string(PQgetvalue(exists.get(), 0, 0)) == "t" &&
        current() == static_cast<int>(steps.size()) && recordedFunctionsDigest(c) == built)
        return;
    execScriptOn(c, "BEGIN");
    try {
        // Several daemons may start at once: one migrates, the others wait.
        exec(c, "SELECT pg_advisory_xact_lock(7433001)");
        execScriptOn(c, centralPgSchemaTable());
        int version = current();
        if (version > static_cast<int>(steps.size()))
            throw CentralError(false, "the central PostgreSQL schema (version " +
                                          std::to_string(version) +
                                          ") is newer than this Openhouse; upgrade it");
        for (int v = version + 1; v <= static_cast<int>(steps.size()); ++v) {
            execScriptOn(c, steps[static_cast<std::size_t>(v - 1)]);
            if (v == 1) {
                exec(c,
                     "INSERT INTO oh_meta (key, value) VALUES ('central_id', $1), "
                     "('owner', current_user)",
                     {Uuid::v7().str()});
            }
            exec(c, "INSERT INTO oh_schema (version) VALUES ($1::int)", {std::to_string(v)});
        }
        if (version < static_cast<int>(steps.size()) || recordedFunctionsDigest(c) != built) {
            execScriptOn(c, centralPgFunctionsScript());
            exec(c,
                 "INSERT INTO oh_meta (key, value) VALUES ('functions_sha256', $1) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 {built});
        }
        execScriptOn(c, "COMMIT");
    } catch (...) {
        PQclear(PQexec(c, "ROLLBACK"));
        throw;
    }
}

// One digest line per row: the prefix, then the row's columns separated by spaces.
void appendDigestLines(std::vector<std::string>& out, const char* prefix, const PGresult* rows) {
    for (int i = 0; i < PQntuples(rows); ++i) {
        std::string line = prefix;
        for (int col = 0; col < PQnfields(rows); ++col)
            line += std::string(" ") + PQgetvalue(rows, i, col);
        out.push_back(line);
    }
}

// A score's digest line is shared with the embedded central (formatScoreDigest).
Score digestScore(const PGresult* rows, int i) {
    Score s;
    s.id = PQgetvalue(rows, i, 0);
    s.judgeId = PQgetvalue(rows, i, 1);
    s.showcaseId = PQgetvalue(rows, i, 2);
    if (!PQgetisnull(rows, i, 3)) s.total = std::stod(PQgetvalue(rows, i, 3));
    s.encore = std::string(PQgetvalue(rows, i, 4)) == "t";
    s.hlc = PQgetvalue(rows, i, 5);
    s.deleted = std::string(PQgetvalue(rows, i, 6)) == "t";
    return s;
}

std::vector<std::string> CentralPostgres::digest(const std::string& eventId) {
    ensureConnected();
    PGconn* c = conn_.get();
    std::vector<std::string> out;
    auto checkins = exec(c,
                         "SELECT id::text, attendee_id::text, device_id::text, at, "
                         "coalesce(repeat_of::text, '-'), coalesce(annulled_at, 0) FROM checkins "
                         "WHERE event_id = $1::uuid ORDER BY id::text",
                         {eventId});
    appendDigestLines(out, "checkin", checkins.get());
    auto scores = exec(c,
                       "SELECT id::text, judge_id::text, showcase_id::text, total, encore, hlc, "
                       "deleted FROM scores WHERE event_id = $1::uuid "
                       "ORDER BY judge_id::text, showcase_id::text",
                       {eventId});
    for (int i = 0; i < PQntuples(scores.get()); ++i)
        out.push_back(formatScoreDigest(digestScore(scores.get(), i)));
    // The answers as the devices read them (formatFeedbackDigest): whole numbers only.
    auto feedback = exec(c,
                         "SELECT id::text, author_id::text, showcase_id::text, "
                         "coalesce(rating::text, '-'), created_at, coalesce((SELECT "
                         "string_agg(a.level::text, ',' ORDER BY a.n) FROM "
                         "jsonb_array_elements(f.answers) WITH ORDINALITY AS a(level, n) "
                         "WHERE a.level::text ~ '^-?[0-9]+$'), '-') FROM feedback f "
                         "WHERE event_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM tombstones t "
                         "WHERE t.entity = 'feedback' AND t.entity_id = f.id) "
                         "ORDER BY showcase_id::text, created_at, id::text",
                         {eventId});
    appendDigestLines(out, "feedback", feedback.get());
    auto attendees = exec(c,
                          // One line per person: a second record with the same e-mail is
                          // the same person (Store::mergeAttendee), the newest fields win.
                          "SELECT * FROM (SELECT DISTINCT ON (email) min(id::text) OVER "
                          "(PARTITION BY email), role, CASE WHEN blocked THEN 1 ELSE 0 END "
                          "FROM attendees WHERE event_id = $1::uuid "
                          "ORDER BY email, updated_at DESC, id DESC) x ORDER BY 1",
                          {eventId});
    appendDigestLines(out, "attendee", attendees.get());
    auto showcases = exec(c,
                          "SELECT id::text FROM showcases WHERE event_id = $1::uuid "
                          "ORDER BY slot_start, id::text",
                          {eventId});
    appendDigestLines(out, "showcase", showcases.get());
    return out;
}

std::optional<std::int64_t> optionalNumber(const PGresult* rows, int i, int column) {
    if (PQgetisnull(rows, i, column)) return std::nullopt;
    return std::stoll(PQgetvalue(rows, i, column));
}

std::vector<DeviceSummary> CentralPostgres::devices(const std::string& eventId) {
    ensureConnected();
    auto rows = exec(conn_.get(),
                     "SELECT d.id::text, d.name, d.registered_at, d.last_seen_at, d.revoked_at, "
                     "d.copy_seen_at, (SELECT count(*) FROM change_log l WHERE l.device_id = d.id) "
                     "FROM devices d WHERE d.event_id = $1::uuid ORDER BY d.name, d.id",
                     {eventId});
    std::vector<DeviceSummary> out;
    for (int i = 0; i < PQntuples(rows.get()); ++i)
        out.push_back({PQgetvalue(rows.get(), i, 0), PQgetvalue(rows.get(), i, 1),
                       std::stoll(PQgetvalue(rows.get(), i, 2)), optionalNumber(rows.get(), i, 3),
                       optionalNumber(rows.get(), i, 4), optionalNumber(rows.get(), i, 5),
                       std::stoll(PQgetvalue(rows.get(), i, 6))});
    return out;
}

}  // namespace

std::unique_ptr<CentralRecord> openCentralPostgres(const std::string& conninfo,
                                                   const CentralOptions& options) {
    return std::make_unique<CentralPostgres>(conninfo, options);
}

}  // namespace oh
