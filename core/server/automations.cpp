// SPDX-License-Identifier: GPL-3.0-or-later
// The automation engine (PRODUCT.md F5). Rules run inside the transaction
// of the change that triggered them, once each, in position order, each
// over the ticket as the rules before it left it. What they change is
// written like any change (versions, SLA, activity by the rule, the feed)
// but triggers no rule: one change, one pass, so rules cannot ping-pong.
#include "automations.h"

#include "domain/automationrules.h"
#include "protocol/codecs.h"
#include "serverlogging.h"
#include "serverstoreprivate.h"
#include "store/tables.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

Result<QList<Automation>> enabledRules(const QList<QJsonObject> &stored)
{
    QList<Automation> rules;
    for (const QJsonObject &json : stored) {
        auto rule = Protocol::fromJson<Automation>(json);
        if (rule && rule->enabled)
            rules.append(rule.value());
    }
    std::stable_sort(rules.begin(), rules.end(),
        [](const Automation &a, const Automation &b) { return a.position < b.position; });
    return rules;
}

// {{ticket.number}}, {{ticket.title}}, {{requester.name}}, {{requester.first_name}};
// the agent placeholders have no agent to fill them when a rule writes.
QString fillPlaceholders(QString body, const QJsonObject &ticket, const QJsonObject &requester)
{
    const QString name = requester.value(u"name"_s).toString();
    const QList<std::pair<QString, QString>> values {
        { u"ticket.number"_s, QString::number(ticket.value(u"number"_s).toInteger()) },
        { u"ticket.title"_s, ticket.value(u"title"_s).toString() },
        { u"requester.name"_s, name },
        { u"requester.first_name"_s, name.section(u' ', 0, 0) },
        { u"agent.name"_s, QString() },
    };
    for (const auto &[key, value] : values)
        body.replace(u"{{"_s + key + u"}}"_s, value);
    return body;
}

} // namespace

QString ServerStore::Private::missingReference(const Automation &rule) const
{
    static const QList<std::pair<QString, EntityKind>> references {
        { u"agent_id"_s, EntityKind::Person }, { u"person_id"_s, EntityKind::Person },
        { u"department_id"_s, EntityKind::Department }, { u"status_id"_s, EntityKind::Status },
        { u"type_id"_s, EntityKind::TicketType }, { u"sla_policy_id"_s, EntityKind::SlaPolicy },
        { u"canned_response_id"_s, EntityKind::CannedResponse },
        { u"project_id"_s, EntityKind::Project }
    };
    for (qsizetype i = 0; i < rule.actions.size(); ++i) {
        const QJsonObject action = rule.actions.at(i).toObject();
        for (const auto &[key, kind] : references) {
            const QString id = action.value(key).toString();
            if (id.isEmpty())
                continue;
            const auto found = load(kind, id);
            if (!found
                || (key == u"agent_id"_s && found->value(u"kind"_s).toString() != u"agent"_s))
                return u"automation.actions[%1].%2 names no %3"_s.arg(i).arg(
                    key, key == u"agent_id"_s ? u"agent"_s : toWireName(kind));
        }
    }
    return {};
}

Result<RuleReport> ServerStore::Private::runRules(const Session &s,
    const QSet<AutomationTrigger> &triggers, const QString &ticketId, const RuleOptions &options)
{
    RuleReport report;
    auto stored = loadAll(EntityKind::Automation);
    if (!stored)
        return stored.error();
    auto rules = enabledRules(stored.value());
    for (const Automation &rule : std::as_const(rules.value())) {
        if (!triggers.contains(rule.trigger))
            continue;
        auto ran = runRule(s, rule, ticketId, options, report);
        if (!ran)
            return ran.error();
    }
    return report;
}

