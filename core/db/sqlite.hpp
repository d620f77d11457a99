// Thin RAII wrappers over the SQLite C API: a connection, a prepared statement
// (prepared once, reset after each use: Stmt::query hands out a Query that
// resets it when it goes out of scope) and a transaction guard.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oh::sql {

class Query;

class Error : public std::runtime_error {
  public:
    Error(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    // SQLITE_FULL / SQLITE_IOERR: the disk, not the data, is the problem.
    bool isDiskProblem() const {
        int primary = code_ & 0xff;
        return primary == SQLITE_FULL || primary == SQLITE_IOERR;
    }
    bool isConstraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

  private:
    int code_;
};

class Stmt {
  public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql);
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
    Stmt& operator=(Stmt&& other) noexcept;
    ~Stmt();

    // Binds parameters 1..N in order; resets the statement first.
    template <typename... Args>
    Stmt& bindAll(const Args&... args) {
        reset();
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }
    void bind(int index, std::int64_t value);
    void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
    void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    void bind(int index, double value);
    void bind(int index, std::string_view value);
    void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
    void bind(int index, const char* value) { bind(index, std::string_view(value)); }
    void bind(int index, std::nullptr_t);
    void bindBlob(int index, const void* data, std::size_t size);
    template <typename T>
    void bind(int index, const std::optional<T>& value) {
        if (value) {
            bind(index, *value);
        } else {
            bind(index, nullptr);
        }
    }

    // Binds the arguments and returns the statement in use; it is reset when
    // the Query goes out of scope, however the scope is left. Prefer it to
    // step() + reset() by hand whenever rows are read.
    template <typename... Args>
    Query query(const Args&... args);

    // Returns true while a row is available.
    bool step();
    // Runs a statement that returns no rows (or ignores them).
    void run();
    // Ends the statement's current run (it no longer holds a read snapshot or
    // blocks a COMMIT) and clears its parameters.
    void reset() noexcept;

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optText(int column) const;
    std::optional<std::int64_t> optInt64(int column) const;
    std::vector<unsigned char> blob(int column) const;

    sqlite3_stmt* raw() const { return stmt_; }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

// A prepared statement in use, from Stmt::query: steps and reads columns, and
// resets the statement when it goes out of scope. An exception thrown between
// two steps (a row reader, a failed write in the loop) would otherwise leave
// the statement active: it would keep its snapshot, could make the enclosing
// COMMIT fail, and its next use would go on from the middle.
class Query {
  public:
    explicit Query(Stmt& stmt) noexcept : stmt_(stmt) {}
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    ~Query() { stmt_.reset(); }

    // Returns true while a row is available.
    bool step() { return stmt_.step(); }

    bool isNull(int column) const { return stmt_.isNull(column); }
    std::int64_t int64(int column) const { return stmt_.int64(column); }
    double real(int column) const { return stmt_.real(column); }
    std::string text(int column) const { return stmt_.text(column); }
    std::optional<std::string> optText(int column) const { return stmt_.optText(column); }
    std::optional<std::int64_t> optInt64(int column) const { return stmt_.optInt64(column); }
    std::vector<unsigned char> blob(int column) const { return stmt_.blob(column); }

    // The current row, for row readers that take a statement (readAttendee(const Stmt&)).
    const Stmt& row() const { return stmt_; }

  private:
    Stmt& stmt_;
};

template <typename... Args>
Query Stmt::query(const Args&... args) {
    bindAll(args...);
    return Query(*this);
}

class Db {
  public:
    Db() = default;
    // Opens (creating if asked) the database; files are created with mode 0600.
    static Db open(const std::string& path, bool create = true);
    static Db openMemory();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    Db(Db&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
    Db& operator=(Db&& other) noexcept;
    ~Db();

    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) const { return Stmt(db_, sql); }
    std::int64_t lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    // PRAGMA user_version: our schema version.
    int userVersion();
    void setUserVersion(int version);
    // Changes whenever anything was written to the database, by this connection or another
    // (PRAGMA data_version with this connection's total changes): a screen's cached figures
    // are rebuilt only when it moves.
    std::int64_t changeStamp();
    bool inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
    sqlite3* raw() const { return db_; }

  private:
    explicit Db(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() was called.
// Nested use is allowed: an inner guard on a connection already in a
// transaction is a SAVEPOINT, so an inner unit that fails (or returns without
// committing) undoes only its own part, and the outer one decides the rest.
class Transaction {
  public:
    explicit Transaction(Db& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Db& db_;
    bool owner_ = false;
    bool done_ = false;
};

[[noreturn]] void throwError(sqlite3* db, int code, std::string_view context);

}  // namespace oh::sql
