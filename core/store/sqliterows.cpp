// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqliterows.h"

#include <QSqlDriver>
#include <QVariant>

#include <memory>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

namespace {

// The QSQLITE driver's own connection, the same library this file links.
sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

struct Finalize
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

Result<Statement> prepare(sqlite3 *db, const QString &sql)
{
    if (!db)
        return Error::storage(u"not a SQLite connection"_s);
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &statement, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(statement);
        return Error::storage(QString::fromUtf8(sqlite3_errmsg(db)) + u" — "_s + sql.left(120));
    }
    return Statement(statement);
}

Error failure(sqlite3 *db, const QString &sql)
{
    return Error::storage(QString::fromUtf8(sqlite3_errmsg(db)) + u" — "_s + sql.left(120));
}

} // namespace

SqliteRows::SqliteRows(SqliteRows &&other) noexcept
    : m_columns(std::exchange(other.m_columns, 0))
    , m_values(std::exchange(other.m_values, {}))
{ }

SqliteRows &SqliteRows::operator=(SqliteRows &&other) noexcept
{
    if (this != &other) {
        clear();
        m_columns = std::exchange(other.m_columns, 0);
        m_values = std::exchange(other.m_values, {});
    }
    return *this;
}

SqliteRows::~SqliteRows()
{
    clear();
}

void SqliteRows::clear()
{
    for (sqlite3_value *value : m_values)
        sqlite3_value_free(value);
    m_values.clear();
}

Result<SqliteRows> SqliteRows::select(const QSqlDatabase &db, const QString &sql)
{
    sqlite3 *handle = handleOf(db);
    auto statement = prepare(handle, sql);
    if (!statement)
        return statement.error();
    SqliteRows rows;
    rows.m_columns = sqlite3_column_count(statement->get());
    int step;
    while ((step = sqlite3_step(statement->get())) == SQLITE_ROW) {
        for (int column = 0; column < rows.m_columns; ++column) {
            sqlite3_value *value
                = sqlite3_value_dup(sqlite3_column_value(statement->get(), column));
            if (!value)
                return Error::storage(u"out of memory reading a row"_s);
            rows.m_values.push_back(value);
        }
    }
    if (step != SQLITE_DONE)
        return failure(handle, sql);
    return rows;
}

Result<void> SqliteRows::insertInto(const QSqlDatabase &db, const QString &sql) const
{
    if (m_values.empty())
        return {};
    sqlite3 *handle = handleOf(db);
    auto statement = prepare(handle, sql);
    if (!statement)
        return statement.error();
    sqlite3_stmt *insert = statement->get();
    if (sqlite3_bind_parameter_count(insert) != m_columns)
        return Error::storage(u"%1 values for %2 parameters — %3"_s.arg(m_columns)
                                  .arg(sqlite3_bind_parameter_count(insert))
                                  .arg(sql.left(120)));
    for (std::size_t row = 0; row < m_values.size(); row += std::size_t(m_columns)) {
        for (int column = 0; column < m_columns; ++column)
            sqlite3_bind_value(insert, column + 1, m_values[row + std::size_t(column)]);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            const Error error = failure(handle, sql);
            sqlite3_reset(insert);
            return error;
        }
        sqlite3_reset(insert);
    }
    return {};
}

} // namespace Tessera::Sql
