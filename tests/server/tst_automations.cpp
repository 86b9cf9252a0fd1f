// SPDX-License-Identifier: GPL-3.0-or-later
// Automations and SLA on the server (PRODUCT.md F4–F5), on both backends:
// the shipped rules, fair round-robin, every action type, rules that do not
// re-trigger one another, time-based rules on an injected clock, SLA due
// times kept by the server, and configuration that only admins change.
#include "backends.h"
#include "demoserver.h"
#include "domain/automationrules.h"
#include "protocol/codecs.h"
#include "sla/slaclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {
const QString Password = u"correct horse battery"_s;

QJsonObject titleContains(const QString &marker)
{
    return { { u"field"_s, u"title"_s }, { u"op"_s, u"contains"_s }, { u"value"_s, marker } };
}
} // namespace

class TestAutomations : public QObject
{
    Q_OBJECT

    std::map<QString, std::unique_ptr<Test::DemoServer>> m_servers;
    QHash<QString, QString> m_urls; // each backend's database
    Server::ServerStore *m_store = nullptr;
    Person m_agent, m_lead, m_admin, m_customer;
    QList<Status> m_statuses;
    QList<TicketType> m_types;
    QList<Automation> m_shipped;
    QList<SlaPolicy> m_policies;
    QList<CannedResponse> m_canned;
    QList<Project> m_projects;
    // What a test created, removed again in cleanup().
    QList<std::pair<EntityKind, EntityId>> m_created;

    Server::Session admin() const { return { m_admin.id, Role::Admin, {}, {} }; }
    Server::Session agent() const { return { m_agent.id, Role::Agent, m_agent.departmentIds, {} }; }
    Server::Session lead() const { return { m_lead.id, Role::Lead, m_lead.departmentIds, {} }; }
    Server::Session customer() const
    {
        return { m_customer.id, Role::Agent, {}, {}, PersonKind::Customer };
    }

    QJsonArray apply(const Server::Session &s, const QList<Mutation> &mutations)
    {
        auto results = m_store->applyMutations(s, mutations);
        if (!results) {
            qWarning() << results.error().message;
            return {};
        }
        return results.value();
    }

    template<typename T>
    QJsonObject create(const Server::Session &s, EntityKind kind, const T &entity)
    {
        const QJsonArray results = apply(s, { Mutation::creating(kind, entity, s.personId) });
        const QJsonObject r = results.at(0).toObject();
        if (r[u"status"_s].toString() == u"applied"_s && kind != EntityKind::Ticket)
            m_created.append({ kind, entity.id.template as<EntityId>() });
        return r;
    }

    QJsonObject ticket(const TicketId &id) const
    {
        return m_store->entity(admin(), EntityKind::Ticket, id.as<EntityId>())
            .value_or(QJsonObject());
    }

    QJsonObject update(const Server::Session &s, const TicketId &id, const QJsonObject &changes)
    {
        return apply(s,
            { Mutation::updating(
                EntityKind::Ticket, id.as<EntityId>(), ticket(id), changes, s.personId) })
            .at(0)
            .toObject();
    }

    Automation rule(const QString &name, AutomationTrigger trigger, const QJsonObject &conditions,
        const QJsonArray &actions, int position = 0)
    {
        Automation a;
        a.id = AutomationId::create();
        a.name = name;
        a.trigger = trigger;
        a.conditions = conditions;
        a.actions = actions;
        a.position = position;
        return a;
    }

    Automation addRule(const Automation &a)
    {
        const QJsonObject r = create(admin(), EntityKind::Automation, a);
        if (r[u"status"_s].toString() != u"applied"_s)
            qWarning() << r;
        return a;
    }

    // A ticket in the agent's department, requested by m_customer.
    Ticket newTicket(const QString &title, const QList<std::pair<QString, QJsonValue>> &set = {})
    {
        Ticket t;
        t.id = TicketId::create();
        t.title = title;
        t.requesterId = m_customer.id;
        t.departmentId = m_agent.departmentIds.value(0);
        QJsonObject json = Protocol::toJson(t);
        for (const auto &[key, value] : set)
            json.insert(key, value);
        Mutation m = Mutation::creating(EntityKind::Ticket, t, m_agent.id);
        m.fields = json;
        const QJsonObject r = apply(agent(), { m }).at(0).toObject();
        if (r[u"status"_s].toString() != u"applied"_s)
            qWarning() << r;
        return Protocol::fromJson<Ticket>(ticket(t.id)).value();
    }

    Conversation thread(const Ticket &t, ThreadVisibility visibility)
    {
        Conversation c { ConversationId::create(), t.id, visibility, {}, {}, 0 };
        apply(agent(), { Mutation::creating(EntityKind::Conversation, c, m_agent.id) });
        return c;
    }

    QJsonObject reply(const Server::Session &s, const Ticket &t, const Conversation &c,
        const QString &body, StatusId status = {})
    {
        Message m;
        m.id = MessageId::create();
        m.conversationId = c.id;
        m.ticketId = t.id;
        m.authorId = s.personId;
        m.body = body;
        m.setStatusId = status;
        m.via = s.isCustomer() ? Channel::Portal : Channel::Agent;
        return apply(s, { Mutation::creating(EntityKind::Message, m, s.personId) })
            .at(0)
            .toObject();
    }

    StatusCategory categoryOf(const QJsonObject &t) const
    {
        for (const Status &s : m_statuses) {
            if (s.id.toString() == t[u"status_id"_s].toString())
                return s.category;
        }
        return StatusCategory::Closed;
    }

    Status statusOf(TicketTypeId type, StatusCategory category) const
    {
        for (const Status &s : m_statuses) {
            if (s.typeId == type && s.category == category)
                return s;
        }
        return {};
    }

