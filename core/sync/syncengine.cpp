// SPDX-License-Identifier: GPL-3.0-or-later
#include "sync/syncengine.h"

#include "logging.h"
#include "net/apiclient.h"
#include "net/backoff.h"
#include "protocol/codecs.h"
#include "protocol/cursorheaders.h"
#include "store/database.h"
#include "store/feedpage.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>
#include <QTimer>
#include <QWebSocket>
#include <QtConcurrentRun>

#include <deque>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Tessera::Sync {

namespace {

// The cursor fields a server repeats in the headers of a page; an error when
// any is missing or unreadable.
Result<Sql::FeedPageHeader> cursorOf(const QHttpHeaders &headers)
{
    using namespace Protocol::CursorHeaders;
    bool nextOk = false;
    bool headOk = false;
    const qint64 next = headers.value(Next).toLongLong(&nextOk);
    const qint64 head = headers.value(Head).toLongLong(&headOk);
    const QByteArrayView more = headers.value(More);
    if (!nextOk || !headOk || (more != "true" && more != "false"))
        return Error::invalid(u"the page's headers carry no cursor"_s);
    return Sql::FeedPageHeader { next, head, more == "true" };
}

} // namespace

namespace {
template<typename T>
Result<void> asVoid(const Result<T> &result)
{
    if (!result)
        return result.error();
    return {};
}
} // namespace

using PreparedPage = Result<Sql::PreparedFeedPage>;

struct SyncEngine::Private
{
    SyncEngine *q;
    Store &store;
    Net::ApiClient &api;
    Options options;

    State state = State::Offline;
    bool started = false;
    bool running = false; // a round is under way
    bool again = false; // something asked for a round while one ran
    bool resyncing = false; // pulling everything after a 410
    QHash<EntityKind, QSet<QString>> seen; // what a resync delivered
    qint64 roundStart = 0; // the cursor a pull began at, for progress
    bool bulk = false; // a first sync into an empty cache: pages stored from their text
    qint64 readStart = 0; // while reading the feed from 0: the head its first page reported

    std::function<void(const char *)> checkpoint;
    void reach(const char *name)
    {
        if (checkpoint)
            checkpoint(name);
    }
    // A pulled page waiting to be stored while the next one is requested.
    struct Page
    {
        qint64 next = 0;
        qint64 head = 0;
        bool more = false;
        QList<ServerChange> changes;
        // A first sync's page, read from its text on the preparing thread.
        QFuture<PreparedPage> prepared;
    };
    quint64 pullGeneration = 0; // answers to pulls of an earlier generation are dropped
    std::deque<Page> pages; // pulled, in feed order, to be stored
    bool pulling = false; // a pull is under way
    std::optional<qint64> pullLater; // the next pull, while enough pages wait
    bool drainQueued = false;
    // A first sync's pages are read, checked and turned into rows on a thread
    // of their own, in the temp schema of a scratch database, while this
    // thread stores the page before.
    Sql::Database scratch { u":memory:"_s, u"feed-pages"_s };
    QThreadPool preparing; // after scratch: its thread ends first

    Net::Backoff retry;
    QTimer retryTimer;
    QTimer pollTimer;
    // A first sync's pages are committed in batches; when no page follows
    // soon, what is stored is committed at once.
    QTimer bulkFlush;

    std::unique_ptr<QWebSocket> socket;
    bool streamUp = false;
    Net::Backoff reconnect;
    QTimer reconnectTimer;

    Private(SyncEngine *engine, Store &s, Net::ApiClient &a, Options o)
        : q(engine)
        , store(s)
        , api(a)
        , options(o)
        , retry(o.retryBase, o.retryCap)
        , reconnect(o.retryBase, o.retryCap)
    {
        // Two threads that stay, each with its scratch connection: a page
        // takes longer to prepare than to store.
        preparing.setMaxThreadCount(2);
        preparing.setExpiryTimeout(-1);
    }

    void setState(State next)
    {
        if (state == next)
            return;
        state = next;
        Q_EMIT q->stateChanged(next);
    }

    void requestRound()
    {
        again = true;
        if (!running && started && !retryTimer.isActive())
            QTimer::singleShot(0, q, [this] { runRound(); });
    }

    void runRound()
    {
        if (running || !started)
            return;
        running = true;
        again = false;
        roundStart = store.syncCursor();
        setState(State::Syncing);
        push();
    }

