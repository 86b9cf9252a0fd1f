// SPDX-License-Identifier: GPL-3.0-or-later
// SLA policies on the server (PRODUCT.md F4): which policy applies to a
// ticket and the due times it gives, recomputed with every change of the
// ticket in the same transaction.
#include "protocol/codecs.h"
#include "query/viewcompiler.h"
#include "query/viewqueries.h"
#include "serverlogging.h"
#include "serverstoreprivate.h"
#include "store/tables.h"
#include "store/validation.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

QueryContext ServerStore::Private::ruleContext(const QDateTime &now) const
{
    QueryContext context;
    context.now = now;
    context.timeZone = QTimeZone::UTC;
    context.dialect = db->dialect();
    if (auto definitions = Sql::customFieldDefinitions(*db))
        context.customFields = definitions.value();
    return context;
}

Result<bool> ServerStore::Private::matches(
    const QJsonObject &conditions, const QString &ticketId, const QDateTime &now) const
{
    if (conditions.isEmpty())
        return true;
    auto spec = ViewSpec::fromJson(QJsonObject { { u"filter"_s, conditions } });
    auto compiled
        = spec ? compileView(spec.value(), ruleContext(now)) : Result<CompiledView>(spec.error());
    if (!compiled) {
        // Checked when written; a custom field removed since makes it match nothing.
        qCWarning(lcServer) << "conditions do not compile:" << compiled.error().message;
        return false;
    }
    const ViewQueries queries([this] { return db->connection(); });
    auto rows = queries.rowsOf(compiled.value(), { TicketId::fromString(ticketId) });
    if (!rows)
        return rows.error();
    return !rows->isEmpty();
}

Result<QList<StatusSpan>> ServerStore::Private::statusHistory(
    const QJsonObject &ticket, const std::optional<QJsonObject> &before) const
{
    QHash<QString, StatusCategory> categories;
    const auto categoryOf = [&](const QString &statusId) {
        if (!categories.contains(statusId)) {
            const auto status = load(EntityKind::Status, statusId);
            categories.insert(statusId,
                fromWireName<StatusCategory>(
                    status ? status->value(u"category"_s).toString() : QString())
                    .value_or(StatusCategory::Open));
        }
        return categories.value(statusId);
    };
    auto changes
        = loadAll(EntityKind::Activity, u"x.ticket_id = ?"_s, { ticket.value(u"id"_s).toString() });
    if (!changes)
        return changes.error();
    QList<std::pair<QDateTime, QString>> moves;
    for (const QJsonObject &change : std::as_const(changes.value())) {
        if (change.value(u"field"_s).toString() == u"status_id"_s)
            moves.append({ QDateTime::fromString(change.value(u"at"_s).toString(), Qt::ISODate),
                change.value(u"new_value"_s).toString() });
    }
    // The status being set now has no activity entry yet.
    if (before && before->value(u"status_id"_s) != ticket.value(u"status_id"_s))
        moves.append({ QDateTime::currentDateTimeUtc(), ticket.value(u"status_id"_s).toString() });
    std::stable_sort(
        moves.begin(), moves.end(), [](const auto &a, const auto &b) { return a.first < b.first; });

    // The status it was created in: what its first status change left, or
    // what it had before this one.
    QString initial = before ? before->value(u"status_id"_s).toString()
                             : ticket.value(u"status_id"_s).toString();
    for (const QJsonObject &change : std::as_const(changes.value())) {
        if (change.value(u"field"_s).toString() == u"status_id"_s) {
            initial = change.value(u"old_value"_s).toString();
            break;
        }
    }
    QList<StatusSpan> spans { { QDateTime::fromString(
                                    ticket.value(u"created_at"_s).toString(), Qt::ISODate),
        categoryOf(initial) } };
    for (const auto &[at, status] : std::as_const(moves))
        spans.append({ at, categoryOf(status) });
    return spans;
}

