// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "serverstore.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace Tessera::Test {

// What an agent holds, entity by entity: "kind|id" → canonical JSON. The
// client's cache and the server's view for that agent must be equal once
// the outbox is empty and the last pull is done.
using EntityState = std::map<QString, QByteArray>;

inline EntityState clientState(const Store &store)
{
    EntityState state;
    for (EntityKind kind : allEntityKinds()) {
        for (const QJsonObject &json : store.allJson(kind))
            state[toWireName(kind) + u'|' + json.value(u"id").toString()]
                = QJsonDocument(json).toJson(QJsonDocument::Compact);
    }
    return state;
}

inline EntityState serverState(Server::ServerStore &server, const Server::Session &session)
{
    EntityState state;
    qint64 since = 0;
    for (;;) {
        const auto page = server.changes(session, since, 5000);
        if (!page)
            return {};
        for (const QJsonValue &change : page->changes()) {
            const QString key = change[u"entity"].toString() + u'|' + change[u"id"].toString();
            if (change[u"snapshot"].isObject())
                state[key]
                    = QJsonDocument(change[u"snapshot"].toObject()).toJson(QJsonDocument::Compact);
            else
                state.erase(key);
        }
        if (!page->more)
            return state;
        since = page->next;
    }
}

inline QByteArray stateHash(const EntityState &state)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &[key, json] : state) {
        hash.addData(key.toUtf8());
        hash.addData(json);
    }
    return hash.result().toHex().left(16);
}

/// The keys whose JSON differs, for a readable failure.
inline QStringList stateDifferences(const EntityState &client, const EntityState &server)
{
    QStringList differences;
    for (const auto &[key, json] : client) {
        const auto other = server.find(key);
        if (other == server.end())
            differences.append(QStringLiteral("only in the cache: ") + key);
        else if (other->second != json)
            differences.append(QStringLiteral("differs: ") + key);
    }
    for (const auto &[key, json] : server) {
        if (!client.contains(key))
            differences.append(QStringLiteral("only on the server: ") + key);
    }
    return differences;
}

} // namespace Tessera::Test
