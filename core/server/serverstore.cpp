// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverstore.h"

#include "automations.h"
#include "demo/demodata.h"
#include "domain/automationrules.h"
#include "passwords.h"
#include "protocol/entityregistry.h"
#include "protocol/merge.h"
#include "query/viewcompiler.h"
#include "query/viewqueries.h"
#include "serverlogging.h"
#include "serverstoreprivate.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/tables.h"
#include "store/transaction.h"
#include "store/validation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

constexpr int SessionDays = 30;
constexpr int FailureWindowSeconds = 15 * 60;
constexpr int MaxFailuresPerEmail = 5;
constexpr int MaxFailuresPerAddress = 50; // an office behind one NAT shares an address
constexpr int TimeTotalsStep = 4; // index in serverLadder()

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// A change's data_seq: the seq of the row holding its entity's snapshot.
QString dataSeqOf(EntityKind kind, const QString &id)
{
    return u"(SELECT seq FROM %1 WHERE id = %2)"_s.arg(Sql::tableFor(kind).dataTable(), id);
}

// Changes whose data_seq leads elsewhere than to their entity's row: the
// feed would show the entity as gone.
QString misplacedChanges()
{
    QStringList counts;
    for (const EntityKind kind : allEntityKinds())
        counts.append(u"(SELECT COUNT(*) FROM change_log c JOIN %1 x ON x.id = c.entity_id"
                      u" WHERE c.entity = '%2' AND c.data_seq <> x.seq)"_s.arg(
                          Sql::tableFor(kind).dataTable(), toWireName(kind)));
    return u"SELECT "_s + counts.join(u" + "_s);
}

QStringList dataSeqStep()
{
    QStringList statements { u"ALTER TABLE change_log ADD COLUMN data_seq INTEGER"_s };
    for (const EntityKind kind : allEntityKinds())
        statements.append(
            u"UPDATE change_log SET data_seq = %1 WHERE entity = '%2' AND deleted = 0"_s.arg(
                dataSeqOf(kind, u"change_log.entity_id"_s), toWireName(kind)));
    return statements;
}

// Server-only tables, versioned apart from the shared entity schema.
const QList<QStringList> &serverLadder()
{
    static const QList<QStringList> steps {
        // 1: logins, sessions, the change feed and mutation replies.
        {
            u"CREATE TABLE credentials(person_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
            u" password_hash TEXT NOT NULL)"_s,
            u"CREATE TABLE tokens(token_hash TEXT PRIMARY KEY, person_id TEXT NOT NULL,"
            u" created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)"_s,
            u"CREATE TABLE login_failures(key TEXT NOT NULL, at INTEGER NOT NULL)"_s,
            u"CREATE INDEX login_failures_key ON login_failures(key, at)"_s,
            // One row per entity: its latest change. Readers follow seq.
            u"CREATE TABLE change_log(seq INTEGER PRIMARY KEY, entity TEXT NOT NULL,"
            u" entity_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, at INTEGER NOT NULL)"_s,
            u"CREATE UNIQUE INDEX change_log_entity ON change_log(entity, entity_id)"_s,
            // Counters are rows, so taking the next value locks it inside the
            // writing transaction: sequence numbers are handed out in commit
            // order and a reader at cursor N never skips a late commit.
            u"CREATE TABLE counters(name TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
            u"INSERT INTO counters(name, value) VALUES ('change', 0), ('ticket_number', 1000), ('floor', 0)"_s,
            u"CREATE TABLE mutation_results(mutation_id TEXT PRIMARY KEY, person_id TEXT,"
            u" result TEXT NOT NULL, at INTEGER NOT NULL)"_s,
        },
        // 2: when an agent's access last changed, so their cursor resyncs.
        {
            u"CREATE TABLE scope_changes(person_id TEXT PRIMARY KEY, seq INTEGER NOT NULL)"_s,
        },
        // 3: where each change's snapshot is stored: the seq of the entity's
        //    row in its kind's data table, so the feed reads it along the
        //    primary key instead of looking its UUID up in an index.
        dataSeqStep(),
        // 4: public agent replies waiting to be mailed to the requester and
        //    followers; a mail transport sends and stamps them.
        {
            u"CREATE TABLE outbound_mail(id INTEGER PRIMARY KEY, message_id TEXT NOT NULL UNIQUE,"
            u" ticket_id TEXT NOT NULL, recipients TEXT NOT NULL, created_at INTEGER NOT NULL,"
            u" sent_at INTEGER)"_s,
            u"CREATE INDEX outbound_mail_unsent ON outbound_mail(sent_at, id)"_s,
        },
        // 5: tickets carry the totals of their time entries; open() sums
        //    the entries logged before.
        {},
        // 6: automations. Round-robin turns per department and agent (the
        //    oldest turn gets the next ticket, across restarts); which
        //    time-based rule fired for which ticket and reference time; the
        //    SLA policy a rule pinned to a ticket; tickets to recompute.
        {
            u"CREATE TABLE round_robin(department_id TEXT NOT NULL, person_id TEXT NOT NULL,"
            u" turn INTEGER NOT NULL, PRIMARY KEY(department_id, person_id))"_s,
            u"INSERT INTO counters(name, value) VALUES ('round_robin', 0)"_s,
            u"CREATE TABLE automation_runs(automation_id TEXT NOT NULL, ticket_id TEXT NOT NULL,"
            u" reference INTEGER NOT NULL, at INTEGER NOT NULL,"
            u" PRIMARY KEY(automation_id, ticket_id, reference))"_s,
            u"CREATE TABLE sla_pins(ticket_id TEXT PRIMARY KEY, sla_policy_id TEXT NOT NULL)"_s,
            // Unresolved tickets whose due times a changed policy may move;
            // the minute sweep recomputes them a batch at a time.
            u"CREATE TABLE sla_stale(ticket_id TEXT PRIMARY KEY)"_s,
        },
    };
    return steps;
}

bool isConfiguration(EntityKind kind)
{
    switch (kind) {
    case EntityKind::TicketType:
    case EntityKind::Status:
    case EntityKind::CustomField:
    case EntityKind::Department:
    case EntityKind::SlaPolicy:
    case EntityKind::Automation:
    case EntityKind::WorkspaceSettings:
        return true;
    default:
        return false;
    }
}

bool belongsToTicket(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Conversation:
    case EntityKind::Message:
    case EntityKind::Attachment:
    case EntityKind::TimeEntry:
    case EntityKind::Activity:
        return true;
    default:
        return false;
    }
}

// A rejected mutation's answer (the mutation is settled: the client drops it).
QJsonObject rejected(
    const Mutation &m, const QString &code, const QString &message, const QString &field = {})
{
    QJsonObject error { { u"code"_s, code }, { u"message"_s, message } };
    if (!field.isEmpty())
        error.insert(u"field"_s, field);
    return { { u"mutation_id"_s, m.id.toString() }, { u"status"_s, u"rejected"_s },
        { u"entity"_s, toWireName(m.entity) }, { u"target_id"_s, m.targetId.toString() },
        { u"error"_s, error } };
}

// Ticket fields only the server sets: SLA due times and when targets were met.
void keepServerOwned(QJsonObject &ticket, const std::optional<QJsonObject> &current)
{
    static const QStringList owned { u"sla_policy_id"_s, u"first_response_due"_s,
        u"resolution_due"_s, u"first_responded_at"_s, u"solved_at"_s };
    for (const QString &key : owned) {
        if (current) {
            const QJsonValue kept = current->value(key);
            ticket.insert(key, kept.isUndefined() ? QJsonValue() : kept);
        } else if (key != u"first_responded_at"_s && key != u"solved_at"_s) // imports keep these
            ticket.insert(key, QJsonValue());
    }
}

// Keys only the server writes; a client's update may not set them.
QStringList serverOwnedKeys(EntityKind kind)
{
    QStringList keys { u"id"_s, u"version"_s, u"number"_s };
    if (kind == EntityKind::Ticket)
        keys += { u"time_spent_minutes"_s, u"billable_minutes"_s };
    return keys;
}

// "ticket.title must be a string" → "title"
QString fieldOf(const QString &message)
{
    const qsizetype dot = message.indexOf(u'.');
    const qsizetype space = message.indexOf(u' ');
    return dot > 0 && space > dot ? message.mid(dot + 1, space - dot - 1) : QString();
}

} // namespace

Result<void> ServerStore::Private::relogChildren(const QString &ticketId)
{
    for (EntityKind kind : { EntityKind::Conversation, EntityKind::Message, EntityKind::Attachment,
             EntityKind::TimeEntry, EntityKind::Activity }) {
        QSqlQuery &children = db->prepared(
            u"SELECT id FROM %1 WHERE ticket_id = ?"_s.arg(Sql::tableFor(kind).table));
        Sql::Database::bind(children, { ticketId });
        if (auto done = db->exec(children); !done)
            return done;
        QStringList ids;
        while (children.next())
            ids.append(children.value(0).toString());
        for (const QString &id : std::as_const(ids)) {
            if (auto done = logChange(kind, id, false); !done)
                return done;
        }
    }
    return {};
}

Result<void> ServerStore::Private::recordScopeChange(const QString &personId)
{
    auto now = counter(u"change"_s);
    if (!now)
        return now.error();
    QSqlQuery &q = db->prepared(u"INSERT INTO scope_changes(person_id, seq) VALUES (?, ?)"
                                u" ON CONFLICT(person_id) DO UPDATE SET seq = excluded.seq"_s);
    Sql::Database::bind(q, { personId, now.value() });
    return db->exec(q);
}

Result<qint64> ServerStore::Private::scopeChangedAt(const PersonId &person) const
{
    QSqlQuery &q = db->prepared(u"SELECT seq FROM scope_changes WHERE person_id = ?"_s);
    Sql::Database::bind(q, { person.toString() });
    if (auto done = db->exec(q); !done)
        return done.error();
    const qint64 seq = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return seq;
}

Result<void> ServerStore::Private::serialiseWriters() const
{
    if (db->dialect() != Sql::Dialect::Postgres)
        return {};
    QSqlQuery &lock
        = db->prepared(u"SELECT value FROM counters WHERE name = 'change' FOR UPDATE"_s);
    auto done = db->exec(lock);
    lock.finish();
    return done;
}