Result<bool> ServerStore::Private::runRule(const Session &s, const Automation &rule,
    const QString &ticketId, const RuleOptions &options, RuleReport &report)
{
    const auto before = load(EntityKind::Ticket, ticketId);
    if (!before)
        return false;
    auto match = matches(rule.conditions, ticketId,
        options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc());
    if (!match)
        return match.error();
    if (!match.value())
        return false;
    report.fired.append(rule.id);

    QJsonObject after = *before;
    const auto typeOf = [&] {
        return after.value(u"type_id"_s).toString();
    };
    QList<std::pair<QString, bool>> messages; // canned response, public
    for (const QJsonValue &item : rule.actions) {
        const QJsonObject action = item.toObject();
        const QString type = action.value(u"type"_s).toString();
        if (type == u"set_status"_s || type == u"set_status_category"_s) {
            report.statusCovered = true;
            if (options.statusChosen)
                continue;
            QString status;
            if (type == u"set_status"_s) {
                const auto chosen
                    = load(EntityKind::Status, action.value(u"status_id"_s).toString());
                if (chosen && chosen->value(u"type_id"_s).toString() == typeOf())
                    status = chosen->value(u"id"_s).toString();
            } else {
                auto first = firstStatusOf(typeOf(), action.value(u"category"_s).toString());
                if (!first)
                    return first.error();
                status = first.value();
            }
            if (!status.isEmpty())
                after.insert(u"status_id"_s, status);
        } else if (type == u"assign_round_robin"_s) {
            // Fair shares of unassigned work: a ticket someone took is theirs.
            if (!after.value(u"assignee_id"_s).toString().isEmpty())
                continue;
            const QString department = action.value(u"department_id"_s).toString().isEmpty()
                ? after.value(u"department_id"_s).toString()
                : action.value(u"department_id"_s).toString();
            if (department.isEmpty())
                continue;
            auto agent = roundRobin(department);
            if (!agent)
                return agent.error();
            if (agent.value()) {
                after.insert(u"department_id"_s, department);
                after.insert(u"assignee_id"_s, *agent.value());
            }
        } else if (type == u"assign_agent"_s) {
            const auto agent = load(EntityKind::Person, action.value(u"agent_id"_s).toString());
            if (agent && agent->value(u"kind"_s).toString() == u"agent"_s
                && agent->value(u"active"_s).toBool(true))
                after.insert(u"assignee_id"_s, agent->value(u"id"_s));
        } else if (type == u"assign_department"_s) {
            if (load(EntityKind::Department, action.value(u"department_id"_s).toString()))
                after.insert(u"department_id"_s, action.value(u"department_id"_s));
        } else if (type == u"set_priority"_s) {
            after.insert(u"priority"_s, action.value(u"priority"_s));
        } else if (type == u"set_type"_s) {
            const auto ticketType
                = load(EntityKind::TicketType, action.value(u"type_id"_s).toString());
            if (ticketType && typeOf() != ticketType->value(u"id"_s).toString()) {
                // Statuses belong to a type: the new type's default one.
                after.insert(u"type_id"_s, ticketType->value(u"id"_s));
                after.insert(u"status_id"_s, ticketType->value(u"default_status_id"_s));
            }
        } else if (type == u"add_follower"_s) {
            const QString person = action.value(u"person_id"_s).toString();
            QJsonArray followers = after.value(u"follower_ids"_s).toArray();
            if (load(EntityKind::Person, person) && !followers.contains(person)) {
                followers.append(person);
                after.insert(u"follower_ids"_s, followers);
            }
        } else if (type == u"apply_sla"_s) {
            const QString policy = action.value(u"sla_policy_id"_s).toString();
            if (load(EntityKind::SlaPolicy, policy)) {
                if (auto done = pinSla(ticketId, policy); !done)
                    return done.error();
                // Due times follow at once, even when nothing else changes.
                after.insert(u"sla_policy_id"_s, policy);
            }
        } else if (type == u"add_internal_note"_s || type == u"add_public_reply"_s) {
            messages.append({ action.value(u"canned_response_id"_s).toString(),
                type == u"add_public_reply"_s });
        } else if (type == u"move_to_project"_s) {
            if (load(EntityKind::Project, action.value(u"project_id"_s).toString()))
                after.insert(u"project_id"_s, action.value(u"project_id"_s));
        } else if (type == u"move_to_organization_project"_s) {
            auto project = organizationProject(after);
            if (!project)
                return project.error();
            if (project.value())
                after.insert(u"project_id"_s, *project.value());
        } else {
            qCWarning(lcServer) << "automation" << rule.name << "has an unknown action" << type;
        }
    }

    if (after != *before) {
        if (auto saved = saveTicket(s, before, after, rule.id); !saved)
            return saved.error();
    }
    for (const auto &[canned, isPublic] : std::as_const(messages)) {
        const auto ticket = load(EntityKind::Ticket, ticketId);
        if (auto done = addRuleMessage(rule, ticket.value_or(after), canned, isPublic); !done)
            return done.error();
    }
    return true;
}

