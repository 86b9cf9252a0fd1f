// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/database.h"

#include "logging.h"
#include "store/tables.h"

#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

namespace {

// A thread's own number for the life of the process. Its QThread's address
// will not do: a thread started where a finished one lived (a pool's, after
// it expired) would be handed the dead thread's connection, which Qt refuses.
quint64 threadKey()
{
    static std::atomic<quint64> next = 0;
    thread_local const quint64 key = ++next;
    return key;
}

} // namespace

struct Database::Private
{
    QString path;
    Dialect dialect = Dialect::Sqlite;
    QString connectionPrefix;
    SqliteTuning tuning;

    QSqlDatabase open(const QString &name) const;
    std::function<bool(const QString &)> faultInjector;
    mutable QMutex connectionsMutex;
    mutable QStringList connectionNames;
    mutable QMutex statementsMutex;
    mutable QHash<QString, std::shared_ptr<QSqlQuery>> statements;
};

Database::Database(QString location, QString name)
    : d(std::make_unique<Private>())
{
    d->path = std::move(location);
    d->dialect = isPostgresUrl(d->path) ? Dialect::Postgres : Dialect::Sqlite;
    d->connectionPrefix = u"tessera.%1.%2."_s.arg(name).arg(quintptr(this), 0, 16);
}

