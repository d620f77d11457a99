// Small PostgreSQL helpers for tests and benchmarks (scratch databases, COPY),
// so that libpq stays inside core's .cpp files. Not for the product's data path:
// library oh_pgtools (core/CMakeLists.txt), linked by tests/integration and
// bench only, never by the programs. Errors are thrown as CentralError.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace oh::pgtools {

using Rows = std::vector<std::vector<std::string>>;

// Runs one statement with text parameters ($1, $2, ...); returns the rows as text
// (NULL as ""). Throws CentralError.
Rows query(const std::string& conninfo, const std::string& sql,
           const std::vector<std::string>& params = {});
// Runs trusted, parameter-free SQL (DDL, several statements).
void execScript(const std::string& conninfo, const std::string& sql);
// `conninfo` (URL or key=value form) pointing at database `dbname` instead.
std::string withDatabase(const std::string& conninfo, const std::string& dbname);
// Creates an empty database `dbname` (dropping one of that name) and returns its conninfo.
std::string createScratchDatabase(const std::string& conninfo, const std::string& dbname);
void dropDatabase(const std::string& conninfo, const std::string& dbname);
// COPY ... FROM STDIN with `data` in text format; returns the rows copied.
long long copyIn(const std::string& conninfo, const std::string& copySql, const std::string& data);

// One connection kept open: lets a test hold a transaction across calls.
class Session {
  public:
    explicit Session(const std::string& conninfo);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    Rows query(const std::string& sql, const std::vector<std::string>& params = {});

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace oh::pgtools