Result<std::optional<QString>> ServerStore::Private::roundRobin(const QString &departmentId)
{
    auto agents = loadAll(EntityKind::Person, u"x.kind = 'agent'"_s);
    if (!agents)
        return agents.error();
    QStringList eligible;
    for (const QJsonObject &agent : std::as_const(agents.value())) {
        if (agent.value(u"active"_s).toBool(true)
            && agent.value(u"department_ids"_s).toArray().contains(departmentId))
            eligible.append(agent.value(u"id"_s).toString());
    }
    if (eligible.isEmpty())
        return std::optional<QString>();
    QSqlQuery &turns
        = db->prepared(u"SELECT person_id, turn FROM round_robin WHERE department_id = ?"_s);
    Sql::Database::bind(turns, { departmentId });
    if (auto done = db->exec(turns); !done)
        return done.error();
    QHash<QString, qint64> lastTurn;
    while (turns.next())
        lastTurn.insert(turns.value(0).toString(), turns.value(1).toLongLong());
    turns.finish();
    // Whoever waited longest; never served counts as longest, ties by id so
    // every server picks the same agent.
    std::sort(eligible.begin(), eligible.end());
    const QString chosen = *std::min_element(eligible.cbegin(), eligible.cend(),
        [&](const QString &a, const QString &b) { return lastTurn.value(a) < lastTurn.value(b); });
    auto turn = next(u"round_robin"_s);
    if (!turn)
        return turn.error();
    QSqlQuery &take = db->prepared(
        u"INSERT INTO round_robin(department_id, person_id, turn) VALUES (?, ?, ?)"
        u" ON CONFLICT(department_id, person_id) DO UPDATE SET turn = excluded.turn"_s);
    Sql::Database::bind(take, { departmentId, chosen, turn.value() });
    if (auto done = db->exec(take); !done)
        return done.error();
    return std::optional(chosen);
}