Database::~Database()
{
    {
        QMutexLocker lock(&d->statementsMutex);
        d->statements.clear();
    }
    // Connections of other threads are closed by Qt when it drops them; a
    // connection may only be used from its own thread.
    const QString mine = d->connectionPrefix + QString::number(threadKey(), 16);
    QMutexLocker lock(&d->connectionsMutex);
    for (const QString &name : std::as_const(d->connectionNames)) {
        if (name == mine) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::path() const
{
    return d->path;
}

Dialect Database::dialect() const
{
    return d->dialect;
}

void Database::setFaultInjector(std::function<bool(const QString &)> injector)
{
    d->faultInjector = std::move(injector);
}

QSqlDatabase Database::connection() const
{
    const QString name = d->connectionPrefix + QString::number(threadKey(), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = d->open(name);
    if (!db.isOpen())
        return db;
    QMutexLocker lock(&d->connectionsMutex);
    d->connectionNames.append(name);
    return db;
}

QSqlDatabase Database::Private::open(const QString &name) const
{
    QStringList setup;
    QSqlDatabase db;
    if (dialect == Dialect::Postgres) {
        const QUrl url(path);
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(url.host().isEmpty() ? u"localhost"_s : url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        QStringList options { u"connect_timeout=10"_s };
        for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
            options.append(key + u'=' + value);
        db.setConnectOptions(options.join(u';'));
        // Times are stored as UTC milliseconds; notices about IF NOT EXISTS are noise.
        setup = { u"SET TIME ZONE 'UTC'"_s, u"SET client_min_messages TO warning"_s };
    } else {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        setup = { u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s,
            u"PRAGMA foreign_keys = ON"_s, u"PRAGMA busy_timeout = 10000"_s,
            u"PRAGMA temp_store = MEMORY"_s, u"PRAGMA cache_size = -65536"_s };
        // Before WAL: a file in WAL mode keeps the page size it has.
        if (tuning.newFilePageSize > 0)
            setup.prepend(u"PRAGMA page_size = %1"_s.arg(tuning.newFilePageSize));
        // The log is truncated when it starts over, whoever copies it.
        setup.append(u"PRAGMA journal_size_limit = 67108864"_s);
        if (!tuning.autoCheckpoint)
            setup.append(u"PRAGMA wal_autocheckpoint = 0"_s);
    }
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << redactedLocation(path) << db.lastError().text();
        return db;
    }
    QSqlQuery query(db);
    for (const QString &sql : std::as_const(setup)) {
        if (!query.exec(sql))
            qCWarning(lcStore) << sql << "failed:" << query.lastError().text();
    }
    return db;
}

QSqlQuery &Database::prepared(const QString &sql) const
{
    QSqlDatabase db = connection();
    const QString key = db.connectionName() + u'\n' + sql;
    QMutexLocker lock(&d->statementsMutex);
    auto &slot = d->statements[key];
    if (!slot) {
        slot = std::make_shared<QSqlQuery>(db);
        // Results are read front to back; a cached result would copy every row.
        slot->setForwardOnly(true);
        if (!slot->prepare(sql))
            qCWarning(lcStore) << "prepare failed:" << slot->lastError().text() << sql;
    }
    return *slot;
}

void Database::setSqliteTuning(SqliteTuning tuning)
{
    d->tuning = tuning;
}

std::optional<Error> Database::injectedFault(const QString &sql) const
{
    if (d->faultInjector && d->faultInjector(sql))
        return Error::storage(u"injected fault: "_s + sql.left(80));
    return std::nullopt;
}

Result<void> Database::exec(QSqlQuery &query) const
{
    if (auto fault = injectedFault(query.lastQuery()))
        return *fault;
    if (!query.exec())
        return Error::storage(query.lastError().text() + u" — "_s + query.lastQuery().left(120));
    return {};
}

Result<void> Database::exec(const QString &sql) const
{
    return exec(prepared(sql));
}

void Database::bind(QSqlQuery &query, const QVariantList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
}

Result<std::optional<QJsonObject>> Database::load(EntityKind kind, const QString &id) const
{
    QSqlQuery &query
        = prepared(u"SELECT data FROM %1 WHERE id = ?"_s.arg(tableFor(kind).dataTable()));
    bind(query, { id });
    if (auto done = exec(query); !done)
        return done.error();
    if (!query.next())
        return std::optional<QJsonObject>();
    QJsonObject json = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    query.finish();
    return std::optional<QJsonObject>(std::move(json));
}

namespace {

struct UpsertSql
{
    QString row; // the entity's table
    QString document; // its document table, when it has one
};

QString upsertSql(const QString &tableName, const QStringList &names, const QStringList &values)
{
    QStringList updates;
    for (const QString &name : names.mid(1))
        updates.append(name + u" = excluded."_s + name);
    return u"INSERT INTO %1(%2) VALUES (%3) ON CONFLICT(id) DO UPDATE SET %4"_s.arg(
        tableName, names.join(u", "), values.join(u", "), updates.join(u", "));
}

const UpsertSql &upsertSqlFor(EntityKind kind)
{
    static const QHash<EntityKind, UpsertSql> statements = [] {
        QHash<EntityKind, UpsertSql> result;
        for (EntityKind kind : allEntityKinds()) {
            const TableDef &table = tableFor(kind);
            QStringList names { u"id"_s, u"version"_s };
            QStringList values { u"?"_s, u"?"_s };
            if (table.documentTable.isEmpty()) {
                names.append(u"data"_s);
                values.append(u"?"_s);
            }
            for (const Column &column : table.columns) {
                names.append(column.name);
                values.append(u"?"_s);
            }
            if (kind == EntityKind::Ticket) {
                names.append(u"status_category"_s);
                values.append(u"(SELECT category FROM statuses WHERE id = ?)"_s);
            }
            UpsertSql sql { upsertSql(table.table, names, values), {} };
            if (!table.documentTable.isEmpty()) {
                QStringList docNames { u"id"_s, u"data"_s };
                QStringList docValues { u"?"_s, u"?"_s };
                for (const Column &column : table.documentColumns) {
                    docNames.append(column.name);
                    docValues.append(u"?"_s);
                }
                sql.document = upsertSql(table.documentTable, docNames, docValues);
            }
            result.insert(kind, sql);
        }
        return result;
    }();
    return *statements.constFind(kind);
}

} // namespace

Result<void> Database::upsert(EntityKind kind, const QJsonObject &canonical)
{
    const TableDef &table = tableFor(kind);
    const bool separateDocument = !table.documentTable.isEmpty();
    const QString id = canonical.value(u"id"_s).toString();
    const QString data = QString::fromUtf8(QJsonDocument(canonical).toJson(QJsonDocument::Compact));

    // One cached statement per table: the SQL only depends on the table,
    // so it is built once per kind rather than for every row.
    const UpsertSql &sql = upsertSqlFor(kind);
    QVariantList values { id, canonical.value(u"version"_s).toInteger() };
    values.reserve(table.columns.size() + 4);
    if (!separateDocument)
        values.append(data);
    for (const Column &column : table.columns)
        values.append(columnValue(column, canonical));
    if (kind == EntityKind::Ticket)
        values.append(canonical.value(u"status_id"_s).toString());
    QSqlQuery &query = prepared(sql.row);
    bind(query, values);
    if (auto done = exec(query); !done)
        return done;

    if (separateDocument) {
        QVariantList docValues { id, data };
        for (const Column &column : table.documentColumns)
            docValues.append(columnValue(column, canonical));
        QSqlQuery &document = prepared(sql.document);
        bind(document, docValues);
        if (auto done = exec(document); !done)
            return done;
    }

    if (kind == EntityKind::Status) {
        // Keep the copy on ticket rows current (schema step 3).
        QSqlQuery &follow = prepared(u"UPDATE tickets SET status_category = ? WHERE status_id = ?"
                                     u" AND status_category IS DISTINCT FROM ?"_s);
        const QString category = canonical.value(u"category"_s).toString();
        bind(follow, { category, id, category });
        return exec(follow);
    }
    return {};
}

Result<void> Database::remove(EntityKind kind, const QString &id)
{
    QSqlQuery &query = prepared(u"DELETE FROM %1 WHERE id = ?"_s.arg(tableFor(kind).table));
    bind(query, { id });
    return exec(query);
}

} // namespace Tessera::Sql
