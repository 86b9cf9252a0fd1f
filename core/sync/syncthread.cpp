// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/syncthread.h"

#include "net/apiclient.h"
#include "store/store.h"

#include <QNetworkAccessManager>
#include <QThread>

namespace Tessera::Sync {

struct SyncThread::Private
{
    Store &store;
    QUrl server;
    QByteArray token;
    SyncEngine::Options options;
    QThread thread;
    // Lives on the worker thread, so work can be posted there before the engine exists.
    QObject *anchor = nullptr;
    // Made and destroyed on the worker thread.
    QNetworkAccessManager *network = nullptr;
    Net::ApiClient *api = nullptr;
    SyncEngine *engine = nullptr;
};

SyncThread::SyncThread(Store &store, QUrl server, QByteArray token, SyncEngine::Options options)
    : d(new Private { store, std::move(server), std::move(token), options, {} })
{
    d->thread.setObjectName(QStringLiteral("tessera-sync"));
}

SyncThread::~SyncThread()
{
    if (d->thread.isRunning()) {
        QMetaObject::invokeMethod(
            d->anchor,
            [this] {
                d->engine->stop();
                delete d->engine;
                delete d->api;
                delete d->network;
                delete d->anchor;
            },
            Qt::BlockingQueuedConnection);
        d->thread.quit();
        d->thread.wait();
    }
}

void SyncThread::start()
{
    if (d->thread.isRunning())
        return;
    d->anchor = new QObject;
    d->anchor->moveToThread(&d->thread);
    d->thread.start();
    QMetaObject::invokeMethod(
        d->anchor,
        [this] {
            d->network = new QNetworkAccessManager;
            d->api = new Net::ApiClient(d->network, d->server);
            d->api->setToken(d->token);
            d->engine = new SyncEngine(d->store, *d->api, d->options);
            d->engine->start();
        },
        Qt::BlockingQueuedConnection);
}

SyncEngine *SyncThread::engine() const
{
    return d->engine;
}

void SyncThread::run(const std::function<void(SyncEngine &)> &task)
{
    QMetaObject::invokeMethod(
        d->engine, [this, &task] { task(*d->engine); }, Qt::BlockingQueuedConnection);
}

QThread *SyncThread::thread() const
{
    return &d->thread;
}

} // namespace Tessera::Sync
