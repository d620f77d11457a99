// Test and benchmark helpers over libpq (pgtools.hpp). Errors are reported as
// the adapter reports them: CentralError with the server's first line.
#include "core/central/pgtools/pgtools.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

#include "core/central/central.hpp"

namespace oh {

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

std::string primaryMessage(const PGresult* r, PGconn* c) {
    const char* m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string text = m ? m : (c ? PQerrorMessage(c) : "no connection");
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// Away or busy: connection errors, shutdowns, resource limits, retryable conflicts.
bool isTransient(const std::string& state, PGconn* c) {
    if (!c || PQstatus(c) != CONNECTION_OK) return true;
    if (state.empty()) return true;
    return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state.rfind("53", 0) == 0 ||
           state == "40001" || state == "40P01";
}

Conn connect(const std::string& conninfo, int timeoutSeconds) {
    // The caller's string goes last and is expanded: whatever it says overrides ours.
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
    const char* values[] = {timeout.c_str(), "openhouse-pgtools", "1",    "10", "3", "3",
                            "30000",         conninfo.c_str(),    nullptr};
    Conn c(PQconnectdbParams(keys, values, 1));
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        std::string message = c ? PQerrorMessage(c.get()) : "out of memory";
        while (!message.empty() && message.back() == '\n') message.pop_back();
        for (auto& ch : message)
            if (ch == '\n' || ch == '\t') ch = ' ';
        throw CentralError(true, "cannot connect to the central PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    return c;
}

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

void execScriptOn(PGconn* c, const std::string& sqlText) {
    Result r(PQexec(c, sqlText.c_str()));
    auto status = PQresultStatus(r.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        throw CentralError(isTransient(sqlState(r.get()), c),
                           "central PostgreSQL: " + primaryMessage(r.get(), c));
}

}  // namespace

namespace pgtools {

Rows query(const std::string& conninfo, const std::string& sqlText,
           const std::vector<std::string>& params) {
    Conn c = connect(conninfo, 5);
    auto r = exec(c.get(), sqlText, params);
    Rows rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        std::vector<std::string> row;
        for (int col = 0; col < PQnfields(r.get()); ++col)
            row.emplace_back(PQgetvalue(r.get(), i, col));
        rows.push_back(std::move(row));
    }
    return rows;
}

void execScript(const std::string& conninfo, const std::string& sqlText) {
    Conn c = connect(conninfo, 5);
    execScriptOn(c.get(), sqlText);
}

std::string withDatabase(const std::string& conninfo, const std::string& dbname) {
    auto scheme = conninfo.find("://");
    if (scheme == std::string::npos) return conninfo + " dbname=" + dbname;
    auto query = conninfo.find('?', scheme);
    auto slash = conninfo.find('/', scheme + 3);
    std::string head = conninfo.substr(0, std::min(slash, query));
    std::string tail = query == std::string::npos ? "" : conninfo.substr(query);
    return head + "/" + dbname + tail;
}

std::string createScratchDatabase(const std::string& conninfo, const std::string& dbname) {
    Conn c = connect(conninfo, 5);
    // Identifiers cannot be parameters: quote it with libpq's own escaping.
    std::unique_ptr<char, decltype(&PQfreemem)> ident(
        PQescapeIdentifier(c.get(), dbname.c_str(), dbname.size()), &PQfreemem);
    exec(c.get(), std::string("DROP DATABASE IF EXISTS ") + ident.get() + " WITH (FORCE)");
    exec(c.get(), std::string("CREATE DATABASE ") + ident.get());
    return withDatabase(conninfo, dbname);
}

void dropDatabase(const std::string& conninfo, const std::string& dbname) {
    Conn c = connect(conninfo, 5);
    std::unique_ptr<char, decltype(&PQfreemem)> ident(
        PQescapeIdentifier(c.get(), dbname.c_str(), dbname.size()), &PQfreemem);
    exec(c.get(), std::string("DROP DATABASE IF EXISTS ") + ident.get() + " WITH (FORCE)");
}

long long copyIn(const std::string& conninfo, const std::string& copySql, const std::string& data) {
    Conn c = connect(conninfo, 5);
    Result start(PQexec(c.get(), copySql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN)
        throw CentralError(false, "COPY did not start: " + primaryMessage(start.get(), c.get()));
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t off = 0; off < data.size(); off += kChunk) {
        auto n = static_cast<int>(std::min(kChunk, data.size() - off));
        if (PQputCopyData(c.get(), data.data() + off, n) != 1)
            throw CentralError(true, "COPY failed: " + primaryMessage(nullptr, c.get()));
    }
    if (PQputCopyEnd(c.get(), nullptr) != 1)
        throw CentralError(true, "COPY failed: " + primaryMessage(nullptr, c.get()));
    Result end(PQgetResult(c.get()));
    if (PQresultStatus(end.get()) != PGRES_COMMAND_OK)
        throw CentralError(false, "COPY failed: " + primaryMessage(end.get(), c.get()));
    const char* tuples = PQcmdTuples(end.get());
    while (Result(PQgetResult(c.get()))) {
    }
    return tuples && *tuples ? std::stoll(tuples) : 0;
}

struct Session::Impl {
    Conn conn;
};

Session::Session(const std::string& conninfo) : impl_(std::make_unique<Impl>()) {
    impl_->conn = connect(conninfo, 5);
}
Session::~Session() = default;

Rows Session::query(const std::string& sqlText, const std::vector<std::string>& params) {
    auto r = exec(impl_->conn.get(), sqlText, params);
    Rows rows;
    for (int i = 0; i < PQntuples(r.get()); ++i) {
        std::vector<std::string> row;
        for (int col = 0; col < PQnfields(r.get()); ++col)
            row.emplace_back(PQgetvalue(r.get(), i, col));
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace pgtools

}  // namespace oh
