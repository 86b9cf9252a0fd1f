// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace Tessera::Test {

/// A loopback proxy in front of a Tessera server that breaks HTTP exchanges
/// on demand, for fault tests of the sync engine. Each client connection gets
/// its own upstream connection; its requests are framed (headers, then
/// Content-Length bytes; chunked request bodies are refused) and handled one
/// at a time, as HTTP/1.1 clients without pipelining send them. A 101 answer
/// turns the connection into a plain byte pipe (WebSocket).
///
/// Qt's network access resends a request, whatever its method, once when its
/// connection closes before the answer began: a fault that does so
/// (DropRequest, DropResponse, a short CutAfterBytes) fails the request only
/// when armed for both attempts.
class FaultProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxy)

public:
    enum class Fault {
        DropRequest, ///< read the request, never forward it, close the client connection
        DropResponse, ///< forward it, wait for the whole answer, close without delivering it
        Hang, ///< read the request, then neither forward it, answer nor close
        CutAfterBytes, ///< forward it; deliver the answer's first `bytes` bytes, then close
        Delay, ///< forward it; deliver the answer `delayMs` after the server gave it
    };
    Q_ENUM(Fault)

    FaultProxy(QString upstreamHost, quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    /// Listens on 127.0.0.1 on a free port; false if that fails.
    bool start();
    quint16 port() const;
    /// http://127.0.0.1:<port>
    QString baseUrl() const;

    /// Applies `fault` to the next `count` requests whose target (path and
    /// query, as sent) starts with `pathPrefix`; empty: any request. Armed
    /// faults are tried in the order they were armed; a request gets one.
    void arm(Fault fault, int count = 1, qint64 bytes = 0, int delayMs = 0,
        const QString &pathPrefix = {});
    /// Offline: open connections (WebSockets too) are reset at once and new
    /// ones refused; back online, it listens on the same port again.
    void setOffline(bool offline);
    bool isOffline() const;
    /// Disarms every fault and goes online.
    void heal();

    /// Requests handed to the server.
    int forwardedCount() const;
    /// Answers the server completed, whether delivered or not.
    int answeredCount() const;
    /// Faults that took effect.
    int firedCount() const;

Q_SIGNALS:
    /// `fault` took effect on the request for `path` (its target as sent).
    void faultFired(Tessera::Test::FaultProxy::Fault fault, const QString &path);

private:
    class Connection;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Test