Result<QJsonObject> ServerStore::Private::withSla(
    const QJsonObject &ticket, const std::optional<QJsonObject> &before) const
{
    const QString ticketId = ticket.value(u"id"_s).toString();
    QSqlQuery &pin = db->prepared(u"SELECT sla_policy_id FROM sla_pins WHERE ticket_id = ?"_s);
    Sql::Database::bind(pin, { ticketId });
    if (auto done = db->exec(pin); !done)
        return done.error();
    const QString pinned = pin.next() ? pin.value(0).toString() : QString();
    pin.finish();

    auto stored = loadAll(EntityKind::SlaPolicy);
    if (!stored)
        return stored.error();
    QList<SlaPolicy> policies;
    for (const QJsonObject &json : std::as_const(stored.value())) {
        if (auto policy = Protocol::fromJson<SlaPolicy>(json); policy && policy->enabled)
            policies.append(policy.value());
    }
    std::stable_sort(policies.begin(), policies.end(),
        [](const SlaPolicy &a, const SlaPolicy &b) { return a.position < b.position; });

    std::optional<SlaPolicy> chosen;
    for (const SlaPolicy &policy : std::as_const(policies)) {
        if (policy.id.toString() == pinned) {
            chosen = policy;
            break;
        }
    }
    for (qsizetype i = 0; !chosen && i < policies.size(); ++i) {
        auto match = matches(policies.at(i).conditions, ticketId, QDateTime::currentDateTimeUtc());
        if (!match)
            return match.error();
        if (match.value())
            chosen = policies.at(i);
    }

    QJsonObject result = ticket;
    SlaDeadlines deadlines;
    if (chosen) {
        if (auto clock = SlaClock::fromPolicy(*chosen)) {
            auto history = statusHistory(ticket, before);
            if (!history)
                return history.error();
            const Priority priority = fromWireName<Priority>(ticket.value(u"priority"_s).toString())
                                          .value_or(Priority::Normal);
            deadlines = clock->deadlines(
                QDateTime::fromString(ticket.value(u"created_at"_s).toString(), Qt::ISODate),
                priority, history.value());
        }
    }
    result.insert(u"sla_policy_id"_s, chosen ? QJsonValue(chosen->id.toString()) : QJsonValue());
    result.insert(u"first_response_due"_s, Protocol::dateTimeToJson(deadlines.firstResponseDue));
    result.insert(u"resolution_due"_s, Protocol::dateTimeToJson(deadlines.resolutionDue));
    return result;
}

Result<void> ServerStore::Private::pinSla(const QString &ticketId, const QString &policyId)
{
    QSqlQuery &q = db->prepared(u"INSERT INTO sla_pins(ticket_id, sla_policy_id) VALUES (?, ?)"
                                u" ON CONFLICT(ticket_id) DO UPDATE SET"
                                u" sla_policy_id = excluded.sla_policy_id"_s);
    Sql::Database::bind(q, { ticketId, policyId });
    return db->exec(q);
}

Result<void> ServerStore::Private::markSlaStale()
{
    QSqlQuery &q = db->prepared(
        u"INSERT INTO sla_stale(ticket_id) SELECT id FROM tickets"
        u" WHERE status_category IS NULL OR status_category NOT IN ('solved', 'closed')"
        u" ON CONFLICT(ticket_id) DO NOTHING"_s);
    return db->exec(q);
}

Result<QList<TicketId>> ServerStore::Private::refreshStaleSla(int limit)
{
    QSqlQuery &q = db->prepared(u"SELECT ticket_id FROM sla_stale ORDER BY ticket_id LIMIT ?"_s);
    Sql::Database::bind(q, { limit });
    if (auto done = db->exec(q); !done)
        return done.error();
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    QList<TicketId> moved;
    for (const QString &id : std::as_const(ids)) {
        QSqlQuery &drop = db->prepared(u"DELETE FROM sla_stale WHERE ticket_id = ?"_s);
        Sql::Database::bind(drop, { id });
        if (auto done = db->exec(drop); !done)
            return done.error();
        const auto ticket = load(EntityKind::Ticket, id);
        if (!ticket)
            continue;
        auto settled = withSla(*ticket, std::nullopt);
        if (!settled)
            return settled.error();
        if (settled.value() == *ticket)
            continue;
        // Derived fields only: a new version for the feed, not an edit (no
        // activity, updated_at kept).
        QJsonObject after = settled.value();
        after.insert(u"version"_s, ticket->value(u"version"_s).toInteger() + 1);
        if (auto done = write(EntityKind::Ticket, after); !done)
            return done.error();
        moved.append(TicketId::fromString(id));
    }
    return moved;
}

} // namespace Tessera::Server