Result<void> ServerStore::Private::addRuleMessage(
    const Automation &rule, const QJsonObject &ticket, const QString &cannedId, bool isPublic)
{
    const auto canned = load(EntityKind::CannedResponse, cannedId);
    if (!canned) {
        qCWarning(lcServer) << "automation" << rule.name << "names a missing canned response"
                            << cannedId;
        return {};
    }
    const QString ticketId = ticket.value(u"id"_s).toString();
    const QString visibility = isPublic ? u"public"_s : u"internal"_s;
    auto threads = loadAll(EntityKind::Conversation, u"x.ticket_id = ?"_s, { ticketId });
    if (!threads)
        return threads.error();
    QString threadId;
    for (const QJsonObject &thread : std::as_const(threads.value())) {
        if (thread.value(u"visibility"_s).toString() == visibility) {
            threadId = thread.value(u"id"_s).toString();
            break;
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (threadId.isEmpty()) {
        Conversation thread { ConversationId::create(), TicketId::fromString(ticketId),
            isPublic ? ThreadVisibility::Public : ThreadVisibility::Internal,
            ticket.value(u"title"_s).toString(), now, 1 };
        if (auto done = write(EntityKind::Conversation, Protocol::toJson(thread)); !done)
            return done;
        threadId = thread.id.toString();
    }
    const QJsonObject requester
        = load(EntityKind::Person, ticket.value(u"requester_id"_s).toString())
              .value_or(QJsonObject());
    Message message;
    message.id = MessageId::create();
    message.conversationId = ConversationId::fromString(threadId);
    message.ticketId = TicketId::fromString(ticketId);
    message.body = fillPlaceholders(canned->value(u"body"_s).toString(), ticket, requester);
    message.via = Channel::Api; // written by the server, not by a person
    message.createdAt = now;
    message.version = 1;
    const QJsonObject json = Protocol::toJson(message);
    if (auto done = write(EntityKind::Message, json); !done)
        return done;
    return isPublic ? queueMail(json, ticket) : Result<void>();
}

Result<std::optional<QString>> ServerStore::Private::organizationProject(const QJsonObject &ticket)
{
    QString organization = ticket.value(u"organization_id"_s).toString();
    if (organization.isEmpty()) {
        if (const auto requester
            = load(EntityKind::Person, ticket.value(u"requester_id"_s).toString()))
            organization = requester->value(u"organization_id"_s).toString();
    }
    const auto org
        = organization.isEmpty() ? std::nullopt : load(EntityKind::Organization, organization);
    if (!org)
        return std::optional<QString>();
    auto projects = loadAll(EntityKind::Project, u"x.organization_id = ?"_s, { organization });
    if (!projects)
        return projects.error();
    if (!projects->isEmpty())
        return std::optional(projects->first().value(u"id"_s).toString());
    const Project project { ProjectId::create(), org->value(u"name"_s).toString(), QString(),
        OrganizationId::fromString(organization), 1 };
    if (auto done = write(EntityKind::Project, Protocol::toJson(project)); !done)
        return done.error();
    return std::optional(project.id.toString());
}

Result<QList<TicketId>> ServerStore::Private::runTimed(const QDateTime &now)
{
    auto stored = loadAll(EntityKind::Automation);
    if (!stored)
        return stored.error();
    auto rules = enabledRules(stored.value());
    QList<TicketId> fired;
    const Session system { {}, Role::Admin, {}, {} };
    for (const Automation &rule : std::as_const(rules.value())) {
        if (rule.trigger != AutomationTrigger::TimeBased)
            continue;
        const QString since = rule.schedule.value(u"since"_s).toString();
        if (!automationScheduleEvents().contains(since))
            continue;
        // Reference columns hold milliseconds since the epoch (store/tables.cpp).
        const QString column = since == u"pending"_s ? u"updated_at"_s
            : since == u"created"_s                  ? u"created_at"_s
            : since == u"updated"_s                  ? u"updated_at"_s
                                                     : since;
        const qint64 offset = rule.schedule.value(u"hours"_s).toInteger() * 3600 * 1000;
        QString where
            = u"t.%1 IS NOT NULL AND t.%1 <= ?"
              u" AND NOT EXISTS (SELECT 1 FROM automation_runs r"
              u" WHERE r.automation_id = ? AND r.ticket_id = t.id AND r.reference = t.%1)"_s.arg(
                  column);
        if (since == u"pending"_s)
            where += u" AND t.status_category = 'pending'"_s;
        QSqlQuery &candidates = db->prepared(
            u"SELECT t.id, t.%1 FROM tickets t WHERE %2 ORDER BY t.%1, t.seq"_s.arg(column, where));
        Sql::Database::bind(candidates, { now.toMSecsSinceEpoch() - offset, rule.id.toString() });
        if (auto done = db->exec(candidates); !done)
            return done.error();
        QList<std::pair<QString, qint64>> due;
        while (candidates.next())
            due.append({ candidates.value(0).toString(), candidates.value(1).toLongLong() });
        candidates.finish();
        for (const auto &[ticketId, reference] : std::as_const(due)) {
            // Recorded whether or not the conditions match: a ticket is
            // looked at once per moment it is measured from.
            QSqlQuery &mark = db->prepared(u"INSERT INTO automation_runs(automation_id, ticket_id,"
                                           u" reference, at) VALUES (?, ?, ?, ?)"_s);
            Sql::Database::bind(
                mark, { rule.id.toString(), ticketId, reference, now.toMSecsSinceEpoch() });
            if (auto done = db->exec(mark); !done)
                return done.error();
            RuleReport report;
            versioned.clear(); // each firing is a change of its own
            auto ran = runRule(system, rule, ticketId, RuleOptions { false, now }, report);
            if (!ran)
                return ran.error();
            if (ran.value())
                fired.append(TicketId::fromString(ticketId));
        }
    }
    return fired;
}

} // namespace Tessera::Server
