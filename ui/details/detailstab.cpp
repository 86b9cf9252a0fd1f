// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/detailstab.h"

#include "store/store.h"

#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

DetailsTab::DetailsTab(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_lookup(store)
{
    connect(&store, &Store::changed, this,
        [this](EntityKind kind, const QList<EntityId> &) { storeChanged(kind); });
}

DetailsTab::~DetailsTab() = default;

void DetailsTab::setTicket(TicketId id)
{
    m_ticket = id;
    m_stale = true;
    if (isVisible())
        refresh();
}

void DetailsTab::refresh()
{
    m_stale = false;
    reload();
}

void DetailsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void DetailsTab::storeChanged(EntityKind kind)
{
    m_lookup.forget(kind);
    if (!m_ticket.isValid() || !dependsOn(kind))
        return;
    m_stale = true;
    if (isVisible())
        scheduleReload();
}

// A sync writes many batches in a row: they are read once, after them.
void DetailsTab::scheduleReload()
{
    if (m_reloadQueued)
        return;
    m_reloadQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_reloadQueued = false;
        if (m_stale && isVisible())
            refresh();
    });
}

void DetailsTab::openFromActivatedRows(QTreeWidget *view)
{
    connect(view, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const TicketId id = TicketId::fromString(item->data(0, TicketIdItemRole).toString());
        if (id.isValid())
            Q_EMIT openTicketRequested(id);
    });
}

} // namespace Tessera::Ui
