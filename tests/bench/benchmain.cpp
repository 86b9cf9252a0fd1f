// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of the benchmark programs: `tessera-bench NAME [options]`.
#include "benchmarks.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <memory>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

void print(const Figure &f)
{
    QJsonObject line { { u"bench"_s, f.bench }, { u"metric"_s, f.metric } };
    if (!f.extraKey.isEmpty())
        line.insert(f.extraKey, f.extraValue);
    line.insert(u"value"_s, std::round(f.value * 1000) / 1000);
    line.insert(u"unit"_s, f.unit);
    if (f.baseline >= 0)
        line.insert(u"baseline"_s, std::round(f.baseline * 1000) / 1000);
    if (!f.note.isEmpty())
        line.insert(u"note"_s, f.note);
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    const QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    // The condition is looked at often; the loop itself wakes for every event.
    QTimer check;
    check.setTimerType(Qt::PreciseTimer);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (condition() || deadline.hasExpired())
            loop.quit();
    });
    check.start(1);
    loop.exec();
    return condition();
}

double peakRssMb()
{
#ifdef Q_OS_UNIX
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
#ifdef Q_OS_MACOS
    return double(usage.ru_maxrss) / (1024.0 * 1024.0);
#else
    return double(usage.ru_maxrss) / 1024.0;
#endif
#else
    return -1;
#endif
}

} // namespace Tessera::Bench

namespace {

struct Entry
{
    const char *name;
    const char *description;
    int (*run)(const QStringList &);
};

constexpr Entry benchmarks[] = {
    { "store",
        "local cache: bulk load (vs raw SQLite), default views, group switch, search, peak RSS",
        &Tessera::Bench::runStoreBench },
    { "server",
        "server over HTTP: creates/s in batches of 100, change-feed pull, WebSocket fan-out p95",
        &Tessera::Bench::runServerBench },
    { "sync",
        "client sync engine: first sync of 100k tickets vs the raw change feed, edit propagation",
        &Tessera::Bench::runSyncBench },
    { "ui",
        "ticket list (offscreen): view switch to first paint vs its queries, group switch, live "
        "edit",
        &Tessera::Bench::runUiBench },
    { "conversation",
        "conversation view (offscreen): a 500-message ticket to first paint vs Qt's own Markdown, "
        "show all, live reply",
        &Tessera::Bench::runConversationBench },
};

void printUsage()
{
    std::printf(
        "usage: tessera-bench NAME [options]   (NAME --help for its options)\n\nbenchmarks:\n");
    for (const Entry &entry : benchmarks)
        std::printf("  %-8s %s\n", entry.name, entry.description);
}

} // namespace

int main(int argc, char *argv[])
{
    // The ticket list benchmark paints widgets: offscreen unless told otherwise.
    const bool widgets
        = argc > 1 && (qstrcmp(argv[1], "ui") == 0 || qstrcmp(argv[1], "conversation") == 0);
    if (widgets && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = widgets
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    const QString program = arguments.takeFirst();
    if (arguments.isEmpty() || arguments.first() == u"--help"_s || arguments.first() == u"-h"_s) {
        printUsage();
        return arguments.isEmpty() ? 2 : 0;
    }
    const QString name = arguments.first();
    for (const Entry &entry : benchmarks) {
        if (name == QLatin1StringView(entry.name))
            return entry.run(QStringList { program + u' ' + name } + arguments.mid(1));
    }
    std::fprintf(stderr, "tessera-bench: unknown benchmark '%s'\n\n", qPrintable(name));
    printUsage();
    return 2;
}