Result<qint64> ServerStore::Private::next(const QString &name)
{
    QSqlQuery &bump
        = db->prepared(u"UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value"_s);
    Sql::Database::bind(bump, { name });
    if (auto done = db->exec(bump); !done)
        return done.error();
    if (!bump.next())
        return Error::storage(u"counter %1 is missing"_s.arg(name));
    const qint64 value = bump.value(0).toLongLong();
    bump.finish();
    return value;
}

Result<qint64> ServerStore::Private::counter(const QString &name) const
{
    QSqlQuery &read = db->prepared(u"SELECT value FROM counters WHERE name = ?"_s);
    Sql::Database::bind(read, { name });
    if (auto done = db->exec(read); !done)
        return done.error();
    if (!read.next())
        return Error::storage(u"counter %1 is missing"_s.arg(name));
    const qint64 value = read.value(0).toLongLong();
    read.finish();
    return value;
}

Result<void> ServerStore::Private::logChange(EntityKind kind, const QString &id, bool deleted)
{
    auto seq = next(u"change"_s);
    if (!seq)
        return seq.error();
    QSqlQuery &drop = db->prepared(u"DELETE FROM change_log WHERE entity = ? AND entity_id = ?"_s);
    Sql::Database::bind(drop, { toWireName(kind), id });
    if (auto done = db->exec(drop); !done)
        return done;
    // A deleted entity's row is gone already: its data_seq is NULL.
    QSqlQuery &add
        = db->prepared(u"INSERT INTO change_log(seq, entity, entity_id, deleted, at,"
                       u" data_seq) VALUES (?, ?, ?, ?, ?, %1)"_s.arg(dataSeqOf(kind, u"?"_s)));
    Sql::Database::bind(add,
        { seq.value(), toWireName(kind), id, deleted ? 1 : 0, QDateTime::currentMSecsSinceEpoch(),
            id });
    return db->exec(add);
}

Result<void> ServerStore::Private::write(EntityKind kind, const QJsonObject &canonical)
{
    if (auto done = db->upsert(kind, canonical); !done)
        return done;
    return logChange(kind, canonical.value(u"id"_s).toString(), false);
}

Result<QList<QJsonObject>> ServerStore::Private::loadAll(
    EntityKind kind, const QString &where, const QVariantList &binds) const
{
    const Sql::TableDef &table = Sql::tableFor(kind);
    QSqlQuery &q = db->prepared(u"SELECT d.data FROM %1 x JOIN %2 d ON d.id = x.id%3"
                                u" ORDER BY x.seq"_s.arg(table.table, table.dataTable(),
                                    where.isEmpty() ? QString() : u" WHERE "_s + where));
    Sql::Database::bind(q, binds);
    if (auto done = db->exec(q); !done)
        return done.error();
    QList<QJsonObject> rows;
    while (q.next())
        rows.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    q.finish();
    return rows;
}

WorkspaceSettings ServerStore::Private::workspaceSettings() const
{
    if (const auto stored
        = load(EntityKind::WorkspaceSettings, WorkspaceSettings::wellKnownId().toString())) {
        if (auto decoded = Protocol::fromJson<WorkspaceSettings>(*stored))
            return decoded.value();
    }
    return {};
}

QStringList ServerStore::Private::portalRequesters(const Session &s) const
{
    QStringList requesters { s.personId.toString() };
    if (workspaceSettings().portalScope != PortalScope::Organization)
        return requesters;
    const auto me = load(EntityKind::Person, s.personId.toString());
    const QString organization = me ? me->value(u"organization_id"_s).toString() : QString();
    if (organization.isEmpty())
        return requesters;
    QSqlQuery &q
        = db->prepared(u"SELECT id FROM people WHERE organization_id = ? AND kind = 'customer'"_s);
    Sql::Database::bind(q, { organization });
    if (!db->exec(q))
        return requesters;
    while (q.next()) {
        if (const QString id = q.value(0).toString(); id != requesters.first())
            requesters.append(id);
    }
    q.finish();
    return requesters;
}

bool ServerStore::Private::ticketVisible(const Session &s, const QJsonObject &ticket) const
{
    if (s.isCustomer()) {
        if (ticket.value(u"visibility"_s).toString() == u"internal"_s)
            return false;
        const QString requester = ticket.value(u"requester_id"_s).toString();
        return requester == s.personId.toString() || portalRequesters(s).contains(requester);
    }
    if (s.seesEverything())
        return true;
    if (ticket.value(u"assignee_id"_s).toString() == s.personId.toString())
        return true;
    const DepartmentId department
        = DepartmentId::fromString(ticket.value(u"department_id"_s).toString());
    return department.isValid() && s.departmentIds.contains(department);
}

bool ServerStore::Private::canSee(
    const Session &s, EntityKind kind, const QJsonObject &entity) const
{
    if (kind == EntityKind::Ticket)
        return ticketVisible(s, entity);
    if (s.isCustomer()) {
        // The public side of their own tickets, the names of their statuses and
        // of the people who write to them; nothing else.
        if (kind == EntityKind::Status || kind == EntityKind::TicketType)
            return true;
        if (kind == EntityKind::Person)
            return entity.value(u"id"_s).toString() == s.personId.toString()
                || entity.value(u"kind"_s).toString() == u"agent"_s;
        QString conversation;
        if (kind == EntityKind::Conversation)
            conversation = entity.value(u"id"_s).toString();
        else if (kind == EntityKind::Message)
            conversation = entity.value(u"conversation_id"_s).toString();
        else
            return false;
        const auto thread = load(EntityKind::Conversation, conversation);
        const auto ticket = load(EntityKind::Ticket, entity.value(u"ticket_id"_s).toString());
        return thread && thread->value(u"visibility"_s).toString() == u"public"_s && ticket
            && ticketVisible(s, *ticket);
    }
    if (belongsToTicket(kind)) {
        // Leads and admins see every ticket: no need to read this one.
        if (s.seesEverything())
            return true;
        const auto ticket = load(EntityKind::Ticket, entity.value(u"ticket_id"_s).toString());
        return ticket && ticketVisible(s, *ticket);
    }
    if (kind == EntityKind::SavedView)
        return s.seesEverything() || entity.value(u"shared"_s).toBool()
            || entity.value(u"owner_id"_s).toString() == s.personId.toString();
    if (kind == EntityKind::RunningTimer)
        return s.seesEverything()
            || entity.value(u"person_id"_s).toString() == s.personId.toString();
    return true; // configuration, people, organizations, projects, canned responses
}

QString ServerStore::Private::writeRefusal(const Session &s, const Mutation &m,
    const std::optional<QJsonObject> &current, const QJsonObject &proposed) const
{
    const bool admin = s.role == Role::Admin && !s.isCustomer();
    const QString me = s.personId.toString();
    if (s.isCustomer()) {
        // Customers open tickets for themselves when the workspace lets them.
        if (m.entity == EntityKind::Ticket && m.op == MutationOp::Create) {
            if (!workspaceSettings().portalCanCreate)
                return u"this workspace does not let customers open tickets"_s;
            if (proposed.value(u"requester_id"_s).toString() != me
                || proposed.value(u"visibility"_s).toString() == u"internal"_s)
                return u"customers open tickets for themselves"_s;
            return {};
        }
        // Customers reply on their tickets' public threads, as themselves.
        const auto ticket = load(EntityKind::Ticket, proposed.value(u"ticket_id"_s).toString());
        if (m.entity == EntityKind::Conversation && m.op == MutationOp::Create)
            return ticket && ticketVisible(s, *ticket)
                    && proposed.value(u"visibility"_s).toString() == u"public"_s
                ? QString()
                : u"this ticket is not yours"_s;
        if (m.entity != EntityKind::Message)
            return u"customers only reply to their tickets"_s;
        if (proposed.value(u"author_id"_s).toString() != me)
            return u"customers reply as themselves"_s;
        if (!ticket || !canSee(s, EntityKind::Message, proposed))
            return u"this conversation is not yours"_s;
        return {};
    }
    if (isConfiguration(m.entity) && !admin)
        return u"only admins change %1 settings"_s.arg(toWireName(m.entity));
    switch (m.entity) {
    case EntityKind::Person: {
        const bool customer = proposed.value(u"kind"_s).toString() == u"customer"_s
            && (!current || current->value(u"kind"_s).toString() == u"customer"_s);
        if (!admin && !customer)
            return u"only admins change agents"_s;
        break;
    }
    case EntityKind::Ticket:
        if (m.op == MutationOp::Delete && !s.seesEverything())
            return u"only leads and admins delete tickets"_s;
        if (current && !ticketVisible(s, *current))
            return u"this ticket is outside your departments"_s;
        if (!current && !ticketVisible(s, proposed))
            return u"a new ticket must be in one of your departments or assigned to you"_s;
        break;
    case EntityKind::SavedView:
        // A default view's record hides it for the whole workspace.
        if (!proposed.value(u"default_key"_s).toString().isEmpty() && !s.seesEverything())
            return u"only leads and admins hide default views"_s;
        if (proposed.value(u"shared"_s).toBool() && !s.seesEverything())
            return u"only leads and admins share views"_s;
        if (current && current->value(u"owner_id"_s).toString() != me && !s.seesEverything())
            return u"this view belongs to someone else"_s;
        break;
    case EntityKind::CannedResponse:
        // Shared responses are the workspace's wording, like shared views.
        if ((proposed.value(u"shared"_s).toBool()
                || (current && current->value(u"shared"_s).toBool()))
            && !s.seesEverything())
            return u"only leads and admins change shared canned responses"_s;
        if (current && current->value(u"owner_id"_s).toString() != me && !s.seesEverything())
            return u"this response belongs to someone else"_s;
        break;
    case EntityKind::TimeEntry:
    case EntityKind::RunningTimer:
        // Leads and admins correct anyone's time; agents only their own,
        // and may not hand an entry to someone else or take one over.
        if (s.seesEverything())
            break;
        if (proposed.value(u"person_id"_s).toString() != me)
            return u"time is logged for yourself"_s;
        if (current && current->value(u"person_id"_s).toString() != me)
            return u"this time was logged by someone else"_s;
        break;
    default:
        break;
    }
    if (belongsToTicket(m.entity)) {
        const auto ticket = load(EntityKind::Ticket, proposed.value(u"ticket_id"_s).toString());
        if (!ticket)
            return u"the ticket does not exist"_s;
        if (!ticketVisible(s, *ticket))
            return u"this ticket is outside your departments"_s;
    }
    return {};
}

