// SPDX-License-Identifier: GPL-3.0-or-later
// `tessera-bench store`: the local cache at scale (100 000 tickets, 500 000
// messages by default). Bulk load through Store is timed beside raw SQLite
// prepared inserts of the same rows into the same schema, in the same run.
#include "benchmarks.h"
#include "demo/demodata.h"
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/tables.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

namespace {

const QString Bench = u"store"_s;

// Raw SQLite: the same rows, pre-encoded, bound and stepped with the C API,
// into the same tables (including the ticket documents that feed FTS).
class RawLoader
{
public:
    explicit RawLoader(const QString &path)
    {
        sqlite3_open(path.toUtf8().constData(), &m_db);
        for (const char *pragma : { "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                 "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536" })
            sqlite3_exec(m_db, pragma, nullptr, nullptr, nullptr);
    }
    ~RawLoader()
    {
        for (auto *statement : std::as_const(m_statements))
            sqlite3_finalize(statement);
        sqlite3_close(m_db);
    }

    struct Row
    {
        QVariantList values; // the table's columns, in insert order
        QVariantList document; // the document table's columns, when split
    };

    // Pre-encoding happens outside the timed part.
    static QList<Row> encode(EntityKind kind, const QList<QJsonObject> &entities)
    {
        const Sql::TableDef &table = Sql::tableFor(kind);
        const bool split = !table.documentTable.isEmpty();
        QList<Row> rows;
        rows.reserve(entities.size());
        for (const QJsonObject &e : entities) {
            const QString id = e.value(u"id"_s).toString();
            const QString data = QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact));
            Row row;
            row.values = { id, e.value(u"version"_s).toInteger() };
            if (!split)
                row.values.append(data);
            for (const Sql::Column &column : table.columns)
                row.values.append(Sql::columnValue(column, e));
            if (kind == EntityKind::Ticket)
                row.values.append(e.value(u"status_id"_s).toString());
            if (split) {
                row.document = { id, data };
                for (const Sql::Column &column : table.documentColumns)
                    row.document.append(Sql::columnValue(column, e));
            }
            rows.append(row);
        }
        return rows;
    }

    bool insert(EntityKind kind, const QList<Row> &rows)
    {
        const Sql::TableDef &table = Sql::tableFor(kind);
        sqlite3_stmt *main = prepare(kind, false);
        sqlite3_stmt *document = table.documentTable.isEmpty() ? nullptr : prepare(kind, true);
        sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (const Row &row : rows) {
            if (!step(main, row.values) || (document && !step(document, row.document))) {
                std::fprintf(stderr, "raw insert failed: %s\n", sqlite3_errmsg(m_db));
                sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
                return false;
            }
        }
        return sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    }

private:
    static bool step(sqlite3_stmt *statement, const QVariantList &values)
    {
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &v = values.at(i);
            if (v.isNull()) {
                sqlite3_bind_null(statement, i + 1);
            } else if (v.typeId() == QMetaType::QString) {
                const QByteArray utf8 = v.toString().toUtf8();
                sqlite3_bind_text(
                    statement, i + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else {
                sqlite3_bind_int64(statement, i + 1, v.toLongLong());
            }
        }
        const bool ok = sqlite3_step(statement) == SQLITE_DONE;
        sqlite3_reset(statement);
        return ok;
    }

    sqlite3_stmt *prepare(EntityKind kind, bool document)
    {
        const int key = int(kind) * 2 + (document ? 1 : 0);
        if (auto it = m_statements.constFind(key); it != m_statements.cend())
            return *it;
        const Sql::TableDef &table = Sql::tableFor(kind);
        QStringList names;
        QStringList values;
        if (document) {
            names = { u"id"_s, u"data"_s };
            for (const Sql::Column &column : table.documentColumns)
                names.append(column.name);
            values = QStringList(names.size(), u"?"_s);
        } else {
            names = { u"id"_s, u"version"_s };
            if (table.documentTable.isEmpty())
                names.append(u"data"_s);
            for (const Sql::Column &column : table.columns)
                names.append(column.name);
            values = QStringList(names.size(), u"?"_s);
            if (kind == EntityKind::Ticket) {
                names.append(u"status_category"_s);
                values.append(u"(SELECT category FROM statuses WHERE id = ?)"_s);
            }
        }
        const QByteArray sql = u"INSERT INTO %1(%2) VALUES (%3)"_s
                                   .arg(document ? table.documentTable : table.table,
                                       names.join(u", "), values.join(u", "))
                                   .toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &statement, nullptr) != SQLITE_OK)
            std::fprintf(stderr, "raw prepare failed: %s\n", sqlite3_errmsg(m_db));
        m_statements.insert(key, statement);
        return statement;
    }

