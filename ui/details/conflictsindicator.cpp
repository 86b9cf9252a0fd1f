// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/conflictsindicator.h"

#include "details/conflictdescription.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QEvent>
#include <QMenu>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct ConflictsIndicator::Private
{
    Store &store;
    QPointer<Sync::SyncEngine> engine;
    QMenu *menu = nullptr;
    int count = 0;
};

ConflictsIndicator::ConflictsIndicator(Store &store, QWidget *parent)
    : QToolButton(parent)
    , d(std::make_unique<Private>(Private { store, {}, nullptr, 0 }))
{
    setObjectName(u"conflictsIndicator"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    setToolTip(tr("Your changes the server did not take as sent"));
    d->menu = new QMenu(this);
    d->menu->setObjectName(u"conflictsMenu"_s);
    setMenu(d->menu);
    connect(d->menu, &QMenu::aboutToShow, this, [this] { rebuildMenu(); });
    connect(&store, &Store::conflictsChanged, this, [this] { refresh(); });
    refresh();
}

ConflictsIndicator::~ConflictsIndicator() = default;

void ConflictsIndicator::setEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
}

int ConflictsIndicator::count() const
{
    return d->count;
}

QMenu *ConflictsIndicator::conflictsMenu() const
{
    return d->menu;
}

void ConflictsIndicator::refresh()
{
    d->count = int(d->store.conflicts().size());
    setText(tr("%n conflict(s)", "", d->count));
    setIcon(ConflictText::warningIcon(this));
    setVisible(d->count > 0);
}

void ConflictsIndicator::rebuildMenu()
{
    d->menu->clear();
    // The submenus of the last opening: not deleted by clear().
    const QList<QMenu *> old = d->menu->findChildren<QMenu *>(Qt::FindDirectChildrenOnly);
    for (QMenu *submenu : old)
        submenu->deleteLater();
    const QList<SyncConflict> conflicts = d->store.conflicts();
    for (const SyncConflict &c : conflicts) {
        // A submenu per conflict: a menu entry that has one cannot be chosen
        // itself, so opening the ticket is its first, default item.
        QMenu *item = d->menu->addMenu(ConflictText::summary(d->store, c));
        item->setObjectName(u"conflict-%1"_s.arg(c.id));
        const TicketId ticket = ConflictText::ticketOf(d->store, c);
        if (ticket.isValid()) {
            QAction *open = item->addAction(
                tr("Open Ticket"), this, [this, ticket] { Q_EMIT openTicketRequested(ticket); });
            open->setObjectName(u"openTicket"_s);
            item->setDefaultAction(open);
            item->addSeparator();
        }
        const qint64 id = c.id;
        const bool enabled = !d->engine.isNull();
        if (c.status == u"conflict"_s) {
            QAction *theirs = item->addAction(tr("Keep Theirs"), this,
                [this, id] { ConflictActions::keepTheirs(d->engine, id); });
            theirs->setObjectName(u"keepTheirs"_s);
            theirs->setEnabled(enabled);
            QAction *mine = item->addAction(
                tr("Use Mine"), this, [this, id] { ConflictActions::useMine(d->engine, id); });
            mine->setObjectName(u"useMine"_s);
            mine->setEnabled(enabled);
        } else {
            QAction *discard = item->addAction(
                tr("Discard"), this, [this, id] { ConflictActions::keepTheirs(d->engine, id); });
            discard->setObjectName(u"discard"_s);
            discard->setEnabled(enabled);
        }
    }
}

void ConflictsIndicator::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        setIcon(ConflictText::warningIcon(this));
    QToolButton::changeEvent(event);
}

} // namespace Tessera::Ui