Result<QJsonObject> ServerStore::Private::validate(EntityKind kind, const QJsonObject &entity) const
{
    return Sql::validateEntity(*db, kind, entity);
}

QString ServerStore::Private::ruleProblem(EntityKind kind, const QJsonObject &entity) const
{
    QJsonObject conditions;
    if (kind == EntityKind::Automation) {
        const auto rule = Protocol::fromJson<Automation>(entity);
        if (!rule)
            return rule.error().message;
        if (auto valid = validateAutomation(rule.value()); !valid)
            return valid.error().message;
        if (const QString missing = missingReference(rule.value()); !missing.isEmpty())
            return missing;
        conditions = rule->conditions;
    } else if (kind == EntityKind::SlaPolicy) {
        const auto policy = Protocol::fromJson<SlaPolicy>(entity);
        if (!policy)
            return policy.error().message;
        if (auto clock = SlaClock::fromPolicy(policy.value()); !clock)
            return clock.error().message;
        conditions = policy->conditions;
    } else {
        return {};
    }
    if (conditions.isEmpty())
        return {};
    // Fields and operators are checked the way a view's are.
    auto spec = ViewSpec::fromJson(QJsonObject { { u"filter"_s, conditions } });
    if (!spec)
        return u"%1.conditions: %2"_s.arg(toWireName(kind), spec.error().message);
    auto compiled = compileView(spec.value(), ruleContext(QDateTime::currentDateTimeUtc()));
    if (!compiled)
        return u"%1.conditions: %2"_s.arg(toWireName(kind), compiled.error().message);
    return {};
}

// What the server owns: versions, ticket numbers, timestamps, solved_at.
QJsonObject ServerStore::Private::finish(const Session &s, EntityKind kind, QJsonObject entity,
    const std::optional<QJsonObject> &before, Result<qint64> &number)
{
    entity.insert(u"version"_s, before ? before->value(u"version"_s).toInteger() + 1 : 1);
    const QString now = nowIso();
    if (kind == EntityKind::Ticket) {
        if (!before) {
            number = next(u"ticket_number"_s);
            entity.insert(u"number"_s, number ? number.value() : 0);
            if (entity.value(u"created_at"_s).isNull())
                entity.insert(u"created_at"_s, now);
            if (entity.value(u"requester_id"_s).isNull())
                entity.insert(u"requester_id"_s, s.personId.toString());
            // A ticket without a type or status starts in the first type's default status.
            if (entity.value(u"type_id"_s).isNull()) {
                QSqlQuery &first
                    = db->prepared(u"SELECT id FROM ticket_types ORDER BY position, seq LIMIT 1"_s);
                if (db->exec(first) && first.next())
                    entity.insert(u"type_id"_s, first.value(0).toString());
                first.finish();
            }
            if (entity.value(u"status_id"_s).isNull()) {
                if (const auto type
                    = load(EntityKind::TicketType, entity.value(u"type_id"_s).toString()))
                    entity.insert(u"status_id"_s, type->value(u"default_status_id"_s));
            }
        } else {
            entity.insert(u"number"_s, before->value(u"number"_s));
            entity.insert(u"created_at"_s, before->value(u"created_at"_s));
        }
        for (const QString &key : { u"time_spent_minutes"_s, u"billable_minutes"_s })
            entity.insert(key, before ? before->value(key).toInteger() : 0);
        entity.insert(u"updated_at"_s, now);
        const auto status = load(EntityKind::Status, entity.value(u"status_id"_s).toString());
        const QString category = status ? status->value(u"category"_s).toString() : QString();
        const bool resolved = category == u"solved"_s || category == u"closed"_s;
        if (resolved && entity.value(u"solved_at"_s).isNull())
            entity.insert(u"solved_at"_s, now);
        else if (!resolved)
            entity.insert(u"solved_at"_s, QJsonValue());
    } else if ((kind == EntityKind::Message || kind == EntityKind::Conversation
                   || kind == EntityKind::Attachment)
        && entity.value(u"created_at"_s).isNull()) {
        entity.insert(u"created_at"_s, now);
    }
    return entity;
}

Result<void> ServerStore::Private::recordActivity(
    const Session &s, const QJsonObject &before, const QJsonObject &after, const AutomationId &rule)
{
    // Due times follow from the changes that are recorded (status, priority…).
    static const QStringList ignored { u"version"_s, u"updated_at"_s, u"sla_policy_id"_s,
        u"first_response_due"_s, u"resolution_due"_s };
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (ignored.contains(it.key()) || before.value(it.key()) == it.value())
            continue;
        ActivityEntry entry { ActivityId::create(),
            TicketId::fromString(after.value(u"id"_s).toString()),
            rule.isValid() ? PersonId() : s.personId, QDateTime::currentDateTimeUtc(), it.key(),
            before.value(it.key()), it.value(), 1, rule };
        if (auto done = write(EntityKind::Activity, Protocol::toJson(entry)); !done)
            return done;
    }
    return {};
}

Result<QJsonObject> ServerStore::Private::saveTicket(const Session &s,
    const std::optional<QJsonObject> &before, QJsonObject after, const AutomationId &rule)
{
    Result<qint64> number = qint64(0);
    after = finish(s, EntityKind::Ticket, after, before, number);
    if (!number)
        return number.error();
    // One change, one version: what rules and defaults add to a ticket this
    // change already wrote is part of that version.
    const QString id = after.value(u"id"_s).toString();
    if (before && versioned.contains(id))
        after.insert(u"version"_s, before->value(u"version"_s));
    versioned.insert(id);
    // Written first: the SLA policies' conditions are matched in the database.
    if (auto done = write(EntityKind::Ticket, after); !done)
        return done.error();
    auto settled = withSla(after, before);
    if (!settled)
        return settled.error();
    if (settled.value() != after) {
        after = settled.value();
        if (auto done = write(EntityKind::Ticket, after); !done)
            return done.error();
    }
    if (before) {
        if (auto done = recordActivity(s, *before, after, rule); !done)
            return done.error();
        if (before->value(u"department_id"_s) != after.value(u"department_id"_s)
            || before->value(u"assignee_id"_s) != after.value(u"assignee_id"_s)) {
            if (auto done = relogChildren(id); !done)
                return done.error();
        }
    }
    return after;
}

Result<QString> ServerStore::Private::firstStatusOf(
    const QString &typeId, const QString &category) const
{
    QSqlQuery &q = db->prepared(u"SELECT id FROM statuses WHERE type_id = ? AND category = ?"
                                u" ORDER BY position, seq LIMIT 1"_s);
    Sql::Database::bind(q, { typeId, category });
    if (auto done = db->exec(q); !done)
        return done.error();
    const QString id = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return id;
}

Result<QString> ServerStore::Private::moveTicketsOff(
    const Session &s, const Mutation &m, const QJsonObject &current)
{
    const bool isType = m.entity == EntityKind::TicketType;
    const QString id = current.value(u"id"_s).toString();
    const QString moveTo = m.fields.value(u"move_to"_s).toString();
    auto tickets
        = loadAll(EntityKind::Ticket, isType ? u"x.type_id = ?"_s : u"x.status_id = ?"_s, { id });
    if (!tickets)
        return tickets.error();
    const auto target = moveTo.isEmpty() ? std::nullopt : load(m.entity, moveTo);
    if (!moveTo.isEmpty() && (!target || moveTo == id))
        return u"move_to names no other %1"_s.arg(toWireName(m.entity));
    if (!isType && target && target->value(u"type_id"_s) != current.value(u"type_id"_s))
        return u"move_to names a status of another ticket type"_s;
    if (!tickets->isEmpty() && !target)
        return u"%1 %2 is used by %3 tickets: move_to must name where they go"_s
            .arg(toWireName(m.entity), current.value(u"name"_s).toString())
            .arg(tickets->size());

    for (const QJsonObject &ticket : std::as_const(tickets.value())) {
        QJsonObject after = ticket;
        if (isType) {
            // The status of the same category in the new type, else its default.
            const auto old = load(EntityKind::Status, ticket.value(u"status_id"_s).toString());
            auto status
                = firstStatusOf(moveTo, old ? old->value(u"category"_s).toString() : QString());
            if (!status)
                return status.error();
            QString statusId = status.value();
            if (statusId.isEmpty())
                statusId = target->value(u"default_status_id"_s).toString();
            if (statusId.isEmpty()) {
                auto statuses = loadAll(EntityKind::Status, u"x.type_id = ?"_s, { moveTo });
                if (!statuses)
                    return statuses.error();
                if (statuses->isEmpty())
                    return u"move_to names a ticket type without statuses"_s;
                statusId = statuses->first().value(u"id"_s).toString();
            }
            after.insert(u"type_id"_s, moveTo);
            after.insert(u"status_id"_s, statusId);
        } else {
            after.insert(u"status_id"_s, moveTo);
        }
        if (auto saved = saveTicket(s, ticket, after); !saved)
            return saved.error();
    }

    if (isType) {
        auto statuses = loadAll(EntityKind::Status, u"x.type_id = ?"_s, { id });
        if (!statuses)
            return statuses.error();
        for (const QJsonObject &status : std::as_const(statuses.value())) {
            const QString statusId = status.value(u"id"_s).toString();
            if (auto done = db->remove(EntityKind::Status, statusId); !done)
                return done.error();
            if (auto done = logChange(EntityKind::Status, statusId, true); !done)
                return done.error();
        }
        return QString();
    }
    // The type's default follows its tickets.
    const QString typeId = current.value(u"type_id"_s).toString();
    if (auto type = load(EntityKind::TicketType, typeId);
        type && type->value(u"default_status_id"_s).toString() == id) {
        QJsonObject after = *type;
        if (moveTo.isEmpty())
            after.remove(u"default_status_id"_s);
        else
            after.insert(u"default_status_id"_s, moveTo);
        Result<qint64> number = qint64(0);
        after = finish(s, EntityKind::TicketType, after, type, number);
        if (!number)
            return number.error();
        if (auto done = write(EntityKind::TicketType, after); !done)
            return done.error();
    }
    return QString();
}

