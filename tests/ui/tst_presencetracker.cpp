// SPDX-License-Identifier: GPL-3.0-or-later
// Presence as colleagues announce it (through the engine's signal, with a
// fake clock), and this agent's own presence counted over several views.
#include "details/presencebar.h"
#include "details/presencetracker.h"
#include "net/apiclient.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestPresenceTracker : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QNetworkAccessManager m_network;
    std::unique_ptr<Net::ApiClient> m_api;
    std::unique_ptr<Sync::SyncEngine> m_engine; // never started: only its signal is used

    QDateTime m_now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
    const PersonId m_me = PersonId::create();
    const PersonId m_bruno = PersonId::create();
    const PersonId m_carla = PersonId::create();
    const TicketId m_ticket = TicketId::create();

    std::unique_ptr<Ui::PresenceTracker> tracker()
    {
        auto t = std::make_unique<Ui::PresenceTracker>(m_me, [this] { return m_now; });
        t->setEngine(m_engine.get());
        return t;
    }

    void announce(PersonId who, const QString &name, const QString &state, TicketId ticket = {})
    {
        Q_EMIT m_engine->presenceChanged(ticket.isValid() ? ticket : m_ticket, who, name, state);
    }

    static QStringList names(const QList<Ui::PresenceEntry> &entries)
    {
        QStringList result;
        for (const Ui::PresenceEntry &e : entries)
            result.append(e.name + u':' + e.state);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache.sqlite"_s));
        QVERIFY(m_store->open());
        m_api = std::make_unique<Net::ApiClient>(&m_network, QUrl(u"http://127.0.0.1:9"_s));
        m_engine = std::make_unique<Sync::SyncEngine>(*m_store, *m_api);
    }

    void followsAnnouncements()
    {
        auto t = tracker();
        Ui::PresenceBar bar(*t);
        bar.setTicket(m_ticket);
        QVERIFY(bar.isHidden());
        QSignalSpy changed(t.get(), &Ui::PresenceTracker::changed);

        announce(m_bruno, u"Bruno Lima"_s, u"viewing"_s);
        m_now = m_now.addSecs(5);
        announce(m_carla, u"Carla Dias"_s, u"viewing"_s);
        announce(m_me, u"Me"_s, u"viewing"_s); // another session of mine
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.first().first().value<TicketId>(), m_ticket);
        QCOMPARE(names(t->present(m_ticket)),
            (QStringList { u"Bruno Lima:viewing"_s, u"Carla Dias:viewing"_s }));
        QCOMPARE(bar.text(), u"Bruno Lima is viewing · Carla Dias is viewing"_s);
        QVERIFY(!bar.isHidden());

        // Someone replying comes first.
        m_now = m_now.addSecs(5);
        announce(m_carla, u"Carla Dias"_s, u"replying"_s);
        QCOMPARE(changed.size(), 3);
        QCOMPARE(names(t->present(m_ticket)),
            (QStringList { u"Carla Dias:replying"_s, u"Bruno Lima:viewing"_s }));
        QCOMPARE(t->present(m_ticket).first().since, m_now);
        QCOMPARE(bar.text(), u"Carla Dias is replying… · Bruno Lima is viewing"_s);

        // A renewal of the same state changes nothing visible.
        announce(m_bruno, u"Bruno Lima"_s, u"viewing"_s);
        QCOMPARE(changed.size(), 3);

        // Other tickets are apart.
        const TicketId other = TicketId::create();
        announce(m_bruno, u"Bruno Lima"_s, u"viewing"_s, other);
        QCOMPARE(names(t->present(other)), QStringList { u"Bruno Lima:viewing"_s });
        QCOMPARE(bar.text(), u"Carla Dias is replying… · Bruno Lima is viewing"_s);

        announce(m_bruno, u"Bruno Lima"_s, u"left"_s);
        announce(m_carla, u"Carla Dias"_s, u"left"_s);
        QVERIFY(t->present(m_ticket).isEmpty());
        QVERIFY(bar.isHidden());
        QCOMPARE(names(t->present(other)), QStringList { u"Bruno Lima:viewing"_s });
    }

    void unrenewedEntriesExpire()
    {
        auto t = tracker();
        QSignalSpy changed(t.get(), &Ui::PresenceTracker::changed);
        const QDateTime start = m_now;
        announce(m_bruno, u"Bruno Lima"_s, u"viewing"_s);
        m_now = start.addSecs(100);
        announce(m_carla, u"Carla Dias"_s, u"viewing"_s);
        changed.clear();

        m_now = start.addSecs(119);
        t->expire();
        QCOMPARE(changed.size(), 0);
        QCOMPARE(t->present(m_ticket).size(), 2);

        m_now = start.addSecs(130);
        QCOMPARE(names(t->present(m_ticket)), QStringList { u"Carla Dias:viewing"_s });
        t->expire();
        QCOMPARE(changed.size(), 1);

        // A renewal keeps Carla: her entry counts from her last announcement.
        m_now = start.addSecs(200);
        announce(m_carla, u"Carla Dias"_s, u"viewing"_s);
        m_now = start.addSecs(300);
        t->expire();
        QCOMPARE(names(t->present(m_ticket)), QStringList { u"Carla Dias:viewing"_s });
        QCOMPARE(t->present(m_ticket).first().since, start.addSecs(100));
        m_now = start.addSecs(320);
        t->expire();
        QVERIFY(t->present(m_ticket).isEmpty());
        QCOMPARE(changed.size(), 2);
    }

    void myPresenceIsCountedPerTicket()
    {
        auto t = tracker();
        const TicketId other = TicketId::create();
        QCOMPARE(t->myState(m_ticket), u"left"_s);
        t->show(m_ticket); // the panel
        t->show(m_ticket); // a ticket window
        QCOMPARE(t->myState(m_ticket), u"viewing"_s);
        t->replying(m_ticket, true);
        QCOMPARE(t->myState(m_ticket), u"replying"_s);
        t->replying(m_ticket, false);
        QCOMPARE(t->myState(m_ticket), u"viewing"_s);
        t->hide(m_ticket); // the window closes: the panel still shows it
        QCOMPARE(t->myState(m_ticket), u"viewing"_s);
        t->switchTicket(m_ticket, other); // the panel moves on
        QCOMPARE(t->myState(m_ticket), u"left"_s);
        QCOMPARE(t->myState(other), u"viewing"_s);
        t->hide(m_ticket); // unbalanced: ignored
        t->hide(other);
        QCOMPARE(t->myState(other), u"left"_s);
    }
};

QTEST_MAIN(TestPresenceTracker)
#include "tst_presencetracker.moc"