    QList<QJsonObject> children(EntityKind kind, const TicketId &id) const
    {
        return m_store->ticketChildren(admin(), kind, id);
    }

    void setEnabled(const Automation &a, bool enabled)
    {
        const auto current
            = m_store->entity(admin(), EntityKind::Automation, a.id.as<EntityId>()).value();
        apply(admin(),
            { Mutation::updating(EntityKind::Automation, a.id.as<EntityId>(), current,
                { { u"enabled"_s, enabled } }, m_admin.id) });
    }

    Automation shipped(AutomationTrigger trigger) const
    {
        for (const Automation &a : m_shipped) {
            if (a.trigger == trigger)
                return a;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        if (!m_servers.contains(backend)) {
            TESSERA_DATABASE_URL(url);
            auto demo = std::make_unique<Test::DemoServer>();
            QVERIFY(demo->start(40, Password, url));
            m_urls.insert(backend,
                url.isEmpty() ? u"sqlite:"_s + demo->dir.path() + u"/tessera.sqlite"_s : url);
            m_servers.emplace(backend, std::move(demo));
        }
        Test::DemoServer &demo = *m_servers.at(backend);
        m_store = demo.server->store();
        m_agent = demo.first(Role::Agent);
        m_lead = demo.first(Role::Lead);
        m_admin = demo.first(Role::Admin);
        m_statuses.clear();
        m_types.clear();
        m_shipped.clear();
        m_policies.clear();
        m_canned.clear();
        m_projects.clear();
        m_customer = {};
        const auto page = m_store->changes(admin(), 0, 100000);
        QVERIFY(page.isOk());
        for (const Server::FeedEntry &e : page.value().entries) {
            if (e.snapshot.isEmpty())
                continue; // deleted by an earlier test
            const QJsonObject json = QJsonDocument::fromJson(e.snapshot).object();
            if (e.kind == EntityKind::Status)
                m_statuses.append(Protocol::fromJson<Status>(json).value());
            else if (e.kind == EntityKind::TicketType)
                m_types.append(Protocol::fromJson<TicketType>(json).value());
            else if (e.kind == EntityKind::Automation)
                m_shipped.append(Protocol::fromJson<Automation>(json).value());
            else if (e.kind == EntityKind::SlaPolicy)
                m_policies.append(Protocol::fromJson<SlaPolicy>(json).value());
            else if (e.kind == EntityKind::CannedResponse)
                m_canned.append(Protocol::fromJson<CannedResponse>(json).value());
            else if (e.kind == EntityKind::Project)
                m_projects.append(Protocol::fromJson<Project>(json).value());
            else if (e.kind == EntityKind::Person && m_customer.name.isEmpty()
                && json.value(u"kind"_s).toString() == u"customer"_s)
                m_customer = Protocol::fromJson<Person>(json).value();
        }
        QVERIFY(!m_customer.name.isEmpty());
        QVERIFY(m_types.size() >= 2);
        QCOMPARE(m_policies.size(), 1);
    }

    void cleanup()
    {
        QList<Mutation> removals;
        for (const auto &[kind, id] : std::as_const(m_created)) {
            if (const auto current = m_store->entity(admin(), kind, id))
                removals.append(Mutation::deleting(kind, id, *current, m_admin.id));
        }
        m_created.clear();
        for (const QJsonValue &r : apply(admin(), removals)) {
            if (r[u"status"_s].toString() != u"applied"_s)
                qWarning() << "cleanup:" << r;
        }
    }

    void shippedRulesAreTypedAndValid()
    {
        QCOMPARE(m_shipped.size(), 3);
        QSet<AutomationTrigger> triggers;
        for (const Automation &a : std::as_const(m_shipped)) {
            QVERIFY2(validateAutomation(a), qPrintable(a.name));
            triggers.insert(a.trigger);
        }
        QCOMPARE(triggers,
            (QSet<AutomationTrigger> { AutomationTrigger::CustomerReply,
                AutomationTrigger::AgentReply, AutomationTrigger::Created }));
    }

    void newWorkspacesStartWithTheShippedRules()
    {
        QTemporaryDir dir;
        TESSERA_DATABASE_URL(url);
        Server::ServerStore fresh(
            url.isEmpty() ? u"sqlite:"_s + dir.path() + u"/fresh.sqlite"_s : url);
        QVERIFY(fresh.open());
        const auto owner = fresh.initAdmin(u"owner@fresh.example"_s, u"a long password"_s);
        QVERIFY(owner);
        const auto page = fresh.changes({ owner.value(), Role::Admin, {}, {} }, 0, 1000);
        QVERIFY(page);
        QStringList names;
        for (const Server::FeedEntry &e : page->entries) {
            if (e.kind == EntityKind::Automation)
                names.append(QJsonDocument::fromJson(e.snapshot)[u"name"_s].toString());
        }
        QStringList shippedNames;
        for (const Automation &a : shippedAutomations())
            shippedNames.append(a.name);
        QCOMPARE(names, shippedNames);
    }

    void shippedRulesSetStatusesAndAssignNewTickets()
    {
        const Ticket t = newTicket(u"Printer offline"_s);
        // New ticket → round-robin in its department.
        QVERIFY(t.assigneeId.isValid());
        QCOMPARE(t.departmentId, m_agent.departmentIds.value(0));
        const auto assignee
            = m_store->entity(admin(), EntityKind::Person, t.assigneeId.as<EntityId>());
        QVERIFY(assignee);
        QVERIFY(assignee->value(u"department_ids"_s).toArray().contains(t.departmentId.toString()));

        const Conversation pub = thread(t, ThreadVisibility::Public);
        QCOMPARE(
            reply(agent(), t, pub, u"Is it plugged in?"_s)[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(categoryOf(ticket(t.id)), StatusCategory::Pending);
        // The status came from the rule: its activity entry names it.
        const auto rulePending = shipped(AutomationTrigger::AgentReply);
        bool byRule = false;
        for (const QJsonObject &a : children(EntityKind::Activity, t.id)) {
            if (a[u"field"_s].toString() == u"status_id"_s
                && a[u"automation_id"_s].toString() == rulePending.id.toString()) {
                byRule = true;
                QVERIFY(a[u"actor_id"_s].isNull());
            }
        }
        QVERIFY(byRule);

        QCOMPARE(reply(customer(), t, pub, u"It is."_s)[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(categoryOf(ticket(t.id)), StatusCategory::Open);

        // A status the agent chose wins over the rule.
        const Status solved = statusOf(t.typeId, StatusCategory::Solved);
        reply(agent(), t, pub, u"Fixed."_s, solved.id);
        QCOMPARE(ticket(t.id)[u"status_id"_s].toString(), solved.id.toString());
    }

    void theDefaultStatusIsKeptWithoutARule()
    {
        const Automation pending = shipped(AutomationTrigger::AgentReply);
        setEnabled(pending, false);
        const Ticket t = newTicket(u"Without the pending rule"_s);
        const Conversation pub = thread(t, ThreadVisibility::Public);
        reply(agent(), t, pub, u"Any logs?"_s);
        setEnabled(pending, true);
        QCOMPARE(categoryOf(ticket(t.id)), StatusCategory::Pending);

        // A rule that says otherwise replaces the default.
        // … when it comes after it: rules run in position order, the last word wins.
        addRule(rule(u"Agent replies keep it open"_s, AutomationTrigger::AgentReply,
            titleContains(u"KEEP-OPEN"_s),
            { QJsonObject {
                { u"type"_s, u"set_status_category"_s }, { u"category"_s, u"open"_s } } },
            5));
        const Ticket open = newTicket(u"KEEP-OPEN please"_s);
        const Conversation thread2 = thread(open, ThreadVisibility::Public);
        reply(agent(), open, thread2, u"Looking."_s);
        QCOMPARE(categoryOf(ticket(open.id)), StatusCategory::Open);
    }

    void roundRobinIsFair()
    {
        Department team { DepartmentId::create(), u"Round robin team"_s, 0 };
        create(admin(), EntityKind::Department, team);
        QList<Person> members;
        for (int i = 0; i < 5; ++i) {
            Person p;
            p.id = PersonId::create();
            p.name = u"Member %1"_s.arg(i);
            p.email = u"member%1@rr.example"_s.arg(i);
            p.kind = PersonKind::Agent;
            p.departmentIds = { team.id };
            p.active = i != 2;
            QCOMPARE(create(admin(), EntityKind::Person, p)[u"status"_s].toString(), u"applied"_s);
            members.append(p);
        }
        QList<Mutation> batch;
        QList<TicketId> ids;
        for (int i = 0; i < 1000; ++i) {
            Ticket t;
            t.id = TicketId::create();
            t.title = u"Queue item %1"_s.arg(i);
            t.departmentId = team.id;
            ids.append(t.id);
            batch.append(Mutation::creating(EntityKind::Ticket, t, m_admin.id));
            if (batch.size() == 100) {
                QCOMPARE(apply(admin(), batch).size(), 100);
                batch.clear();
            }
        }
        QHash<QString, int> counts;
        for (const TicketId &id : std::as_const(ids))
            ++counts[ticket(id)[u"assignee_id"_s].toString()];
        QCOMPARE(counts.value(members.at(2).id.toString()), 0); // inactive
        int low = 1000, high = 0, total = 0;
        for (const Person &p : std::as_const(members)) {
            if (!p.active)
                continue;
            const int n = counts.value(p.id.toString());
            low = std::min(low, n);
            high = std::max(high, n);
            total += n;
        }
        QCOMPARE(total, 1000);
        QVERIFY2(high - low <= 1, qPrintable(u"%1..%2"_s.arg(low).arg(high)));
        // The turns are stored: after a restart the order goes on where it was.
        QStringList order;
        for (const Person &p : std::as_const(members)) {
            if (p.active)
                order.append(p.id.toString());
        }
        std::sort(order.begin(), order.end());
        const auto assignOne = [&](Server::ServerStore &store) {
            Ticket t;
            t.id = TicketId::create();
            t.title = u"After the thousand"_s;
            t.departmentId = team.id;
            auto r = store.applyMutations(
                admin(), { Mutation::creating(EntityKind::Ticket, t, m_admin.id) });
            return r ? r->at(0)[u"snapshot"_s][u"assignee_id"_s].toString() : QString();
        };
        QCOMPARE(assignOne(*m_store), order.at(0));
        QFETCH_GLOBAL(QString, backend);
        Server::ServerStore reopened(m_urls.value(backend));
        QVERIFY(reopened.open());
        QCOMPARE(assignOne(reopened), order.at(1));
        QCOMPARE(assignOne(reopened), order.at(2));

        // Tickets are test data of this department only; they stay.
        for (const Person &p : std::as_const(members))
            m_created.append({ EntityKind::Person, p.id.as<EntityId>() });
    }

    void everyActionType_data()
    {
        QTest::addColumn<QString>("type");
        for (const QString &type : automationActionTypes())
            QTest::newRow(qPrintable(type)) << type;
    }

    void everyActionType()
    {
        QFETCH(QString, type);
        const QString marker
            = u"ACTION-%1-%2"_s.arg(type, QUuid::createUuid().toString(QUuid::Id128));
        const TicketType otherType = m_types.at(1);
        const Status solved = statusOf(m_types.at(0).id, StatusCategory::Solved);
        Department elsewhere { DepartmentId::create(), u"Elsewhere "_s + marker.right(6), 0 };
        create(admin(), EntityKind::Department, elsewhere);
        Person helper;
        helper.id = PersonId::create();
        helper.name = u"Helper"_s;
        helper.kind = PersonKind::Agent;
        helper.departmentIds = { elsewhere.id };
        create(admin(), EntityKind::Person, helper);
        SlaPolicy pinned = m_policies.at(0);
        pinned.id = SlaPolicyId::create();
        pinned.name = u"Pinned only"_s;
        pinned.firstResponseMinutes = { 5, 5, 5, 5 };
        pinned.resolutionMinutes = { 10, 10, 10, 10 };
        pinned.businessDays = { 1, 2, 3, 4, 5, 6, 7 };
        pinned.businessHoursStart = u"00:00"_s;
        pinned.businessHoursEnd = u"00:00"_s;
        pinned.conditions = titleContains(u"NEVER-MATCHES"_s);
        pinned.position = 0;
        QCOMPARE(
            create(admin(), EntityKind::SlaPolicy, pinned)[u"status"_s].toString(), u"applied"_s);
        Organization org { OrganizationId::create(), u"Org "_s + marker.right(6), {}, 0 };
        create(admin(), EntityKind::Organization, org);
        Person requester;
        requester.id = PersonId::create();
        requester.name = u"Rita Requester"_s;
        requester.kind = PersonKind::Customer;
        requester.organizationId = org.id;
        create(admin(), EntityKind::Person, requester);

        QJsonObject action { { u"type"_s, type } };
        if (type == u"assign_round_robin"_s)
            action.insert(u"department_id"_s, elsewhere.id.toString());
        else if (type == u"assign_agent"_s)
            action.insert(u"agent_id"_s, m_lead.id.toString());
        else if (type == u"assign_department"_s)
            action.insert(u"department_id"_s, elsewhere.id.toString());
        else if (type == u"set_status"_s)
            action.insert(u"status_id"_s, solved.id.toString());
        else if (type == u"set_status_category"_s)
            action.insert(u"category"_s, u"on_hold"_s);
        else if (type == u"set_priority"_s)
            action.insert(u"priority"_s, u"urgent"_s);
        else if (type == u"set_type"_s)
            action.insert(u"type_id"_s, otherType.id.toString());
        else if (type == u"add_follower"_s)
            action.insert(u"person_id"_s, m_lead.id.toString());
        else if (type == u"apply_sla"_s)
            action.insert(u"sla_policy_id"_s, pinned.id.toString());
        else if (type == u"add_internal_note"_s || type == u"add_public_reply"_s)
            action.insert(u"canned_response_id"_s, m_canned.last().id.toString());
        else if (type == u"move_to_project"_s)
            action.insert(u"project_id"_s, m_projects.at(0).id.toString());
        addRule(
            rule(u"Rule "_s + type, AutomationTrigger::Created, titleContains(marker), { action }));

        const Ticket made = newTicket(marker + u" here"_s,
            { { u"type_id"_s, m_types.at(0).id.toString() },
                { u"requester_id"_s, requester.id.toString() } });
        const QJsonObject t = ticket(made.id);
        QVERIFY(!t.isEmpty());
        if (type == u"assign_round_robin"_s) {
            QCOMPARE(t[u"department_id"_s].toString(), elsewhere.id.toString());
            QCOMPARE(t[u"assignee_id"_s].toString(), helper.id.toString());
        } else if (type == u"assign_agent"_s) {
            QCOMPARE(t[u"assignee_id"_s].toString(), m_lead.id.toString());
        } else if (type == u"assign_department"_s) {
            QCOMPARE(t[u"department_id"_s].toString(), elsewhere.id.toString());
        } else if (type == u"set_status"_s) {
            QCOMPARE(t[u"status_id"_s].toString(), solved.id.toString());
            QVERIFY(!t[u"solved_at"_s].toString().isEmpty());
        } else if (type == u"set_status_category"_s) {
            QCOMPARE(categoryOf(t), StatusCategory::OnHold);
            QVERIFY(t[u"resolution_due"_s].isNull()); // the clock stands still
        } else if (type == u"set_priority"_s) {
            QCOMPARE(t[u"priority"_s].toString(), u"urgent"_s);
        } else if (type == u"set_type"_s) {
            QCOMPARE(t[u"type_id"_s].toString(), otherType.id.toString());
            QCOMPARE(t[u"status_id"_s].toString(), otherType.defaultStatusId.toString());
        } else if (type == u"add_follower"_s) {
            QVERIFY(t[u"follower_ids"_s].toArray().contains(m_lead.id.toString()));
        } else if (type == u"apply_sla"_s) {
            QCOMPARE(t[u"sla_policy_id"_s].toString(), pinned.id.toString());
            const QDateTime created
                = QDateTime::fromString(t[u"created_at"_s].toString(), Qt::ISODate);
            QCOMPARE(QDateTime::fromString(t[u"first_response_due"_s].toString(), Qt::ISODate),
                created.addSecs(5 * 60));
            // Pinned: a later change keeps the policy.
            update(agent(), made.id, { { u"title"_s, QString(marker + u" edited"_s) } });
            QCOMPARE(ticket(made.id)[u"sla_policy_id"_s].toString(), pinned.id.toString());
        } else if (type == u"add_internal_note"_s || type == u"add_public_reply"_s) {
            const bool isPublic = type == u"add_public_reply"_s;
            const auto messages = children(EntityKind::Message, made.id);
            QCOMPARE(messages.size(), 1);
            QVERIFY(messages[0][u"body"_s].toString().contains(u"Rita"_s)
                || !m_canned.last().body.contains(u"{{requester.first_name}}"_s));
            const auto threads = children(EntityKind::Conversation, made.id);
            QCOMPARE(threads.size(), 1);
            QCOMPARE(
                threads[0][u"visibility"_s].toString(), isPublic ? u"public"_s : u"internal"_s);
            bool mailed = false;
            for (const Server::QueuedMail &mail : m_store->pendingMail())
                mailed = mailed || mail.ticketId == made.id;
            QCOMPARE(mailed, false); // the requester has no e-mail address
        } else if (type == u"move_to_project"_s) {
            QCOMPARE(t[u"project_id"_s].toString(), m_projects.at(0).id.toString());
        } else if (type == u"move_to_organization_project"_s) {
            const auto project = m_store->entity(
                admin(), EntityKind::Project, EntityId::fromString(t[u"project_id"_s].toString()));
            QVERIFY(project);
            QCOMPARE(project->value(u"organization_id"_s).toString(), org.id.toString());
            QCOMPARE(project->value(u"name"_s).toString(), org.name);
            m_created.append(
                { EntityKind::Project, EntityId::fromString(project->value(u"id"_s).toString()) });
            // A second ticket of the organization joins the same project.
            const Ticket again = newTicket(
                marker + u" again"_s, { { u"requester_id"_s, requester.id.toString() } });
            QCOMPARE(ticket(again.id)[u"project_id"_s].toString(), t[u"project_id"_s].toString());
        } else {
            QFAIL("an action type without a check");
        }
    }

    void rulesDoNotRetriggerEachOther()
    {
        const QString marker = u"PINGPONG"_s;
        const QJsonObject mine = titleContains(marker);
        const auto priorityIs = [&](const QString &p) {
            return QJsonObject { { u"all"_s,
                QJsonArray { mine,
                    QJsonObject { { u"field"_s, u"priority"_s }, { u"op"_s, u"is"_s },
                        { u"value"_s, p } } } } };
        };
        const Automation ping = addRule(rule(u"Ping"_s, AutomationTrigger::Updated,
            priorityIs(u"high"_s),
            { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"low"_s } } }, 0));
        const Automation pong = addRule(rule(u"Pong"_s, AutomationTrigger::Updated,
            priorityIs(u"low"_s),
            { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"high"_s } } }, 1));
        // A status set by a rule does not fire status_changed rules.
        const Automation hold = addRule(rule(u"Hold"_s, AutomationTrigger::Updated, mine,
            { QJsonObject {
                { u"type"_s, u"set_status_category"_s }, { u"category"_s, u"on_hold"_s } } },
            2));
        const Automation follow
            = addRule(rule(u"Follow status changes"_s, AutomationTrigger::StatusChanged, mine,
                { QJsonObject { { u"type"_s, u"add_follower"_s },
                    { u"person_id"_s, m_lead.id.toString() } } }));

        const Ticket t = newTicket(marker + u" ticket"_s);
        const QJsonObject r = update(agent(), t.id, { { u"priority"_s, u"high"_s } });
        QCOMPARE(r[u"status"_s].toString(), u"applied"_s);
        const QJsonObject after = ticket(t.id);
        // Ping ran (high → low), then Pong over its result (low → high), each once.
        QCOMPARE(after[u"priority"_s].toString(), u"high"_s);
        QCOMPARE(r[u"snapshot"_s][u"priority"_s].toString(), u"high"_s);
        QCOMPARE(categoryOf(after), StatusCategory::OnHold);
        QVERIFY(after[u"follower_ids"_s].toArray().isEmpty());
        QHash<QString, int> byRule;
        int byAgent = 0;
        for (const QJsonObject &a : children(EntityKind::Activity, t.id)) {
            if (a[u"field"_s].toString() != u"priority"_s)
                continue;
            if (a[u"automation_id"_s].isNull())
                ++byAgent;
            else
                ++byRule[a[u"automation_id"_s].toString()];
        }
        QCOMPARE(byAgent, 1);
        QCOMPARE(byRule.value(ping.id.toString()), 1);
        QCOMPARE(byRule.value(pong.id.toString()), 1);
        QCOMPARE(byRule.size(), 2);
        Q_UNUSED(hold);
        Q_UNUSED(follow);

        // A status change by an agent does fire it.
        const Status open = statusOf(t.typeId, StatusCategory::Open);
        update(agent(), t.id, { { u"status_id"_s, open.id.toString() } });
        QVERIFY(ticket(t.id)[u"follower_ids"_s].toArray().contains(m_lead.id.toString()));
    }

    void timeBasedRulesRunOnTheInjectedClock()
    {
        const QString marker = u"TIMED-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
        Automation timed = rule(u"Escalate after a day"_s, AutomationTrigger::TimeBased,
            titleContains(marker),
            { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"urgent"_s } } });
        timed.schedule = { { u"since"_s, u"created"_s }, { u"hours"_s, 24 } };
        addRule(timed);
        Automation nearBreach = rule(u"Warn before the resolution target"_s,
            AutomationTrigger::TimeBased, titleContains(marker),
            { QJsonObject {
                { u"type"_s, u"add_follower"_s }, { u"person_id"_s, m_lead.id.toString() } } });
        nearBreach.schedule = { { u"since"_s, u"resolution_due"_s }, { u"hours"_s, -1 } };
        addRule(nearBreach);