    sqlite3 *m_db = nullptr;
    QHash<int, sqlite3_stmt *> m_statements;
};

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct ViewTiming
{
    double ms = 0;
    qint64 rows = 0;
};

// Opening a view as the list does: group headers with counts, then the first page.
Result<ViewTiming> openView(
    const ViewQueries &queries, const ViewSpec &spec, const QueryContext &context, int page)
{
    QElapsedTimer timer;
    timer.start();
    auto compiled = compileView(spec, context);
    if (!compiled)
        return compiled.error();
    auto groups = queries.groups(compiled.value());
    if (!groups)
        return groups.error();
    auto rows = queries.firstPage(compiled.value(), groups.value(), page);
    if (!rows)
        return rows.error();
    return ViewTiming { elapsedMs(timer), rows->size() };
}

} // namespace

int runStoreBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Local cache benchmark."_s);
    parser.addHelpOption();
    const QCommandLineOption ticketsOption(
        u"tickets"_s, u"Tickets to generate (default 100000)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption messagesOption(
        u"messages-per-ticket"_s, u"Average messages per ticket (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption runsOption(
        u"runs"_s, u"Repetitions per measurement (default 21)."_s, u"n"_s, u"21"_s);
    const QCommandLineOption seedOption(
        u"seed"_s, u"Demo data seed (default 1)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption dirOption(
        u"dir"_s, u"Folder for the database files (default: a temporary one)."_s, u"dir"_s);
    const QCommandLineOption reuseOption(
        u"reuse"_s, u"Reuse the store in --dir from an earlier run (skips the bulk load)."_s);
    parser.addOptions(
        { ticketsOption, messagesOption, runsOption, seedOption, dirOption, reuseOption });
    parser.process(arguments);

    QTemporaryDir tempDir;
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption) : tempDir.path();
    DemoOptions options;
    options.seed = parser.value(seedOption).toULongLong();
    options.tickets = parser.value(ticketsOption).toInt();
    options.messagesPerTicket = parser.value(messagesOption).toInt();
    options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const DemoGenerator generator(options);
    constexpr int BatchSize = 2000;

    // --- bulk load: Store::importEntities vs raw prepared inserts ----------------
    const QString storePath = dir + u"/bench-store.sqlite"_s;
    const QString rawPath = dir + u"/bench-raw.sqlite"_s;
    const bool reuse
        = parser.isSet(reuseOption) && parser.isSet(dirOption) && QFile::exists(storePath);
    if (!reuse) {
        QFile::remove(storePath);
        QFile::remove(rawPath);
    }
    Store store(storePath);
    if (auto opened = store.open(); !opened) {
        std::fprintf(stderr, "cannot open store: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    if (!reuse) {
        // The raw baseline gets the identical schema (tables, indexes, FTS triggers).
        QSqlDatabase schemaDb = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-raw-schema"_s);
        schemaDb.setDatabaseName(rawPath);
        schemaDb.open();
        if (auto migrated = Sql::migrate(schemaDb); !migrated) {
            std::fprintf(
                stderr, "cannot create raw schema: %s\n", qPrintable(migrated.error().message));
            return 1;
        }
        schemaDb.close();
    }
    QSqlDatabase::removeDatabase(u"bench-raw-schema"_s);
    std::optional<RawLoader> raw;
    if (!reuse)
        raw.emplace(rawPath);

    double storeMs = 0;
    double rawMs = 0;
    qint64 messageCount = 0;
    const auto loadBatches = [&](const QList<EntityBatch> &batches) -> bool {
        for (const EntityBatch &batch : batches) {
            if (batch.kind == EntityKind::Message)
                messageCount += batch.entities.size();
            QElapsedTimer timer;
            timer.start();
            if (auto done = store.importEntities(batch.kind, batch.entities); !done) {
                std::fprintf(stderr, "store import failed: %s\n", qPrintable(done.error().message));
                return false;
            }
            storeMs += elapsedMs(timer);
            const auto rows = RawLoader::encode(batch.kind, batch.entities);
            timer.restart();
            if (!raw->insert(batch.kind, rows))
                return false;
            rawMs += elapsedMs(timer);
        }
        return true;
    };
    if (!reuse) {
        if (!loadBatches(generator.referenceData()))
            return 1;
        for (int first = 0; first < options.tickets; first += BatchSize) {
            if (!loadBatches(generator.tickets(first, BatchSize)))
                return 1;
        }
        print({ Bench, u"tickets"_s, double(options.tickets), u"count"_s });
        print({ Bench, u"messages"_s, double(messageCount), u"count"_s });
        print({ Bench, u"bulk_load_s"_s, storeMs / 1000, u"s"_s, rawMs / 1000 });
    }

    // --- views -------------------------------------------------------------------
    const ViewQueries queries(store);
    QueryContext context;
    context.me = generator.workspaceOwner();
    if (auto me = store.get<Person>(context.me))
        context.myDepartments = me->departmentIds;
    context.now = options.anchor;
    context.timeZone = QTimeZone::UTC;
    context.customFields = store.all<CustomFieldDef>();
    constexpr int Page = 200;

    for (const DefaultView &view : defaultViews()) {
        QList<double> times;
        qint64 rows = 0;
        for (int run = 0; run < runs; ++run) {
            auto timing = openView(queries, view.spec, context, Page);
            if (!timing) {
                std::fprintf(stderr, "view %s failed: %s\n", qPrintable(view.key),
                    qPrintable(timing.error().message));
                return 1;
            }
            times.append(timing->ms);
            rows = timing->rows;
        }
        Q_UNUSED(rows);
        print({ Bench, u"view_open_ms_median"_s, median(times), u"ms"_s, -1, u"view"_s, view.key });
    }

    // Switching the grouping of the busiest view, as an agent does from the header menu.
    {
        ViewSpec spec = defaultViews().first().spec;
        const QStringList groupings { u"status"_s, u"priority"_s, u"assignee"_s, u"organization"_s,
            u"due_bucket"_s, u"type"_s, u"department"_s };
        QList<double> times;
        QHash<QString, QList<double>> perGrouping;
        for (int run = 0; run < runs; ++run) {
            for (const QString &grouping : groupings) {
                spec.groupBy = grouping;
                auto timing = openView(queries, spec, context, Page);
                if (!timing) {
                    std::fprintf(
                        stderr, "group switch failed: %s\n", qPrintable(timing.error().message));
                    return 1;
                }
                times.append(timing->ms);
                perGrouping[grouping].append(timing->ms);
            }
        }
        print({ Bench, u"group_switch_ms_median"_s, median(times), u"ms"_s });
        for (const QString &grouping : groupings)
            print({ Bench, u"group_open_ms_median"_s, median(perGrouping.value(grouping)), u"ms"_s,
                -1, u"group"_s, grouping });
    }

    // Full-text search over numbers, titles, descriptions and messages.
    {
        const QStringList terms { u"timeout"_s, u"fattura"_s, u"senha"_s, u"VPN"_s, u"502"_s,
            u"impressora"_s, u"SocketTimeoutException"_s, u"1042"_s };
        QList<double> times;
        QHash<QString, QList<double>> perTerm;
        for (int run = 0; run < runs; ++run) {
            for (const QString &term : terms) {
                QueryContext searching = context;
                searching.search = term;
                auto timing = openView(queries, ViewSpec {}, searching, Page);
                if (!timing) {
                    std::fprintf(stderr, "search failed: %s\n", qPrintable(timing.error().message));
                    return 1;
                }
                times.append(timing->ms);
                perTerm[term].append(timing->ms);
            }
        }
        print({ Bench, u"search_ms_median"_s, median(times), u"ms"_s });
        for (const QString &term : terms)
            print({ Bench, u"search_term_ms_median"_s, median(perTerm.value(term)), u"ms"_s, -1,
                u"term"_s, term });
    }

    print({ Bench, u"peak_rss_mb"_s, peakRssMb(), u"MiB"_s });
    return 0;
}

} // namespace Tessera::Bench
