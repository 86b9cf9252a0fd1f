// SPDX-License-Identifier: GPL-3.0-or-later
// SLA due times in business time (PRODUCT.md F4): business hours on
// business days in the policy's time zone, holidays skipped, the clock
// paused while a ticket is Pending or On hold, a target of 0 meaning none.
#include "protocol/codecs.h"
#include "sla/slaclock.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

QDateTime utc(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate).toUTC();
}

SlaPolicy policy(int minutes)
{
    SlaPolicy p;
    p.id = SlaPolicyId::create();
    p.name = u"Standard"_s;
    p.firstResponseMinutes = { minutes, minutes, minutes, minutes };
    p.resolutionMinutes = { minutes * 2, minutes * 2, minutes * 2, minutes * 2 };
    p.businessHoursStart = u"09:00"_s;
    p.businessHoursEnd = u"17:00"_s;
    p.businessDays = { 1, 2, 3, 4, 5 };
    p.holidays = { QDate(2026, 12, 25) };
    return p;
}

} // namespace

class TestSlaClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstResponseDue_data()
    {
        QTest::addColumn<QString>("created");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QStringList>("history"); // "ISO time=category"
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("hours"); // "start-end"
        QTest::addColumn<QString>("due"); // empty: none

        const QString z = u"UTC"_s;
        const QString h = u"09:00-17:00"_s;
        // 2026-11-23 is a Monday; 2026-12-25, a holiday, a Friday.
        QTest::newRow("within hours") << u"2026-11-23T10:00:00Z"_s << 60 << QStringList() << z << h
                                      << u"2026-11-23T11:00:00Z"_s;
        QTest::newRow("before opening") << u"2026-11-23T07:00:00Z"_s << 30 << QStringList() << z
                                        << h << u"2026-11-23T09:30:00Z"_s;
        QTest::newRow("after closing") << u"2026-11-23T20:00:00Z"_s << 30 << QStringList() << z << h
                                       << u"2026-11-24T09:30:00Z"_s;
        QTest::newRow("crossing a night") << u"2026-11-23T16:00:00Z"_s << 120 << QStringList() << z
                                          << h << u"2026-11-24T10:00:00Z"_s;
        QTest::newRow("ends at closing") << u"2026-11-23T16:00:00Z"_s << 60 << QStringList() << z
                                         << h << u"2026-11-23T17:00:00Z"_s;
        QTest::newRow("three whole days") << u"2026-11-23T09:00:00Z"_s << 3 * 8 * 60
                                          << QStringList() << z << h << u"2026-11-25T17:00:00Z"_s;
        QTest::newRow("over a weekend") << u"2026-11-27T16:30:00Z"_s << 60 << QStringList() << z
                                        << h << u"2026-11-30T09:30:00Z"_s;
        QTest::newRow("created on a Sunday") << u"2026-11-29T12:00:00Z"_s << 60 << QStringList()
                                             << z << h << u"2026-11-30T10:00:00Z"_s;
        QTest::newRow("over a holiday and a weekend")
            << u"2026-12-24T16:00:00Z"_s << 120 << QStringList() << z << h
            << u"2026-12-28T10:00:00Z"_s;
        QTest::newRow("a pause in pending")
            << u"2026-11-23T10:00:00Z"_s << 180
            << QStringList { u"2026-11-23T10:00:00Z=open"_s, u"2026-11-23T11:00:00Z=pending"_s,
                   u"2026-11-23T13:00:00Z=open"_s }
            << z << h << u"2026-11-23T15:00:00Z"_s;
        QTest::newRow("pending then on hold is one pause")
            << u"2026-11-23T10:00:00Z"_s << 180
            << QStringList { u"2026-11-23T10:00:00Z=open"_s, u"2026-11-23T11:00:00Z=pending"_s,
                   u"2026-11-23T12:00:00Z=on_hold"_s, u"2026-11-24T10:00:00Z=open"_s }
            << z << h << u"2026-11-24T12:00:00Z"_s;
        QTest::newRow("a pause over the night")
            << u"2026-11-23T16:00:00Z"_s << 120
            << QStringList { u"2026-11-23T16:00:00Z=new"_s, u"2026-11-23T16:30:00Z=pending"_s,
                   u"2026-11-24T11:00:00Z=open"_s }
            << z << h << u"2026-11-24T12:30:00Z"_s;
        QTest::newRow("a pause before the start is harmless")
            << u"2026-11-23T10:00:00Z"_s << 60
            << QStringList { u"2026-11-20T10:00:00Z=pending"_s, u"2026-11-23T09:00:00Z=open"_s }
            << z << h << u"2026-11-23T11:00:00Z"_s;
        QTest::newRow("still pending: no due time")
            << u"2026-11-23T10:00:00Z"_s << 180
            << QStringList { u"2026-11-23T10:00:00Z=open"_s, u"2026-11-23T11:00:00Z=pending"_s }
            << z << h << QString();
        QTest::newRow("solved does not pause")
            << u"2026-11-23T10:00:00Z"_s << 60 << QStringList { u"2026-11-23T10:00:00Z=solved"_s }
            << z << h << u"2026-11-23T11:00:00Z"_s;
        QTest::newRow("target of zero: none")
            << u"2026-11-23T10:00:00Z"_s << 0 << QStringList() << z << h << QString();
        // Berlin is UTC+1 in November: 09:00 there is 08:00 UTC.
        QTest::newRow("in the policy's time zone")
            << u"2026-11-23T07:30:00Z"_s << 60 << QStringList() << u"Europe/Berlin"_s << h
            << u"2026-11-23T09:00:00Z"_s;
        // 2026-03-29: clocks go forward; Monday 09:00 Berlin is 07:00 UTC.
        QTest::newRow("across a daylight saving change")
            << u"2026-03-27T15:30:00Z"_s << 60 << QStringList() << u"Europe/Berlin"_s << h
            << u"2026-03-30T07:30:00Z"_s;
        QTest::newRow("round the clock") << u"2026-11-23T23:00:00Z"_s << 120 << QStringList() << z
                                         << u"00:00-00:00"_s << u"2026-11-24T01:00:00Z"_s;
    }

    void firstResponseDue()
    {
        QFETCH(QString, created);
        QFETCH(int, minutes);
        QFETCH(QStringList, history);
        QFETCH(QString, zone);
        QFETCH(QString, hours);
        QFETCH(QString, due);

        SlaPolicy p = policy(minutes);
        p.timeZone = zone;
        p.businessHoursStart = hours.section(u'-', 0, 0);
        p.businessHoursEnd = hours.section(u'-', 1, 1);
        QList<StatusSpan> spans;
        for (const QString &entry : std::as_const(history))
            spans.append({ utc(entry.section(u'=', 0, 0)),
                fromWireName<StatusCategory>(entry.section(u'=', 1)).value() });
        auto clock = SlaClock::fromPolicy(p);
        QVERIFY2(clock, qPrintable(clock ? QString() : clock.error().message));
        const SlaDeadlines deadlines = clock->deadlines(utc(created), Priority::High, spans);
        QCOMPARE(deadlines.firstResponseDue, due.isEmpty() ? QDateTime() : utc(due));
    }

    void eachPriorityHasItsTargets()
    {
        SlaPolicy p = policy(60);
        p.firstResponseMinutes = { 0, 480, 60, 30 };
        p.resolutionMinutes = { 960, 0, 120, 60 };
        const auto clock = SlaClock::fromPolicy(p).value();
        const QDateTime created = utc(u"2026-11-23T09:00:00Z"_s);
        QCOMPARE(clock.deadlines(created, Priority::Low, {}),
            (SlaDeadlines { QDateTime(), utc(u"2026-11-24T17:00:00Z"_s) }));
        QCOMPARE(clock.deadlines(created, Priority::Normal, {}),
            (SlaDeadlines { utc(u"2026-11-23T17:00:00Z"_s), QDateTime() }));
        QCOMPARE(clock.deadlines(created, Priority::Urgent, {}),
            (SlaDeadlines { utc(u"2026-11-23T09:30:00Z"_s), utc(u"2026-11-23T10:00:00Z"_s) }));
        // A policy without targets for a priority has none.
        p.firstResponseMinutes = {};
        QCOMPARE(SlaClock::fromPolicy(p)->deadlines(created, Priority::Urgent, {}).firstResponseDue,
            QDateTime());
    }

    void noBusinessDaysMeansNoDueTime()
    {
        SlaPolicy p = policy(60);
        p.businessDays = {};
        QCOMPARE(SlaClock::fromPolicy(p)
                     ->deadlines(utc(u"2026-11-23T09:00:00Z"_s), Priority::Normal, {})
                     .firstResponseDue,
            QDateTime());
    }

    void badPoliciesAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("start") << u"business_hours_start"_s << u"9am"_s;
        QTest::newRow("end") << u"business_hours_end"_s << u"25:00"_s;
        QTest::newRow("zone") << u"time_zone"_s << u"Mars/Olympus"_s;
    }

    void badPoliciesAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        SlaPolicy p = policy(60);
        if (key == u"business_hours_start"_s)
            p.businessHoursStart = value;
        else if (key == u"business_hours_end"_s)
            p.businessHoursEnd = value;
        else
            p.timeZone = value;
        const auto clock = SlaClock::fromPolicy(p);
        QVERIFY(!clock);
        QVERIFY2(clock.error().message.contains(key), qPrintable(clock.error().message));
    }

    void policiesKeepTheirNewFieldsAndOldOnesDecode()
    {
        SlaPolicy p = policy(60);
        p.conditions = QJsonObject { { u"field"_s, u"priority"_s }, { u"op"_s, u"is"_s },
            { u"value"_s, u"urgent"_s } };
        p.position = 3;
        p.enabled = false;
        p.timeZone = u"America/Sao_Paulo"_s;
        const QJsonObject json = Protocol::toJson(p);
        QCOMPARE(json[u"holidays"_s].toArray(), QJsonArray { u"2026-12-25"_s });
        QCOMPARE(Protocol::fromJson<SlaPolicy>(json).value(), p);

        // A policy stored before these fields existed.
        QJsonObject old = json;
        for (const QString &key :
            { u"holidays"_s, u"conditions"_s, u"position"_s, u"enabled"_s, u"time_zone"_s })
            old.remove(key);
        const auto decoded = Protocol::fromJson<SlaPolicy>(old);
        QVERIFY(decoded);
        QVERIFY(decoded->holidays.isEmpty());
        QVERIFY(decoded->enabled);
        QVERIFY(decoded->timeZone.isEmpty()); // UTC
        QVERIFY(SlaClock::fromPolicy(decoded.value()));
        QCOMPARE(decoded->position, 0);

        old.insert(u"holidays"_s, QJsonArray { u"25/12/2026"_s });
        QVERIFY(!Protocol::fromJson<SlaPolicy>(old));
    }
};

QTEST_GUILESS_MAIN(TestSlaClock)
#include "tst_slaclock.moc"
