// SPDX-License-Identifier: GPL-3.0-or-later
// `tessera-bench ui`: the ticket list (model + view, offscreen) over a
// 100 000-ticket demo cache. Opening a view is timed until its first rows
// are painted, beside the bare queries of the same view in the same run.
#include "benchmarks.h"
#include "colorscheme.h"
#include "demo/demodata.h"
#include "domain/mutation.h"
#include "paintwatch.h"
#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/store.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketlistview.h"
#include "tickets/ticketroles.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

namespace {

const QString Bench = u"ui"_s;

// What the list asks of the cache to show a view, without the list.
Result<double> rawOpen(
    const ViewQueries &queries, const ViewSpec &spec, const QueryContext &context, int page)
{
    QElapsedTimer timer;
    timer.start();
    auto compiled = compileView(spec, context);
    if (!compiled)
        return compiled.error();
    QList<GroupRow> groups;
    if (compiled->isGrouped()) {
        auto read = queries.groups(compiled.value());
        if (!read)
            return read.error();
        groups = std::move(read).value();
    }
    auto rows = queries.firstPage(compiled.value(), groups, page);
    if (!rows)
        return rows.error();
    return elapsedMs(timer);
}

Result<void> buildStore(Store &store, const DemoOptions &options)
{
    std::fprintf(stderr, "building a demo cache of %d tickets (once; later runs reuse it)\n",
        options.tickets);
    return loadDemoData(store, options, [](int done, int total) {
        if (done % 10'000 == 0 || done == total)
            std::fprintf(stderr, "  %d / %d tickets\n", done, total);
    });
}

} // namespace

int runUiBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Ticket list benchmark (offscreen)."_s);
    parser.addHelpOption();
    const QCommandLineOption ticketsOption(
        u"tickets"_s, u"Tickets in the demo cache (default 100000)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption runsOption(
        u"runs"_s, u"Repetitions per measurement (default 9)."_s, u"n"_s, u"9"_s);
    const QCommandLineOption editsOption(
        u"edits"_s, u"Live edits to time (default 50)."_s, u"n"_s, u"50"_s);
    const QCommandLineOption storeOption(u"store"_s,
        u"The cache file to use (built when missing; default: one in the temporary folder)."_s,
        u"file"_s);
    parser.addOptions({ ticketsOption, runsOption, editsOption, storeOption });
    parser.process(arguments);

    DemoOptions options;
    options.seed = 1;
    options.tickets = parser.value(ticketsOption).toInt();
    options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int edits = std::max(1, parser.value(editsOption).toInt());
    const QString path = parser.isSet(storeOption)
        ? parser.value(storeOption)
        : QDir::temp().filePath(u"tessera-uibench-%1.sqlite"_s.arg(options.tickets));
    const QString complete = path + u".complete"_s;
    if (!QFile::exists(complete)) {
        for (const QString &suffix : { u""_s, u"-wal"_s, u"-shm"_s })
            QFile::remove(path + suffix);
    }

    Store store(path);
    if (auto opened = store.open(); !opened) {
        std::fprintf(
            stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(opened.error().message));
        return 1;
    }
    if (!QFile::exists(complete)) {
        if (auto built = buildStore(store, options); !built) {
            std::fprintf(
                stderr, "cannot build the demo cache: %s\n", qPrintable(built.error().message));
            return 1;
        }
        QFile marker(complete);
        marker.open(QIODevice::WriteOnly);
    }

    const DemoGenerator generator(options);
    QueryContext context;
    context.me = generator.workspaceOwner();
    if (auto me = store.get<Person>(context.me))
        context.myDepartments = me->departmentIds;
    context.now = options.anchor;
    context.timeZone = QTimeZone::UTC;
    QueryContext compileContext = context;
    compileContext.customFields = store.all<CustomFieldDef>();
    const ViewQueries queries(store);
    const int page = Ui::TicketListModel::DefaultPageSize;

    Ui::applyColorScheme(Ui::ColorScheme::Light);
    Ui::TicketListModel model(&store, context);
    Ui::TicketListView view;
    view.resize(1280, 800);
    view.setModel(&model);
    PaintWatch watch;
    view.viewport()->installEventFilter(&watch);
    view.show();
    model.setView(defaultViews().first().spec);
    waitForPaint(watch, 0);

    // --- a click on a view: the model and list switch, until rows are painted -----
    QHash<QString, QList<double>> paintTimes;
    QHash<QString, QList<double>> rawTimes;
    for (int run = 0; run < runs; ++run) {
        for (const DefaultView &entry : defaultViews()) {
            const int before = watch.paints;
            QElapsedTimer timer;
            timer.start();
            model.setView(entry.spec);
            if (!waitForPaint(watch, before)) {
                std::fprintf(stderr, "view %s never painted\n", qPrintable(entry.key));
                return 1;
            }
            paintTimes[entry.key].append(elapsedMs(timer));
            auto raw = rawOpen(queries, entry.spec, compileContext, page);
            if (!raw) {
                std::fprintf(stderr, "view %s failed: %s\n", qPrintable(entry.key),
                    qPrintable(raw.error().message));
                return 1;
            }
            rawTimes[entry.key].append(raw.value());
        }
    }
    QList<double> viewMedians;
    QList<double> rawMedians;
    for (const DefaultView &entry : defaultViews()) {
        const double painted = median(paintTimes.value(entry.key));
        const double raw = median(rawTimes.value(entry.key));
        viewMedians.append(painted);
        rawMedians.append(raw);
        print({ Bench, u"view_first_paint_ms"_s, painted, u"ms"_s, raw, u"view"_s, entry.key,
            u"baseline: ViewQueries groups + firstPage of the same view"_s });
    }
    print({ Bench, u"view_first_paint_ms"_s, median(viewMedians), u"ms"_s, median(rawMedians),
        u"view"_s, u"median of the default views"_s, u"target <= 50 ms"_s });

