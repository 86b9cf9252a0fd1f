// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QWidget>

class QListWidget;
class QLabel;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The Time tab until time tracking exists: the logged entries and their total.
class TimeEntriesTab : public QWidget
{
    Q_OBJECT

public:
    TimeEntriesTab(Store &store, QWidget *parent = nullptr);
    void setTicket(TicketId id);
    QListWidget *list() const { return m_list; }

private:
    void reload();
    Store &m_store;
    TicketId m_ticket;
    QListWidget *m_list = nullptr;
    QLabel *m_total = nullptr;
};

} // namespace Tessera::Ui