    void finishRound()
    {
        running = false;
        retry.reset();
        setState(State::Online);
        if (again || !store.pendingMutations().isEmpty() || !store.pendingUploads().isEmpty()) {
            requestRound();
            return;
        }
        Q_EMIT q->idle();
    }

    // Nothing was settled: try the whole round again later.
    void fail(const Net::ApiReply &reply, const QString &what)
    {
        running = false;
        dropPulls();
        (void)flushBulk();
        qCInfo(lcSync) << what
                       << "failed:" << (reply.status ? QString::number(reply.status) : QString())
                       << reply.error;
        setState(reply.reachedServer() ? State::Online : State::Offline);
        const auto delay = retry.next();
        retryTimer.start(delay);
    }

    // A failure the engine found itself, with the status the answer had.
    void fail(int status, const QString &error, const QString &what)
    {
        Net::ApiReply reply;
        reply.status = status;
        reply.error = error;
        fail(reply, what);
    }

    // Commits the pages stored so far; a failure is logged, and the batch is
    // gone, so the cursor is back where the last commit left it.
    Result<void> flushBulk()
    {
        bulkFlush.stop();
        auto done = store.flushBulkLoad();
        if (!done)
            qCWarning(lcSync) << "cannot commit the pulled pages:" << done.error().message;
        return done;
    }

    // The token is no longer accepted: the round ends, the agent signs in again.
    bool signedOutBy(const Net::ApiReply &reply)
    {
        if (reply.status != 401)
            return false;
        running = false;
        dropPulls();
        setState(State::Offline);
        Q_EMIT q->signedOut();
        return true;
    }

    void push();
    void onPushed(const QList<Mutation> &batch, const Net::ApiReply &reply);
    void upload();
    void refuseUpload(const Attachment &a, const QJsonObject &error);
    void pull();
    void pull(qint64 since);
    void onPulled(qint64 since, const Net::ApiReply &reply);
    void scheduleDrain()
    {
        if (std::exchange(drainQueued, true))
            return;
        QMetaObject::invokeMethod(
            q, [this] { drain(); }, Qt::QueuedConnection);
    }
    void drain();
    void storePage(const Page &page);
    // Forgets pages asked for or received ahead: the round is over.
    void dropPulls()
    {
        ++pullGeneration;
        pages.clear();
        pulling = false;
        pullLater.reset();
    }

    void openStream();
    void onStreamMessage(const QString &text);
    void updatePolling()
    {
        pollTimer.start(streamUp ? options.pollWhileStreaming : options.pollWithoutStream);
    }
};

void SyncEngine::Private::push()
{
    const QList<PendingMutation> pending = store.pendingMutations();
    if (pending.isEmpty()) {
        upload(); // after the mutations: the ticket of a file may be new
        return;
    }
    QList<Mutation> batch;
    QJsonArray items;
    for (const PendingMutation &p : pending) {
        if (batch.size() >= options.pushBatch)
            break;
        batch.append(p.mutation);
        items.append(Protocol::toJson(p.mutation));
    }
    api.pushMutations(items, [this, batch](const Net::ApiReply &reply) { onPushed(batch, reply); });
    reach("push-sent");
}

