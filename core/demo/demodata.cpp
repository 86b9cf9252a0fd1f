// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demodata.h"

#include "demo/demotext.h"
#include "domain/automationrules.h"
#include "protocol/codecs.h"
#include "store/store.h"

#include <QJsonArray>
#include <QRandomGenerator64>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

using DemoText::Language;

// Deterministic UUID (version 4 layout) from the generator.
template<typename IdType>
IdType makeId(QRandomGenerator64 &rng)
{
    QByteArray bytes(16, Qt::Uninitialized);
    const quint64 a = rng.generate64();
    const quint64 b = rng.generate64();
    memcpy(bytes.data(), &a, 8);
    memcpy(bytes.data() + 8, &b, 8);
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return IdType(QUuid::fromRfc4122(bytes));
}

int pick(QRandomGenerator64 &rng, int n)
{
    return n <= 0 ? 0 : int(rng.bounded(quint64(n)));
}

template<typename T>
const T &pickFrom(QRandomGenerator64 &rng, const QList<T> &list)
{
    return list.at(pick(rng, int(list.size())));
}

// Index into weights, chosen with probability proportional to the weight.
int weighted(QRandomGenerator64 &rng, std::initializer_list<int> weights)
{
    int total = 0;
    for (int w : weights)
        total += w;
    int roll = pick(rng, total);
    int index = 0;
    for (int w : weights) {
        if (roll < w)
            return index;
        roll -= w;
        ++index;
    }
    return 0;
}

Language pickLanguage(QRandomGenerator64 &rng)
{
    return Language(weighted(rng, { 50, 25, 25 }));
}

struct TypeInfo
{
    TicketType type;
    QList<Status> statuses; // in lifecycle order
    QList<CustomFieldDef> fields;
};

template<typename T>
QList<QJsonObject> toJsonList(const QList<T> &values)
{
    QList<QJsonObject> list;
    list.reserve(values.size());
    for (const T &value : values)
        list.append(Protocol::toJson(value));
    return list;
}

} // namespace

struct DemoGenerator::Private
{
    DemoOptions options;
    QList<Department> departments;
    QList<Person> agents;
    QList<Person> customers;
    QList<Organization> organizations;
    QList<Project> projects;
    QList<TypeInfo> types;
    SlaPolicy sla;
    QList<CannedResponse> canned;
    QList<Automation> automations;
    QList<SavedView> views;

    void buildReference();
    QString personName(QRandomGenerator64 &rng, Language language) const
    {
        return pickFrom(rng, DemoText::firstNames(language)) + u' '
            + pickFrom(rng, DemoText::lastNames(language));
    }
};

