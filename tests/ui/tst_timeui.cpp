// SPDX-License-Identifier: GPL-3.0-or-later
// The Time tab, the stop dialog and the timesheet over a small cache: the
// entries and their totals, who may change which entry, the stop dialog's
// prefilled duration, and the week's CSV against a golden file.
#include "protocol/codecs.h"
#include "store/store.h"
#include "time/timeentrydialog.h"
#include "time/timesheetdialog.h"
#include "time/timetab.h"
#include "time/worktimer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestTimeUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    Person m_agent, m_colleague, m_lead;
    Ticket m_printer, m_vpn;
    const QDate m_monday { 2026, 11, 23 };

    template<typename T>
    void import(EntityKind kind, const QList<T> &values)
    {
        QList<QJsonObject> json;
        for (const T &v : values)
            json.append(Protocol::toJson(v));
        QVERIFY(m_store->importEntities(kind, json));
    }

    static Person agent(const QString &name, Role role)
    {
        Person p;
        p.id = PersonId::create();
        p.name = name;
        p.kind = PersonKind::Agent;
        p.role = role;
        p.version = 1;
        return p;
    }
    static Ticket ticket(qint64 number, const QString &title)
    {
        Ticket t;
        t.id = TicketId::create();
        t.number = number;
        t.title = title;
        t.version = 1;
        return t;
    }
    TimeEntry entry(const Ticket &t, const Person &who, int day, int minutes, bool billable,
        const QString &note = {}) const
    {
        return { TimeEntryId::create(), t.id, who.id, m_monday.addDays(day), minutes, billable,
            note, 1 };
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_store = std::make_unique<Store>(m_dir.filePath(
            u"cache-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))));
        QVERIFY(m_store->open());
        m_agent = agent(u"Ana Lima"_s, Role::Agent);
        m_colleague = agent(u"Bruno Costa"_s, Role::Agent);
        m_lead = agent(u"Carla Dias"_s, Role::Lead);
        import(EntityKind::Person, QList<Person> { m_agent, m_colleague, m_lead });
        m_printer = ticket(1001, u"Printer offline"_s);
        m_vpn = ticket(1002, u"VPN drops, \"every\" hour"_s);
        import(EntityKind::Ticket, QList<Ticket> { m_printer, m_vpn });
        import(EntityKind::TimeEntry,
            QList<TimeEntry> {
                entry(m_printer, m_agent, 0, 45, true, u"Replaced the toner"_s),
                entry(m_printer, m_agent, 2, 90, false),
                entry(m_vpn, m_agent, 0, 30, true),
                entry(m_vpn, m_agent, 4, 125, true),
                entry(m_vpn, m_agent, 7, 60, true), // next week
                entry(m_printer, m_colleague, 1, 20, true, u"Checked the cable"_s),
            });
    }

    void timeTabListsEntriesAndTotals()
    {
        Ui::TimeTab tab(*m_store, m_agent.id);
        tab.setTicket(m_printer.id);
        tab.show(); // a hidden tab reads nothing until it is shown
        tab.refresh();
        QCOMPARE(tab.view()->topLevelItemCount(), 3);
        QCOMPARE(tab.view()->topLevelItem(0)->text(0), u"Ana Lima"_s); // newest first
        QCOMPARE(tab.view()->topLevelItem(0)->text(2), u"1:30"_s);
        QCOMPARE(tab.view()->topLevelItem(0)->text(3), u"Non-billable"_s);
        // 45 + 90 + 20 minutes, 65 of them billable.
        QVERIFY2(tab.totals()->text().contains(u"2:35"_s), qPrintable(tab.totals()->text()));
        QVERIFY(tab.totals()->text().contains(u"billable 1:05"_s));
        QVERIFY(tab.totals()->text().contains(u"non-billable 1:30"_s));

        // A new entry shows at once.
        const TimeEntry added = entry(m_printer, m_agent, 3, 15, true);
        QVERIFY(m_store->apply(Mutation::creating(EntityKind::TimeEntry, added, m_agent.id)));
        QTRY_COMPARE(tab.view()->topLevelItemCount(), 4);
        QVERIFY(tab.totals()->text().contains(u"2:50"_s));
    }

    void onlyOwnEntriesAreEditable()
    {
        Ui::TimeTab mine(*m_store, m_agent.id);
        mine.setTicket(m_printer.id);
        mine.refresh();
        Ui::TimeTab leads(*m_store, m_lead.id);
        leads.setTicket(m_printer.id);
        leads.refresh();
        for (const TimeEntry &e : mine.entries()) {
            QCOMPARE(mine.mayEdit(e), e.personId == m_agent.id);
            QVERIFY(leads.mayEdit(e));
        }
        // Selecting the colleague's entry leaves Edit and Delete disabled.
        auto *edit = mine.findChild<QPushButton *>(u"timeEdit"_s);
        for (int i = 0; i < mine.view()->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = mine.view()->topLevelItem(i);
            mine.view()->setCurrentItem(item);
            QCOMPARE(edit->isEnabled(), item->text(0) == u"Ana Lima"_s);
        }
    }

    void stopDialogIsPrefilled()
    {
        QDateTime now(m_monday, QTime(9, 0), QTimeZone::UTC);
        WorkTimer timer(m_store.get(), m_agent.id, [&] { return now; });
        timer.setBillableByDefault(false);
        QVERIFY(timer.start(m_vpn.id));
        now = now.addSecs(100 * 60);
        Ui::TimeEntryDialog dialog(Ui::TimeEntryDialog::Purpose::Stop, u"#1002"_s);
        dialog.setDraft(*timer.draft());
        QCOMPARE(dialog.durationEdit()->text(), u"1:40"_s);
        QCOMPARE(dialog.draft().minutes, 100);
        QVERIFY(!dialog.draft().billable);
        QCOMPARE(dialog.draft().date, m_monday);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        dialog.durationEdit()->setText(u"soon"_s);
        QVERIFY(!ok->isEnabled());
        QCOMPARE(dialog.draft().minutes, 0);
        dialog.durationEdit()->setText(u"25h"_s);
        QVERIFY(!ok->isEnabled());
        dialog.durationEdit()->setText(u"1h 50m"_s);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.draft().minutes, 110);
    }

    void timesheetMatchesTheGoldenCsv()
    {
        Ui::TimesheetDialog dialog(*m_store, m_agent.id);
        dialog.setPerson(m_agent.id);
        dialog.setWeek(m_monday.addDays(3));
        QCOMPARE(dialog.timesheet().weekStart(), m_monday);
        QCOMPARE(dialog.timesheet().total(), 45 + 90 + 30 + 125);
        // Two tickets and the totals row; Monday holds 45 + 30.
        QCOMPARE(dialog.grid()->rowCount(), 3);
        QCOMPARE(dialog.grid()->item(2, 1)->text(), u"1:15"_s);
        QCOMPARE(dialog.grid()->item(2, 8)->text(), u"4:50"_s);

        const QString path = m_dir.filePath(u"week.csv"_s);
        QString error;
        QVERIFY2(dialog.exportCsv(path, &error), qPrintable(error));
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QFile golden(QStringLiteral(TESSERA_TEST_DATA) + u"/timesheet-week.csv"_s);
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
        QCOMPARE(written.readAll(), golden.readAll());

        // An agent cannot look at a colleague's week.
        QVERIFY(!dialog.findChild<QComboBox *>(u"timesheetAgent"_s)->isEnabled());
        dialog.setPerson(m_colleague.id);
        QCOMPARE(dialog.timesheet().person(), m_agent.id);
        // A lead can.
        Ui::TimesheetDialog leads(*m_store, m_lead.id);
        leads.setWeek(m_monday);
        leads.setPerson(m_colleague.id);
        QCOMPARE(leads.timesheet().person(), m_colleague.id);
        QCOMPARE(leads.timesheet().total(), 20);
    }
};

QTEST_MAIN(TestTimeUi)
#include "tst_timeui.moc"