Result<void> ServerStore::Private::queueMail(const QJsonObject &message, const QJsonObject &ticket)
{
    QStringList people { ticket.value(u"requester_id"_s).toString() };
    for (const QJsonValue &follower : ticket.value(u"follower_ids"_s).toArray())
        people.append(follower.toString());
    QJsonArray recipients;
    QSet<QString> seen;
    for (const QString &id : std::as_const(people)) {
        if (id.isEmpty() || id == message.value(u"author_id"_s).toString())
            continue;
        const auto person = load(EntityKind::Person, id);
        const QString email = person ? person->value(u"email"_s).toString() : QString();
        if (email.isEmpty() || seen.contains(email))
            continue;
        seen.insert(email);
        recipients.append(QJsonObject { { u"person_id"_s, id }, { u"email"_s, email } });
    }
    if (recipients.isEmpty())
        return {};
    QSqlQuery &add = db->prepared(u"INSERT INTO outbound_mail(message_id, ticket_id, recipients,"
                                  u" created_at) VALUES (?, ?, ?, ?)"_s);
    Sql::Database::bind(add,
        { message.value(u"id"_s).toString(), ticket.value(u"id"_s).toString(),
            QString::fromUtf8(QJsonDocument(recipients).toJson(QJsonDocument::Compact)),
            QDateTime::currentMSecsSinceEpoch() });
    return db->exec(add);
}

Result<void> ServerStore::Private::recomputeTimeTotals(const QString &ticketId)
{
    const auto ticket = load(EntityKind::Ticket, ticketId);
    if (!ticket)
        return {}; // the ticket went first; its entries with it
    QSqlQuery &entries = db->prepared(u"SELECT data FROM time_entries WHERE ticket_id = ?"_s);
    Sql::Database::bind(entries, { ticketId });
    if (auto done = db->exec(entries); !done)
        return done;
    qint64 spent = 0;
    qint64 billable = 0;
    while (entries.next()) {
        const QJsonObject entry = parse(entries.value(0).toString());
        const qint64 minutes = entry.value(u"minutes"_s).toInteger();
        spent += minutes;
        if (entry.value(u"billable"_s).toBool(true))
            billable += minutes;
    }
    entries.finish();
    if (ticket->value(u"time_spent_minutes"_s).toInteger() == spent
        && ticket->value(u"billable_minutes"_s).toInteger() == billable)
        return {};
    QJsonObject after = *ticket;
    after.insert(u"time_spent_minutes"_s, spent);
    after.insert(u"billable_minutes"_s, billable);
    // A new version, so caches take the totals; logged time is no edit of
    // the ticket, so updated_at and the activity history stay as they are.
    after.insert(u"version"_s, ticket->value(u"version"_s).toInteger() + 1);
    return write(EntityKind::Ticket, after);
}

Result<void> ServerStore::Private::recomputeAllTimeTotals()
{
    QSqlQuery &logged = db->prepared(u"SELECT DISTINCT ticket_id FROM time_entries"_s);
    if (auto done = db->exec(logged); !done)
        return done;
    QStringList tickets;
    while (logged.next())
        tickets.append(logged.value(0).toString());
    logged.finish();
    for (const QString &ticket : std::as_const(tickets)) {
        if (auto done = recomputeTimeTotals(ticket); !done)
            return done;
    }
    return {};
}

Result<void> ServerStore::Private::dropOtherTimers(const QJsonObject &timer)
{
    QSqlQuery &others
        = db->prepared(u"SELECT id FROM running_timers WHERE person_id = ? AND id <> ?"_s);
    Sql::Database::bind(
        others, { timer.value(u"person_id"_s).toString(), timer.value(u"id"_s).toString() });
    if (auto done = db->exec(others); !done)
        return done;
    QStringList ids;
    while (others.next())
        ids.append(others.value(0).toString());
    others.finish();
    for (const QString &id : std::as_const(ids)) {
        if (auto done = db->remove(EntityKind::RunningTimer, id); !done)
            return done;
        if (auto done = logChange(EntityKind::RunningTimer, id, true); !done)
            return done;
    }
    return {};
}

Result<std::optional<QJsonObject>> ServerStore::Private::applyReply(
    const Session &s, const Mutation &m, const QJsonObject &message)
{
    const QString ticketId = message.value(u"ticket_id"_s).toString();
    const auto thread
        = load(EntityKind::Conversation, message.value(u"conversation_id"_s).toString());
    if (!thread)
        return std::optional(rejected(
            m, u"not_found"_s, u"the conversation does not exist"_s, u"conversation_id"_s));
    if (thread->value(u"ticket_id"_s).toString() != ticketId)
        return std::optional(rejected(m, u"invalid"_s,
            u"the conversation belongs to another ticket"_s, u"conversation_id"_s));
    const auto ticket = load(EntityKind::Ticket, ticketId);
    if (!ticket)
        return std::optional(rejected(m, u"not_found"_s, u"the ticket does not exist"_s));
    const bool internal = thread->value(u"visibility"_s).toString() == u"internal"_s;
    const QString typeId = ticket->value(u"type_id"_s).toString();

    const QString chosenStatus = message.value(u"set_status_id"_s).toString();
    if (!chosenStatus.isEmpty()) {
        const auto chosen = load(EntityKind::Status, chosenStatus);
        if (s.isCustomer())
            return std::optional(rejected(
                m, u"forbidden"_s, u"customers do not set a status"_s, u"set_status_id"_s));
        if (!chosen || chosen->value(u"type_id"_s).toString() != typeId)
            return std::optional(rejected(m, u"invalid"_s,
                u"message.set_status_id is not a status of the ticket's type"_s,
                u"set_status_id"_s));
    }

    QJsonObject after = *ticket;
    if (!chosenStatus.isEmpty())
        after.insert(u"status_id"_s, chosenStatus);
    const bool agentReply = !internal && !s.isCustomer();
    if (agentReply && after.value(u"first_responded_at"_s).toString().isEmpty())
        after.insert(u"first_responded_at"_s, message.value(u"created_at"_s));
    if (after != *ticket) {
        auto saved = saveTicket(s, ticket, after);
        if (!saved)
            return saved.error();
    }
    if (internal)
        return std::optional<QJsonObject>();

    // The ball is in the other court: the reply rules say where it goes
    // (the shipped ones: Open after a customer, Pending after an agent);
    // without a rule that sets a status, the server's default does.
    auto report = runRules(s,
        { s.isCustomer() ? AutomationTrigger::CustomerReply : AutomationTrigger::AgentReply },
        ticketId, RuleOptions { !chosenStatus.isEmpty(), {} });
    if (!report)
        return report.error();
    if (chosenStatus.isEmpty() && !report->statusCovered) {
        auto fallback = firstStatusOf(typeId, s.isCustomer() ? u"open"_s : u"pending"_s);
        if (!fallback)
            return fallback.error();
        const auto current = load(EntityKind::Ticket, ticketId);
        if (current && !fallback->isEmpty()
            && current->value(u"status_id"_s).toString() != fallback.value()) {
            QJsonObject moved = *current;
            moved.insert(u"status_id"_s, fallback.value());
            if (auto saved = saveTicket(s, current, moved); !saved)
                return saved.error();
        }
    }
    if (agentReply) {
        if (auto done = queueMail(message, load(EntityKind::Ticket, ticketId).value_or(after));
            !done)
            return done.error();
    }
    return std::optional<QJsonObject>();
}

