// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QObject>

// What the widget benchmarks time to: the next paint of a watched viewport.

namespace Tessera::Bench {

inline double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/// Counts the paint events a viewport receives.
class PaintWatch : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

/// Runs the event loop until the viewport has painted since `before`; the
/// paint itself happens inside processEvents(), before it returns.
inline bool waitForPaint(const PaintWatch &watch, int before)
{
    QElapsedTimer limit;
    limit.start();
    while (watch.paints == before) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (limit.elapsed() > 10'000)
            return false;
    }
    return true;
}

} // namespace Tessera::Bench
