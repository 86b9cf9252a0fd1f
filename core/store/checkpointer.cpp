// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/checkpointer.h"

#include "logging.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tessera::Sql {

struct Checkpointer::Private
{
    const Database &db;
    QThread thread;
    QObject *anchor = nullptr; // lives on the thread
    QTimer *delay = nullptr;

    void checkpoint()
    {
        QSqlQuery query(db.connection());
        if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s))
            qCWarning(lcStore) << "checkpoint failed:" << query.lastError().text();
    }
};

Checkpointer::Checkpointer(const Database &db)
    : d(std::make_unique<Private>(db))
{
    d->thread.setObjectName(u"tessera-checkpoint"_s);
    d->anchor = new QObject;
    d->delay = new QTimer(d->anchor);
    // Commits come in bursts (a reply and its ticket, a first sync's
    // batches): one checkpoint after a burst does.
    d->delay->setSingleShot(true);
    d->delay->setInterval(100);
    QObject::connect(d->delay, &QTimer::timeout, d->anchor, [this] { d->checkpoint(); });
    d->anchor->moveToThread(&d->thread);
    d->thread.start(QThread::LowPriority);
}

Checkpointer::~Checkpointer()
{
    QMetaObject::invokeMethod(
        d->anchor,
        [this] {
            delete d->anchor; // and its timer
            d->anchor = nullptr;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    d->thread.wait();
}

void Checkpointer::request()
{
    QMetaObject::invokeMethod(
        d->anchor,
        [this] {
            if (!d->delay->isActive())
                d->delay->start();
        },
        Qt::QueuedConnection);
}

} // namespace Tessera::Sql