Result<QJsonObject> ServerStore::Private::applyOne(const Session &s, const Mutation &m)
{
    versioned.clear();
    const QString id = m.targetId.toString();
    if (!isOpAllowed(m.op, m.entity))
        return rejected(m, u"invalid"_s,
            u"%1 is not allowed on %2"_s.arg(toWireName(m.op), toWireName(m.entity)), u"op"_s);
    auto loaded = db->load(m.entity, id);
    if (!loaded)
        return loaded.error();
    const std::optional<QJsonObject> current = loaded.value();
    QJsonObject result { { u"mutation_id"_s, m.id.toString() },
        { u"entity"_s, toWireName(m.entity) }, { u"target_id"_s, id } };

    if (m.op == MutationOp::Delete) {
        if (!current) {
            result.insert(u"status"_s, u"applied"_s); // already gone: the goal holds
            return result;
        }
        if (const QString refusal = writeRefusal(s, m, current, *current); !refusal.isEmpty())
            return rejected(m, u"forbidden"_s, refusal);
        if (m.entity == EntityKind::Status || m.entity == EntityKind::TicketType) {
            auto refusal = moveTicketsOff(s, m, *current);
            if (!refusal)
                return refusal.error();
            if (!refusal->isEmpty())
                return rejected(m, u"invalid"_s, refusal.value(), u"move_to"_s);
        }
        if (auto done = db->remove(m.entity, id); !done)
            return done.error();
        if (auto done = logChange(m.entity, id, true); !done)
            return done.error();
        if (m.entity == EntityKind::SlaPolicy) {
            if (auto done = markSlaStale(); !done)
                return done.error();
        }
        if (m.entity == EntityKind::TimeEntry) {
            if (auto done = recomputeTimeTotals(current->value(u"ticket_id"_s).toString()); !done)
                return done.error();
        }
        result.insert(u"status"_s, u"applied"_s);
        return result;
    }

    QJsonObject proposed;
    QList<Protocol::FieldConflict> conflicts;
    if (m.op == MutationOp::Update) {
        if (!current)
            return rejected(
                m, u"not_found"_s, u"%1 %2 does not exist"_s.arg(toWireName(m.entity), id));
        for (const QString &key : serverOwnedKeys(m.entity)) {
            if (m.fields.contains(key))
                return rejected(m, u"invalid"_s,
                    u"%1.%2 is set by the server"_s.arg(toWireName(m.entity), key), key);
        }
        const Protocol::MergeOutcome merge = Protocol::mergeUpdate(*current, m.fields, m.base);
        proposed = merge.merged;
        conflicts = merge.conflicts;
    } else {
        if (current)
            return rejected(
                m, u"conflict"_s, u"%1 %2 already exists"_s.arg(toWireName(m.entity), id));
        proposed = m.fields;
        proposed.insert(u"version"_s, 0);
        if (m.entity == EntityKind::Ticket)
            proposed.insert(u"number"_s, 0);
    }

    auto valid = validate(m.entity, proposed);
    if (!valid)
        return rejected(m, u"invalid"_s, valid.error().message, fieldOf(valid.error().message));
    if (valid->value(u"id"_s).toString() != id)
        return rejected(
            m, u"invalid"_s, u"mutation.target_id differs from the entity's id"_s, u"target_id"_s);
    if (const QString refusal = writeRefusal(s, m, current, valid.value()); !refusal.isEmpty())
        return rejected(m, u"forbidden"_s, refusal);

    if (const QString problem = ruleProblem(m.entity, valid.value()); !problem.isEmpty())
        return rejected(m, u"invalid"_s, problem, fieldOf(problem));

    QJsonObject snapshot = valid.value();
    if (m.entity == EntityKind::Ticket)
        keepServerOwned(snapshot, current);
    if (!current || snapshot != Protocol::canonicalEntity(m.entity, *current).value()) {
        if (m.entity == EntityKind::Ticket) {
            auto saved = saveTicket(s, current, snapshot);
            if (!saved)
                return saved.error();
            QSet<AutomationTrigger> triggers { current ? AutomationTrigger::Updated
                                                       : AutomationTrigger::Created };
            if (current && current->value(u"status_id"_s) != saved->value(u"status_id"_s))
                triggers.insert(AutomationTrigger::StatusChanged);
            auto report = runRules(s, triggers, id, {});
            if (!report)
                return report.error();
            // The answer carries what the rules made of it, as the feed does.
            snapshot = load(EntityKind::Ticket, id).value_or(saved.value());
        } else {
            Result<qint64> number = qint64(0);
            snapshot = finish(s, m.entity, snapshot, current, number);
            if (!number)
                return number.error();
            if (m.entity == EntityKind::RunningTimer) {
                if (auto done = dropOtherTimers(snapshot); !done)
                    return done.error();
            }
            if (auto done = write(m.entity, snapshot); !done)
                return done.error();
            if (m.entity == EntityKind::TimeEntry) {
                QStringList tickets { snapshot.value(u"ticket_id"_s).toString() };
                if (current && !tickets.contains(current->value(u"ticket_id"_s).toString()))
                    tickets.append(current->value(u"ticket_id"_s).toString());
                for (const QString &ticket : std::as_const(tickets)) {
                    if (auto done = recomputeTimeTotals(ticket); !done)
                        return done.error();
                }
            }
        }
        if (m.entity == EntityKind::Message && !current) {
            auto refusal = applyReply(s, m, snapshot);
            if (!refusal)
                return refusal.error();
            if (refusal.value())
                return *refusal.value();
        }
        if (m.entity == EntityKind::SlaPolicy) {
            if (auto done = markSlaStale(); !done)
                return done.error();
        }
        if (m.entity == EntityKind::Person && current
            && (current->value(u"department_ids"_s) != snapshot.value(u"department_ids"_s)
                || current->value(u"role"_s) != snapshot.value(u"role"_s))) {
            if (auto done = recordScopeChange(id); !done)
                return done.error();
        }
    } else {
        snapshot = *current; // nothing changed: no new version
    }

    result.insert(u"status"_s, conflicts.isEmpty() ? u"applied"_s : u"conflict"_s);
    result.insert(u"version"_s, snapshot.value(u"version"_s));
    result.insert(u"snapshot"_s, snapshot);
    if (!conflicts.isEmpty()) {
        QJsonArray list;
        for (const Protocol::FieldConflict &c : std::as_const(conflicts))
            list.append(Protocol::conflictToJson(c));
        result.insert(u"conflicts"_s, list);
    }
    return result;
}

ServerStore::ServerStore(QString url)
    : d(std::make_unique<Private>())
{
    d->url = std::move(url);
}

ServerStore::~ServerStore() = default;

Result<void> ServerStore::open()
{
    QString location;
    if (d->url.startsWith(u"sqlite:"_s)) {
        location = d->url.mid(7);
        if (location.isEmpty())
            return Error::invalid(u"sqlite: needs a file path"_s);
    } else if (Sql::isPostgresUrl(d->url)) {
        const QUrl url(d->url, QUrl::StrictMode);
        if (!url.isValid() || url.path().size() < 2)
            return Error::invalid(u"%1 is not postgresql://user:password@host:port/database"_s.arg(
                Sql::redactedLocation(d->url)));
        location = d->url;
    } else {
        return Error::invalid(
            u"unknown database URL %1 (use sqlite:PATH or postgresql://…)"_s.arg(d->url));
    }
    d->db = std::make_unique<Sql::Database>(location, u"server"_s);
    QSqlDatabase db = d->db->connection();
    if (!db.isOpen())
        return Error::storage(
            u"cannot open %1: %2"_s.arg(Sql::redactedLocation(location), db.lastError().text()));
    if (auto done = Sql::migrate(db); !done)
        return done;

    QSqlQuery q(db);
    int version = 0;
    if (!db.tables().contains(u"server_schema_version"_s)) {
        if (!q.exec(u"CREATE TABLE server_schema_version(version INTEGER NOT NULL)"_s)
            || !q.exec(u"INSERT INTO server_schema_version(version) VALUES (0)"_s))
            return Error::storage(u"cannot create the server schema: "_s + q.lastError().text());
    } else if (q.exec(u"SELECT version FROM server_schema_version"_s) && q.next()) {
        version = q.value(0).toInt();
    }
    q.finish();
    for (int step = version; step < serverLadder().size(); ++step) {
        Sql::Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        for (const QString &sql : serverLadder().at(step)) {
            if (!q.exec(Sql::translateDdl(d->db->dialect(), sql)))
                return Error::storage(
                    u"server schema step %1 failed: %2"_s.arg(step + 1).arg(q.lastError().text()));
        }
        if (!q.exec(u"UPDATE server_schema_version SET version = %1"_s.arg(step + 1)))
            return Error::storage(q.lastError().text());
        if (step == TimeTotalsStep) {
            if (auto done = d->recomputeAllTimeTotals(); !done)
                return done;
        }
        if (auto done = tx.commit(); !done)
            return done;
    }
    return {};
}

Result<void> ServerStore::setCredentials(
    PersonId person, const QString &email, const QString &password)
{
    if (password.size() < 8)
        return Error::invalid(u"the password needs at least 8 characters"_s);
    const QString hash = Passwords::hash(password);
    if (hash.isEmpty())
        return Error { Error::Code::Internal, u"password hashing failed"_s };
    QSqlQuery &q = d->db->prepared(
        u"INSERT INTO credentials(person_id, email, password_hash) VALUES (?, ?, ?)"
        u" ON CONFLICT(person_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash"_s);
    Sql::Database::bind(q, { person.toString(), email.trimmed().toLower(), hash });
    return d->db->exec(q);
}

Result<std::pair<QJsonObject, QString>> ServerStore::inviteAgent(const Session &session,
    const QString &name, const QString &email, Role role, const QList<DepartmentId> &departments)
{
    if (session.isCustomer() || session.role != Role::Admin)
        return Error { Error::Code::Forbidden, u"only admins invite agents"_s };
    const QString address = email.trimmed().toLower();
    if (name.trimmed().isEmpty())
        return Error::invalid(u"name must not be empty"_s);
    if (!address.contains(u'@') || address.startsWith(u'@') || address.endsWith(u'@'))
        return Error::invalid(u"\"%1\" is not an e-mail address"_s.arg(email));
    Person agent;
    agent.id = PersonId::create();
    agent.name = name.trimmed();
    agent.email = address;
    agent.kind = PersonKind::Agent;
    agent.role = role;
    agent.departmentIds = departments;
    agent.version = 1;
    const QString password = Passwords::temporaryPassword();
    Sql::Transaction tx(d->db->connection());
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    auto taken = d->loadAll(EntityKind::Person, u"lower(x.email) = ?"_s, { address });
    if (!taken)
        return taken.error();
    QSqlQuery &login = d->db->prepared(u"SELECT 1 FROM credentials WHERE email = ?"_s);
    Sql::Database::bind(login, { address });
    if (auto done = d->db->exec(login); !done)
        return done.error();
    const bool hasLogin = login.next();
    login.finish();
    if (!taken->isEmpty() || hasLogin)
        return Error { Error::Code::Conflict, u"%1 already belongs to someone"_s.arg(address) };
    for (const DepartmentId &department : departments) {
        auto found = d->loadAll(EntityKind::Department, u"x.id = ?"_s, { department.toString() });
        if (!found)
            return found.error();
        if (found->isEmpty())
            return Error::invalid(u"no department %1"_s.arg(department.toString()));
    }
    const QJsonObject json = Protocol::toJson(agent);
    if (auto done = d->write(EntityKind::Person, json); !done)
        return done.error();
    if (auto done = setCredentials(agent.id, address, password); !done)
        return done.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return std::pair { json, password };
}

Result<PersonId> ServerStore::initAdmin(const QString &email, const QString &password)
{
    if (!email.contains(u'@'))
        return Error::invalid(u"\"%1\" is not an e-mail address"_s.arg(email));
    Person admin;
    admin.id = PersonId::create();
    admin.name = email.section(u'@', 0, 0);
    admin.email = email.trimmed().toLower();
    admin.kind = PersonKind::Agent;
    admin.role = Role::Admin;
    admin.version = 1;
    Sql::Transaction tx(d->db->connection());
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    if (auto done = d->write(EntityKind::Person, Protocol::toJson(admin)); !done)
        return done.error();
    // A new workspace starts with the shipped rules (PRODUCT.md F5).
    auto rules = d->loadAll(EntityKind::Automation);
    if (!rules)
        return rules.error();
    if (rules->isEmpty()) {
        for (const Automation &rule : shippedAutomations()) {
            if (auto done = d->write(EntityKind::Automation, Protocol::toJson(rule)); !done)
                return done.error();
        }
    }
    if (auto done = setCredentials(admin.id, email, password); !done)
        return done.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return admin.id;
}

