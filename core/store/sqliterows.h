// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

#include <vector>

struct sqlite3_value;

namespace Tessera::Sql {

/// Rows read through one SQLite connection and written through another, as
/// SQLite's own values: nothing becomes a Qt value on the way. This lets one
/// thread work out a change-feed page's rows (parsing, checking, extracting
/// the columns) while another only inserts them into the cache.
class SqliteRows
{
    Q_DISABLE_COPY(SqliteRows)

public:
    SqliteRows() = default;
    SqliteRows(SqliteRows &&other) noexcept;
    SqliteRows &operator=(SqliteRows &&other) noexcept;
    ~SqliteRows();

    /// Every row `sql` selects on `db`, a SQLite connection of this thread.
    static Result<SqliteRows> select(const QSqlDatabase &db, const QString &sql);

    qsizetype count() const { return m_columns ? qsizetype(m_values.size()) / m_columns : 0; }
    int columns() const { return m_columns; }

    /// Runs `sql` on `db` once per row, with the row's values bound to
    /// ?1…?columns(). Stops at the first row that fails.
    Result<void> insertInto(const QSqlDatabase &db, const QString &sql) const;

private:
    void clear();

    int m_columns = 0;
    std::vector<sqlite3_value *> m_values; // row after row
};

} // namespace Tessera::Sql
