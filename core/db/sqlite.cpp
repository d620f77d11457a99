#include "core/db/sqlite.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oh::sql {

void throwError(sqlite3* db, int code, std::string_view context) {
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw Error(db ? sqlite3_extended_errcode(db) : code, message);
}

Stmt::Stmt(sqlite3* db, std::string_view sql) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) throwError(db, rc, "prepare");
}

Stmt& Stmt::operator=(Stmt&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Stmt::~Stmt() {
    sqlite3_finalize(stmt_);
}

static void check(sqlite3_stmt* stmt, int rc, const char* what) {
    if (rc != SQLITE_OK) throwError(sqlite3_db_handle(stmt), rc, what);
}

void Stmt::bind(int index, std::int64_t value) {
    check(stmt_, sqlite3_bind_int64(stmt_, index, value), "bind");
}
void Stmt::bind(int index, double value) {
    check(stmt_, sqlite3_bind_double(stmt_, index, value), "bind");
}
void Stmt::bind(int index, std::string_view value) {
    check(stmt_,
          sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "bind");
}
void Stmt::bind(int index, std::nullptr_t) {
    check(stmt_, sqlite3_bind_null(stmt_, index), "bind");
}
void Stmt::bindBlob(int index, const void* data, std::size_t size) {
    check(stmt_, sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT), "bind");
}

bool Stmt::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    int extended = sqlite3_extended_errcode(db);
    std::string message = std::string("step: ") + sqlite3_errmsg(db);
    sqlite3_reset(stmt_);
    throw Error(extended, message);
}

void Stmt::run() {
    while (step()) {
    }
    reset();
}

void Stmt::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Stmt::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::int64_t Stmt::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}
double Stmt::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}
std::string Stmt::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string();
}
std::optional<std::string> Stmt::optText(int column) const {
    if (isNull(column)) return std::nullopt;
    return text(column);
}
std::optional<std::int64_t> Stmt::optInt64(int column) const {
    if (isNull(column)) return std::nullopt;
    return int64(column);
}
std::vector<unsigned char> Stmt::blob(int column) const {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

Db Db::open(const std::string& path, bool create) {
    if (create) {
        // Create the file ourselves so that it is 0600 from the first byte:
        // SQLite would create it with the umask's mode.
        int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) throw Error(SQLITE_CANTOPEN, "cannot open or create " + path);
        ::fchmod(fd, 0600);
        ::close(fd);
    }
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message =
            "cannot open database " + path + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        throw Error(rc, message);
    }
    sqlite3_extended_result_codes(db, 1);
    return Db(db);
}

Db Db::openMemory() {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        throw Error(rc, "cannot open in-memory database");
    }
    sqlite3_extended_result_codes(db, 1);
    return Db(db);
}

Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Db::~Db() {
    sqlite3_close_v2(db_);
}

void Db::exec(std::string_view sql) {
    std::string copy(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string message = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw Error(sqlite3_extended_errcode(db_), "exec: " + message);
    }
}

int Db::userVersion() {
    Stmt s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.int64(0));
}

std::int64_t Db::changeStamp() {
    Stmt s(db_, "PRAGMA data_version");
    s.step();
    // data_version moves on others' commits only; total_changes counts this connection's.
    return (s.int64(0) << 32) ^ static_cast<std::int64_t>(sqlite3_total_changes(db_));
}

void Db::setUserVersion(int version) {
    // PRAGMA takes no parameters; the value is an int we produced, not input.
    exec("PRAGMA user_version = " + std::to_string(version));
}

Transaction::Transaction(Db& db) : db_(db) {
    if (!db_.inTransaction()) {
        db_.exec("BEGIN IMMEDIATE");
        owner_ = true;
    } else {
        db_.exec("SAVEPOINT oh_nested");  // LIFO: the innermost of this name is the one released
    }
}

Transaction::~Transaction() {
    if (done_ || !db_.inTransaction()) return;
    if (owner_) {
        sqlite3_exec(db_.raw(), "ROLLBACK", nullptr, nullptr, nullptr);
    } else {
        sqlite3_exec(db_.raw(), "ROLLBACK TO oh_nested; RELEASE oh_nested", nullptr, nullptr,
                     nullptr);
    }
}

void Transaction::commit() {
    if (done_) return;
    db_.exec(owner_ ? "COMMIT" : "RELEASE oh_nested");
    done_ = true;
}

}  // namespace oh::sql