Result<LoginResult> ServerStore::login(
    const QString &email, const QString &password, const QString &clientAddress)
{
    const QString key = email.trimmed().toLower();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QStringList keys { u"email:"_s + key, u"address:"_s + clientAddress };
    for (const QString &k : keys) {
        QSqlQuery &count
            = d->db->prepared(u"SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?"_s);
        Sql::Database::bind(count, { k, now - FailureWindowSeconds * 1000LL });
        if (auto done = d->db->exec(count); !done)
            return done.error();
        const qint64 failures = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        if (failures >= (k == keys.first() ? MaxFailuresPerEmail : MaxFailuresPerAddress))
            return Error { Error::Code::Forbidden,
                u"rate limited: too many failed logins, try again in 15 minutes"_s };
    }

    QSqlQuery &find
        = d->db->prepared(u"SELECT person_id, password_hash FROM credentials WHERE email = ?"_s);
    Sql::Database::bind(find, { key });
    if (auto done = d->db->exec(find); !done)
        return done.error();
    QString personId;
    QString hash;
    if (find.next()) {
        personId = find.value(0).toString();
        hash = find.value(1).toString();
    }
    find.finish();
    // Unknown addresses cost the same as wrong passwords, so timing tells nothing.
    static const QString decoy = Passwords::hash(u"decoy password for timing"_s);
    const bool ok = Passwords::verify(hash.isEmpty() ? decoy : hash, password) && !hash.isEmpty();
    const auto person = ok ? d->load(EntityKind::Person, personId) : std::nullopt;
    if (!ok || !person || !person->value(u"active"_s).toBool(true)) {
        for (const QString &k : keys) {
            QSqlQuery &fail
                = d->db->prepared(u"INSERT INTO login_failures(key, at) VALUES (?, ?)"_s);
            Sql::Database::bind(fail, { k, now });
            d->db->exec(fail);
        }
        qCInfo(lcServer) << "failed login for" << key << "from" << clientAddress;
        return Error { Error::Code::Invalid, u"wrong e-mail or password"_s };
    }
    QSqlQuery &clear = d->db->prepared(u"DELETE FROM login_failures WHERE key = ?"_s);
    Sql::Database::bind(clear, { keys.first() });
    d->db->exec(clear);

    LoginResult result;
    result.token = Passwords::newToken();
    result.expiresAt = QDateTime::currentDateTimeUtc().addDays(SessionDays);
    result.user = *person;
    QSqlQuery &add = d->db->prepared(
        u"INSERT INTO tokens(token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)"_s);
    Sql::Database::bind(add,
        { Passwords::tokenHash(result.token), personId, now,
            result.expiresAt.toMSecsSinceEpoch() });
    if (auto done = d->db->exec(add); !done)
        return done.error();
    qCInfo(lcServer) << "login:" << key;
    return result;
}

std::optional<Session> ServerStore::authenticate(const QByteArray &token)
{
    auto session = sessionFor(token);
    if (!session || session->isCustomer())
        return std::nullopt;
    return session;
}

std::optional<Session> ServerStore::authenticateCustomer(const QByteArray &token)
{
    auto session = sessionFor(token);
    if (!session || !session->isCustomer())
        return std::nullopt;
    return session;
}

std::optional<Session> ServerStore::sessionFor(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    QSqlQuery &find
        = d->db->prepared(u"SELECT person_id, expires_at FROM tokens WHERE token_hash = ?"_s);
    Sql::Database::bind(find, { Passwords::tokenHash(token) });
    if (!d->db->exec(find) || !find.next())
        return std::nullopt;
    const QString personId = find.value(0).toString();
    const qint64 expires = find.value(1).toLongLong();
    find.finish();
    if (expires <= QDateTime::currentMSecsSinceEpoch()) {
        logout(token);
        return std::nullopt;
    }
    const auto person = d->load(EntityKind::Person, personId);
    if (!person)
        return std::nullopt;
    const auto decoded = Protocol::fromJson<Person>(*person);
    if (!decoded || !decoded->active)
        return std::nullopt;
    return Session { decoded->id, decoded->role, decoded->departmentIds,
        QDateTime::fromMSecsSinceEpoch(expires, QTimeZone::UTC), decoded->kind };
}

Result<void> ServerStore::logout(const QByteArray &token)
{
    QSqlQuery &drop = d->db->prepared(u"DELETE FROM tokens WHERE token_hash = ?"_s);
    Sql::Database::bind(drop, { Passwords::tokenHash(token) });
    return d->db->exec(drop);
}

Result<QJsonArray> ServerStore::applyMutations(
    const Session &session, const QList<Mutation> &mutations)
{
    QSqlDatabase db = d->db->connection();
    Sql::Transaction tx(db);
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    QJsonArray results;
    QSqlQuery savepoint(db);
    for (const Mutation &m : mutations) {
        QSqlQuery &replay
            = d->db->prepared(u"SELECT result FROM mutation_results WHERE mutation_id = ?"_s);
        Sql::Database::bind(replay, { m.id.toString() });
        if (auto done = d->db->exec(replay); !done)
            return done.error();
        if (replay.next()) {
            results.append(parse(replay.value(0).toString())); // idempotent: the stored answer
            replay.finish();
            continue;
        }
        replay.finish();
        if (!savepoint.exec(u"SAVEPOINT mutation"_s))
            return Error::storage(savepoint.lastError().text());
        auto result = d->applyOne(session, m);
        if (!result) {
            // A storage fault is not an answer: undo everything, the client retries.
            return result.error();
        }
        QJsonObject answer = result.value();
        if (answer.value(u"status"_s).toString() == u"rejected"_s) {
            savepoint.exec(u"ROLLBACK TO mutation"_s);
            // The client shows the edit already; the server's version, where
            // the caller may see it, is what it must return to.
            const auto current = d->load(m.entity, m.targetId.toString());
            if (current && d->canSee(session, m.entity, *current))
                answer.insert(u"snapshot"_s, *current);
            if (answer.value(u"error"_s).toObject().value(u"code"_s).toString() == u"forbidden"_s)
                qCInfo(lcServer) << "refused" << toWireName(m.op) << toWireName(m.entity) << "for"
                                 << session.personId.toString();
        }
        savepoint.exec(u"RELEASE mutation"_s);
        QSqlQuery &store = d->db->prepared(
            u"INSERT INTO mutation_results(mutation_id, person_id, result, at) VALUES (?, ?, ?, ?)"_s);
        Sql::Database::bind(store,
            { m.id.toString(), session.personId.toString(), compact(answer),
                QDateTime::currentMSecsSinceEpoch() });
        if (auto done = d->db->exec(store); !done)
            return done.error();
        results.append(answer);
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return results;
}

namespace {

// A JSON string literal; ids are plain ASCII, so the general encoder is the
// rare path.
void appendJsonString(QByteArray &out, const QString &text)
{
    const bool plain = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    });
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + text.size() + 2);
        char *to = out.data() + at;
        *to++ = '"';
        for (const QChar c : text)
            *to++ = char(c.unicode());
        *to = '"';
        return;
    }
    const QByteArray encoded = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    out += QByteArrayView(encoded).sliced(1, encoded.size() - 2);
}

// What sits between an entry's seq and its id, made once per entity kind.
const QByteArray &entityField(EntityKind kind)
{
    static const QList<QByteArray> fields = [] {
        QList<QByteArray> list;
        for (const EntityKind k : allEntityKinds()) {
            QByteArray field = ",\"entity\":";
            appendJsonString(field, toWireName(k));
            list.append(field + ",\"id\":");
        }
        return list;
    }();
    return fields.at(int(kind));
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
    out.append(digits, end - digits);
}

} // namespace

QJsonArray ChangesPage::changes() const
{
    QJsonArray result;
    for (const FeedEntry &entry : entries) {
        QJsonObject change { { u"seq"_s, entry.seq }, { u"entity"_s, toWireName(entry.kind) },
            { u"id"_s, entry.id } };
        if (entry.snapshot.isEmpty())
            change.insert(u"evicted"_s, true);
        else
            change.insert(u"snapshot"_s, QJsonDocument::fromJson(entry.snapshot).object());
        result.append(change);
    }
    return result;
}

QByteArray ChangesPage::toJson(qint64 head) const
{
    qsizetype size = 64;
    for (const FeedEntry &entry : entries)
        size += entry.snapshot.size() + entry.id.size() + 64;
    QByteArray out;
    out.reserve(size);
    out += "{\"changes\":[";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const FeedEntry &entry = entries.at(i);
        if (i > 0)
            out += ',';
        out += "{\"seq\":";
        appendNumber(out, entry.seq);
        out += entityField(entry.kind);
        appendJsonString(out, entry.id);
        if (entry.snapshot.isEmpty()) {
            out += ",\"evicted\":true}";
        } else {
            out += ",\"snapshot\":";
            out += entry.snapshot;
            out += '}';
        }
    }
    out += "],\"next\":" + QByteArray::number(next) + ",\"more\":" + (more ? "true" : "false")
        + ",\"head\":" + QByteArray::number(head) + '}';
    return out;
}

