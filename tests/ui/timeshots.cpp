// SPDX-License-Identifier: GPL-3.0-or-later
// Renders time tracking over a demo workspace, in the light and the dark
// palette: the main window with a running timer (toolbar and status bar),
// the stop dialog, the Time tab with entries and totals, and the timesheet:
//   time-shots [output folder]
#include "colorscheme.h"
#include "details/ticketdetailswidget.h"
#include "mainwindow.h"
#include "protocol/codecs.h"
#include "shotworkspace.h"
#include "store/store.h"
#include "tickets/ticketlistview.h"
#include "time/timeentrydialog.h"
#include "time/timesheet.h"
#include "time/timesheetdialog.h"
#include "time/timetab.h"
#include "time/worktimer.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

QList<Ticket> myTickets(const Store &store, PersonId me, int count)
{
    QSqlQuery q(store.connection());
    q.prepare(u"SELECT id FROM tickets WHERE assignee_id = ? AND status_category IN"
              u" ('new', 'open', 'pending') ORDER BY number DESC LIMIT ?"_s);
    q.addBindValue(me.toString());
    q.addBindValue(count);
    QList<Ticket> tickets;
    if (q.exec()) {
        while (q.next())
            tickets.append(*store.get<Ticket>(EntityId::fromString(q.value(0).toString())));
    }
    if (tickets.size() < count)
        qFatal("the demo workspace has too few tickets for its owner");
    return tickets;
}

// A week of logged work for the owner, a few colleagues' entries on the
// first ticket, and a timer running on it for 1:23:45.
void prepare(Store &store, PersonId me, const QList<Ticket> &tickets)
{
    QList<PersonId> colleagues;
    for (const Person &p : store.all<Person>()) {
        if (p.kind == PersonKind::Agent && p.id != me && colleagues.size() < 2)
            colleagues.append(p.id);
    }
    const QDate monday = weekStartOf(QDate::currentDate());
    const QStringList notes { u"Reproduced the report on a clean profile"_s,
        u"Call with the customer"_s, u"Checked the mail server logs"_s, QString(),
        u"Wrote up the workaround"_s, u"Reviewed the fix"_s };
    QList<QJsonObject> entries;
    const auto add = [&](const Ticket &t, PersonId who, int day, int minutes, bool billable,
                         const QString &note) {
        entries.append(Protocol::toJson(TimeEntry {
            TimeEntryId::create(), t.id, who, monday.addDays(day), minutes, billable, note, 1 }));
    };
    const int grid[4][5] = { { 45, 0, 90, 30, 0 }, { 0, 120, 0, 0, 60 }, { 25, 35, 0, 15, 0 },
        { 0, 0, 50, 0, 105 } };
    for (int t = 0; t < 4; ++t) {
        for (int day = 0; day < 5; ++day) {
            if (grid[t][day] > 0)
                add(tickets.at(t), me, day, grid[t][day], (t + day) % 3 != 0,
                    notes.at((t + day) % notes.size()));
        }
    }
    add(tickets.at(0), colleagues.value(0), 1, 40, true, u"Tested on Windows 11"_s);
    add(tickets.at(0), colleagues.value(1), 2, 15, false, u"Second opinion"_s);
    if (!store.importEntities(EntityKind::TimeEntry, entries))
        qFatal("cannot write the time entries");
    // The totals the server would send back with the tickets.
    const QList<TimeEntry> logged = store.all<TimeEntry>();
    QList<QJsonObject> totalled;
    for (Ticket t : tickets) {
        QList<TimeEntry> own;
        for (const TimeEntry &e : logged) {
            if (e.ticketId == t.id)
                own.append(e);
        }
        const TimeTotals totals = totalsOf(own);
        t.timeSpentMinutes = int(totals.minutes);
        t.billableMinutes = int(totals.billable);
        totalled.append(Protocol::toJson(t));
    }
    if (!store.importEntities(EntityKind::Ticket, totalled))
        qFatal("cannot write the ticket totals");
    const RunningTimer timer { RunningTimerId::create(), me, tickets.at(0).id,
        QDateTime::currentDateTimeUtc().addSecs(-(3600 + 23 * 60 + 45)), 1 };
    if (!store.importEntities(EntityKind::RunningTimer, { Protocol::toJson(timer) }))
        qFatal("cannot start the timer");
}

bool save(QWidget *widget, const QString &file)
{
    widget->show();
    settle(150);
    const bool saved = widget->grab().save(file);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"time-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const QueryContext &context = workspace.context;
    const PersonId me = context.me;
    const QList<Ticket> tickets = myTickets(store, me, 4);
    prepare(store, me, tickets);

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        {
            Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, context);
            window.resize(1500, 820);
            window.show();
            auto *views = window.findChild<Ui::ViewListModel *>();
            QSignalSpy counted(views, &Ui::ViewListModel::countsUpdated);
            counted.wait(5000);
            window.findChild<Ui::ViewsPanel *>()->selectView(u"my_tickets"_s);
            settle(300);
            // The time spent column beside the usual ones.
            window.findChild<Ui::TicketListView *>(u"ticketList"_s)
                ->applyColumns({ { u"number"_s, 70 }, { u"title"_s, 330 }, { u"status"_s, 100 },
                    { u"priority"_s, 90 }, { u"time_spent"_s, 90 }, { u"updated_at"_s, 110 } });
            window.resizeDocks(
                { window.findChild<QDockWidget *>(u"ticketDock"_s) }, { 560 }, Qt::Horizontal);
            settle(100);
            if (auto *details = window.ticketDetails()) {
                details->setTicket(tickets.at(0).id);
                details->tabs()->setCurrentIndex(1);
            }
            ok &= save(&window, u"%1/time-mainwindow-%2.png"_s.arg(out, name));
        }
        {
            WorkTimer timer(&store, me);
            Ui::TimeEntryDialog dialog(Ui::TimeEntryDialog::Purpose::Stop,
                u"#%1 %2"_s.arg(tickets.at(0).number).arg(tickets.at(0).title));
            dialog.setDetail(u"Started %1"_s.arg(QLocale().toString(
                timer.running()->startedAt.toLocalTime(), QLocale::ShortFormat)));
            TimeEntryDraft draft = *timer.draft();
            draft.note = u"Found the cause: the proxy strips the header"_s;
            dialog.setDraft(draft);
            ok &= save(&dialog, u"%1/time-stopdialog-%2.png"_s.arg(out, name));
        }
        {
            WorkTimer timer(&store, me);
            Ui::TimeTab tab(store, me);
            tab.setWorkTimer(&timer);
            tab.setTicket(tickets.at(0).id);
            tab.resize(720, 360);
            tab.refresh();
            if (tab.view()->topLevelItemCount() > 1)
                tab.view()->setCurrentItem(tab.view()->topLevelItem(1));
            ok &= save(&tab, u"%1/time-tab-%2.png"_s.arg(out, name));
        }
        {
            Ui::TimesheetDialog dialog(store, me);
            dialog.setPerson(me);
            dialog.setWeek(QDate::currentDate());
            dialog.resize(1000, 360);
            ok &= save(&dialog, u"%1/time-timesheet-%2.png"_s.arg(out, name));
        }
    }
    return ok ? 0 : 1;
}
