// SPDX-License-Identifier: GPL-3.0-or-later
// What the screenshot programs share: a demo cache seen by its owner, and a
// pause for the event loop to paint.
#pragma once

#include "colorscheme.h"
#include "demo/demodata.h"
#include "query/viewspec.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QPainter>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>

#include <utility>

namespace Tessera::Test {

inline void settle(int ms = 50)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// The window with its open popups painted where they are on screen:
/// grab() sees one top-level widget at a time.
inline QPixmap composite(QWidget *window, const QList<QWidget *> &popups)
{
    QPixmap picture = window->grab();
    QPainter painter(&picture);
    for (QWidget *popup : popups) {
        if (popup && popup->isVisible())
            painter.drawPixmap(window->mapFromGlobal(popup->mapToGlobal(QPoint())), popup->grab());
    }
    return picture;
}

/// Names the program (its settings stay apart from the app's) and returns
/// the folder named on the command line (default "shots"), created.
inline QString shotFolder(int argc, char *argv[], const QString &program)
{
    QCoreApplication::setOrganizationName(QStringLiteral("TesseraShots"));
    QCoreApplication::setApplicationName(program);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("shots");
    QDir().mkpath(out);
    return out;
}

/// Both palettes, each with the suffix of its files.
inline QList<std::pair<Ui::ColorScheme, QString>> palettes()
{
    return { { Ui::ColorScheme::Light, QStringLiteral("light") },
        { Ui::ColorScheme::Dark, QStringLiteral("dark") } };
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
