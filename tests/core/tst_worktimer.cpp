// SPDX-License-Identifier: GPL-3.0-or-later
// The "Start work" timer over the cache, on an injected clock: elapsed time
// comes from the start timestamp, so a restart keeps it; starting elsewhere
// logs the first ticket's time; the week grid, its totals and its CSV.
#include "storefixture.h"
#include "time/duration.h"
#include "time/timesheet.h"
#include "time/worktimer.h"

#include <QSignalSpy>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestWorkTimer : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::StoreFixture> m_fx;
    QDateTime m_now;
    Ticket m_first, m_second;

    PersonId me() const { return m_fx->agents.at(0).id; }
    WorkTimer::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
    QList<TimeEntry> entries() const { return m_fx->store->all<TimeEntry>(); }
    QList<Mutation> queued(EntityKind kind) const
    {
        QList<Mutation> found;
        for (const PendingMutation &p : m_fx->store->pendingMutations()) {
            if (p.mutation.entity == kind)
                found.append(p.mutation);
        }
        return found;
    }

private Q_SLOTS:
    void init()
    {
        m_fx = std::make_unique<Test::StoreFixture>();
        m_fx->addReferenceData();
        m_first = m_fx->ticket(1001, u"Printer offline"_s);
        m_second = m_fx->ticket(1002, u"VPN drops every hour"_s);
        m_second.assigneeId = m_fx->agents.at(1).id;
        m_fx->import(EntityKind::Ticket, QList<Ticket> { m_first, m_second });
        m_now = QDateTime(QDate(2026, 11, 23), QTime(9, 0), QTimeZone::UTC);
    }

    void elapsedTimeSurvivesARestart()
    {
        {
            WorkTimer timer(m_fx->store.get(), me(), clock());
            QSignalSpy changed(&timer, &WorkTimer::runningChanged);
            QVERIFY(!timer.running());
            QVERIFY(timer.start(m_first.id));
            QCOMPARE(changed.size(), 1);
            QVERIFY(timer.isRunningOn(m_first.id));
            m_now = m_now.addSecs(20 * 60);
            QCOMPARE(timer.elapsedSeconds(), 20 * 60);
        }
        // A new process: new objects over the same cache file.
        const QString path = m_fx->store->path();
        m_fx->store.reset();
        m_fx->store = std::make_unique<Store>(path);
        QVERIFY(m_fx->store->open());
        m_now = m_now.addSecs(75 * 60 + 20);

        WorkTimer timer(m_fx->store.get(), me(), clock());
        QVERIFY(timer.isRunningOn(m_first.id));
        QCOMPARE(timer.elapsedSeconds(), 95 * 60 + 20);
        QVERIFY(!timer.needsConfirmation());
        const auto draft = timer.draft();
        QVERIFY(draft);
        QCOMPARE(draft->minutes, 95);
        QCOMPARE(draft->ticketId, m_first.id);
        QCOMPARE(draft->date, QDate(2026, 11, 23));

        TimeEntryDraft edited = *draft;
        edited.note = u"Replaced the toner"_s;
        edited.billable = false;
        QSignalSpy logged(&timer, &WorkTimer::logged);
        const auto entry = timer.stop(edited);
        QVERIFY(entry);
        QCOMPARE(logged.size(), 1);
        QVERIFY(!timer.running());
        QCOMPARE(entries().size(), 1);
        const TimeEntry stored = entries().first();
        QCOMPARE(stored.minutes, 95);
        QCOMPARE(stored.personId, me());
        QCOMPARE(stored.ticketId, m_first.id);
        QCOMPARE(stored.note, u"Replaced the toner"_s);
        QVERIFY(!stored.billable);
        // The timer's start, its stop and the entry all wait for the server.
        QCOMPARE(queued(EntityKind::RunningTimer).size(), 2);
        QCOMPARE(queued(EntityKind::TimeEntry).size(), 1);
    }

    void startingElsewhereLogsTheFirstTicket()
    {
        WorkTimer timer(m_fx->store.get(), me(), clock());
        timer.setBillableByDefault(false);
        QVERIFY(timer.start(m_first.id));
        m_now = m_now.addSecs(40 * 60);
        // Starting again on the same ticket changes nothing.
        QVERIFY(timer.start(m_first.id));
        QCOMPARE(timer.elapsedSeconds(), 40 * 60);

        QVERIFY(timer.start(m_second.id));
        QVERIFY(timer.isRunningOn(m_second.id));
        QCOMPARE(timer.elapsedSeconds(), 0);
        QCOMPARE(m_fx->store->all<RunningTimer>().size(), 1);
        const QList<TimeEntry> logged = entries();
        QCOMPARE(logged.size(), 1);
        QCOMPARE(logged.first().ticketId, m_first.id);
        QCOMPARE(logged.first().minutes, 40);
        QVERIFY(!logged.first().billable);
    }

    void startAssignsUnassignedTickets()
    {
        WorkTimer timer(m_fx->store.get(), me(), clock());
        QVERIFY(timer.assignOnStart());
        QVERIFY(timer.start(m_first.id));
        QCOMPARE(m_fx->store->get<Ticket>(m_first.id)->assigneeId, me());
        // A colleague's ticket stays theirs.
        QVERIFY(timer.start(m_second.id));
        QCOMPARE(m_fx->store->get<Ticket>(m_second.id)->assigneeId, m_fx->agents.at(1).id);

        Ticket third = m_fx->ticket(1003, u"New laptop"_s);
        m_fx->import(EntityKind::Ticket, QList<Ticket> { third });
        timer.setAssignOnStart(false);
        QVERIFY(timer.start(third.id));
        QVERIFY(!m_fx->store->get<Ticket>(third.id)->assigneeId.isValid());
    }

    void longTimersAskAndAreCapped()
    {
        WorkTimer timer(m_fx->store.get(), me(), clock());
        QVERIFY(timer.start(m_first.id));
        m_now = m_now.addSecs(12 * 3600);
        QVERIFY(!timer.needsConfirmation());
        m_now = m_now.addSecs(1);
        QVERIFY(timer.needsConfirmation());
        m_now = m_now.addDays(3);
        QCOMPARE(timer.draft()->minutes, WorkTimer::MaxEntryMinutes);
        TimeEntryDraft tooLong = *timer.draft();
        tooLong.minutes = WorkTimer::MaxEntryMinutes + 1;
        QVERIFY(!timer.stop(tooLong));
        QVERIFY(timer.running()); // nothing lost on a refused stop
        QVERIFY(timer.discard());
        QVERIFY(!timer.running());
        QVERIFY(entries().isEmpty());
    }

    void otherPeoplesTimersAreNotMine()
    {
        RunningTimer theirs { RunningTimerId::create(), m_fx->agents.at(1).id, m_second.id,
            m_now.addSecs(-600), 1 };
        m_fx->import(EntityKind::RunningTimer, QList<RunningTimer> { theirs });
        WorkTimer timer(m_fx->store.get(), me(), clock());
        QVERIFY(!timer.running());
        QVERIFY(timer.start(m_first.id));
        QVERIFY(timer.stop(*timer.draft()));
        QCOMPARE(m_fx->store->all<RunningTimer>().size(), 1);
    }

    void durationsParseAndFormat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("minutes");
        QTest::newRow("clock") << u"1:30"_s << 90;
        QTest::newRow("minutes") << u"45"_s << 45;
        QTest::newRow("hours and minutes") << u"2h 15m"_s << 135;
        QTest::newRow("decimal hours") << u"1.5h"_s << 90;
        QTest::newRow("comma hours") << u"0,25 h"_s << 15;
        QTest::newRow("min") << u"20 min"_s << 20;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("words") << u"soon"_s << -1;
        QTest::newRow("bad clock") << u"1:75"_s << -1;
        QTest::newRow("negative") << u"-5"_s << -1;
    }
    void durationsParseAndFormat()
    {
        QFETCH(QString, text);
        QFETCH(int, minutes);
        QCOMPARE(parseMinutes(text).value_or(-1), minutes);
        if (minutes >= 0)
            QCOMPARE(parseMinutes(formatMinutes(minutes)).value_or(-1), minutes);
    }

    void weekGridTotals()
    {
        const PersonId ana = me();
        const PersonId bruno = m_fx->agents.at(1).id;
        const QDate monday(2026, 11, 23);
        QCOMPARE(weekStartOf(QDate(2026, 11, 29)), monday); // Sunday
        QCOMPARE(weekStartOf(monday), monday);
        const QList<TimeEntry> logged {
            { TimeEntryId::create(), m_second.id, ana, monday, 30, true, {}, 1 },
            { TimeEntryId::create(), m_first.id, ana, monday, 45, false, {}, 1 },
            { TimeEntryId::create(), m_first.id, ana, monday.addDays(2), 60, true, {}, 1 },
            { TimeEntryId::create(), m_first.id, ana, monday.addDays(-1), 15, true, {}, 1 },
            { TimeEntryId::create(), m_first.id, bruno, monday, 90, true, {}, 1 },
        };
        const Timesheet week(ana, monday, logged, [&](TicketId id) {
            const auto t = m_fx->store->get<Ticket>(id);
            return std::pair(t->number, t->title);
        });
        QCOMPARE(week.rows().size(), 2);
        QCOMPARE(week.rows().at(0).number, 1001); // by number, not by first entry
        QCOMPARE(week.rows().at(0).days, QList<int>({ 45, 0, 60, 0, 0, 0, 0 }));
        QCOMPARE(week.rows().at(0).total, 105);
        QCOMPARE(week.rows().at(1).total, 30);
        QCOMPARE(week.dayTotal(0), 75);
        QCOMPARE(week.dayTotal(2), 60);
        QCOMPARE(week.total(), 135);

        const TimeTotals totals = totalsOf(logged);
        QCOMPARE(totals.minutes, 240);
        QCOMPARE(totals.billable, 195);
        QCOMPARE(totals.nonBillable(), 45);
    }

    void csvQuotesWhatNeedsIt()
    {
        QCOMPARE(csvField(u"plain"_s), u"plain"_s);
        QCOMPARE(csvField(u"a, b"_s), u"\"a, b\""_s);
        QCOMPARE(csvField(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(csvField(u"two\nlines"_s), u"\"two\nlines\""_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkTimer)
#include "tst_worktimer.moc"
