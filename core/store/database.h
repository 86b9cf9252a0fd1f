// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "result.h"
#include "store/dialect.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace Tessera::Sql {

/// A database shared by threads: one named connection per thread, prepared
/// statements kept per connection, and the entity rows of tables.h. A SQLite
/// file (WAL, foreign keys, synchronous=FULL) for the local cache and the
/// server's default backend, or a PostgreSQL database for a team server.
class Database
{
    Q_DISABLE_COPY_MOVE(Database)

public:
    /// `location`: a SQLite file path or a postgresql://user:password@host:port/database
    /// URL (query items become libpq connection options, e.g. ?sslmode=require).
    /// `name` tells its connections apart from other databases' in the process.
    Database(QString location, QString name);
    ~Database();

    QString path() const;
    Dialect dialect() const;
    /// This thread's connection, opened on first use.
    QSqlDatabase connection() const;
    /// A statement prepared once per connection and reused.
    QSqlQuery &prepared(const QString &sql) const;
    Result<void> exec(QSqlQuery &query) const;
    Result<void> exec(const QString &sql) const;
    static void bind(QSqlQuery &query, const QVariantList &values);

    /// An entity's canonical JSON; nullopt when absent, an error when the read failed.
    Result<std::optional<QJsonObject>> load(EntityKind kind, const QString &id) const;
    /// Writes an entity's row(s) from its canonical JSON.
    Result<void> upsert(EntityKind kind, const QJsonObject &canonical);
    Result<void> remove(EntityKind kind, const QString &id);

    /// Test hook: called before every statement; returning true fails it.
    void setFaultInjector(std::function<bool(const QString &sql)> injector);
    /// The error the fault injector makes `sql` fail with, if it does; for
    /// statements run without exec().
    std::optional<Error> injectedFault(const QString &sql) const;
    /// How SQLite files are set up; to be set before the first connection.
    struct SqliteTuning
    {
        int newFilePageSize = 0; // bytes, for a file this creates; existing files keep theirs
        bool autoCheckpoint = true; // false: the owner copies the log into the file itself
    };
    void setSqliteTuning(SqliteTuning tuning);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Sql
