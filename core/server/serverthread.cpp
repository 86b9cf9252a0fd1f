// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverthread.h"

#include "serverlogging.h"

#include <QEventLoop>
#include <QThread>

#include <future>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

struct ServerThread::Private
{
    ServerConfig config;
    std::unique_ptr<QThread> thread;
    EmbeddedServer *server = nullptr; // on the thread's stack while it serves
    quint16 port = 0;
    QString baseUrl;
};

ServerThread::ServerThread(ServerConfig config)
    : d(std::make_unique<Private>())
{
    d->config = std::move(config);
}

ServerThread::~ServerThread()
{
    stop();
}

Result<quint16> ServerThread::start()
{
    if (isRunning())
        return d->port;

    std::promise<Result<quint16>> promise;
    std::future<Result<quint16>> started = promise.get_future();
    d->thread.reset(QThread::create([this, &promise] {
        // Made here, so that its sockets, its timers and its database
        // connections belong to this thread.
        EmbeddedServer server(d->config);
        Result<quint16> result = server.start();
        const bool ok = result.isOk();
        if (ok) {
            d->server = &server;
            d->port = result.value();
            d->baseUrl = server.baseUrl();
        }
        promise.set_value(std::move(result)); // start() returns: `promise` is gone
        if (!ok)
            return;
        QEventLoop loop;
        loop.exec(); // until stop() quits the thread (also if it already has)
        server.stop(); // fixed order, on this thread: sockets, then the store
    }));
    d->thread->setObjectName(u"tessera-server"_s);
    d->thread->start();
    Result<quint16> result = started.get();
    if (!result) {
        d->thread->wait();
        d->thread.reset();
    }
    return result;
}

void ServerThread::stop()
{
    if (!d->thread)
        return;
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    d->server = nullptr;
    d->port = 0;
    d->baseUrl.clear();
}

void ServerThread::run(const std::function<void(EmbeddedServer &)> &task)
{
    if (!d->server) {
        qCWarning(lcServer) << "ServerThread::run: the server is not running";
        return;
    }
    if (QThread::currentThread() == d->thread.get()) {
        task(*d->server);
        return;
    }
    QMetaObject::invokeMethod(
        d->server, [this, &task] { task(*d->server); }, Qt::BlockingQueuedConnection);
}

bool ServerThread::isRunning() const
{
    return d->server != nullptr;
}

quint16 ServerThread::port() const
{
    return d->port;
}

QString ServerThread::baseUrl() const
{
    return d->baseUrl;
}

QThread *ServerThread::thread() const
{
    return d->thread.get();
}

} // namespace Tessera::Server
