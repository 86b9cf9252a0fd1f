// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QWidget>

class QListWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The Conversations tab until the conversation view exists: the ticket's
/// messages as a read-only list, oldest first, internal ones marked.
class MessageListTab : public QWidget
{
    Q_OBJECT

public:
    MessageListTab(Store &store, QWidget *parent = nullptr);
    void setTicket(TicketId id);
    QListWidget *list() const { return m_list; }

private:
    void reload();
    Store &m_store;
    TicketId m_ticket;
    QListWidget *m_list = nullptr;
};

} // namespace Tessera::Ui