    // --- switching the grouping of "All open" ------------------------------------------
    {
        const QStringList groupings { QString(), u"status"_s, u"assignee"_s, u"priority"_s };
        ViewSpec spec = defaultViews().first().spec;
        model.setView(spec);
        QList<double> times;
        QList<double> raws;
        QHash<QString, QList<double>> perGrouping;
        for (int run = 0; run < runs; ++run) {
            for (const QString &grouping : groupings) {
                const int before = watch.paints;
                QElapsedTimer timer;
                timer.start();
                model.setGroupBy(grouping);
                if (!waitForPaint(watch, before)) {
                    std::fprintf(stderr, "grouping %s never painted\n", qPrintable(grouping));
                    return 1;
                }
                const double ms = elapsedMs(timer);
                times.append(ms);
                perGrouping[grouping].append(ms);
                spec.groupBy = grouping;
                auto raw = rawOpen(queries, spec, compileContext, page);
                if (!raw)
                    return 1;
                raws.append(raw.value());
            }
        }
        print({ Bench, u"group_switch_ms"_s, median(times), u"ms"_s, median(raws), {}, {},
            u"All open: none -> status -> assignee -> priority; baseline: the same queries"_s });
        for (const QString &grouping : groupings)
            print({ Bench, u"group_switch_ms"_s, median(perGrouping.value(grouping)), u"ms"_s, -1,
                u"group"_s, grouping.isEmpty() ? u"none"_s : grouping });
    }

    // --- an edit of a visible ticket, until its row is repainted ------------------------
    const auto liveEdits = [&](const QString &kind) -> bool {
        model.setView(defaultViews().first().spec); // All open, by status
        waitForPaint(watch, watch.paints);
        bool changed = false;
        int paintsAtChange = 0;
        const auto connection
            = QObject::connect(&model, &QAbstractItemModel::dataChanged, &model, [&] {
                  if (!changed)
                      paintsAtChange = watch.paints;
                  changed = true;
              });
        QList<double> times;
        QList<double> applyTimes;
        for (int i = 0; i < edits; ++i) {
            const QModelIndex group = model.index(0, 0);
            const QModelIndex row = model.index(i % 15, 0, group);
            const TicketId id = model.ticketId(row);
            const auto current = store.entityJson(EntityKind::Ticket, id.as<EntityId>());
            if (!current)
                return false;
            QJsonObject changes;
            if (kind == u"title"_s) {
                changes.insert(u"title"_s, u"Edited in the benchmark, round %1"_s.arg(i));
            } else {
                const auto ticket = store.get<Ticket>(id);
                for (const Status &status : store.all<Status>()) {
                    if (status.typeId == ticket->typeId
                        && status.category == StatusCategory::Solved)
                        changes.insert(u"status_id"_s, status.id.toString());
                }
            }
            changed = false;
            QElapsedTimer timer;
            timer.start();
            if (auto applied = store.apply(Mutation::updating(
                    EntityKind::Ticket, id.as<EntityId>(), *current, changes, context.me));
                !applied) {
                std::fprintf(stderr, "edit failed: %s\n", qPrintable(applied.error().message));
                return false;
            }
            applyTimes.append(elapsedMs(timer));
            QElapsedTimer limit;
            limit.start();
            while (!changed || watch.paints == paintsAtChange) {
                QCoreApplication::processEvents(QEventLoop::AllEvents);
                if (limit.elapsed() > 10'000) {
                    std::fprintf(stderr, "the edit never reached the list\n");
                    return false;
                }
            }
            times.append(elapsedMs(timer));
        }
        QObject::disconnect(connection);
        print({ Bench, u"live_update_ms"_s, median(times), u"ms"_s, median(applyTimes), u"edit"_s,
            kind,
            kind == u"title"_s
                ? u"title of a visible ticket: one row changes; baseline: Store::apply alone"_s
                : u"a visible ticket solved: its row leaves, the group count drops; baseline: "
                  u"Store::apply alone"_s });
        return true;
    };
    if (!liveEdits(u"title"_s) || !liveEdits(u"status"_s))
        return 1;

    if (auto all = compileView(ViewSpec {}, compileContext)) {
        if (auto total = queries.count(all.value()))
            print({ Bench, u"tickets"_s, double(total.value()), u"count"_s });
    }
    print({ Bench, u"peak_rss_mb"_s, peakRssMb(), u"MiB"_s });
    return 0;
}

} // namespace Tessera::Bench
