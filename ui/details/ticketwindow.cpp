// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/ticketwindow.h"

#include "details/ticketdetailswidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

TicketWindow::TicketWindow(Store &store, QueryContext context, TicketId ticket, QWidget *parent)
    : QMainWindow(parent)
{
    // A window of its own, not a child painted over the main window.
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(u"ticketWindow"_s);
    m_details = new TicketDetailsWidget(store, std::move(context), u"window"_s, this);
    setCentralWidget(m_details);
    connect(m_details, &TicketDetailsWidget::titleChanged, this, [this](const QString &title) {
        setWindowTitle(title.isEmpty() ? tr("Ticket — Tessera") : tr("%1 — Tessera").arg(title));
    });
    m_details->setTicket(ticket);
    auto *close = new QAction(tr("Close"), this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    if (!restoreGeometry(QSettings().value(u"TicketWindow/geometry"_s).toByteArray()))
        resize(1100, 760);
}

TicketWindow::~TicketWindow() = default;

void TicketWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(u"TicketWindow/geometry"_s, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace Tessera::Ui
