// The RAII wrappers: a nested transaction is a savepoint, so an inner unit that
// fails or returns without committing undoes only its own part.
#include <gtest/gtest.h>

#include "core/db/sqlite.hpp"

using namespace oh;

namespace {

std::vector<std::int64_t> values(sql::Db& db) {
    auto s = db.prepare("SELECT x FROM t ORDER BY x");
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.int64(0));
    return out;
}

sql::Db tableDb() {
    sql::Db db = sql::Db::openMemory();
    db.exec("CREATE TABLE t (x INTEGER)");
    return db;
}

TEST(SqliteTransaction, AnInnerUnitLeftUncommittedUndoesOnlyItsOwnPart) {
    sql::Db db = tableDb();
    {
        sql::Transaction outer(db);
        db.exec("INSERT INTO t VALUES (1)");
        {
            sql::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (2)");
        }
        db.exec("INSERT INTO t VALUES (3)");
        outer.commit();
    }
    EXPECT_EQ(values(db), (std::vector<std::int64_t>{1, 3}));
    EXPECT_FALSE(db.inTransaction());
}

TEST(SqliteTransaction, AnInnerFailureIsUndoneAndTheOuterUnitGoesOn) {
    sql::Db db = tableDb();
    {
        sql::Transaction outer(db);
        db.exec("INSERT INTO t VALUES (1)");
        try {
            sql::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (2)");
            db.exec("INSERT INTO no_such_table VALUES (9)");
            inner.commit();
        } catch (const sql::Error&) {
        }
        outer.commit();
    }
    EXPECT_EQ(values(db), (std::vector<std::int64_t>{1}));
}

TEST(SqliteTransaction, ACommittedInnerUnitIsStillUndoneWithItsOuterOne) {
    sql::Db db = tableDb();
    {
        sql::Transaction outer(db);
        {
            sql::Transaction inner(db);
            db.exec("INSERT INTO t VALUES (2)");
            inner.commit();
        }
        EXPECT_TRUE(db.inTransaction());
    }
    EXPECT_TRUE(values(db).empty());
    {
        sql::Transaction outer(db);
        sql::Transaction inner(db);
        db.exec("INSERT INTO t VALUES (4)");
        inner.commit();
        outer.commit();
    }
    EXPECT_EQ(values(db), (std::vector<std::int64_t>{4}));
}

}  // namespace
