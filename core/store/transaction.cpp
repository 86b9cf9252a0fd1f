// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/transaction.h"

#include "logging.h"
#include "store/dialect.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    QSqlQuery begin(m_db);
    // SQLite takes the write lock up front, so a transaction never fails
    // half-way on a busy database; PostgreSQL locks rows as they are written.
    m_active = begin.exec(dialectOf(m_db) == Dialect::Sqlite ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    if (!m_active)
        m_error = Error::storage(u"cannot start a transaction: "_s + begin.lastError().text());
}

Transaction::~Transaction()
{
    if (!m_active)
        return;
    QSqlQuery rollback(m_db);
    if (!rollback.exec(u"ROLLBACK"_s))
        qCWarning(lcStore) << "rollback failed:" << rollback.lastError().text();
}

Result<void> Transaction::commit()
{
    if (!m_active)
        return m_error;
    QSqlQuery commit(m_db);
    if (!commit.exec(u"COMMIT"_s))
        return Error::storage(u"commit failed: "_s + commit.lastError().text());
    m_active = false;
    return {};
}

} // namespace Tessera::Sql
