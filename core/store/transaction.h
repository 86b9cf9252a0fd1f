// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace Tessera::Sql {

/// RAII write transaction: BEGIN (IMMEDIATE on SQLite) on construction, ROLLBACK on
/// destruction unless commit() succeeded. Immediate, so a writer takes the
/// lock up front instead of failing half-way with SQLITE_BUSY.
class Transaction
{
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();

    bool isActive() const { return m_active; }
    /// Why BEGIN failed, when isActive() is false.
    const Error &error() const { return m_error; }
    Result<void> commit();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    Error m_error;
};

} // namespace Tessera::Sql
