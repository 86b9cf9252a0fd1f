// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/workflow.h"

#include "store/store.h"
#include "time/duration.h"
#include "time/timeentrydialog.h"
#include "time/worktimer.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Tessera::Ui::TimeWorkflow {

namespace {
const QString AssignKey = u"Time/assignOnStart"_s;
const QString BillableKey = u"Time/billableByDefault"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("TimeWorkflow", text);
}
} // namespace

QString ticketText(const Store &store, TicketId ticket)
{
    const auto t = store.get<Ticket>(ticket);
    if (!t)
        return tr("Unknown ticket");
    return t->number > 0 ? tr("#%1 %2").arg(t->number).arg(t->title) : t->title;
}

bool startWork(WorkTimer &timer, TicketId ticket, QWidget *parent)
{
    if (!ticket.isValid())
        return false;
    const auto started = timer.start(ticket);
    if (!started) {
        QMessageBox::warning(parent, tr("Work Not Started"),
            tr("The timer could not start: %1").arg(started.error().message));
        return false;
    }
    return true;
}

bool stopWork(WorkTimer &timer, const Store &store, QWidget *parent)
{
    const auto running = timer.running();
    const auto prefilled = timer.draft();
    if (!running || !prefilled)
        return false;
    if (timer.needsConfirmation()) {
        const auto answer = QMessageBox::question(parent, tr("Stop a Long Timer?"),
            tr("The timer on %1 has been running for %2 (since %3). Stop it and log the time?")
                .arg(ticketText(store, running->ticketId),
                    formatMinutes(timer.elapsedSeconds() / 60),
                    QLocale().toString(running->startedAt.toLocalTime(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
    }
    TimeEntryDialog dialog(
        TimeEntryDialog::Purpose::Stop, ticketText(store, running->ticketId), parent);
    dialog.setDetail(
        tr("Started %1")
            .arg(QLocale().toString(running->startedAt.toLocalTime(), QLocale::ShortFormat)));
    dialog.setDraft(*prefilled);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const auto logged = timer.stop(dialog.draft());
    if (!logged) {
        QMessageBox::warning(parent, tr("Time Not Logged"),
            tr("The timer keeps running: %1").arg(logged.error().message));
        return false;
    }
    return true;
}

bool assignOnStart()
{
    return QSettings().value(AssignKey, true).toBool();
}

void setAssignOnStart(bool assign)
{
    QSettings().setValue(AssignKey, assign);
}

bool billableByDefault()
{
    return QSettings().value(BillableKey, true).toBool();
}

void setBillableByDefault(bool billable)
{
    QSettings().setValue(BillableKey, billable);
}

void applySettings(WorkTimer &timer)
{
    timer.setAssignOnStart(assignOnStart());
    timer.setBillableByDefault(billableByDefault());
}

} // namespace Tessera::Ui::TimeWorkflow
