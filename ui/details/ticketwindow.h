// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "query/viewspec.h"

#include <QMainWindow>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

class TicketDetailsWidget;

/// One ticket in its own window (double-click or Enter in the list): the
/// same TicketDetailsWidget as the dock, with room for it. Several can be
/// open at once; the size is remembered for the next one.
class TicketWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketWindow)

public:
    TicketWindow(Store &store, QueryContext context, TicketId ticket, QWidget *parent = nullptr);
    ~TicketWindow() override;

    TicketDetailsWidget *details() const { return m_details; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    TicketDetailsWidget *m_details = nullptr;
};

} // namespace Tessera::Ui
