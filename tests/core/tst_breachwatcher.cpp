// SPDX-License-Identifier: GPL-3.0-or-later
// SLA breach warnings on an injected clock: one warning per due time inside
// the lead time, one breach when it passes, nothing for met targets or for
// other agents' tickets, a new warning when the due time moves.
#include "sla/breachwatcher.h"
#include "storefixture.h"

#include <QSignalSpy>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Target = BreachWatcher::Target;

class TestBreachWatcher : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::StoreFixture> m_fx;
    QDateTime m_now;

    PersonId me() const { return m_fx->agents.at(0).id; }
    BreachWatcher::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }
    Ticket mine(qint64 number, const QDateTime &resolutionDue)
    {
        Ticket t = m_fx->ticket(number, u"Ticket %1"_s.arg(number));
        t.assigneeId = me();
        t.createdAt = m_now.addSecs(-3600);
        t.firstRespondedAt = m_now.addSecs(-1800);
        t.resolutionDue = resolutionDue;
        return t;
    }
    void store(const QList<Ticket> &tickets) { m_fx->import(EntityKind::Ticket, tickets); }
    void advanceMinutes(int minutes) { m_now = m_now.addSecs(minutes * 60); }

private Q_SLOTS:
    void init()
    {
        qRegisterMetaType<Tessera::BreachWatcher::Target>();
        m_fx = std::make_unique<Test::StoreFixture>();
        m_fx->addReferenceData();
        m_now = QDateTime(QDate(2026, 11, 23), QTime(9, 0), QTimeZone::UTC);
    }

    void warnsOnceInsideTheLeadTimeThenBreachesOnce()
    {
        const Ticket t = mine(1, m_now.addSecs(60 * 60));
        store({ t });
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        QSignalSpy breached(&watcher, &BreachWatcher::breached);
        QCOMPARE(watcher.leadMinutes(), 30);

        watcher.check(); // an hour ahead: too early
        QCOMPARE(warned.size(), 0);
        advanceMinutes(29);
        watcher.check(); // 31 minutes ahead
        QCOMPARE(warned.size(), 0);
        advanceMinutes(1);
        watcher.check(); // 30 minutes ahead
        QCOMPARE(warned.size(), 1);
        QCOMPARE(warned.at(0).at(0).value<TicketId>(), t.id);
        QCOMPARE(warned.at(0).at(1).value<Target>(), Target::Resolution);
        QCOMPARE(warned.at(0).at(2).toDateTime(), t.resolutionDue);
        for (int i = 0; i < 29; ++i) {
            advanceMinutes(1);
            watcher.check();
        }
        QCOMPARE(warned.size(), 1);
        QCOMPARE(breached.size(), 0);

        advanceMinutes(1);
        watcher.check(); // due now
        QCOMPARE(breached.size(), 1);
        QCOMPARE(breached.at(0).at(0).value<TicketId>(), t.id);
        QCOMPARE(breached.at(0).at(1).value<Target>(), Target::Resolution);
        for (int i = 0; i < 60; ++i) {
            advanceMinutes(1);
            watcher.check();
        }
        QCOMPARE(breached.size(), 1);
        QCOMPARE(warned.size(), 1);
    }

    void firstResponseCountsUntilTheFirstAgentInteraction()
    {
        Ticket t = mine(2, {});
        t.firstRespondedAt = {};
        t.firstResponseDue = m_now.addSecs(10 * 60);
        store({ t });
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        watcher.check();
        QCOMPARE(warned.size(), 1);
        QCOMPARE(warned.at(0).at(1).value<Target>(), Target::FirstResponse);

        // Answered: the target is met, so passing its due time is no breach.
        t.firstRespondedAt = m_now;
        t.version = 2;
        store({ t });
        QSignalSpy breached(&watcher, &BreachWatcher::breached);
        advanceMinutes(15);
        watcher.check();
        QCOMPARE(breached.size(), 0);
    }

    void metTargetsAndOthersTicketsAreIgnored()
    {
        Ticket solved = mine(3, m_now.addSecs(10 * 60));
        solved.solvedAt = m_now.addSecs(-60);
        solved.statusId = m_fx->status(0, StatusCategory::Solved).id;
        Ticket someoneElses = mine(4, m_now.addSecs(10 * 60));
        someoneElses.assigneeId = m_fx->agents.at(1).id;
        Ticket unassigned = mine(5, m_now.addSecs(10 * 60));
        unassigned.assigneeId = {};
        Ticket noTarget = mine(6, {});
        store({ solved, someoneElses, unassigned, noTarget });

        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        QSignalSpy breached(&watcher, &BreachWatcher::breached);
        for (int i = 0; i < 20; ++i) {
            watcher.check();
            advanceMinutes(1);
        }
        QCOMPARE(warned.size(), 0);
        QCOMPARE(breached.size(), 0);
    }

    void warnsAgainWhenTheDueTimeMovesLaterAndApproaches()
    {
        Ticket t = mine(7, m_now.addSecs(20 * 60));
        store({ t });
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        QSignalSpy breached(&watcher, &BreachWatcher::breached);
        watcher.check();
        QCOMPARE(warned.size(), 1);

        // The policy changed: two more hours. Storing it checks at once.
        t.resolutionDue = t.resolutionDue.addSecs(2 * 3600);
        t.version = 2;
        store({ t });
        QCOMPARE(warned.size(), 1);
        advanceMinutes(60);
        watcher.check();
        QCOMPARE(warned.size(), 1);
        advanceMinutes(60);
        watcher.check(); // 20 minutes ahead again
        QCOMPARE(warned.size(), 2);
        QCOMPARE(warned.at(1).at(2).toDateTime(), t.resolutionDue);
        watcher.check();
        QCOMPARE(warned.size(), 2);
        QCOMPARE(breached.size(), 0);
    }

    void storeChangesAreCheckedAtOnce()
    {
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        store({ mine(8, m_now.addSecs(5 * 60)) });
        QCOMPARE(warned.size(), 1);
    }

    void leadTimeIsAdjustable()
    {
        store({ mine(9, m_now.addSecs(50 * 60)) });
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy warned(&watcher, &BreachWatcher::warning);
        watcher.check();
        QCOMPARE(warned.size(), 0);
        watcher.setLeadMinutes(60);
        watcher.check();
        QCOMPARE(warned.size(), 1);
    }

    void oldBreachesAreNotAnnounced()
    {
        store({ mine(10, m_now.addSecs(-3 * 3600)) });
        BreachWatcher watcher(m_fx->store.get(), me(), clock());
        QSignalSpy breached(&watcher, &BreachWatcher::breached);
        watcher.check();
        QCOMPARE(breached.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBreachWatcher)
#include "tst_breachwatcher.moc"
