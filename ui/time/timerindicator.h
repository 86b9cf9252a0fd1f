// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QTimer>
#include <QToolButton>

namespace Tessera {
class Store;
class WorkTimer;
} // namespace Tessera

namespace Tessera::Ui {

/// The running timer at a glance, for the toolbar and the status bar: the
/// ticket's number and the elapsed time, ticking each second. Clicking it
/// opens the ticket. Without a running timer it says so, greyed.
class TimerIndicator : public QToolButton
{
    Q_OBJECT

public:
    TimerIndicator(WorkTimer &timer, const Store &store, QWidget *parent = nullptr);
    ~TimerIndicator() override;

    /// Reads the timer again (done on its changes and every second).
    void update();

Q_SIGNALS:
    void openTicketRequested(Tessera::TicketId id);

private:
    WorkTimer &m_timer;
    const Store &m_store;
    TicketId m_ticket;
    QTimer m_tick;
};

} // namespace Tessera::Ui