void SyncEngine::Private::onPushed(const QList<Mutation> &batch, const Net::ApiReply &reply)
{
    if (!started)
        return;
    if (signedOutBy(reply))
        return;
    const bool answered = reply.json.value(u"results"_s).isArray();
    if (reply.reachedServer())
        reach("push-answered");
    // Only a refusal of the whole batch (400, 413, 422) settles it without
    // per-mutation results; anything else unanswered is tried again.
    const bool batchRefused = reply.status == 400 || reply.status == 413 || reply.status == 422;
    if (reply.isTransient() || (!answered && !batchRefused)) {
        for (const Mutation &m : batch)
            store.recordAttempt(m.id, reply.error);
        fail(reply, u"push"_s);
        return;
    }

    QHash<QString, Mutation> byId;
    for (const Mutation &m : batch)
        byId.insert(m.id.toString(), m);
    QList<ServerChange> changes;
    Settlement settlement;
    if (!answered) {
        // The batch as a whole is unacceptable (malformed, too large): it can
        // never succeed, so its mutations become refusals the agent sees.
        const QJsonObject error = reply.json.value(u"error"_s).toObject();
        for (const Mutation &m : batch) {
            settlement.settled.append(m.id);
            settlement.conflicts.append({ 0, m, u"rejected"_s, {}, error, {} });
            changes.append({ m.entity, m.targetId, {}, true });
        }
    }
    for (const QJsonValue &value : reply.json.value(u"results"_s).toArray()) {
        const QJsonObject result = value.toObject();
        const auto found = byId.constFind(result.value(u"mutation_id"_s).toString());
        if (found == byId.cend())
            continue;
        const Mutation &m = *found;
        const QString status = result.value(u"status"_s).toString();
        settlement.settled.append(m.id);
        if (result.value(u"snapshot"_s).isObject())
            changes.append({ m.entity, m.targetId, result.value(u"snapshot"_s).toObject(), false });
        else if (status != u"applied"_s || m.op == MutationOp::Delete)
            changes.append({ m.entity, m.targetId, {}, true });
        if (status == u"conflict"_s)
            settlement.conflicts.append(
                { 0, m, status, result.value(u"conflicts"_s).toArray(), {}, {} });
        else if (status == u"rejected"_s)
            settlement.conflicts.append(
                { 0, m, status, {}, result.value(u"error"_s).toObject(), {} });
    }
    if (auto done = store.applyServerChanges(changes, std::nullopt, settlement); !done) {
        qCWarning(lcSync) << "cannot store the push's answers:" << done.error().message;
        fail(reply.status, done.error().message, u"storing pushed results"_s);
        return;
    }
    if (!settlement.conflicts.isEmpty())
        Q_EMIT q->conflictsArrived(int(settlement.conflicts.size()));
    if (settlement.settled.isEmpty()) {
        // An answer that settles nothing must not loop: retry later.
        fail(reply, u"push (no result matched)"_s);
        return;
    }
    push(); // the next batch, then the pull
}

void SyncEngine::Private::upload()
{
    const QList<Attachment> queued = store.pendingUploads();
    if (queued.isEmpty()) {
        pull();
        return;
    }
    const Attachment a = queued.first();
    QFile file(store.contentPath(a.contentHash));
    if (!file.open(QIODevice::ReadOnly)) {
        // The content is gone from the disk: nothing can ever be sent.
        refuseUpload(a,
            { { u"code"_s, u"missing"_s },
                { u"message"_s,
                    QString(u"the file's content is missing: "_s + file.errorString()) } });
        upload();
        return;
    }
    api.uploadAttachment(a.id, a.ticketId, a.fileName, a.mimeType, file.readAll(),
        [this, a](const Net::ApiReply &reply) {
            if (!started)
                return;
            if (signedOutBy(reply))
                return;
            if (reply.isTransient()) {
                fail(reply, u"upload"_s);
                return;
            }
            if (reply.isOk()) {
                if (auto done = store.settleUpload(a.id, reply.json); !done) {
                    fail(reply.status, done.error().message, u"storing an upload"_s);
                    return;
                }
            } else {
                refuseUpload(a, reply.json.value(u"error"_s).toObject());
                Q_EMIT q->conflictsArrived(1);
            }
            upload();
        });
}

void SyncEngine::Private::refuseUpload(const Attachment &a, const QJsonObject &error)
{
    // Kept as a refused append, so the agent sees what did not arrive.
    Mutation m = Mutation::creating(EntityKind::Attachment, a);
    if (auto done = store.settleUpload(
            a.id, std::nullopt, SyncConflict { 0, m, u"rejected"_s, {}, error, {} });
        !done)
        qCWarning(lcSync) << "cannot record a refused upload:" << done.error().message;
}

void SyncEngine::Private::pull()
{
    const qint64 since = store.syncCursor();
    if (since == 0) {
        // A first sync: the indexes are built once when it is complete.
        bulk = false;
        if (auto suspended = store.beginBulkLoad(); !suspended) {
            qCWarning(lcSync) << "first sync without bulk loading:" << suspended.error().message;
        } else if (suspended.value()) {
            qCInfo(lcSync) << "first sync into an empty cache: indexes built at the end";
            // A resync keeps track of what it saw, entity by entity.
            bulk = !resyncing;
        }
    }
    pull(since);
}