void DemoGenerator::Private::buildReference()
{
    QRandomGenerator64 rng(options.seed * 7919 + 17);
    const QDateTime anchor = options.anchor;

    for (const QString &name :
        { u"Support"_s, u"Billing"_s, u"IT Operations"_s, u"Field Service"_s })
        departments.append({ makeId<DepartmentId>(rng), name, 1 });

    const int agentCount = 24;
    for (int i = 0; i < agentCount; ++i) {
        const Language language = Language(i % 3);
        Person agent;
        agent.id = makeId<PersonId>(rng);
        agent.name = personName(rng, language);
        // Agents sign in with their address, so it must be unique.
        agent.email = agent.name.toLower().replace(u' ', u'.') + u"@tessera.example"_s;
        for (int n = 2; std::any_of(agents.cbegin(), agents.cend(),
                 [&](const Person &p) { return p.email == agent.email; });
             ++n)
            agent.email = agent.name.toLower().replace(u' ', u'.') + QString::number(n)
                + u"@tessera.example"_s;
        agent.kind = PersonKind::Agent;
        agent.role = i == 0 ? Role::Admin : i < 4 ? Role::Lead : Role::Agent;
        agent.departmentIds = { departments.at(i % departments.size()).id };
        if (i % 5 == 0)
            agent.departmentIds.append(departments.at((i + 1) % departments.size()).id);
        agent.version = 1;
        agents.append(agent);
    }
    agents[0].name = u"Ana Souza"_s; // the workspace owner, easy to recognise in screenshots
    agents[0].email = u"ana.souza@tessera.example"_s;
    agents[0].departmentIds = { departments.at(0).id, departments.at(2).id };

    const int organizationCount = std::clamp(options.tickets / 200, 8, 500);
    for (int i = 0; i < organizationCount; ++i) {
        const Language language = pickLanguage(rng);
        Organization org;
        org.id = makeId<OrganizationId>(rng);
        org.name = pickFrom(rng, DemoText::companyStems(language)) + u' '
            + pickFrom(rng, DemoText::companySuffixes(language));
        if (i >= DemoText::companyStems(language).size())
            org.name += u" %1"_s.arg(i);
        org.domain = u"customer%1.example"_s.arg(i);
        org.version = 1;
        organizations.append(org);
        for (int c = 0; c < 3; ++c) {
            Person customer;
            customer.id = makeId<PersonId>(rng);
            customer.name = personName(rng, language);
            customer.email = customer.name.toLower().replace(u' ', u'.') + u'@' + org.domain;
            customer.kind = PersonKind::Customer;
            customer.organizationId = org.id;
            customer.version = 1;
            customers.append(customer);
        }
    }

    const QStringList projectNames { u"Website relaunch"_s, u"ERP migration"_s,
        u"Onboarding 2027"_s, u"Network refresh"_s, u"Mobile app v3"_s, u"Data warehouse"_s,
        u"Customer portal"_s, u"Office move"_s };
    for (qsizetype i = 0; i < projectNames.size(); ++i) {
        Project project { makeId<ProjectId>(rng), projectNames.at(i),
            i < 4 ? u"Digital"_s : u"Operations"_s, {}, 1 };
        if (i % 3 == 2)
            project.organizationId = organizations.at(i % organizations.size()).id;
        projects.append(project);
    }

    struct StatusSpec
    {
        QString name;
        StatusCategory category;
        QString color;
    };
    const auto makeType = [&](const QString &name, TicketKind kind, const QString &icon,
                              const QString &color, const QList<StatusSpec> &statuses,
                              int position) {
        TypeInfo info;
        info.type = { makeId<TicketTypeId>(rng), name, kind, icon, color, {}, {}, position, 1 };
        for (qsizetype i = 0; i < statuses.size(); ++i) {
            info.statuses.append({ makeId<StatusId>(rng), info.type.id, statuses.at(i).name,
                statuses.at(i).category, statuses.at(i).color, int(i), 1 });
        }
        info.type.defaultStatusId = info.statuses.first().id;
        info.type.panelLayout = { u"status"_s, u"priority"_s, u"assignee"_s, u"department"_s,
            u"requester"_s, u"organization"_s, u"project"_s, u"followers"_s, u"visibility"_s,
            u"first_response_due"_s, u"resolution_due"_s };
        if (kind == TicketKind::Task)
            info.type.panelLayout.insert(4, u"percent_complete"_s);
        return info;
    };
    types.append(makeType(u"Question"_s, TicketKind::Ticket, u"help-contents"_s, u"#3d7ad6"_s,
        { { u"New"_s, StatusCategory::New, u"#e5a50a"_s },
            { u"Open"_s, StatusCategory::Open, u"#c01c28"_s },
            { u"Waiting on customer"_s, StatusCategory::Pending, u"#3584e4"_s },
            { u"On hold"_s, StatusCategory::OnHold, u"#77767b"_s },
            { u"Solved"_s, StatusCategory::Solved, u"#2ec27e"_s },
            { u"Closed"_s, StatusCategory::Closed, u"#5e5c64"_s } },
        0));
    types.append(makeType(u"Incident"_s, TicketKind::Ticket, u"dialog-warning"_s, u"#c01c28"_s,
        { { u"New"_s, StatusCategory::New, u"#e5a50a"_s },
            { u"Investigating"_s, StatusCategory::Open, u"#c01c28"_s },
            { u"Waiting on customer"_s, StatusCategory::Pending, u"#3584e4"_s },
            { u"Waiting on vendor"_s, StatusCategory::OnHold, u"#77767b"_s },
            { u"Resolved"_s, StatusCategory::Solved, u"#2ec27e"_s },
            { u"Closed"_s, StatusCategory::Closed, u"#5e5c64"_s } },
        1));
    types.append(makeType(u"Task"_s, TicketKind::Task, u"view-task"_s, u"#9141ac"_s,
        { { u"To do"_s, StatusCategory::New, u"#e5a50a"_s },
            { u"In progress"_s, StatusCategory::Open, u"#c01c28"_s },
            { u"Waiting for review"_s, StatusCategory::Pending, u"#3584e4"_s },
            { u"Blocked"_s, StatusCategory::OnHold, u"#77767b"_s },
            { u"Done"_s, StatusCategory::Solved, u"#2ec27e"_s },
            { u"Archived"_s, StatusCategory::Closed, u"#5e5c64"_s } },
        2));
    const auto field
        = [&](TypeInfo &type, const QString &name, FieldType fieldType, QStringList choices = {}) {
              type.fields.append({ makeId<CustomFieldId>(rng), type.type.id, name, fieldType,
                  std::move(choices), false, int(type.fields.size()), 1 });
          };
    field(types[0], u"Product area"_s, FieldType::Choice,
        { u"Accounts"_s, u"Billing"_s, u"Reports"_s, u"Mobile"_s });
    field(types[1], u"Severity"_s, FieldType::Choice, { u"S1"_s, u"S2"_s, u"S3"_s, u"S4"_s });
    field(types[1], u"Affected version"_s, FieldType::Text);
    field(types[1], u"Environment"_s, FieldType::MultiChoice,
        { u"Production"_s, u"Staging"_s, u"Development"_s });
    field(types[1], u"Vendor case opened"_s, FieldType::Checkbox);
    field(types[2], u"Estimate (h)"_s, FieldType::Number);
    field(types[2], u"Target date"_s, FieldType::Date);
    field(types[2], u"Reviewer"_s, FieldType::User);
    // The details panel shows each type's own fields after the standard ones.
    for (TypeInfo &type : types) {
        for (const CustomFieldDef &def : std::as_const(type.fields))
            type.type.panelLayout.append(u"cf:"_s + def.id.toString());
    }

    sla = { makeId<SlaPolicyId>(rng), u"Standard"_s, { 1440, 480, 240, 60 },
        { 10080, 4320, 1440, 240 }, u"09:00"_s, u"18:00"_s, { 1, 2, 3, 4, 5 }, 1, {}, {}, 0, true,
        {} };

    canned = {
        { makeId<CannedResponseId>(rng), {}, u"Ask for logs"_s,
            u"Hello {{requester.first_name}},\n\nCould you send us the log file from the moment the problem happens?\n\nThanks,\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(rng), {}, u"Pedir logs"_s,
            u"Olá {{requester.first_name}},\n\nPode nos enviar o arquivo de log do momento em que o problema acontece?\n\nObrigado,\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(rng), {}, u"Richiedere i log"_s,
            u"Gentile {{requester.first_name}},\n\npuò inviarci il file di log del momento in cui si verifica il problema?\n\nGrazie,\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(rng), {}, u"Solved, please confirm"_s,
            u"Hello {{requester.first_name}},\n\nWe believe ticket #{{ticket.number}} is solved. Reply to this message if anything is still wrong.\n\n{{agent.name}}"_s,
            true, 1 },
    };
    // Ids of their own, so the other demo data stays as it was.
    QRandomGenerator64 cannedRng(options.seed * 7919 + 29);
    canned += QList<CannedResponse> {
        { makeId<CannedResponseId>(cannedRng), {}, u"Password reset link"_s,
            u"Hello {{requester.first_name}},\n\nI have sent a password reset link to {{requester.email}}. It is valid for 24 hours; if it does not arrive within a few minutes, please check your spam folder.\n\nBest regards,\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(cannedRng), {}, u"Escalated to second level"_s,
            u"Hello {{requester.first_name}},\n\nThank you for your patience. I have passed ticket #{{ticket.number}} (“{{ticket.title}}”) to our second-level team, who will contact you today.\n\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(cannedRng), {}, u"Planned maintenance"_s,
            u"Hello {{requester.first_name}},\n\nThe behaviour you describe is caused by the planned maintenance announced for {{organization.name}}. Everything should be back to normal by the end of {{today}}.\n\nKind regards,\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(cannedRng), {}, u"No reply, closing"_s,
            u"Hello {{requester.first_name}},\n\nWe have not heard back from you, so we are closing ticket #{{ticket.number}}. Simply reply to this message if you still need help.\n\n{{agent.name}}"_s,
            true, 1 },
        { makeId<CannedResponseId>(cannedRng), agents.at(0).id, u"My signature with phone"_s,
            u"Best regards,\n{{agent.first_name}}\nSupport · +49 30 1234 5678"_s, false, 1 },
        { makeId<CannedResponseId>(cannedRng), agents.at(1).id, u"Remote session invite"_s,
            u"Hi {{requester.first_name}}, could we look at this together in a remote session today?"_s,
            false, 1 },
    };

    // The shipped rules, with ids from the seed like everything else.
    automations = shippedAutomations();
    for (Automation &automation : automations)
        automation.id = makeId<AutomationId>(rng);

    views = {
        { makeId<SavedViewId>(rng), agents.at(1).id, u"Urgent incidents"_s, true, false, 0,
            QJsonObject {
                { u"filter"_s,
                    QJsonObject { { u"all"_s,
                        QJsonArray { QJsonObject { { u"field"_s, u"type"_s }, { u"op"_s, u"is"_s },
                                         { u"value"_s, types.at(1).type.id.toString() } },
                            QJsonObject { { u"field"_s, u"priority"_s }, { u"op"_s, u"any_of"_s },
                                { u"value"_s, QJsonArray { u"high"_s, u"urgent"_s } } },
                            QJsonObject { { u"field"_s, u"status_category"_s },
                                { u"op"_s, u"none_of"_s },
                                { u"value"_s, QJsonArray { u"solved"_s, u"closed"_s } } } } } } },
                { u"group_by"_s, u"assignee"_s },
                { u"sort"_s,
                    QJsonArray { QJsonObject {
                        { u"field"_s, u"resolution_due"_s }, { u"dir"_s, u"asc"_s } } } } },
            1 },
        { makeId<SavedViewId>(rng), agents.at(0).id, u"My departments, unassigned"_s, false, false,
            1,
            QJsonObject { { u"filter"_s,
                              QJsonObject { { u"all"_s,
                                  QJsonArray { QJsonObject { { u"field"_s, u"department"_s },
                                                   { u"op"_s, u"is"_s },
                                                   { u"value"_s, u"@my_departments"_s } },
                                      QJsonObject { { u"field"_s, u"assignee"_s },
                                          { u"op"_s, u"empty"_s } } } } } },
                { u"group_by"_s, u"due_bucket"_s } },
            1 },
    };
    Q_UNUSED(anchor);
}

