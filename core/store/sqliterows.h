// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <vector>

namespace Tessera::Sql {

/// Rows read through one SQLite connection and written through another, as
/// SQLite's own values: nothing becomes a Qt value on the way. This lets one
/// thread work out a change-feed page's rows (parsing, checking, extracting
/// the columns) while another only inserts them into the cache.
class SqliteRows
{
public:
    /// Every row `sql` selects on `db`, a SQLite connection of this thread.
    static Result<SqliteRows> select(const QSqlDatabase &db, const QString &sql);

    qsizetype count() const { return m_columns ? qsizetype(m_values.size()) / m_columns : 0; }
    int columns() const { return m_columns; }

    /// Runs `sql` on `db` once per row, with the row's values bound to
    /// ?1…?columns(). Stops at the first row that fails.
    Result<void> insertInto(const QSqlDatabase &db, const QString &sql) const;

private:
    // A value as SQLite typed it; text and blobs point into m_bytes.
    struct Value
    {
        int type = 0; // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL
        qint64 integer = 0; // the integer; for text and blobs, the offset in m_bytes
        double real = 0;
        int size = 0; // bytes of text or blob
    };
    int m_columns = 0;
    std::vector<Value> m_values; // row after row
    QByteArray m_bytes; // every text and blob, back to back: one allocation, not one each
};

} // namespace Tessera::Sql