void SyncEngine::Private::pull(qint64 since)
{
    // Pages are stored in order, so no more than a few wait.
    if (pages.size() >= 3) {
        pullLater = since;
        return;
    }
    pulling = true;
    api.changes(
        since, options.pullPage,
        [this, since, generation = pullGeneration](const Net::ApiReply &reply) {
            if (generation == pullGeneration)
                onPulled(since, reply);
        },
        bulk ? Net::ApiClient::Body::Text : Net::ApiClient::Body::Json, since > 0 ? readStart : 0);
}

void SyncEngine::Private::onPulled(qint64 since, const Net::ApiReply &reply)
{
    if (!started)
        return;
    pulling = false;
    if (signedOutBy(reply))
        return;
    if (reply.status == 410) {
        // The server forgot our position: pull everything again, keep the
        // outbox, and drop afterwards what the server no longer delivers.
        qCInfo(lcSync) << "cursor" << since << "is gone; resyncing";
        dropPulls();
        resyncing = true;
        bulk = false; // a resync reads its pages entity by entity, to know what it saw
        seen.clear();
        roundStart = 0;
        if (auto done = store.resetSyncCursor(); !done) {
            fail(410, done.error().message, u"resync"_s);
            return;
        }
        pull();
        return;
    }
    if (!reply.isOk()) {
        fail(reply, u"pull"_s);
        return;
    }
    reach("pull-answered");
    Page page;
    QList<ServerChange> &changes = page.changes;
    if (bulk) {
        // A first sync's page is stored from its text; only its cursor is
        // read here: from the response's headers, or else from the text.
        auto header = cursorOf(reply.headers);
        if (!header)
            header = store.readFeedPageHeader(reply.body);
        if (!header) {
            fail(reply.status, header.error().message, u"pull"_s);
            return;
        }
        page.prepared = QtConcurrent::run(
            &preparing, [this, text = reply.body] { return Sql::prepareFeedPage(scratch, text); });
        page.prepared.then(q, [this, generation = pullGeneration](const PreparedPage &) {
            if (generation == pullGeneration)
                scheduleDrain();
        });
        page.next = header->next > 0 ? header->next : since;
        page.head = header->head > 0 ? header->head : page.next;
        page.more = header->more && page.next > since;
    }
    for (const QJsonValue &value : reply.json.value(u"changes"_s).toArray()) {
        const auto kind = fromWireName<EntityKind>(value[u"entity"_s].toString());
        const EntityId id = EntityId::fromString(value[u"id"_s].toString());
        if (!kind || !id.isValid())
            continue;
        const bool evicted = !value[u"snapshot"_s].isObject();
        changes.append({ *kind, id, value[u"snapshot"_s].toObject(), evicted });
        if (resyncing && !evicted)
            seen[*kind].insert(id.toString());
    }
    if (!bulk) {
        page.next = reply.json.value(u"next"_s).toInteger(since);
        page.head = reply.json.value(u"head"_s).toInteger(page.next);
        page.more = reply.json.value(u"more"_s).toBool() && page.next > since;
    }
    // A read from 0 tells the server where it began, so that its later pages
    // are not sent back to 0 for what happened before.
    if (since == 0)
        readStart = page.head;
    // More to come: the next page is asked for before this one is stored, so
    // the server reads it while the cache writes this one and a long pull
    // takes the longer of the two instead of their sum. The request starts
    // from the event loop, hence storing from there too, right after it.
    if (page.more)
        pull(page.next);
    else
        readStart = 0;
    pages.push_back(std::move(page));
    scheduleDrain();
}

void SyncEngine::Private::drain()
{
    drainQueued = false;
    if (pages.empty() || !started)
        return;
    const Page &front = pages.front();
    // The future's continuation comes back here.
    if (front.prepared.isValid() && !front.prepared.isFinished())
        return;
    // A first sync's page is stored once the next one has come and is being
    // prepared, so that preparing it overlaps with storing this one.
    if (front.prepared.isValid() && front.more && pages.size() == 1 && pulling)
        return;
    Page page = std::move(pages.front());
    pages.pop_front();
    if (pullLater && pages.size() < 3)
        pull(*std::exchange(pullLater, std::nullopt));
    storePage(page);
    if (!pages.empty())
        scheduleDrain();
}

