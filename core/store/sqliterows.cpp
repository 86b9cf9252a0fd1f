// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqliterows.h"

#include "logging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <atomic>
#include <memory>
#include <sqlite3.h>
#ifdef Q_OS_UNIX
#include <dlfcn.h>
#endif

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

Error failure(const QString &why, const QString &sql)
{
    return Error::storage(why + u" — "_s + sql.left(120));
}

Error failure(sqlite3 *db, const QString &sql)
{
    return failure(QString::fromUtf8(sqlite3_errmsg(db)), sql);
}

Error failure(const QSqlQuery &query, const QString &sql)
{
    return failure(query.lastError().text(), sql);
}

Result<Statement> prepare(sqlite3 *db, const QString &sql)
{
    if (!db)
        return Error::storage(u"not a SQLite connection"_s);
    const QByteArray text = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &statement, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(statement);
        return failure(db, sql);
    }
    return Statement(statement);
}

std::atomic<bool> nativeAllowed = true;

// Whether `db`'s driver, the QSQLITE plugin, calls the SQLite this file
// links: the plugin's own sqlite3_libversion is ours. A copy built into the
// plugin is another library, whose connections this one must never touch.
bool sharesOurLibrary(const QSqlDatabase &db)
{
#ifdef Q_OS_UNIX
    const QSqlDriver *driver = db.driver();
    Dl_info info {};
    if (!driver || !dladdr(static_cast<const void *>(driver->metaObject()), &info)
        || !info.dli_fname)
        return false;
    void *plugin = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
    if (!plugin)
        return false;
    const void *theirs = dlsym(plugin, "sqlite3_libversion");
    dlclose(plugin);
    return theirs && theirs == reinterpret_cast<const void *>(&sqlite3_libversion);
#else
    Q_UNUSED(db)
    return false;
#endif
}

// Every QSQLITE connection has the same plugin: asked once.
bool nativeFor(const QSqlDatabase &db)
{
    static const bool shared = [&db] {
        const bool same = sharesOurLibrary(db);
        if (!same)
            qCInfo(lcStore) << "Qt's SQLite driver has a SQLite of its own:"
                            << "change-feed rows cross threads as Qt values";
        return same;
    }();
    return shared && nativeAllowed.load();
}

} // namespace

void SqliteRows::setNativeAllowed(bool allowed)
{
    nativeAllowed = allowed;
}

Result<SqliteRows> SqliteRows::select(const QSqlDatabase &db, const QString &sql)
{
    if (!nativeFor(db)) {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(sql))
            return failure(query, sql);
        SqliteRows rows;
        rows.m_native = false;
        rows.m_columns = query.record().count();
        while (query.next()) {
            for (int column = 0; column < rows.m_columns; ++column)
                rows.m_variants.append(query.value(column));
        }
        if (query.lastError().isValid())
            return failure(query, sql);
        return rows;
    }
    sqlite3 *handle = handleOf(db);
    auto statement = prepare(handle, sql);
    if (!statement)
        return statement.error();
    SqliteRows rows;
    rows.m_columns = sqlite3_column_count(statement->get());
    sqlite3_stmt *select = statement->get();
    int step;
    while ((step = sqlite3_step(select)) == SQLITE_ROW) {
        for (int column = 0; column < rows.m_columns; ++column) {
            Value value;
            value.type = sqlite3_column_type(select, column);
            switch (value.type) {
            case SQLITE_INTEGER:
                value.integer = sqlite3_column_int64(select, column);
                break;
            case SQLITE_FLOAT:
                value.real = sqlite3_column_double(select, column);
                break;
            case SQLITE_TEXT:
            case SQLITE_BLOB: {
                const void *bytes = value.type == SQLITE_TEXT
                    ? static_cast<const void *>(sqlite3_column_text(select, column))
                    : sqlite3_column_blob(select, column);
                value.size = sqlite3_column_bytes(select, column);
                if (!bytes && value.size > 0)
                    return Error::storage(u"out of memory reading a row"_s);
                value.integer = rows.m_bytes.size();
                rows.m_bytes.append(static_cast<const char *>(bytes), value.size);
                break;
            }
            default:
                value.type = SQLITE_NULL;
            }
            rows.m_values.push_back(value);
        }
    }
    if (step != SQLITE_DONE)
        return failure(handle, sql);
    return rows;
}

Result<void> SqliteRows::insertVariants(const QSqlDatabase &db, const QString &sql) const
{
    QSqlQuery insert(db);
    if (!insert.prepare(sql))
        return failure(insert, sql);
    for (qsizetype row = 0; row < m_variants.size(); row += m_columns) {
        for (int column = 0; column < m_columns; ++column)
            insert.bindValue(column, m_variants.at(row + column));
        if (!insert.exec())
            return failure(insert, sql);
    }
    return {};
}

Result<void> SqliteRows::insertInto(const QSqlDatabase &db, const QString &sql) const
{
    if (count() == 0)
        return {};
    if (!m_native)
        return insertVariants(db, sql);
    sqlite3 *handle = handleOf(db);
    auto statement = prepare(handle, sql);
    if (!statement)
        return statement.error();
    sqlite3_stmt *insert = statement->get();
    if (sqlite3_bind_parameter_count(insert) != m_columns)
        return failure(u"%1 values for %2 parameters"_s.arg(m_columns).arg(
                           sqlite3_bind_parameter_count(insert)),
            sql);
    // The bytes stay put while the statement runs: bound without a copy.
    const char *bytes = m_bytes.constData();
    for (std::size_t row = 0; row < m_values.size(); row += std::size_t(m_columns)) {
        for (int column = 0; column < m_columns; ++column) {
            const Value &value = m_values[row + std::size_t(column)];
            switch (value.type) {
            case SQLITE_INTEGER:
                sqlite3_bind_int64(insert, column + 1, value.integer);
                break;
            case SQLITE_FLOAT:
                sqlite3_bind_double(insert, column + 1, value.real);
                break;
            case SQLITE_TEXT:
                sqlite3_bind_text(
                    insert, column + 1, bytes + value.integer, value.size, SQLITE_STATIC);
                break;
            case SQLITE_BLOB:
                sqlite3_bind_blob(
                    insert, column + 1, bytes + value.integer, value.size, SQLITE_STATIC);
                break;
            default:
                sqlite3_bind_null(insert, column + 1);
            }
        }
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
