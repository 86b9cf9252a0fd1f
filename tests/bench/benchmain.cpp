// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of the benchmark programs: `tessera-bench NAME [options]`.
// Each benchmark prints one JSON object per line:
// {"bench":NAME,"metric":M,"value":X,"unit":U,"baseline":B}
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace {

using Benchmark = std::function<int(const QStringList &arguments)>;

std::map<QString, std::pair<QString, Benchmark>> &registry()
{
    static std::map<QString, std::pair<QString, Benchmark>> benchmarks;
    return benchmarks;
}

void printUsage()
{
    std::printf("usage: tessera-bench NAME [options]\n\nbenchmarks:\n");
    if (registry().empty())
        std::printf("  (none yet)\n");
    for (const auto &[name, entry] : registry())
        std::printf("  %-10s %s\n", qPrintable(name), qPrintable(entry.first));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.first() == u"--help"_s || arguments.first() == u"-h"_s) {
        printUsage();
        return arguments.isEmpty() ? 2 : 0;
    }
    const QString name = arguments.takeFirst();
    const auto it = registry().find(name);
    if (it == registry().end()) {
        std::fprintf(stderr, "tessera-bench: unknown benchmark '%s'\n\n", qPrintable(name));
        printUsage();
        return 2;
    }
    return it->second.second(arguments);
}
