// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "protocol/entityregistry.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>

namespace Tessera::Test {

/// How one crash-matrix run of tessera-crashagent dies. It follows from the
/// seed alone, so the agent (which kills itself at a checkpoint or right
/// after a local commit) and the test (which kills it on a timer) agree.
struct CrashPlan
{
    enum class Strategy { Checkpoint, AfterCommit, ParentTimer };

    Strategy strategy = Strategy::Checkpoint;
    QString checkpoint; // Checkpoint: the SyncEngine checkpoint to die at…
    int occurrence = 1; // …the n-th time it is reached
    int edits = 8; // scripted edits; more follow until the kill comes
    int killAfterEdit = 0; // AfterCommit: die right after this edit's commit
    int delayMs = 0; // ParentTimer: the test kills this long after the start

    static QStringList checkpoints()
    {
        return { QStringLiteral("push-sent"), QStringLiteral("push-answered"),
            QStringLiteral("pull-answered"), QStringLiteral("pull-stored") };
    }

    static CrashPlan forSeed(quint64 seed)
    {
        QRandomGenerator rng(quint32(seed ^ (seed >> 32)));
        CrashPlan plan;
        plan.edits = int(rng.bounded(6, 13));
        // Four checkpoints, a kill after a commit and a timer, equally often.
        const int pick = int(rng.bounded(6));
        if (pick < 4) {
            plan.strategy = Strategy::Checkpoint;
            plan.checkpoint = checkpoints().at(pick);
            plan.occurrence = int(rng.bounded(1, 4));
        } else if (pick == 4) {
            plan.strategy = Strategy::AfterCommit;
            plan.killAfterEdit = int(rng.bounded(plan.edits));
        } else {
            plan.strategy = Strategy::ParentTimer;
            plan.delayMs = int(rng.bounded(30, 700));
        }
        return plan;
    }
};

/// A digest of entity state: SHA-256 over the sorted lines
/// "kind|id|canonical JSON". A cache and the server's view for the same
/// agent hash equal exactly when they hold the same entities, alike.
class StateHash
{
public:
    void add(EntityKind kind, const QJsonObject &entity)
    {
        // Canonical form on both sides, so key order and defaults cannot differ.
        const auto canonical = Protocol::canonicalEntity(kind, entity);
        const QJsonObject &json = canonical ? canonical.value() : entity;
        m_lines.append(toWireName(kind) + u'|' + json.value(u"id").toString() + u'|'
            + QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
        m_sorted = false;
    }

    qsizetype count() const { return m_lines.size(); }

    const QStringList &lines()
    {
        if (!m_sorted) {
            std::sort(m_lines.begin(), m_lines.end());
            m_sorted = true;
        }
        return m_lines;
    }

    QString hex()
    {
        return QString::fromLatin1(
            QCryptographicHash::hash(lines().join(u'\n').toUtf8(), QCryptographicHash::Sha256)
                .toHex());
    }

private:
    QStringList m_lines;
    bool m_sorted = true;
};

} // namespace Tessera::Test
