// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <vector>

namespace Tessera::Sql {

/// Rows read through one SQLite connection and written through another.
/// This lets one thread work out a change-feed page's rows (parsing,
/// checking, extracting the columns) while another only inserts them into
/// the cache.
///
/// Where Qt's SQLite driver uses the very library Tessera links (a system
/// SQLite, as Linux distributions and Homebrew build Qt), the values stay
/// SQLite's own: typed, their text in one buffer, bound without a copy.
/// Elsewhere (a driver with SQLite built in) they go through Qt's values,
/// which costs conversions but never hands one library's connection to the
/// other.
class SqliteRows
{
public:
    /// Every row `sql` selects on `db`, a SQLite connection of this thread.
    static Result<SqliteRows> select(const QSqlDatabase &db, const QString &sql);

    qsizetype count() const
    {
        const auto values = m_native ? qsizetype(m_values.size()) : m_variants.size();
        return m_columns ? values / m_columns : 0;
    }

    /// Test hook: rows go through Qt's values even where they need not.
    static void setNativeAllowed(bool allowed);

    /// Runs `sql` on `db` once per row, with the row's values bound to its
    /// parameters in order. Stops at the first row that fails.
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
    Result<void> insertVariants(const QSqlDatabase &db, const QString &sql) const;

    bool m_native = true;
    int m_columns = 0;
    std::vector<Value> m_values; // row after row
    QVariantList m_variants; // the same, as Qt's values
    QByteArray m_bytes; // every text and blob, back to back: one allocation, not one each
};

} // namespace Tessera::Sql