Result<ChangesPage> ServerStore::changes(
    const Session &session, qint64 since, int limit, qint64 readStart)
{
    auto floor = d->counter(u"floor"_s);
    if (!floor)
        return floor.error();
    // From 0 a client reads every live entity's latest change: always whole.
    // Its next pages sit below a floor raised before that read began, yet
    // they miss nothing: what was forgotten then had no entity to deliver.
    if (since > 0 && since < floor.value() && floor.value() > readStart)
        return Error { Error::Code::NotFound,
            u"gone: cursor %1 is older than the change log (%2); resync"_s.arg(since).arg(
                floor.value()) };
    auto scope = d->scopeChangedAt(session.personId);
    if (!scope)
        return scope.error();
    if (since > 0 && since < scope.value() && scope.value() > readStart)
        return Error { Error::Code::NotFound,
            u"gone: your access changed after cursor %1; resync"_s.arg(since) };
    limit = std::clamp(limit, 1, 5000);
    ChangesPage page;
    page.next = since;
    // The page ends at its limit-th change, or at the newest one.
    QSqlQuery &end
        = d->db->prepared(u"SELECT COUNT(*), MAX(seq) FROM"
                          u" (SELECT seq FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?) p"_s);
    Sql::Database::bind(end, { since, limit });
    if (auto done = d->db->exec(end); !done)
        return done.error();
    const qint64 count = end.next() ? end.value(0).toLongLong() : 0;
    if (count > 0)
        page.next = end.value(1).toLongLong();
    end.finish();
    if (count == 0)
        return page;
    if (count == limit) {
        QSqlQuery &after = d->db->prepared(u"SELECT seq FROM change_log WHERE seq > ? LIMIT 1"_s);
        Sql::Database::bind(after, { page.next });
        if (auto done = d->db->exec(after); !done)
            return done.error();
        page.more = after.next();
        after.finish();
    }
    QSqlQuery &present
        = d->db->prepared(u"SELECT DISTINCT entity FROM change_log WHERE seq > ? AND seq <= ?"_s);
    Sql::Database::bind(present, { since, page.next });
    if (auto done = d->db->exec(present); !done)
        return done.error();
    QList<EntityKind> kinds;
    while (present.next()) {
        // A kind this build does not know is left out of the page.
        if (const auto kind = fromWireName<EntityKind>(present.value(0).toString()))
            kinds.append(*kind);
    }

    // One statement per kind in the page, not one per change: a first sync
    // pulls hundreds of thousands. Each walks the page's seq range of the
    // log along its primary key and joins the entity's stored snapshot and
    // what visibility and ordering need, so nothing is looked up row by row
    // afterwards. Snapshots stay the stored UTF-8 text, never parsed and
    // re-encoded. A change without one is an eviction: the entity is gone,
    // or not for this session's eyes.
    //
    // What an agent may not see is decided in the statement, so it is never
    // read or copied: their departments' tickets and their own. Ids are
    // stored canonical, as the scoping of listTickets relies on too.
    const bool everything = session.seesEverything();
    QVariantList mine; // what the visibility test binds
    QString inDepartments;
    if (!everything) {
        mine.append(session.personId.toString());
        QStringList marks;
        for (const DepartmentId &department : session.departmentIds) {
            mine.append(department.toString());
            marks.append(u"?"_s);
        }
        if (!marks.isEmpty())
            inDepartments = u" IN ("_s + marks.join(u", "_s) + u')';
    }
    const auto visible = [&](const QString &ticket) {
        return u"("_s + ticket + u".assignee_id = ?"_s
            + (inDepartments.isEmpty() ? QString()
                                       : u" OR "_s + ticket + u".department_id"_s + inDepartments)
            + u')';
    };
    const auto bytes = [this](const QString &column) {
        return d->db->dialect() == Sql::Dialect::Postgres ? u"convert_to(%1, 'UTF8')"_s.arg(column)
                                                          : u"CAST(%1 AS BLOB)"_s.arg(column);
    };
    struct Change
    {
        FeedEntry entry;
        QString laterTicket; // a child's ticket whose own change comes later
    };
    QList<Change> changes;
    changes.reserve(count);
    for (const EntityKind kind : std::as_const(kinds)) {
        const Sql::TableDef &table = Sql::tableFor(kind);
        const bool child = belongsToTicket(kind);
        const bool split = !table.documentTable.isEmpty();
        // The row holding the snapshot, by its seq: an integer key instead
        // of a UUID looked up in an index. A change logged without one (by
        // a build before data_seq) finds it by id; the id check keeps a
        // stale seq from ever pointing at another entity.
        const QString holder = split ? u"d"_s : u"n"_s;
        QString joins = u" LEFT JOIN %1 %2 ON %2.seq = COALESCE(c.data_seq, %3)"
                        u" AND %2.id = c.entity_id AND c.deleted = 0"_s.arg(
                            table.dataTable(), holder, dataSeqOf(kind, u"c.entity_id"_s));
        QString data = bytes(holder + u".data"_s);
        QString laterTicket;
        QVariantList values;
        const bool scoped = !everything && (kind == EntityKind::Ticket || child);
        if (split && (child || scoped)) // what visibility and ordering read is on the narrow row
            joins += u" LEFT JOIN %1 n ON n.id = c.entity_id AND c.deleted = 0"_s.arg(table.table);
        if (child) {
            // A ticket changed after its conversations and messages sits
            // later in the feed than they do; a client must not receive
            // them before it, so a child names its ticket to bring along.
            // The ticket's change is found through change_log_entity.
            laterTicket = u"(SELECT tc.seq FROM change_log tc WHERE tc.entity = 'ticket'"
                          u" AND tc.entity_id = n.ticket_id) > c.seq"_s;
        }
        if (scoped) {
            QString ticket = u"n"_s;
            if (child) {
                joins += u" LEFT JOIN tickets t ON t.id = n.ticket_id"_s;
                ticket = u"t"_s;
                laterTicket = visible(ticket) + u" AND "_s + laterTicket;
                values += mine;
            }
            data = u"CASE WHEN %1 THEN %2 END"_s.arg(visible(ticket), data);
            values += mine;
        }
        if (child)
            laterTicket = u", CASE WHEN %1 THEN n.ticket_id END"_s.arg(laterTicket);
        // `entity || ''` keeps the planner on the primary key: through
        // change_log_entity, which without statistics looks cheaper, it
        // would walk every change of that kind for each page, and a full
        // pull would grow with the square of the log.
        QSqlQuery &read
            = d->db->prepared(u"SELECT c.seq, c.entity_id, %1%2 FROM change_log c%3"
                              u" WHERE c.seq > ? AND c.seq <= ?"
                              u" AND c.entity || '' = ?"_s.arg(data, laterTicket, joins));
        values += QVariantList { since, page.next, toWireName(kind) };
        Sql::Database::bind(read, values);
        if (auto done = d->db->exec(read); !done)
            return done.error();
        while (read.next()) {
            Change change { { read.value(0).toLongLong(), kind, read.value(1).toString(),
                                read.value(2).toByteArray() },
                {} };
            QByteArray &snapshot = change.entry.snapshot;
            if (!snapshot.isEmpty() && !everything
                && (kind == EntityKind::SavedView || kind == EntityKind::RunningTimer)
                && !d->canSee(session, kind, QJsonDocument::fromJson(snapshot).object()))
                snapshot.clear();
            if (child && !snapshot.isEmpty())
                change.laterTicket = read.value(3).toString();
            changes.append(std::move(change));
        }
    }
    std::sort(changes.begin(), changes.end(),
        [](const Change &a, const Change &b) { return a.entry.seq < b.entry.seq; });

    // Tickets brought along in this page; their own place in the feed
    // delivers them again, harmlessly.
    QSet<QString> ticketsSent;
    page.entries.reserve(changes.size());
    for (Change &change : changes) {
        const QString &ticketId = change.laterTicket;
        if (!ticketId.isEmpty() && !ticketsSent.contains(ticketId)) {
            if (const auto ticket = d->load(EntityKind::Ticket, ticketId)) {
                page.entries.append({ change.entry.seq, EntityKind::Ticket, ticketId,
                    QJsonDocument(*ticket).toJson(QJsonDocument::Compact) });
                ticketsSent.insert(ticketId);
            }
        }
        page.entries.append(std::move(change.entry));
    }
    return page;
}

qint64 ServerStore::currentCursor() const
{
    auto value = d->counter(u"change"_s);
    return value ? value.value() : 0;
}

Result<void> ServerStore::compactChangeLog(const QDateTime &cutoff)
{
    Sql::Transaction tx(d->db->connection());
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    QSqlQuery &newest
        = d->db->prepared(u"SELECT MAX(seq) FROM change_log WHERE deleted = 1 AND at < ?"_s);
    Sql::Database::bind(newest, { cutoff.toMSecsSinceEpoch() });
    if (auto done = d->db->exec(newest); !done)
        return done;
    const qint64 floor = newest.next() ? newest.value(0).toLongLong() : 0;
    newest.finish();
    if (floor > 0) {
        QSqlQuery &drop
            = d->db->prepared(u"DELETE FROM change_log WHERE deleted = 1 AND seq <= ?"_s);
        Sql::Database::bind(drop, { floor });
        if (auto done = d->db->exec(drop); !done)
            return done;
        QSqlQuery &raise = d->db->prepared(
            u"UPDATE counters SET value = ? WHERE name = 'floor' AND value < ?"_s);
        Sql::Database::bind(raise, { floor, floor });
        if (auto done = d->db->exec(raise); !done)
            return done;
    }
    return tx.commit();
}

Result<QList<TicketId>> ServerStore::runTimedAutomations(const QDateTime &now)
{
    Sql::Transaction tx(d->db->connection());
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    auto fired = d->runTimed(now.isValid() ? now : QDateTime::currentDateTimeUtc());
    if (!fired)
        return fired.error();
    auto refreshed = d->refreshStaleSla(500);
    if (!refreshed)
        return refreshed.error();
    fired.value() += refreshed.value();
    if (auto done = tx.commit(); !done)
        return done.error();
    return fired.value();
}

Result<QJsonObject> ServerStore::listTickets(
    const Session &session, const ViewSpec &view, const QString &search, qint64 offset, int limit)
{
    ViewSpec scoped = view;
    if (session.isCustomer()) {
        QJsonArray requesters;
        for (const QString &id : d->portalRequesters(session))
            requesters.append(id);
        scoped.filter = FilterNode::all(
            { view.filter, FilterNode::where(u"requester"_s, u"any_of"_s, requesters),
                FilterNode::where(u"visibility"_s, u"is_not"_s, u"internal"_s) });
    } else if (!session.seesEverything()) {
        QJsonArray departments;
        for (const DepartmentId &id : session.departmentIds)
            departments.append(id.toString());
        scoped.filter = FilterNode::all({ view.filter,
            FilterNode::any({ FilterNode::where(u"assignee"_s, u"is"_s, u"@me"_s),
                FilterNode::where(u"department"_s, u"any_of"_s, departments) }) });
    }
    QueryContext context;
    context.me = session.personId;
    context.myDepartments = session.departmentIds;
    context.now = QDateTime::currentDateTimeUtc();
    context.timeZone = QTimeZone::UTC;
    context.dialect = d->db->dialect();
    context.search = search;
    auto definitions = Sql::customFieldDefinitions(*d->db);
    if (!definitions)
        return definitions.error();
    context.customFields = definitions.value();
    auto compiled = compileView(scoped, context);
    if (!compiled)
        return compiled.error();
    const ViewQueries queries([this] { return d->db->connection(); });
    auto total = queries.count(compiled.value());
    if (!total)
        return total.error();
    auto rows = queries.rows(
        compiled.value(), std::nullopt, std::max<qint64>(0, offset), std::clamp(limit, 1, 500));
    if (!rows)
        return rows.error();
    QJsonArray tickets;
    for (const TicketRow &row : rows.value()) {
        if (const auto ticket = d->load(EntityKind::Ticket, row.id.toString()))
            tickets.append(*ticket);
    }
    return QJsonObject { { u"total"_s, total.value() }, { u"offset"_s, offset },
        { u"tickets"_s, tickets } };
}

