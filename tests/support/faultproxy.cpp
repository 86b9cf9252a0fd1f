// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultproxy.h"

#include <QDebug>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

namespace Tessera::Test {

namespace {

struct Armed
{
    FaultProxy::Fault fault;
    int count;
    qint64 bytes;
    int delayMs;
    QByteArray prefix;
};

// Where the header block ends (past its empty line), or -1 while incomplete.
qsizetype headEnd(const QByteArray &buffer)
{
    const qsizetype at = buffer.indexOf("\r\n\r\n");
    return at < 0 ? -1 : at + 4;
}

QByteArray header(QByteArrayView head, QByteArrayView name)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return lines[i].sliced(colon + 1).trimmed();
    }
    return {};
}

int statusOf(const QByteArray &response)
{
    const QList<QByteArray> start = response.left(response.indexOf('\r')).split(' ');
    return start.size() > 1 ? start[1].toInt() : 0;
}

// The end of a chunked body starting at `at`, or -1 while incomplete.
qsizetype chunkedEnd(const QByteArray &buffer, qsizetype at)
{
    for (;;) {
        const qsizetype eol = buffer.indexOf("\r\n", at);
        if (eol < 0)
            return -1;
        bool ok = false;
        const qint64 size
            = buffer.sliced(at, eol - at).split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok)
            return -1; // garbage: wait for the server to close
        at = eol + 2;
        if (size == 0) { // trailers, then an empty line
            const qsizetype end = buffer.indexOf("\r\n\r\n", at - 2);
            return end < 0 ? -1 : end + 4;
        }
        at += size + 2;
        if (at > buffer.size())
            return -1;
    }
}

// The length of the first response in `buffer`, or -1 while incomplete.
// Without a length, a response lasts until the server closes.
qsizetype responseLength(const QByteArray &buffer, const QByteArray &method)
{
    const qsizetype end = headEnd(buffer);
    if (end < 0)
        return -1;
    const int status = statusOf(buffer);
    if ((status >= 100 && status < 200) || status == 204 || status == 304 || method == "HEAD")
        return end;
    const QByteArrayView head(buffer.constData(), end);
    if (header(head, "Transfer-Encoding").toLower().contains("chunked"))
        return chunkedEnd(buffer, end);
    bool ok = false;
    const qint64 length = header(head, "Content-Length").toLongLong(&ok);
    if (ok)
        return buffer.size() >= end + length ? end + length : -1;
    return -1;
}

} // namespace

struct FaultProxy::Private
{
    QString host;
    quint16 port = 0;
    QTcpServer server;
    QList<Armed> armed;
    QSet<Connection *> connections;
    quint16 listenPort = 0; // kept while offline, to listen on it again
    bool offline = false;
    int forwarded = 0;
    int answered = 0;
    int fired = 0;

    std::optional<Armed> take(const QByteArray &target)
    {
        for (qsizetype i = 0; i < armed.size(); ++i) {
            if (!target.startsWith(armed[i].prefix))
                continue;
            const Armed found = armed[i];
            if (--armed[i].count <= 0)
                armed.removeAt(i);
            return found;
        }
        return std::nullopt;
    }
};

/// One client connection and its upstream twin.
class FaultProxy::Connection : public QObject
{
public:
    Connection(FaultProxy *proxy, QTcpSocket *client)
        : QObject(proxy)
        , q(proxy)
        , m_client(client)
        , m_upstream(new QTcpSocket(this))
    {
        q->d->connections.insert(this);
        m_client->setParent(this);
        connect(m_client, &QTcpSocket::readyRead, this, &Connection::readClient);
        connect(m_client, &QTcpSocket::disconnected, this, &Connection::clientGone);
        connect(m_upstream, &QTcpSocket::connected, this, &Connection::nextRequest);
        connect(m_upstream, &QTcpSocket::readyRead, this, &Connection::readUpstream);
        connect(m_upstream, &QTcpSocket::disconnected, this, &Connection::upstreamGone);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, [this] {
            if (m_upstream->state() == QAbstractSocket::UnconnectedState)
                upstreamGone(); // could not connect
        });
        m_upstream->connectToHost(q->d->host, q->d->port);
    }

    ~Connection() override { q->d->connections.remove(this); }

    // The network is gone: no goodbyes.
    void cut()
    {
        m_state = State::Closed;
        m_client->abort();
        m_upstream->abort();
        deleteLater();
    }