DemoGenerator::DemoGenerator(DemoOptions options)
    : d(std::make_unique<Private>())
{
    if (!options.anchor.isValid())
        options.anchor = QDateTime::currentDateTimeUtc();
    options.anchor = options.anchor.toUTC();
    options.tickets = std::max(0, options.tickets);
    options.messagesPerTicket = std::clamp(options.messagesPerTicket, 1, 50);
    d->options = options;
    d->buildReference();
}

DemoGenerator::~DemoGenerator() = default;

const DemoOptions &DemoGenerator::options() const
{
    return d->options;
}

PersonId DemoGenerator::workspaceOwner() const
{
    return d->agents.first().id;
}

QList<EntityBatch> DemoGenerator::referenceData() const
{
    QList<TicketType> types;
    QList<Status> statuses;
    QList<CustomFieldDef> fields;
    for (const TypeInfo &info : d->types) {
        types.append(info.type);
        statuses.append(info.statuses);
        fields.append(info.fields);
    }
    return {
        { EntityKind::Department, toJsonList(d->departments) },
        { EntityKind::Organization, toJsonList(d->organizations) },
        { EntityKind::Person, toJsonList(d->agents) + toJsonList(d->customers) },
        { EntityKind::Project, toJsonList(d->projects) },
        { EntityKind::TicketType, toJsonList(types) },
        { EntityKind::Status, toJsonList(statuses) },
        { EntityKind::CustomField, toJsonList(fields) },
        { EntityKind::SlaPolicy, { Protocol::toJson(d->sla) } },
        { EntityKind::CannedResponse, toJsonList(d->canned) },
        { EntityKind::Automation, toJsonList(d->automations) },
        { EntityKind::SavedView, toJsonList(d->views) },
    };
}

