// sql::Query: a statement handed out by Stmt::query is reset when the Query's
// scope ends, also when an exception leaves it in the middle of its rows.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/db/sqlite.hpp"

using namespace oh;

namespace {

sql::Db threeRows() {
    sql::Db db = sql::Db::openMemory();
    db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)");
    return db;
}

bool active(const sql::Stmt& s) {
    return sqlite3_stmt_busy(s.raw()) != 0;
}

// Reads one row, then fails as a row reader or a write in the loop might.
void readOneRowThenThrow(sql::Stmt& s) {
    auto q = s.query();
    ASSERT_TRUE(q.step());
    EXPECT_TRUE(active(s));
    throw std::runtime_error("failed mid-iteration");
}

TEST(SqlQuery, BindsItsArgumentsAndReadsTheRows) {
    sql::Db db = threeRows();
    auto s = db.prepare("SELECT x, 'row ' || x FROM t WHERE x >= ? ORDER BY x");
    auto q = s.query(2);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 2);
    EXPECT_EQ(q.text(1), "row 2");
    EXPECT_EQ(q.row().int64(0), 2);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 3);
    EXPECT_FALSE(q.step());
}

TEST(SqlQuery, TheStatementIsResetWhenTheScopeEnds) {
    sql::Db db = threeRows();
    auto s = db.prepare("SELECT x FROM t WHERE x >= ? ORDER BY x");
    {
        auto q = s.query(1);
        ASSERT_TRUE(q.step());
        EXPECT_TRUE(active(s));
    }
    EXPECT_FALSE(active(s));
    // The parameters went with it: unbound, `x >= NULL` matches nothing.
    EXPECT_FALSE(s.step());
}

TEST(SqlQuery, AnExceptionMidIterationStillResetsTheStatement) {
    sql::Db db = threeRows();
    auto s = db.prepare("SELECT x FROM t ORDER BY x");
    EXPECT_THROW(readOneRowThenThrow(s), std::runtime_error);
    EXPECT_FALSE(active(s));
    // A second use starts from the first row, not where the failed one stopped.
    auto again = s.query();
    ASSERT_TRUE(again.step());
    EXPECT_EQ(again.int64(0), 1);
}

TEST(SqlQuery, TheEnclosingTransactionCommitsAfterAnExceptionMidIteration) {
    sql::Db db = threeRows();
    // A writing statement left active would fail the COMMIT ("SQL statements
    // in progress"), and with it the whole unit of work.
    auto s = db.prepare("INSERT INTO t VALUES (5), (6) RETURNING x");
    {
        sql::Transaction tx(db);
        EXPECT_THROW(readOneRowThenThrow(s), std::runtime_error);
        EXPECT_NO_THROW(tx.commit());
    }
    EXPECT_FALSE(db.inTransaction());
    auto count = db.prepare("SELECT count(*) FROM t");
    auto q = count.query();
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 5);
}

TEST(SqlQuery, TheTableCanBeDroppedAfterAnExceptionMidIteration) {
    sql::Db db = threeRows();
    auto s = db.prepare("SELECT x FROM t ORDER BY x");
    {
        sql::Transaction tx(db);
        db.exec("INSERT INTO t VALUES (4)");
        EXPECT_THROW(readOneRowThenThrow(s), std::runtime_error);
        // An active reader on the table would make this fail ("table is locked").
        db.exec("DROP TABLE t");
        db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (7)");
        tx.commit();
    }
    EXPECT_FALSE(db.inTransaction());
    auto count = db.prepare("SELECT count(*), max(x) FROM t");
    auto q = count.query();
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 1);
    EXPECT_EQ(q.int64(1), 7);
}

TEST(SqlQuery, AStatementLeftActiveByHandIsWhatTheQueryPrevents) {
    // The failure the Query guards against, shown with a bare Stmt: stepped
    // once and never reset, it stays active and the next step goes on from
    // the second row.
    sql::Db db = threeRows();
    auto s = db.prepare("SELECT x FROM t ORDER BY x");
    ASSERT_TRUE(s.step());
    EXPECT_TRUE(active(s));
    EXPECT_THROW(db.exec("DROP TABLE t"), sql::Error);
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.int64(0), 2);
    s.reset();
}

}  // namespace
