// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <cstdio>
#include <functional>

// The benchmark programs of tessera-bench and the way they report: one JSON
// object per line, {"bench":B,"metric":M,"value":X,"unit":U[,"baseline":Y][,…]};
// the baseline is a comparable figure measured in the same run, in the same unit.

namespace Tessera::Bench {

int runStoreBench(const QStringList &arguments);
int runServerBench(const QStringList &arguments);
int runSyncBench(const QStringList &arguments);
int runUiBench(const QStringList &arguments);
int runConversationBench(const QStringList &arguments);

struct Figure
{
    QString bench;
    QString metric;
    double value = 0;
    QString unit;
    double baseline = -1; // < 0: none
    QString extraKey; // e.g. "view"
    QString extraValue;
    QString note; // context for readers, e.g. the durability the figure was measured at
};

void print(const Figure &figure);
double median(QList<double> values);
/// The process's peak resident set size in MiB.
double peakRssMb();
/// Runs the event loop until `condition` holds or `timeoutMs` passes; true
/// if it holds. Unlike QTest::qWaitFor, which sleeps 10 ms whenever no event
/// is pending, events are handled the moment they arrive, as in the app.
bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

} // namespace Tessera::Bench