void SyncEngine::Private::storePage(const Page &page)
{
    // The page says how it is stored: a resync may have begun since it came.
    Result<void> done;
    if (!page.prepared.isValid()) {
        done = store.applyServerChanges(page.changes, page.next);
    } else if (const PreparedPage prepared = page.prepared.result(); !prepared) {
        done = prepared.error();
    } else {
        done = asVoid(store.applyFeedPage(prepared.value(), page.next));
    }
    if (!done) {
        qCWarning(lcSync) << "cannot store pulled changes:" << done.error().message;
        fail(200, done.error().message, u"storing pulled changes"_s);
        return;
    }
    reach("pull-stored");
    // A page already here follows at once, unless its preparation lags.
    if (page.prepared.isValid())
        bulkFlush.start(pages.empty() ? 20ms : 100ms);
    Q_EMIT q->progress(
        page.next - roundStart, std::max<qint64>(page.head - roundStart, page.next - roundStart));
    if (page.more)
        return;
    // The feed is read to its end: a first sync's indexes are built now
    // (nothing to do otherwise).
    bulk = false;
    if (auto done = store.finishBulkLoad(); !done) {
        fail(200, done.error().message, u"building the cache's indexes"_s);
        return;
    }
    if (resyncing) {
        resyncing = false;
        if (auto done = store.retainOnly(seen); !done)
            qCWarning(lcSync) << "cannot drop what the resync did not deliver:"
                              << done.error().message;
        seen.clear();
    }
    finishRound();
}

void SyncEngine::Private::openStream()
{
    if (!options.useStream || !started)
        return;
    socket = std::make_unique<QWebSocket>();
    QWebSocket *s = socket.get();
    QObject::connect(s, &QWebSocket::connected, q, [this] {
        streamUp = true;
        reconnect.reset();
        updatePolling();
        requestRound(); // anything missed while the stream was down
    });
    QObject::connect(s, &QWebSocket::textMessageReceived, q,
        [this](const QString &text) { onStreamMessage(text); });
    QObject::connect(s, &QWebSocket::disconnected, q, [this] {
        streamUp = false;
        updatePolling();
        if (started)
            reconnectTimer.start(reconnect.next());
    });
    s->open(api.streamUrl());
}

void SyncEngine::Private::onStreamMessage(const QString &text)
{
    const QJsonObject json = QJsonDocument::fromJson(text.toUtf8()).object();
    if (json.contains(u"cursor"_s)) {
        if (json.value(u"cursor"_s).toInteger() > store.syncCursor())
            requestRound();
        return;
    }
    if (json.value(u"type"_s).toString() == u"presence"_s) {
        Q_EMIT q->presenceChanged(TicketId::fromString(json.value(u"ticket_id"_s).toString()),
            PersonId::fromString(json.value(u"person_id"_s).toString()),
            json.value(u"name"_s).toString(), json.value(u"state"_s).toString());
    }
}

SyncEngine::SyncEngine(Store &store, Net::ApiClient &api, Options options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, store, api, options))
{
    d->retryTimer.setSingleShot(true);
    connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->requestRound(); });
    d->bulkFlush.setSingleShot(true);
    connect(&d->bulkFlush, &QTimer::timeout, this, [this] {
        if (auto done = d->flushBulk(); !done)
            d->fail(200, done.error().message, u"storing pulled changes"_s);
    });
    d->reconnectTimer.setSingleShot(true);
    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] { d->openStream(); });
    connect(&d->pollTimer, &QTimer::timeout, this, [this] { d->requestRound(); });
    // Local edits go out as soon as they are queued.
    connect(&store, &Store::outboxChanged, this, [this] { d->requestRound(); });
}

SyncEngine::SyncEngine(Store &store, Net::ApiClient &api, QObject *parent)
    : SyncEngine(store, api, Options(), parent)
{ }

SyncEngine::~SyncEngine()
{
    stop();
}

void SyncEngine::start()
{
    if (d->started)
        return;
    d->started = true;
    d->updatePolling();
    d->openStream();
    d->requestRound();
}

void SyncEngine::stop()
{
    d->started = false;
    d->running = false;
    d->dropPulls();
    (void)d->flushBulk();
    d->retryTimer.stop();
    d->pollTimer.stop();
    d->reconnectTimer.stop();
    if (d->socket) {
        d->socket->disconnect(this);
        d->socket->abort();
        d->socket.reset();
    }
    d->streamUp = false;
    d->setState(State::Offline);
}

void SyncEngine::syncNow()
{
    d->retryTimer.stop();
    d->requestRound();
}

