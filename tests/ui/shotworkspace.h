// SPDX-License-Identifier: GPL-3.0-or-later
// What the screenshot programs share: a demo cache seen by its owner, and a
// pause for the event loop to paint.
#pragma once

#include "demo/demodata.h"
#include "query/viewspec.h"
#include "store/store.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

namespace Tessera::Test {

inline void settle(int ms = 50)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// 600 demo tickets in a temporary cache; `context` is the workspace owner's.
struct ShotWorkspace
{
    QTemporaryDir dir;
    Store store { dir.filePath(QStringLiteral("cache.sqlite")) };
    QueryContext context;

    ShotWorkspace()
    {
        const DemoOptions demo { 1, 600, 3, {} };
        if (!store.open() || !loadDemoData(store, demo))
            qFatal("cannot make the demo workspace");
        context.me = DemoGenerator(demo).workspaceOwner();
        context.myDepartments = store.get<Person>(context.me)->departmentIds;
    }
};

} // namespace Tessera::Test
