// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demodata.h"
#include "domain/automationrules.h"
#include "protocol/entityregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestCodecs : public QObject
{
    Q_OBJECT

private:
    static Ticket fullTicket()
    {
        Ticket t;
        t.id = TicketId::create();
        t.number = 1042;
        t.kind = TicketKind::Task;
        t.parentId = TicketId::create();
        t.title = u"Impressora não imprime — «urgente»"_s;
        t.description = u"```cpp\nint main() {}\n```"_s;
        t.typeId = TicketTypeId::create();
        t.statusId = StatusId::create();
        t.priority = Priority::Urgent;
        t.requesterId = PersonId::create();
        t.followerIds = { PersonId::create(), PersonId::create() };
        t.assigneeId = PersonId::create();
        t.departmentId = DepartmentId::create();
        t.organizationId = OrganizationId::create();
        t.projectId = ProjectId::create();
        t.channel = Channel::Portal;
        t.visibility = Visibility::Internal;
        t.percentComplete = 40;
        t.customFields = { { CustomFieldId::create().toString(), u"Model X-200"_s },
            { CustomFieldId::create().toString(), true } };
        t.createdAt = QDateTime(QDate(2026, 3, 1), QTime(9, 30, 0, 125), QTimeZone::UTC);
        t.updatedAt = t.createdAt.addSecs(3600);
        t.firstResponseDue = t.createdAt.addSecs(4 * 3600);
        t.resolutionDue = t.createdAt.addDays(2);
        t.firstRespondedAt = t.createdAt.addSecs(600);
        t.solvedAt = t.createdAt.addDays(1);
        t.links = { { LinkType::Blocks, TicketId::create() },
            { LinkType::DuplicateOf, TicketId::create() } };
        t.version = 7;
        t.slaPolicyId = SlaPolicyId::create();
        return t;
    }

private Q_SLOTS:
    void roundTripsEveryField()
    {
        const Ticket original = fullTicket();
        // Through text, as it travels on the wire.
        const QByteArray wire = QJsonDocument(Protocol::toJson(original)).toJson();
        const auto decoded = Protocol::fromJson<Ticket>(QJsonDocument::fromJson(wire).object());
        QVERIFY2(decoded.isOk(), qPrintable(decoded.error().message));
        QCOMPARE(decoded->customFields, original.customFields);
        QCOMPARE(decoded.value(), original);
    }

    void roundTripsEmptyOptionalFields()
    {
        Ticket minimal;
        minimal.id = TicketId::create();
        minimal.title = u"Minimal"_s;
        const auto decoded = Protocol::fromJson<Ticket>(Protocol::toJson(minimal));
        QVERIFY2(decoded.isOk(), qPrintable(decoded.error().message));
        QCOMPARE(decoded.value(), minimal);
        QVERIFY(!decoded->assigneeId.isValid());
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expectedError");

        QTest::newRow("title wrong type")
            << u"title"_s << QJsonValue(12) << u"ticket.title must be a string"_s;
        QTest::newRow("title empty")
            << u"title"_s << QJsonValue(u""_s) << u"ticket.title must not be empty"_s;
        QTest::newRow("id not uuid")
            << u"id"_s << QJsonValue(u"'; DROP TABLE tickets;--"_s) << u"ticket.id is not a UUID"_s;
        QTest::newRow("unknown priority")
            << u"priority"_s << QJsonValue(u"critical"_s)
            << u"ticket.priority must be one of: low, normal, high, urgent"_s;
        QTest::newRow("percent out of range")
            << u"percent_complete"_s << QJsonValue(140)
            << u"ticket.percent_complete must be between 0 and 100"_s;
        QTest::newRow("percent fractional") << u"percent_complete"_s << QJsonValue(4.5)
                                            << u"ticket.percent_complete must be an integer"_s;
        QTest::newRow("bad date") << u"created_at"_s << QJsonValue(u"yesterday"_s)
                                  << u"ticket.created_at is not an ISO 8601 date-time"_s;
        QTest::newRow("followers not ids")
            << u"follower_ids"_s << QJsonValue(QJsonArray({ 1, 2 }))
            << u"ticket.follower_ids must be an array of UUID strings"_s;
        QTest::newRow("unknown field")
            << u"colour"_s << QJsonValue(u"red"_s) << u"ticket.colour is not a known field"_s;
    }

    void rejectsBadInput()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expectedError);
        QJsonObject json = Protocol::toJson(fullTicket());
        json.insert(key, value);
        const auto decoded = Protocol::fromJson<Ticket>(json);
        QVERIFY(!decoded.isOk());
        QCOMPARE(decoded.error().code, Error::Code::Invalid);
        QCOMPARE(decoded.error().message, expectedError);
    }

    // Snapshots stored before SLA policies and automations gained fields
    // decode with their defaults.
    void olderSnapshotsDecode()
    {
        QJsonObject ticket = Protocol::toJson(fullTicket());
        ticket.remove(u"sla_policy_id"_s);
        const auto t = Protocol::fromJson<Ticket>(ticket);
        QVERIFY2(t, qPrintable(t ? QString() : t.error().message));
        QVERIFY(!t->slaPolicyId.isValid());

        const ActivityEntry entry { ActivityId::create(), TicketId::create(), PersonId::create(),
            QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::UTC), u"priority"_s, u"low"_s,
            u"high"_s, 1, {} };
        QJsonObject activity = Protocol::toJson(entry);
        QVERIFY(activity[u"automation_id"_s].isNull());
        activity.remove(u"automation_id"_s);
        QCOMPARE(Protocol::fromJson<ActivityEntry>(activity).value(), entry);

        Automation rule = shippedAutomations().at(0);
        QJsonObject automation = Protocol::toJson(rule);
        automation.remove(u"schedule"_s);
        QCOMPARE(Protocol::fromJson<Automation>(automation).value(), rule);
    }

    void everyEntityKindRoundTripsAndIsStrict()
    {
        DemoOptions options;
        options.tickets = 20;
        options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        const DemoGenerator generator(options);
        QSet<EntityKind> seen;
        for (const EntityBatch &batch : generator.referenceData() + generator.tickets(0, 20)) {
            for (const QJsonObject &json : batch.entities) {
                const QByteArray wire = QJsonDocument(json).toJson(QJsonDocument::Compact);
                const auto decoded
                    = Protocol::canonicalEntity(batch.kind, QJsonDocument::fromJson(wire).object());
                QVERIFY2(decoded.isOk(), qPrintable(decoded.error().message));
                QCOMPARE(decoded.value(), json);
                QJsonObject extra = json;
                extra.insert(u"sql"_s, u"1; DROP TABLE x"_s);
                const auto rejected = Protocol::canonicalEntity(batch.kind, extra);
                QVERIFY(!rejected.isOk());
                QVERIFY(rejected.error().message.endsWith(u".sql is not a known field"_s));
            }
            seen.insert(batch.kind);
        }
        QVERIFY(seen.size() >= 15);
    }

    void mutationRoundTrips()
    {
        Ticket t = fullTicket();
        Mutation m
            = Mutation::updating(EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t),
                { { u"title"_s, u"New"_s }, { u"priority"_s, u"low"_s } }, PersonId::create());
        const auto decoded = Protocol::fromJson<Mutation>(
            QJsonDocument::fromJson(QJsonDocument(Protocol::toJson(m)).toJson()).object());
        QVERIFY2(decoded.isOk(), qPrintable(decoded.error().message));
        QCOMPARE(decoded.value(), m);
        QCOMPARE(decoded->base.value(u"title"_s).toString(), t.title);
        QJsonObject bad = Protocol::toJson(m);
        bad.insert(u"op"_s, u"truncate"_s);
        QCOMPARE(Protocol::fromJson<Mutation>(bad).error().message,
            u"mutation.op must be one of: create, update, delete, append"_s);
    }

    void requiresIdAndTitle()
    {
        const auto decoded = Protocol::fromJson<Ticket>(QJsonObject {});
        QVERIFY(!decoded.isOk());
        QCOMPARE(decoded.error().message, u"ticket.id is required"_s);
    }
};

QTEST_GUILESS_MAIN(TestCodecs)
#include "tst_codecs.moc"
