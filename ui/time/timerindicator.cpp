// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timerindicator.h"

#include "store/store.h"
#include "time/workflow.h"
#include "time/worktimer.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
QString clockText(qint64 seconds)
{
    const auto twoDigits = [](qint64 n) {
        return QString::number(n).rightJustified(2, u'0');
    };
    return QString::number(seconds / 3600) + u':' + twoDigits(seconds / 60 % 60) + u':'
        + twoDigits(seconds % 60);
}
} // namespace

TimerIndicator::TimerIndicator(WorkTimer &timer, const Store &store, QWidget *parent)
    : QToolButton(parent)
    , m_timer(timer)
    , m_store(store)
{
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAutoRaise(true);
    setIcon(QIcon::fromTheme(u"chronometer"_s, QIcon::fromTheme(u"appointment-new"_s)));
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TimerIndicator::update);
    connect(&timer, &WorkTimer::runningChanged, this, &TimerIndicator::update);
    connect(this, &QToolButton::clicked, this, [this] {
        if (m_ticket.isValid())
            Q_EMIT openTicketRequested(m_ticket);
    });
    update();
}

TimerIndicator::~TimerIndicator() = default;

void TimerIndicator::update()
{
    const auto running = m_timer.running();
    m_ticket = running ? running->ticketId : TicketId();
    QFont emphasis = font();
    emphasis.setBold(running.has_value());
    setFont(emphasis);
    if (!running) {
        m_tick.stop();
        setText(tr("No timer"));
        setToolTip(tr("Start work on a ticket with Ctrl+T"));
        setEnabled(false);
        return;
    }
    if (!m_tick.isActive())
        m_tick.start();
    setEnabled(true);
    const auto ticket = m_store.get<Ticket>(running->ticketId);
    const QString number
        = ticket && ticket->number > 0 ? tr("#%1").arg(ticket->number) : tr("New ticket");
    setText(tr("%1 · %2").arg(number, clockText(m_timer.elapsedSeconds())));
    setToolTip(tr("Working on %1 since %2. Click to open the ticket.")
                   .arg(TimeWorkflow::ticketText(m_store, running->ticketId),
                       QLocale().toString(running->startedAt.toLocalTime(), QLocale::ShortFormat)));
}

} // namespace Tessera::Ui