QList<EntityBatch> DemoGenerator::tickets(int first, int count) const
{
    const DemoOptions &o = d->options;
    QList<Ticket> tickets;
    QList<Conversation> conversations;
    QList<Message> messages;
    QList<TimeEntry> timeEntries;
    QList<ActivityEntry> activity;
    const qint64 anchorMs = o.anchor.toMSecsSinceEpoch();
    const auto at = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
    };
    constexpr qint64 Hour = 3'600'000;
    constexpr qint64 Day = 24 * Hour;

    for (int index = first; index < first + count && index < o.tickets; ++index) {
        QRandomGenerator64 rng(o.seed * 1'000'003 + quint64(index) * 7'777'777 + 1);
        const Language language = pickLanguage(rng);
        const DemoText::Phrases &text = DemoText::phrases(language);
        const TypeInfo &type = d->types.at(weighted(rng, { 45, 40, 15 }));
        const int category = weighted(rng, { 10, 30, 15, 7, 25, 13 });
        const Status &status = type.statuses.at(category);
        const Person &requester = pickFrom(rng, d->customers);
        const Department &department = pickFrom(rng, d->departments);

        Ticket t;
        t.id = makeId<TicketId>(rng);
        t.number = 1001 + index;
        t.kind = type.type.kind;
        t.typeId = type.type.id;
        t.statusId = status.id;
        t.priority = Priority(weighted(rng, { 20, 50, 22, 8 }));
        t.requesterId = requester.id;
        t.organizationId = requester.organizationId;
        t.departmentId = department.id;
        if (pick(rng, 100) < 80) {
            QList<PersonId> candidates;
            for (const Person &agent : std::as_const(d->agents)) {
                if (agent.departmentIds.contains(department.id))
                    candidates.append(agent.id);
            }
            t.assigneeId = candidates.isEmpty() ? d->agents.first().id : pickFrom(rng, candidates);
        }
        for (int f = pick(rng, 3); f > 0; --f)
            t.followerIds.append(pickFrom(rng, d->agents).id);
        if (pick(rng, 100) < 30)
            t.projectId = pickFrom(rng, d->projects).id;
        t.channel = Channel(weighted(rng, { 40, 15, 15, 10, 10, 5, 3, 2 }));
        t.visibility = pick(rng, 100) < 90 ? Visibility::Customer : Visibility::Internal;
        if (t.kind == TicketKind::Task)
            t.percentComplete = pick(rng, 11) * 10;

        const QString product = pickFrom(rng, DemoText::products(language));
        const QString document = u"INV-%1"_s.arg(20000 + pick(rng, 80000));
        const QString version = u"%1.%2"_s.arg(4 + pick(rng, 3)).arg(pick(rng, 10));
        const auto fill = [&](QString s) {
            return s.replace(u"%1"_s, product)
                .replace(u"%2"_s, document)
                .replace(u"%3"_s, requester.name)
                .replace(u"%4"_s, QString::number(1 + pick(rng, 9)))
                .replace(u"%5"_s, version);
        };
        t.title = fill(pickFrom(rng, text.titles));
        QStringList body { fill(pickFrom(rng, text.openings)) };
        for (int s = 1 + pick(rng, 3); s > 0; --s)
            body.append(fill(pickFrom(rng, text.details)));
        if (pick(rng, 100) < 15)
            body.append(u"\n"_s + pickFrom(rng, DemoText::codeSnippets()));
        body.append(u"\n"_s + fill(pickFrom(rng, text.closings)));
        t.description = body.join(u' ');

        const qint64 created = anchorMs - qint64(rng.bounded(180.0) * Day);
        t.createdAt = at(created);
        const qint64 ageMs = anchorMs - created;
        t.updatedAt = at(created + qint64(rng.bounded(1.0) * ageMs));
        const qint64 responseTarget[] = { 24 * Hour, 8 * Hour, 4 * Hour, Hour };
        t.firstResponseDue = at(created + responseTarget[int(t.priority)]);
        const StatusCategory cat = status.category;
        const bool resolved = cat == StatusCategory::Solved || cat == StatusCategory::Closed;
        if (pick(rng, 100) < 85) {
            // Open work is spread around "now" so that views have overdue,
            // today, this week and later tickets.
            t.resolutionDue = resolved ? at(created + 3 * Day)
                                       : at(anchorMs + qint64((rng.bounded(19.0) - 5.0) * Day));
        }
        if (cat != StatusCategory::New || pick(rng, 100) < 30)
            t.firstRespondedAt = at(std::min(anchorMs, created + qint64(rng.bounded(12.0) * Hour)));
        if (resolved) {
            t.solvedAt = at(anchorMs - qint64(rng.bounded(30.0) * Day));
            t.updatedAt = t.solvedAt;
        }

        for (const CustomFieldDef &def : type.fields) {
            const QString key = def.id.toString();
            if (pick(rng, 100) < 25)
                continue;
            switch (def.fieldType) {
            case FieldType::Choice:
                t.customFields.insert(key, pickFrom(rng, def.choices));
                break;
            case FieldType::MultiChoice: {
                QJsonArray chosen;
                for (const QString &choice : def.choices) {
                    if (pick(rng, 2))
                        chosen.append(choice);
                }
                t.customFields.insert(key, chosen);
                break;
            }
            case FieldType::Text:
                t.customFields.insert(key, version);
                break;
            case FieldType::Checkbox:
                t.customFields.insert(key, pick(rng, 2) == 1);
                break;
            case FieldType::Number:
                t.customFields.insert(key, 1 + pick(rng, 40));
                break;
            case FieldType::Date:
                t.customFields.insert(
                    key, o.anchor.date().addDays(pick(rng, 60) - 20).toString(Qt::ISODate));
                break;
            case FieldType::User:
                t.customFields.insert(key, pickFrom(rng, d->agents).id.toString());
                break;
            }
        }
        t.version = 1 + pick(rng, 6);

        // Conversations: always a public thread, often an internal one.
        Conversation publicThread { makeId<ConversationId>(rng), t.id, ThreadVisibility::Public,
            t.title, t.createdAt, 1 };
        conversations.append(publicThread);
        std::optional<Conversation> internalThread;
        if (pick(rng, 100) < 40) {
            internalThread = Conversation { makeId<ConversationId>(rng), t.id,
                ThreadVisibility::Internal, {}, t.createdAt, 1 };
            conversations.append(*internalThread);
        }
        const int messageCount = 1 + pick(rng, 2 * o.messagesPerTicket - 1);
        for (int m = 0; m < messageCount; ++m) {
            const bool internal = internalThread && m > 0 && pick(rng, 100) < 25;
            const bool fromCustomer = !internal && m % 2 == 0;
            Message message;
            message.id = makeId<MessageId>(rng);
            message.conversationId = internal ? internalThread->id : publicThread.id;
            message.ticketId = t.id;
            message.authorId = fromCustomer ? requester.id
                : t.assigneeId.isValid()    ? t.assigneeId
                                            : pickFrom(rng, d->agents).id;
            if (m == 0)
                message.body = t.description;
            else if (internal)
                message.body = fill(pickFrom(rng, text.internalNotes));
            else if (fromCustomer)
                message.body
                    = fill(pickFrom(rng, text.details)) + u' ' + fill(pickFrom(rng, text.closings));
            else
                message.body = fill(pickFrom(rng, text.agentReplies));
            if (m > 0 && pick(rng, 100) < 10)
                message.body += u"\n\n"_s + pickFrom(rng, DemoText::codeSnippets());
            message.via = fromCustomer ? (m == 0 ? t.channel : Channel::Email) : Channel::Agent;
            message.createdAt = at(created + qint64(m) * (ageMs / (messageCount + 1)));
            message.version = 1;
            messages.append(message);
        }

        if (pick(rng, 100) < 30) {
            for (int e = 1 + pick(rng, 3); e > 0; --e) {
                timeEntries.append({ makeId<TimeEntryId>(rng), t.id,
                    t.assigneeId.isValid() ? t.assigneeId : pickFrom(rng, d->agents).id,
                    at(created + qint64(rng.bounded(1.0) * ageMs)).date(), 5 * (1 + pick(rng, 24)),
                    pick(rng, 100) < 70, {}, 1 });
                t.timeSpentMinutes += timeEntries.constLast().minutes;
                if (timeEntries.constLast().billable)
                    t.billableMinutes += timeEntries.constLast().minutes;
            }
        }

        activity.append({ makeId<ActivityId>(rng), t.id, requester.id, t.createdAt, u"created"_s,
            QJsonValue(), QJsonValue(t.title), 1, {} });
        if (t.assigneeId.isValid()) {
            activity.append(
                { makeId<ActivityId>(rng), t.id, d->agents.first().id, at(created + Hour),
                    u"assignee_id"_s, QJsonValue(), QJsonValue(t.assigneeId.toString()), 1, {} });
        }
        if (category > 0) {
            activity.append({ makeId<ActivityId>(rng), t.id, t.assigneeId, t.updatedAt,
                u"status_id"_s, QJsonValue(type.statuses.first().id.toString()),
                QJsonValue(t.statusId.toString()), 1, {} });
        }
        tickets.append(std::move(t));
    }
    return {
        { EntityKind::Ticket, toJsonList(tickets) },
        { EntityKind::Conversation, toJsonList(conversations) },
        { EntityKind::Message, toJsonList(messages) },
        { EntityKind::TimeEntry, toJsonList(timeEntries) },
        { EntityKind::Activity, toJsonList(activity) },
    };
}

QList<Person> DemoGenerator::agents() const
{
    return people(PersonKind::Agent);
}

QList<Person> DemoGenerator::people(PersonKind kind) const
{
    QList<Person> result;
    for (const EntityBatch &batch : referenceData()) {
        if (batch.kind != EntityKind::Person)
            continue;
        for (const QJsonObject &json : batch.entities) {
            const auto person = Protocol::fromJson<Person>(json);
            if (person && person->kind == kind)
                result.append(person.value());
        }
    }
    return result;
}

Result<void> loadDemoData(Store &store, const DemoOptions &options,
    const std::function<void(int, int)> &progress, int batchSize)
{
    const DemoGenerator generator(options);
    for (const EntityBatch &batch : generator.referenceData()) {
        if (auto done = store.importEntities(batch.kind, batch.entities); !done)
            return done;
    }
    const int total = generator.options().tickets;
    for (int first = 0; first < total; first += batchSize) {
        for (const EntityBatch &batch : generator.tickets(first, batchSize)) {
            if (auto done = store.importEntities(batch.kind, batch.entities); !done)
                return done;
        }
        if (progress)
            progress(std::min(total, first + batchSize), total);
    }
    return {};
}

} // namespace Tessera
