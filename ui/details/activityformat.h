// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace Tessera::Ui {

class DetailsLookup;

/// Turns activity entries (one changed field each, as the server records
/// them) into sentences that follow the actor's name: "changed Status from
/// New to Open", "edited the description". Ids become names; a field this
/// build does not know is named by its wire name.
class ActivityFormat
{
    Q_DECLARE_TR_FUNCTIONS(ActivityFormat)

public:
    explicit ActivityFormat(const DetailsLookup &lookup);

    /// One sentence per change the entry holds (a custom-field or follower
    /// entry can hold several).
    QStringList describe(const ActivityEntry &entry) const;

    /// A ticket field's value in words (a name for an id, a date in the
    /// locale's form); "" for an empty value.
    QString value(const QString &key, const QJsonValue &value) const;

    /// "3 hours ago", "yesterday", or the date for older times.
    static QString relativeTime(const QDateTime &at, const QDateTime &now);
    /// The date and time in the locale's long form, in local time.
    static QString absoluteTime(const QDateTime &at);

    /// A link in words from its holder's side: "Blocks #12", "Duplicate of #7".
    static QString outgoingLink(LinkType type, qint64 number);
    /// The same link seen from the ticket it points to: "Blocked by #40".
    static QString incomingLink(LinkType type, qint64 number);

private:
    QString fieldLabel(const QString &key) const;
    QString customValue(const CustomFieldDef *def, const QJsonValue &value) const;
    QString ticketReference(const QJsonValue &id) const;
    QString change(const QString &label, const QString &from, const QString &to) const;
    QStringList customFieldChanges(const QJsonObject &before, const QJsonObject &after) const;
    QStringList followerChanges(const QJsonArray &before, const QJsonArray &after) const;
    QStringList linkChanges(const QJsonArray &before, const QJsonArray &after) const;

    const DetailsLookup &m_lookup;
};

} // namespace Tessera::Ui