private:
    enum class State {
        Request, // waiting for the client's next request
        Response, // the server has the request; waiting for its answer
        Holding, // a Delay holds the answer
        Hanging, // Hang: nothing happens any more
        Pipe, // upgraded: bytes pass both ways
        Closed,
    };

    void readClient()
    {
        m_fromClient += m_client->readAll();
        if (m_state == State::Pipe) {
            m_upstream->write(std::exchange(m_fromClient, {}));
        } else if (m_state == State::Hanging || m_state == State::Closed) {
            m_fromClient.clear();
        } else {
            nextRequest();
        }
    }

    void nextRequest()
    {
        if (m_state != State::Request || m_upstream->state() != QAbstractSocket::ConnectedState)
            return;
        const qsizetype end = headEnd(m_fromClient);
        if (end < 0)
            return;
        const QByteArrayView head(m_fromClient.constData(), end);
        const QList<QByteArray> start = m_fromClient.left(m_fromClient.indexOf('\r')).split(' ');
        bool ok = true;
        const QByteArray length = header(head, "Content-Length");
        const qint64 bodyLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (start.size() != 3 || !ok || bodyLength < 0
            || !header(head, "Transfer-Encoding").isEmpty()) {
            qWarning() << "FaultProxy: unsupported request framing:" << head;
            closeClient();
            return;
        }
        if (m_fromClient.size() < end + bodyLength)
            return;
        const QByteArray request = m_fromClient.first(end + bodyLength);
        m_fromClient.remove(0, request.size());
        m_method = start[0];
        m_target = start[1];
        m_fault = q->d->take(m_target);

        if (m_fault && m_fault->fault == Fault::DropRequest) {
            closeClient();
            fired();
        } else if (m_fault && m_fault->fault == Fault::Hang) {
            m_state = State::Hanging;
            m_fromClient.clear();
            fired();
        } else {
            m_state = State::Response;
            m_upstream->write(request);
            ++q->d->forwarded;
            readUpstream(); // an early answer may already wait
        }
    }

    void readUpstream()
    {
        m_fromUpstream += m_upstream->readAll();
        if (m_state == State::Pipe || m_state == State::Request) {
            // Request: unasked for, like a 408 before the server closes.
            m_client->write(std::exchange(m_fromUpstream, {}));
        } else if (m_state == State::Response) {
            const qsizetype length = responseLength(m_fromUpstream, m_method);
            if (length >= 0)
                respond(length);
        } else if (m_state != State::Holding) {
            m_fromUpstream.clear();
        }
    }

    void respond(qsizetype length)
    {
        const QByteArray response = m_fromUpstream.first(length);
        m_fromUpstream.remove(0, length);
        ++q->d->answered;
        if (!m_fault) {
            deliver(response);
            return;
        }
        switch (m_fault->fault) {
        case Fault::DropResponse:
            closeClient();
            break;
        case Fault::CutAfterBytes:
            m_client->write(response.first(qMin(m_fault->bytes, response.size())));
            closeClient(); // after writing what is buffered
            break;
        case Fault::Delay:
            m_state = State::Holding;
            QTimer::singleShot(m_fault->delayMs, this, [this, response] {
                if (m_state == State::Holding)
                    deliver(response);
            });
            break;
        case Fault::DropRequest:
        case Fault::Hang:
            Q_UNREACHABLE();
        }
        fired();
    }

    void deliver(const QByteArray &response)
    {
        m_client->write(response);
        m_fault.reset();
        if (m_upstreamClosed) {
            closeClient();
        } else if (statusOf(response) == 101) {
            m_state = State::Pipe;
            m_upstream->write(std::exchange(m_fromClient, {}));
            m_client->write(std::exchange(m_fromUpstream, {}));
        } else {
            m_state = State::Request;
            nextRequest();
        }
    }

    void fired()
    {
        ++q->d->fired;
        Q_EMIT q->faultFired(m_fault->fault, QString::fromLatin1(m_target));
    }

    // Graceful: what is already written still reaches the client.
    void closeClient()
    {
        m_state = State::Closed;
        m_upstream->abort();
        if (m_client->state() == QAbstractSocket::UnconnectedState)
            deleteLater();
        else
            m_client->disconnectFromHost(); // clientGone() follows
    }

    void clientGone()
    {
        m_state = State::Closed;
        m_upstream->abort();
        deleteLater();
    }

    void upstreamGone()
    {
        if (m_upstreamClosed)
            return;
        m_upstreamClosed = true;
        if (m_state == State::Response) {
            m_fromUpstream += m_upstream->readAll();
            const qsizetype length = responseLength(m_fromUpstream, m_method);
            if (!m_fromUpstream.isEmpty())
                respond(length < 0 ? m_fromUpstream.size() : length); // ends with the connection
            else
                closeClient();
        } else if (m_state != State::Holding && m_state != State::Hanging
            && m_state != State::Closed) {
            closeClient();
        }
    }

    FaultProxy *q;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    State m_state = State::Request;
    bool m_upstreamClosed = false;
    QByteArray m_fromClient;
    QByteArray m_fromUpstream;
    QByteArray m_method;
    QByteArray m_target;
    std::optional<Armed> m_fault; // the current request's
};

FaultProxy::FaultProxy(QString upstreamHost, quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->host = std::move(upstreamHost);
    d->port = upstreamPort;
    connect(&d->server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *client = d->server.nextPendingConnection())
            new Connection(this, client);
    });
}

FaultProxy::~FaultProxy()
{
    // Before d goes: connections unregister themselves from it.
    const QSet<Connection *> open = d->connections;
    qDeleteAll(open);
}

bool FaultProxy::start()
{
    if (!d->server.listen(QHostAddress::LocalHost, 0))
        return false;
    d->listenPort = d->server.serverPort();
    return true;
}

quint16 FaultProxy::port() const
{
    return d->listenPort;
}

QString FaultProxy::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(port());
}

void FaultProxy::arm(Fault fault, int count, qint64 bytes, int delayMs, const QString &pathPrefix)
{
    if (count > 0)
        d->armed.append({ fault, count, bytes, delayMs, pathPrefix.toUtf8() });
}

void FaultProxy::setOffline(bool offline)
{
    if (offline == d->offline)
        return;
    d->offline = offline;
    if (offline) {
        d->server.close(); // new connections are refused
        const QSet<Connection *> open = d->connections;
        for (Connection *connection : open)
            connection->cut();
    } else if (d->listenPort != 0 && !d->server.listen(QHostAddress::LocalHost, d->listenPort)) {
        qWarning() << "FaultProxy: cannot listen again on port" << d->listenPort << ":"
                   << d->server.errorString();
    }
}

bool FaultProxy::isOffline() const
{
    return d->offline;
}

void FaultProxy::heal()
{
    d->armed.clear();
    setOffline(false);
}

int FaultProxy::forwardedCount() const
{
    return d->forwarded;
}

int FaultProxy::answeredCount() const
{
    return d->answered;
}

int FaultProxy::firedCount() const
{
    return d->fired;
}

} // namespace Tessera::Test