WorkspaceSettings ServerStore::workspaceSettings() const
{
    return d->workspaceSettings();
}

Result<std::pair<TicketTypeId, StatusId>> ServerStore::defaultTypeAndStatus() const
{
    auto types = d->loadAll(EntityKind::TicketType);
    if (!types)
        return types.error();
    std::optional<TicketType> chosen;
    for (const QJsonObject &json : types.value()) {
        auto type = Protocol::fromJson<TicketType>(json);
        if (type && type->kind == TicketKind::Ticket
            && (!chosen || type->position < chosen->position))
            chosen = type.value();
    }
    if (!chosen)
        return Error::invalid(u"the workspace has no ticket type"_s);
    StatusId status = chosen->defaultStatusId;
    if (!status.isValid() || !d->load(EntityKind::Status, status.toString())) {
        auto first = d->firstStatusOf(chosen->id.toString(), u"new"_s);
        if (!first)
            return first.error();
        status = StatusId::fromString(first.value());
    }
    if (!status.isValid())
        return Error::invalid(u"the default ticket type has no status"_s);
    return std::pair { chosen->id, status };
}

std::optional<QJsonObject> ServerStore::entity(const Session &session, EntityKind kind, EntityId id)
{
    const auto json = d->load(kind, id.toString());
    if (!json || !d->canSee(session, kind, *json))
        return std::nullopt;
    return json;
}

QList<QJsonObject> ServerStore::ticketChildren(
    const Session &session, EntityKind kind, TicketId ticket)
{
    QList<QJsonObject> result;
    const auto owner = d->load(EntityKind::Ticket, ticket.toString());
    if (!belongsToTicket(kind) || !owner || !d->canSee(session, EntityKind::Ticket, *owner))
        return result;
    auto rows = d->loadAll(kind, u"x.ticket_id = ?"_s, { ticket.toString() });
    if (!rows)
        return result;
    for (const QJsonObject &row : std::as_const(rows.value())) {
        if (d->canSee(session, kind, row))
            result.append(row);
    }
    return result;
}

QList<QueuedMail> ServerStore::pendingMail() const
{
    QList<QueuedMail> queued;
    QSqlQuery &q = d->db->prepared(u"SELECT message_id, ticket_id, recipients FROM outbound_mail"
                                   u" WHERE sent_at IS NULL ORDER BY id"_s);
    if (!d->db->exec(q))
        return queued;
    while (q.next()) {
        QueuedMail mail { MessageId::fromString(q.value(0).toString()),
            TicketId::fromString(q.value(1).toString()), {} };
        for (const QJsonValue &to : QJsonDocument::fromJson(q.value(2).toString().toUtf8()).array())
            mail.recipients.append(to[u"email"_s].toString());
        queued.append(mail);
    }
    q.finish();
    return queued;
}

std::function<bool(const Session &)> ServerStore::audience(EntityKind kind, EntityId id)
{
    const auto json = d->load(kind, id.toString());
    if (!json)
        return [](const Session &) {
            return true;
        };
    if (belongsToTicket(kind)) {
        const auto ticket = d->load(EntityKind::Ticket, json->value(u"ticket_id"_s).toString());
        if (!ticket)
            return [](const Session &) {
                return true;
            };
        return [this, ticket = *ticket](const Session &s) {
            return d->ticketVisible(s, ticket);
        };
    }
    return [this, kind, entity = *json](const Session &s) {
        return d->canSee(s, kind, entity);
    };
}

namespace {
QString contentPath(const QString &directory, const QString &hash)
{
    return directory + u'/' + hash.left(2) + u'/' + hash;
}
} // namespace

Result<QJsonObject> ServerStore::addAttachment(const Session &session, AttachmentId id,
    TicketId ticket, const QString &fileName, const QString &mimeType, const QByteArray &content,
    const QString &directory)
{
    if (id.isValid()) {
        if (const auto existing = d->load(EntityKind::Attachment, id.toString())) {
            if (existing->value(u"ticket_id"_s).toString() != ticket.toString()
                || !d->canSee(session, EntityKind::Attachment, *existing))
                return Error { Error::Code::Conflict,
                    u"attachment %1 exists on another ticket"_s.arg(id.toString()) };
            return existing.value(); // a repeat of an upload whose answer was lost
        }
    }
    const auto target = d->load(EntityKind::Ticket, ticket.toString());
    if (!target || !d->ticketVisible(session, *target))
        return Error { Error::Code::NotFound,
            u"no ticket %1 that you can see"_s.arg(ticket.toString()) };
    const QString name = QFileInfo(fileName).fileName().trimmed(); // never a path
    if (name.isEmpty() || name.size() > 255)
        return Error::invalid(u"file_name must be a file name of 1 to 255 characters"_s);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    const QString path = contentPath(directory, hash);
    if (!QFile::exists(path)) {
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Error::storage(u"cannot create the attachment folder"_s);
        QSaveFile file(path); // written whole or not at all
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
            || !file.commit())
            return Error::storage(u"cannot store the attachment: "_s + file.errorString());
    }
    Attachment attachment { id.isValid() ? id : AttachmentId::create(), ticket, {}, name,
        mimeType.isEmpty() ? u"application/octet-stream"_s : mimeType.left(255), content.size(),
        hash, QDateTime::currentDateTimeUtc(), 1 };
    Sql::Transaction tx(d->db->connection());
    if (!tx.isActive())
        return tx.error();
    if (auto locked = d->serialiseWriters(); !locked)
        return locked.error();
    const QJsonObject json = Protocol::toJson(attachment);
    if (auto done = d->write(EntityKind::Attachment, json); !done)
        return done.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return json;
}

std::optional<std::pair<QJsonObject, QString>> ServerStore::attachmentContent(
    const Session &session, AttachmentId id, const QString &directory)
{
    const auto json = entity(session, EntityKind::Attachment, id.as<EntityId>());
    if (!json)
        return std::nullopt;
    const QString hash = json->value(u"content_hash"_s).toString();
    if (hash.size() != 64)
        return std::nullopt;
    return std::pair { *json, contentPath(directory, hash) };
}

Result<QList<std::pair<QString, Role>>> ServerStore::seedDemo(
    const DemoOptions &options, const QString &password)
{
    {
        QSqlQuery &any = d->db->prepared(u"SELECT COUNT(*) FROM ticket_types"_s);
        if (auto done = d->db->exec(any); !done)
            return done.error();
        const bool empty = any.next() && any.value(0).toLongLong() == 0;
        any.finish();
        if (!empty)
            return Error::invalid(
                u"the server already holds data; demo data goes into an empty one"_s);
    }
    const DemoGenerator generator(options);
    const auto load = [this](const QList<EntityBatch> &batches) -> Result<void> {
        Sql::Transaction tx(d->db->connection());
        if (!tx.isActive())
            return tx.error();
        if (auto locked = d->serialiseWriters(); !locked)
            return locked.error();
        for (const EntityBatch &batch : batches) {
            for (const QJsonObject &entity : batch.entities) {
                if (auto done = d->write(batch.kind, entity); !done)
                    return done;
            }
        }
        return tx.commit();
    };
    if (auto done = load(generator.referenceData()); !done)
        return done.error();
    for (int first = 0; first < generator.options().tickets; first += 2000) {
        if (auto done = load(generator.tickets(first, 2000)); !done)
            return done.error();
    }
    {
        Sql::Transaction tx(d->db->connection());
        QSqlQuery &number
            = d->db->prepared(u"UPDATE counters SET value = ? WHERE name = 'ticket_number'"_s);
        Sql::Database::bind(number, { 1000 + generator.options().tickets });
        if (auto done = d->db->exec(number); !done)
            return done.error();
        if (auto done = tx.commit(); !done)
            return done.error();
    }
    QList<std::pair<QString, Role>> logins;
    for (const Person &agent : generator.agents()) {
        if (auto done = setCredentials(agent.id, agent.email, password); !done)
            return done.error();
        logins.append({ agent.email, agent.role });
    }
    return logins;
}

QString ServerStore::integrityCheck() const
{
    QSqlDatabase db = d->db->connection();
    QSqlQuery q(db);
    if (d->db->dialect() == Sql::Dialect::Sqlite) {
        if (!q.exec(u"PRAGMA integrity_check"_s) || !q.next())
            return q.lastError().text();
        if (q.value(0).toString() != u"ok"_s)
            return q.value(0).toString();
    } else {
        // amcheck verifies every B-tree index against its table, where the
        // extension may be installed; the checks below run everywhere.
        QSqlQuery extension(db);
        if (extension.exec(u"CREATE EXTENSION IF NOT EXISTS amcheck"_s)) {
            if (!q.exec(u"SELECT bt_index_check(c.oid, true) FROM pg_index i"
                        u" JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                        u" JOIN pg_namespace n ON n.oid = c.relnamespace"
                        u" WHERE a.amname = 'btree' AND n.nspname = current_schema()"_s))
                return q.lastError().text();
        } else {
            qCDebug(lcServer) << "amcheck is not available:" << extension.lastError().text();
        }
    }
    // Every narrow row has its document, and the counters run ahead of what they count.
    const QList<std::pair<QString, QString>> checks {
        { u"SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS"
          u" (SELECT 1 FROM ticket_documents d WHERE d.id = t.id)"_s,
            u"tickets without their document"_s },
        { u"SELECT COUNT(*) FROM messages m WHERE NOT EXISTS"
          u" (SELECT 1 FROM message_documents d WHERE d.id = m.id)"_s,
            u"messages without their document"_s },
        { u"SELECT COUNT(*) FROM change_log WHERE seq >"
          u" (SELECT value FROM counters WHERE name = 'change')"_s,
            u"changes beyond the change counter"_s },
        { misplacedChanges(), u"changes whose data_seq misses their entity's row"_s },
    };
    for (const auto &[sql, problem] : checks) {
        if (!q.exec(sql) || !q.next())
            return q.lastError().text();
        if (q.value(0).toLongLong() != 0)
            return u"%1 %2"_s.arg(q.value(0).toLongLong()).arg(problem);
    }
    return u"ok"_s;
}

} // namespace Tessera::Server
