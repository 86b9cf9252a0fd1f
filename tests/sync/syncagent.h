// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/apiclient.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace Tessera::Test {

/// One agent's desktop for sync tests: a cache, an API client whose network
/// can be cut (`offline`), and a sync engine, signed in to a server.
struct SyncAgent
{
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    QNetworkAccessManager network;
    std::unique_ptr<Net::ApiClient> api;
    std::unique_ptr<Sync::SyncEngine> engine;
    bool offline = false;
    QList<std::pair<qint64, qint64>> progress; // (done, total) as the engine reported it
    Sync::SyncEngine::Options options = quickRetries();

    static Sync::SyncEngine::Options quickRetries()
    {
        Sync::SyncEngine::Options o;
        o.retryBase = std::chrono::milliseconds(20);
        o.retryCap = std::chrono::milliseconds(200);
        return o;
    }
    QJsonObject user;

    /// Fault hooks for the sweeps: return true to fail that request or statement.
    std::function<bool(const QString &path)> httpFault;
    /// Set before signing in: the engine calls it at each of its checkpoints.
    std::function<void(const char *checkpoint)> checkpointHook;

    bool signIn(const QString &baseUrl, const QString &email, const QString &password)
    {
        if (!prepare(baseUrl))
            return false;
        std::optional<Net::ApiReply> answer;
        api->login(email, password, [&](const Net::ApiReply &reply) { answer = reply; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15'000) || !answer->isOk())
            return false;
        user = answer->json.value(QStringLiteral("user")).toObject();
        return startEngine();
    }

    /// Signs in with a token another agent object obtained (no password hashing).
    bool signIn(const QString &baseUrl, const QByteArray &token, const QJsonObject &who)
    {
        if (!prepare(baseUrl))
            return false;
        api->setToken(token);
        user = who;
        return startEngine();
    }

    bool prepare(const QString &baseUrl)
    {
        store = std::make_unique<Store>(dir.filePath(QStringLiteral("cache.sqlite")));
        if (!store->open())
            return false;
        api = std::make_unique<Net::ApiClient>(&network, QUrl(baseUrl));
        api->setTimeout(std::chrono::milliseconds(1500));
        api->setFaultInjector(
            [this](const QString &path) { return offline || (httpFault && httpFault(path)); });
        return true;
    }

    bool startEngine()
    {
        engine = std::make_unique<Sync::SyncEngine>(*store, *api, options);
        if (checkpointHook)
            engine->setCheckpointHook(checkpointHook);
        QObject::connect(engine.get(), &Sync::SyncEngine::progress, engine.get(),
            [this](qint64 done, qint64 total) {
                progress.append({ done, total });
            });
        engine->start();
        return settle();
    }

    /// Waits until everything known has been exchanged with the server.
    bool settle(int timeoutMs = 30'000)
    {
        return QTest::qWaitFor(
            [&] { return engine->isIdle() && engine->state() == Sync::SyncEngine::State::Online; },
            timeoutMs);
    }

    Result<void> edit(EntityKind kind, const QString &id, const QJsonObject &changes)
    {
        const EntityId target = EntityId::fromString(id);
        const auto current = store->entityJson(kind, target);
        if (!current)
            return Error { Error::Code::NotFound, QStringLiteral("not in the cache") };
        return store->apply(Mutation::updating(kind, target, *current, changes));
    }
};

} // namespace Tessera::Test
