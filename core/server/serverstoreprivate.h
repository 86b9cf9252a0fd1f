// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// ServerStore's internals, shared by the files that implement it
// (serverstore.cpp, sla.cpp, automations.cpp).

#include "automations.h"
#include "query/viewspec.h"
#include "serverstore.h"
#include "sla/slaclock.h"
#include "store/database.h"

#include <QSet>

#include <optional>

namespace Tessera::Server {

struct ServerStore::Private
{
    QString url;
    std::unique_ptr<Sql::Database> db;
    // Tickets the change being applied has given a new version already.
    QSet<QString> versioned;

    // Writers take turns. SQLite's BEGIN IMMEDIATE already makes them; on
    // PostgreSQL every write transaction first locks the change counter's
    // row, so a read-merge-write never works from a stale version and change
    // numbers are handed out in commit order (a cursor reader never skips a
    // change that commits late).
    Result<void> serialiseWriters() const;

    Result<qint64> next(const QString &counter);
    Result<qint64> counter(const QString &name) const;
    Result<void> logChange(EntityKind kind, const QString &id, bool deleted);
    Result<void> write(EntityKind kind, const QJsonObject &canonical);

    std::optional<QJsonObject> load(EntityKind kind, const QString &id) const
    {
        auto loaded = db->load(kind, id);
        return loaded ? loaded.value() : std::nullopt;
    }
    // Every row of a kind, oldest first (the data JSON), optionally filtered
    // by a condition over the narrow table `x`.
    Result<QList<QJsonObject>> loadAll(
        EntityKind kind, const QString &where = {}, const QVariantList &binds = {}) const;
    bool ticketVisible(const Session &s, const QJsonObject &ticket) const;
    // The stored workspace settings, or the defaults when none were saved.
    WorkspaceSettings workspaceSettings() const;
    // Customers whose tickets `s` sees in the portal: themselves, and with
    // organization scope everyone of their organization.
    QStringList portalRequesters(const Session &s) const;
    bool canSee(const Session &s, EntityKind kind, const QJsonObject &entity) const;
    QString writeRefusal(const Session &s, const Mutation &m,
        const std::optional<QJsonObject> &current, const QJsonObject &proposed) const;
    Result<QJsonObject> validate(EntityKind kind, const QJsonObject &entity) const;
    // What is wrong with an automation or SLA policy beyond its JSON shape
    // (unknown actions, hours, time zone, conditions); empty when nothing.
    QString ruleProblem(EntityKind kind, const QJsonObject &entity) const;
    // What rules' and policies' conditions are compiled against.
    QueryContext ruleContext(const QDateTime &now) const;
    QJsonObject finish(const Session &s, EntityKind kind, QJsonObject entity,
        const std::optional<QJsonObject> &before, Result<qint64> &number);
    Result<QJsonObject> applyOne(const Session &s, const Mutation &m);
    // What a new message does to its ticket (PRODUCT.md D1–D3): the status
    // it was sent with or the default one, the first response, mail to the
    // requester. A refusal comes back as the mutation's answer.
    Result<std::optional<QJsonObject>> applyReply(
        const Session &s, const Mutation &m, const QJsonObject &message);
    Result<QString> firstStatusOf(const QString &typeId, const QString &category) const;
    // Before a status or ticket type is deleted: its tickets move to the one
    // the mutation's `move_to` names, in the same transaction (a type's
    // statuses go with it). Returns a refusal, or empty when done.
    Result<QString> moveTicketsOff(const Session &s, const Mutation &m, const QJsonObject &current);
    Result<void> queueMail(const QJsonObject &message, const QJsonObject &ticket);
    // One activity entry per changed field; by the session's person, or by
    // `rule` (then without a person).
    Result<void> recordActivity(const Session &s, const QJsonObject &before,
        const QJsonObject &after, const AutomationId &rule = {});
    // Writes a ticket the way every change of one goes: server-owned fields
    // (finish()), the SLA due times, the activity and, when it moved, its
    // children's place in the feed. Returns the stored ticket.
    Result<QJsonObject> saveTicket(const Session &s, const std::optional<QJsonObject> &before,
        QJsonObject after, const AutomationId &rule = {});

    // --- SLA (sla.cpp) ---------------------------------------------------------
    // Whether a ticket in the database matches a ViewSpec filter tree (empty: always).
    Result<bool> matches(
        const QJsonObject &conditions, const QString &ticketId, const QDateTime &now) const;
    // The policy that applies (pinned by apply_sla, else the first enabled
    // one by position whose conditions match) and the due times it gives.
    // `before`: the ticket as stored before this change, for its status history.
    Result<QJsonObject> withSla(
        const QJsonObject &ticket, const std::optional<QJsonObject> &before) const;
    Result<QList<StatusSpan>> statusHistory(
        const QJsonObject &ticket, const std::optional<QJsonObject> &before) const;
    Result<void> pinSla(const QString &ticketId, const QString &policyId);
    // A policy changed: every unresolved ticket's due times are to be recomputed.
    Result<void> markSlaStale();
    // Recomputes up to `limit` of them; returns those whose due times moved.
    Result<QList<TicketId>> refreshStaleSla(int limit);

    // --- automations (automations.cpp) ----------------------------------------------
    // An action naming an entity that does not exist: its message, or empty.
    QString missingReference(const Automation &rule) const;
    // Runs the enabled rules of these triggers once each, in position order,
    // over the ticket as the previous rule left it. Their changes trigger nothing.
    Result<RuleReport> runRules(const Session &s, const QSet<AutomationTrigger> &triggers,
        const QString &ticketId, const RuleOptions &options);
    // Applies one rule's actions to a ticket; false when its conditions do not match.
    Result<bool> runRule(const Session &s, const Automation &rule, const QString &ticketId,
        const RuleOptions &options, RuleReport &report);
    Result<std::optional<QString>> roundRobin(const QString &departmentId);
    Result<void> addRuleMessage(
        const Automation &rule, const QJsonObject &ticket, const QString &cannedId, bool isPublic);
    Result<std::optional<QString>> organizationProject(const QJsonObject &ticket);
    Result<QList<TicketId>> runTimed(const QDateTime &now);
    // A ticket's time totals from its entries, written into its snapshot
    // (a new version in the feed) when they changed.
    Result<void> recomputeTimeTotals(const QString &ticketId);
    // One running timer per agent: a new one replaces any other.
    Result<void> dropOtherTimers(const QJsonObject &timer);
    Result<void> recomputeAllTimeTotals();
    // A ticket moved (department, assignee): agents who see it now have
    // none of its conversations, messages…, so they go to the feed's end.
    Result<void> relogChildren(const QString &ticketId);
    // An agent's departments or role changed: tickets may have left their
    // scope without changing themselves, so their cursor must resync.
    Result<void> recordScopeChange(const QString &personId);
    Result<qint64> scopeChangedAt(const PersonId &person) const;
};

} // namespace Tessera::Server