SyncEngine::State SyncEngine::state() const
{
    return d->state;
}

bool SyncEngine::isIdle() const
{
    return !d->running && !d->again && !d->retryTimer.isActive()
        && d->store.pendingMutations().isEmpty() && d->store.pendingUploads().isEmpty();
}

Result<void> SyncEngine::keepServerValue(qint64 conflictId)
{
    return d->store.removeConflict(conflictId);
}

Result<void> SyncEngine::reapplyMine(qint64 conflictId)
{
    const QList<SyncConflict> all = d->store.conflicts();
    const auto it = std::find_if(
        all.cbegin(), all.cend(), [&](const SyncConflict &c) { return c.id == conflictId; });
    if (it == all.cend())
        return Error { Error::Code::NotFound, u"no conflict %1"_s.arg(conflictId) };
    const Mutation &sent = it->mutation;
    const auto current = d->store.entityJson(sent.entity, sent.targetId);
    Mutation again;
    if (!current) {
        // What the agent meant no longer exists on the server: create it anew.
        if (sent.op != MutationOp::Create && sent.op != MutationOp::Append)
            return Error { Error::Code::NotFound,
                u"the %1 no longer exists"_s.arg(toWireName(sent.entity)) };
        again = sent;
        again.id = MutationId::create();
    } else {
        QJsonObject mine;
        if (it->status == u"conflict"_s) {
            for (const QJsonValue &field : it->fields)
                mine.insert(field[u"field"_s].toString(), field[u"mine"_s]);
        } else {
            mine = sent.fields;
            for (const QString &key : { u"id"_s, u"version"_s, u"number"_s })
                mine.remove(key);
        }
        if (mine.isEmpty())
            return Error::invalid(u"nothing of the agent's edit is left to send"_s);
        again = Mutation::updating(sent.entity, sent.targetId, *current, mine, sent.authorId);
    }
    if (auto done = d->store.apply(again); !done)
        return done;
    return d->store.removeConflict(conflictId);
}

void SyncEngine::inviteAgent(const QString &name, const QString &email, const QString &role,
    const QList<DepartmentId> &departments, std::function<void(const Net::ApiReply &)> done)
{
    d->api.inviteAgent(
        name, email, role, departments, [this, done = std::move(done)](const Net::ApiReply &reply) {
            if (reply.isOk())
                syncNow();
            done(reply);
        });
}

void SyncEngine::fetchAttachment(AttachmentId id, std::function<void(Result<QString>)> done)
{
    const auto attachment = d->store.get<Attachment>(id);
    if (!attachment) {
        done(
            Error { Error::Code::NotFound, u"no attachment %1 in the cache"_s.arg(id.toString()) });
        return;
    }
    const QString path = d->store.contentPath(attachment->contentHash);
    if (QFile::exists(path)) {
        done(path);
        return;
    }
    d->api.downloadAttachment(id,
        [this, path, hash = attachment->contentHash, done = std::move(done)](
            const Net::ApiReply &reply) {
            if (!reply.isOk()) {
                done(Error { reply.reachedServer() ? Error::Code::NotFound : Error::Code::Network,
                    reply.error.isEmpty() ? u"the attachment could not be downloaded"_s
                                          : reply.error });
                return;
            }
            const QString actual = QString::fromLatin1(
                QCryptographicHash::hash(reply.body, QCryptographicHash::Sha256).toHex());
            if (actual != hash) {
                done(Error {
                    Error::Code::Network, u"the downloaded file does not match its hash"_s });
                return;
            }
            QDir().mkpath(QFileInfo(path).absolutePath());
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(reply.body) != reply.body.size()
                || !file.commit()) {
                done(Error::storage(u"cannot keep the attachment: "_s + file.errorString()));
                return;
            }
            done(path);
        });
}

void SyncEngine::setCheckpointHook(std::function<void(const char *)> hook)
{
    d->checkpoint = std::move(hook);
}

void SyncEngine::announcePresence(TicketId ticket, const QString &state)
{
    if (!d->socket || !d->streamUp)
        return;
    d->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(
        QJsonObject { { u"type"_s, u"presence"_s }, { u"ticket_id"_s, ticket.toString() },
            { u"state"_s, state } }).toJson(QJsonDocument::Compact)));
}

} // namespace Tessera::Sync