        const Ticket t = newTicket(marker);
        const QDateTime created
            = QDateTime::fromString(ticket(t.id)[u"created_at"_s].toString(), Qt::ISODate);
        const QDateTime due = t.resolutionDue;
        QVERIFY(due.isValid());

        auto fired = m_store->runTimedAutomations(created.addSecs(23 * 3600));
        QVERIFY(fired);
        QCOMPARE(ticket(t.id)[u"priority"_s].toString(), u"normal"_s);

        fired = m_store->runTimedAutomations(created.addSecs(25 * 3600));
        QVERIFY(fired);
        QVERIFY(fired->contains(t.id));
        QCOMPARE(ticket(t.id)[u"priority"_s].toString(), u"urgent"_s);
        // Once per moment it measures from.
        update(agent(), t.id, { { u"priority"_s, u"low"_s } });
        fired = m_store->runTimedAutomations(created.addSecs(26 * 3600));
        QVERIFY(fired);
        QCOMPARE(ticket(t.id)[u"priority"_s].toString(), u"low"_s);

        // One hour before the (recomputed) resolution target.
        const QDateTime dueNow
            = QDateTime::fromString(ticket(t.id)[u"resolution_due"_s].toString(), Qt::ISODate);
        QVERIFY(dueNow.isValid());
        m_store->runTimedAutomations(dueNow.addSecs(-2 * 3600));
        QVERIFY(ticket(t.id)[u"follower_ids"_s].toArray().isEmpty());
        m_store->runTimedAutomations(dueNow.addSecs(-3600));
        QVERIFY(ticket(t.id)[u"follower_ids"_s].toArray().contains(m_lead.id.toString()));
    }

    void pendingTicketsCloseAfterTheirWait()
    {
        const QString marker = u"WAITING-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
        Automation close = rule(u"Solve after two days pending"_s, AutomationTrigger::TimeBased,
            titleContains(marker),
            { QJsonObject {
                { u"type"_s, u"set_status_category"_s }, { u"category"_s, u"solved"_s } } });
        close.schedule = { { u"since"_s, u"pending"_s }, { u"hours"_s, 48 } };
        addRule(close);
        const Ticket open = newTicket(marker + u" open"_s);
        const Ticket waiting = newTicket(marker + u" waiting"_s);
        update(agent(), waiting.id,
            { { u"status_id"_s,
                statusOf(waiting.typeId, StatusCategory::Pending).id.toString() } });
        const QDateTime since
            = QDateTime::fromString(ticket(waiting.id)[u"updated_at"_s].toString(), Qt::ISODate);
        auto fired = m_store->runTimedAutomations(since.addSecs(47 * 3600));
        QVERIFY(fired);
        QVERIFY(!fired->contains(waiting.id));
        fired = m_store->runTimedAutomations(since.addSecs(49 * 3600));
        QVERIFY(fired);
        QCOMPARE(fired->count(waiting.id), 1);
        QVERIFY(!fired->contains(open.id)); // not pending
        QCOMPARE(categoryOf(ticket(waiting.id)), StatusCategory::Solved);
        QCOMPARE(categoryOf(ticket(open.id)), StatusCategory::New);
    }

    void slaDueTimesAreKeptByTheServer()
    {
        const SlaPolicy standard = m_policies.at(0);
        const Ticket t = newTicket(u"SLA check"_s);
        QJsonObject stored = ticket(t.id);
        QCOMPARE(stored[u"sla_policy_id"_s].toString(), standard.id.toString());
        const QDateTime created
            = QDateTime::fromString(stored[u"created_at"_s].toString(), Qt::ISODate);
        const auto clock = SlaClock::fromPolicy(standard).value();
        const SlaDeadlines expected = clock.deadlines(created, Priority::Normal, {});
        QCOMPARE(t.firstResponseDue, expected.firstResponseDue);
        QCOMPARE(t.resolutionDue, expected.resolutionDue);

        // A policy for urgent tickets, ahead of the standard one.
        const auto setStandardPosition = [&](int position) {
            const auto current
                = m_store->entity(admin(), EntityKind::SlaPolicy, standard.id.as<EntityId>());
            apply(admin(),
                { Mutation::updating(EntityKind::SlaPolicy, standard.id.as<EntityId>(), *current,
                    { { u"position"_s, position } }, m_admin.id) });
        };
        setStandardPosition(1);
        const auto restore = qScopeGuard([&] { setStandardPosition(0); });
        SlaPolicy urgent = standard;
        urgent.id = SlaPolicyId::create();
        urgent.name = u"Urgent"_s;
        urgent.position = 0;
        urgent.firstResponseMinutes = { 15, 15, 15, 15 };
        urgent.conditions
            = { { u"field"_s, u"priority"_s }, { u"op"_s, u"is"_s }, { u"value"_s, u"urgent"_s } };
        QCOMPARE(
            create(admin(), EntityKind::SlaPolicy, urgent)[u"status"_s].toString(), u"applied"_s);
        update(agent(), t.id, { { u"priority"_s, u"urgent"_s } });
        stored = ticket(t.id);
        QCOMPARE(stored[u"sla_policy_id"_s].toString(), urgent.id.toString());
        QCOMPARE(QDateTime::fromString(stored[u"first_response_due"_s].toString(), Qt::ISODate),
            SlaClock::fromPolicy(urgent)
                ->deadlines(created, Priority::Urgent, {})
                .firstResponseDue);

        // Pending stops the clock; back to open, the target moved later.
        const QDateTime before
            = QDateTime::fromString(stored[u"resolution_due"_s].toString(), Qt::ISODate);
        update(agent(), t.id,
            { { u"status_id"_s, statusOf(t.typeId, StatusCategory::Pending).id.toString() } });
        QVERIFY(ticket(t.id)[u"resolution_due"_s].isNull());
        QTest::qWait(20);
        update(agent(), t.id,
            { { u"status_id"_s, statusOf(t.typeId, StatusCategory::Open).id.toString() } });
        const QDateTime later
            = QDateTime::fromString(ticket(t.id)[u"resolution_due"_s].toString(), Qt::ISODate);
        QVERIFY(later.isValid());
        QVERIFY(later >= before);

        // Clients do not set due times.
        const QJsonObject current = ticket(t.id);
        const QJsonObject r = update(agent(), t.id,
            { { u"resolution_due"_s, u"2030-01-01T00:00:00.000Z"_s },
                { u"title"_s, u"SLA check!"_s } });
        QCOMPARE(r[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(ticket(t.id)[u"resolution_due"_s], current[u"resolution_due"_s]);
        QCOMPARE(ticket(t.id)[u"title"_s].toString(), u"SLA check!"_s);
    }

    void changedPoliciesMoveOpenTicketsDueTimes()
    {
        const SlaPolicy standard = m_policies.at(0);
        const Ticket t = newTicket(u"Due times follow the policy"_s);
        const auto setTargets = [&](const QList<int> &minutes) {
            const auto current
                = m_store->entity(admin(), EntityKind::SlaPolicy, standard.id.as<EntityId>());
            QJsonArray targets;
            for (int m : minutes)
                targets.append(m);
            return apply(admin(),
                { Mutation::updating(EntityKind::SlaPolicy, standard.id.as<EntityId>(), *current,
                    { { u"first_response_minutes"_s, targets } }, m_admin.id) })
                .at(0)[u"status"_s]
                .toString();
        };
        QCOMPARE(setTargets({ 30, 30, 30, 30 }), u"applied"_s);
        const auto restore = qScopeGuard([&] { setTargets(standard.firstResponseMinutes); });
        QCOMPARE(ticket(t.id)[u"first_response_due"_s].toString(),
            Protocol::dateTimeToJson(t.firstResponseDue).toString()); // not yet

        SlaPolicy changed = standard;
        changed.firstResponseMinutes = { 30, 30, 30, 30 };
        const QDateTime expected = SlaClock::fromPolicy(changed)
                                       ->deadlines(t.createdAt, t.priority, {})
                                       .firstResponseDue;
        bool moved = false;
        for (int sweep = 0; sweep < 20 && !moved; ++sweep) {
            const auto fired = m_store->runTimedAutomations(QDateTime::currentDateTimeUtc());
            QVERIFY(fired);
            moved = fired->contains(t.id);
        }
        QVERIFY(moved);
        const QJsonObject after = ticket(t.id);
        QCOMPARE(QDateTime::fromString(after[u"first_response_due"_s].toString(), Qt::ISODate),
            expected);
        QCOMPARE(after[u"version"_s].toInteger(), t.version + 1);
        QCOMPARE(QDateTime::fromString(after[u"updated_at"_s].toString(), Qt::ISODate),
            t.updatedAt); // not an edit
    }

    void badRulesAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown action") << QJsonObject {
            { u"actions"_s, QJsonArray { QJsonObject { { u"type"_s, u"send_fax"_s } } } }
        } << u"\"send_fax\" is not an action"_s;
        QTest::newRow("missing parameter") << QJsonObject {
            { u"actions"_s, QJsonArray { QJsonObject { { u"type"_s, u"assign_agent"_s } } } }
        } << u"agent_id is not a UUID"_s;
        QTest::newRow("unknown parameter") << QJsonObject { { u"actions"_s,
            QJsonArray { QJsonObject { { u"type"_s, u"set_priority"_s },
                { u"priority"_s, u"high"_s }, { u"colour"_s, u"red"_s } } } } }
                                           << u"colour is not a parameter"_s;
        QTest::newRow("unknown agent") << QJsonObject { { u"actions"_s,
            QJsonArray { QJsonObject { { u"type"_s, u"assign_agent"_s },
                { u"agent_id"_s, PersonId::create().toString() } } } } }
                                       << u"actions[0].agent_id names no agent"_s;
        QTest::newRow("unknown field") << QJsonObject { { u"conditions"_s,
            QJsonObject { { u"field"_s, u"shoe_size"_s }, { u"op"_s, u"is"_s },
                { u"value"_s, 1 } } } } << u"shoe_size"_s;
        QTest::newRow("timed without schedule")
            << QJsonObject { { u"trigger"_s, u"time_based"_s } } << u"schedule.since"_s;
    }

    void badRulesAreRefused()
    {
        QFETCH(QJsonObject, change);
        QFETCH(QString, message);
        Automation a = rule(u"Bad"_s, AutomationTrigger::Created, {},
            { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"high"_s } } });
        QJsonObject json = Protocol::toJson(a);
        for (auto it = change.begin(); it != change.end(); ++it)
            json.insert(it.key(), it.value());
        Mutation m = Mutation::creating(EntityKind::Automation, a, m_admin.id);
        m.fields = json;
        const QJsonObject r = apply(admin(), { m }).at(0).toObject();
        QCOMPARE(r[u"status"_s].toString(), u"rejected"_s);
        QCOMPARE(r[u"error"_s][u"code"_s].toString(), u"invalid"_s);
        QVERIFY2(r[u"error"_s][u"message"_s].toString().contains(message),
            qPrintable(r[u"error"_s][u"message"_s].toString()));
        QVERIFY(!m_store->entity(admin(), EntityKind::Automation, a.id.as<EntityId>()));

        SlaPolicy p = m_policies.at(0);
        p.id = SlaPolicyId::create();
        p.timeZone = u"Nowhere/Special"_s;
        const QJsonObject refused = create(admin(), EntityKind::SlaPolicy, p);
        QCOMPARE(refused[u"status"_s].toString(), u"rejected"_s);
        QVERIFY(refused[u"error"_s][u"message"_s].toString().contains(u"time_zone"_s));
    }

    void configurationIsForAdmins()
    {
        const Automation a = rule(u"Sneaky"_s, AutomationTrigger::Created, {},
            { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"low"_s } } });
        SlaPolicy p = m_policies.at(0);
        p.id = SlaPolicyId::create();
        for (const Server::Session &s : { agent(), lead() }) {
            QCOMPARE(create(s, EntityKind::Automation, a)[u"error"_s][u"code"_s].toString(),
                u"forbidden"_s);
            QCOMPARE(create(s, EntityKind::SlaPolicy, p)[u"error"_s][u"code"_s].toString(),
                u"forbidden"_s);
            const QJsonObject current = Protocol::toJson(m_shipped.at(0));
            const QJsonObject r = apply(s,
                { Mutation::updating(EntityKind::Automation, m_shipped.at(0).id.as<EntityId>(),
                    *m_store->entity(
                        admin(), EntityKind::Automation, m_shipped.at(0).id.as<EntityId>()),
                    { { u"enabled"_s, false } }, s.personId) })
                                      .at(0)
                                      .toObject();
            QCOMPARE(r[u"error"_s][u"code"_s].toString(), u"forbidden"_s);
            Q_UNUSED(current);
        }
        // Shared canned responses are the leads' and admins'; personal ones anyone's.
        CannedResponse shared { CannedResponseId::create(), m_agent.id, u"Mine to share"_s,
            u"Hello"_s, true, 0 };
        QCOMPARE(
            create(agent(), EntityKind::CannedResponse, shared)[u"error"_s][u"code"_s].toString(),
            u"forbidden"_s);
        shared.shared = false;
        QCOMPARE(create(agent(), EntityKind::CannedResponse, shared)[u"status"_s].toString(),
            u"applied"_s);
        QCOMPARE(apply(agent(),
                     { Mutation::updating(EntityKind::CannedResponse, shared.id.as<EntityId>(),
                         Protocol::toJson(shared), { { u"shared"_s, true } }, m_agent.id) })
                     .at(0)[u"error"_s][u"code"_s]
                     .toString(),
            u"forbidden"_s);
    }

    void deletingAStatusOrTypeMovesItsTickets()
    {
        TicketType type;
        type.id = TicketTypeId::create();
        type.name = u"Short-lived"_s;
        type.position = 90;
        QCOMPARE(
            create(admin(), EntityKind::TicketType, type)[u"status"_s].toString(), u"applied"_s);
        const Status open { StatusId::create(), type.id, u"Looking"_s, StatusCategory::Open,
            u"#3366cc"_s, 0, 0 };
        const Status solved { StatusId::create(), type.id, u"Done"_s, StatusCategory::Solved,
            u"#339933"_s, 1, 0 };
        QCOMPARE(create(admin(), EntityKind::Status, open)[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(create(admin(), EntityKind::Status, solved)[u"status"_s].toString(), u"applied"_s);
        const auto typeJson = [&] {
            return *m_store->entity(admin(), EntityKind::TicketType, type.id.as<EntityId>());
        };
        QCOMPARE(
            apply(admin(),
                { Mutation::updating(EntityKind::TicketType, type.id.as<EntityId>(), typeJson(),
                    { { u"default_status_id"_s, open.id.toString() } }, m_admin.id) })
                .at(0)[u"status"_s]
                .toString(),
            u"applied"_s);
        const Ticket t = newTicket(u"Moves along"_s,
            { { u"type_id"_s, type.id.toString() }, { u"status_id"_s, open.id.toString() } });
        QCOMPARE(t.statusId, open.id);

        const auto removal = [&](EntityKind kind, EntityId id, const QString &moveTo) {
            Mutation m
                = Mutation::deleting(kind, id, *m_store->entity(admin(), kind, id), m_admin.id);
            if (!moveTo.isEmpty())
                m.fields = { { u"move_to"_s, moveTo } };
            return m;
        };
        // A status in use needs a place for its tickets, of the same type.
        QJsonObject r = apply(admin(), { removal(EntityKind::Status, open.id.as<EntityId>(), {}) })
                            .at(0)
                            .toObject();
        QCOMPARE(r[u"error"_s][u"code"_s].toString(), u"invalid"_s);
        QCOMPARE(r[u"error"_s][u"field"_s].toString(), u"move_to"_s);
        const Status elsewhere = statusOf(m_types.at(0).id, StatusCategory::Open);
        r = apply(admin(),
            { removal(EntityKind::Status, open.id.as<EntityId>(), elsewhere.id.toString()) })
                .at(0)
                .toObject();
        QCOMPARE(r[u"error"_s][u"code"_s].toString(), u"invalid"_s);
        QCOMPARE(ticket(t.id)[u"status_id"_s].toString(), open.id.toString());

        r = apply(
            admin(), { removal(EntityKind::Status, open.id.as<EntityId>(), solved.id.toString()) })
                .at(0)
                .toObject();
        QCOMPARE(r[u"status"_s].toString(), u"applied"_s);
        QCOMPARE(ticket(t.id)[u"status_id"_s].toString(), solved.id.toString());
        QCOMPARE(typeJson()[u"default_status_id"_s].toString(), solved.id.toString());
        QVERIFY(!m_store->entity(admin(), EntityKind::Status, open.id.as<EntityId>()));

        // A type's tickets go to another type, in the status of the same category there.
        r = apply(admin(),
            { removal(
                EntityKind::TicketType, type.id.as<EntityId>(), m_types.at(0).id.toString()) })
                .at(0)
                .toObject();
        QCOMPARE(r[u"status"_s].toString(), u"applied"_s);
        const QJsonObject moved = ticket(t.id);
        QCOMPARE(moved[u"type_id"_s].toString(), m_types.at(0).id.toString());
        QCOMPARE(moved[u"status_id"_s].toString(),
            statusOf(m_types.at(0).id, StatusCategory::Solved).id.toString());
        QVERIFY(!m_store->entity(admin(), EntityKind::Status, solved.id.as<EntityId>()));
        QVERIFY(!m_store->entity(admin(), EntityKind::TicketType, type.id.as<EntityId>()));
    }
};

QTEST_GUILESS_MAIN(TestAutomations)
#include "tst_automations.moc"
