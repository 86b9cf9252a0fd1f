// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketlistview.h"

#include "tickets/ticketdelegate.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketroles.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct TicketListView::Private
{
    TicketListView *q = nullptr;
    TicketListModel *model = nullptr;
    TicketDelegate *delegate = nullptr;
    QList<QMetaObject::Connection> connections;
    // Per grouping, the groups the agent closed; every other group opens as it
    // comes into sight, so this survives reloads and view switches.
    QHash<QString, QSet<QString>> collapsed;
    QList<ColumnSpec> appliedColumns;
    int appliedCount = -1; // the model's column count when they were applied
    bool columnsApplied = false;
    bool applyingColumns = false;
    bool programmatic = false;
    bool filling = false;
    int pauseDepth = 0;
    TicketId lastCurrent;
    QTimer fillTimer;

    static QString keyOf(const QModelIndex &header)
    {
        const QVariant key = header.data(GroupKeyRole);
        return key.isNull() ? u"\u0001"_s : key.toString();
    }
    static bool isGroup(const QModelIndex &index) { return index.data(IsGroupRole).toBool(); }
    QString grouping() const { return model ? model->view().groupBy : QString(); }
    bool closedByAgent(const QModelIndex &header) const
    {
        return collapsed.value(grouping()).contains(keyOf(header));
    }

    void pause()
    {
        if (model && pauseDepth++ == 0)
            model->setFetchPaused(true);
    }
    void resume()
    {
        if (model && --pauseDepth == 0)
            model->setFetchPaused(false);
    }

    int firstVisibleColumn() const
    {
        const QHeaderView *header = q->header();
        for (int visual = 0; visual < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            if (!header->isSectionHidden(logical))
                return logical;
        }
        return 0;
    }

    // Opens a group as the list (not the agent) does, reading its first page once.
    void openQuietly(const QModelIndex &header)
    {
        const QModelIndex index = header.siblingAtColumn(0);
        programmatic = true;
        pause();
        q->setExpanded(index, true);
        resume();
        programmatic = false;
        if (model && model->rowCount(index) == 0 && model->canFetchMore(index))
            model->fetchMore(index);
    }

    void fill();
    QModelIndex step(const QModelIndex &from, bool forward);
    QModelIndex firstTicket();
    void syncSortIndicator();
    void viewChanged();
};

void TicketListView::Private::fill()
{
    if (!model || filling || !q->isVisible())
        return;
    filling = true;
    const int limit = q->viewport()->height() * 3 / 2; // a little ahead of what shows
    const int column = firstVisibleColumn();
    for (int pass = 0; pass < 64; ++pass) {
        bool changed = false;
        QModelIndex index = q->indexAt(QPoint(1, 1)).siblingAtColumn(0);
        if (!index.isValid()) {
            if (model->rowCount() == 0 && model->canFetchMore({})) {
                model->fetchMore({});
                continue;
            }
            break;
        }
        QModelIndex last;
        while (index.isValid()) {
            if (q->visualRect(index.siblingAtColumn(column)).top() > limit)
                break;
            if (isGroup(index)) {
                if (!q->isExpanded(index) && !closedByAgent(index)) {
                    openQuietly(index);
                    changed = true;
                    break;
                }
                if (q->isExpanded(index) && model->rowCount(index) == 0
                    && model->canFetchMore(index)) {
                    model->fetchMore(index);
                    changed = true;
                    break;
                }
            }
            last = index;
            index = q->indexBelow(index);
        }
        if (!changed && last.isValid() && !isGroup(last)) {
            const QModelIndex parent = last.parent();
            if (last.row() == model->rowCount(parent) - 1 && model->canFetchMore(parent)) {
                model->fetchMore(parent);
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    filling = false;
}

QModelIndex TicketListView::Private::step(const QModelIndex &from, bool forward)
{
    QAbstractItemModel *items = q->model();
    QModelIndex index = from.siblingAtColumn(0);
    for (int guard = 0; guard < 100'000 && index.isValid(); ++guard) {
        if (!forward) {
            const QModelIndex above = q->indexAbove(index);
            if (!above.isValid() || !isGroup(above))
                return above;
            index = above;
            continue;
        }
        // At the end of what is loaded, read the next page first.
        if (isGroup(index)) {
            if (q->isExpanded(index) && items->rowCount(index) == 0 && items->canFetchMore(index))
                items->fetchMore(index);
        } else {
            const QModelIndex parent = index.parent();
            if (index.row() == items->rowCount(parent) - 1 && items->canFetchMore(parent))
                items->fetchMore(parent);
        }
        const QModelIndex below = q->indexBelow(index);
        if (!below.isValid() || !isGroup(below))
            return below;
        if (!q->isExpanded(below) && !closedByAgent(below))
            openQuietly(below);
        index = below;
    }
    return {};
}

QModelIndex TicketListView::Private::firstTicket()
{
    const QModelIndex first = q->model() ? q->model()->index(0, 0) : QModelIndex();
    if (!first.isValid() || !isGroup(first))
        return first;
    if (!q->isExpanded(first) && !closedByAgent(first))
        openQuietly(first);
    return step(first, true);
}

void TicketListView::Private::syncSortIndicator()
{
    if (!model)
        return;
    const QSignalBlocker block(q->header());
    q->header()->setSortIndicator(model->sortColumn(), model->sortOrder());
    q->header()->viewport()->update();
}

void TicketListView::Private::viewChanged()
{
    const QList<ColumnSpec> columns = model->view().columns;
    if (!columnsApplied || columns != appliedColumns || appliedCount != model->columnCount())
        q->applyColumns(columns);
    syncSortIndicator();
}

TicketListView::TicketListView(QWidget *parent)
    : QTreeView(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->delegate = new TicketDelegate(this);
    setItemDelegate(d->delegate);
    setUniformRowHeights(true);
    setSelectionMode(ExtendedSelection);
    setSelectionBehavior(SelectRows);
    setAllColumnsShowFocus(true);
    setEditTriggers(NoEditTriggers);
    setAlternatingRowColors(true);
    // Group headers are painted whole, with their own chevron: no branch column.
    setRootIsDecorated(false);
    setIndentation(0);
    setExpandsOnDoubleClick(false);
    setAnimated(false);
    setSortingEnabled(false); // the model sorts in SQL when the header is clicked

    QHeaderView *header = this->header();
    header->setSectionsMovable(true);
    header->setFirstSectionMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(
        header, &QHeaderView::sortIndicatorChanged, this, [this](int section, Qt::SortOrder order) {
            if (d->model)
                d->model->setSort(section, order);
            d->syncSortIndicator(); // columns that cannot be sorted on keep the old one
        });
    connect(header, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        std::unique_ptr<QMenu> menu(createColumnsMenu(this));
        menu->exec(this->header()->mapToGlobal(pos));
    });
    connect(header, &QHeaderView::sectionMoved, this, [this] {
        if (!d->applyingColumns)
            Q_EMIT columnsChanged();
    });
    connect(header, &QHeaderView::sectionResized, this, [this] {
        // The stretched last section also resizes with the window: only a drag counts.
        if (!d->applyingColumns && QApplication::mouseButtons() != Qt::NoButton)
            Q_EMIT columnsChanged();
    });

    connect(this, &QTreeView::collapsed, this, [this](const QModelIndex &index) {
        if (!d->programmatic && Private::isGroup(index))
            d->collapsed[d->grouping()].insert(Private::keyOf(index));
    });
    connect(this, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        if (!d->programmatic && Private::isGroup(index))
            d->collapsed[d->grouping()].remove(Private::keyOf(index));
    });

    d->fillTimer.setSingleShot(true);
    d->fillTimer.setInterval(0);
    connect(&d->fillTimer, &QTimer::timeout, this, [this] { d->fill(); });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { d->fill(); });
}

TicketListView::~TicketListView() = default;

void TicketListView::setModel(QAbstractItemModel *model)
{
    for (const auto &connection : std::as_const(d->connections))
        disconnect(connection);
    d->connections.clear();
    if (d->model && d->pauseDepth > 0)
        d->model->setFetchPaused(false);
    d->pauseDepth = 0;
    d->columnsApplied = false;
    QTreeView::setModel(model);
    d->model = qobject_cast<TicketListModel *>(model);
    if (!d->model)
        return;
    const auto schedule = [this] {
        d->fillTimer.start();
    };
    d->connections = {
        connect(d->model, &TicketListModel::loaded, this, [this] { d->fill(); }),
        connect(d->model, &TicketListModel::viewChanged, this, [this] { d->viewChanged(); }),
        connect(d->model, &QAbstractItemModel::rowsInserted, this, schedule),
        connect(d->model, &QAbstractItemModel::rowsRemoved, this, schedule),
        connect(d->model, &QAbstractItemModel::rowsMoved, this, schedule),
        connect(d->model, &QAbstractItemModel::layoutChanged, this, schedule),
    };
    d->viewChanged();
    d->fill();
}

TicketListModel *TicketListView::ticketModel() const
{
    return d->model;
}

TicketId TicketListView::currentTicket() const
{
    return d->model ? d->model->ticketId(currentIndex()) : TicketId();
}

bool TicketListView::setCurrentTicket(TicketId id)
{
    if (!d->model)
        return false;
    const QModelIndex index = d->model->indexForTicket(id, d->firstVisibleColumn());
    if (!index.isValid())
        return false;
    if (!isExpanded(index.parent()) && index.parent().isValid())
        d->openQuietly(index.parent());
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

QList<TicketId> TicketListView::selectedTicketIds() const
{
    if (!d->model || !selectionModel())
        return {};
    struct Entry
    {
        int group;
        int row;
        TicketId id;
    };
    QList<Entry> entries;
    QSet<TicketId> seen;
    const QModelIndexList indexes = selectionModel()->selectedIndexes();
    for (const QModelIndex &index : indexes) {
        const TicketId id = d->model->ticketId(index);
        if (!id.isValid() || seen.contains(id))
            continue;
        seen.insert(id);
        entries.append({ index.parent().isValid() ? index.parent().row() : -1, index.row(), id });
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return std::tie(a.group, a.row) < std::tie(b.group, b.row);
    });
    QList<TicketId> ids;
    for (const Entry &entry : std::as_const(entries))
        ids.append(entry.id);
    return ids;
}

namespace {
int defaultWidth(const QString &field, const QFontMetrics &metrics)
{
    const int unit = metrics.averageCharWidth();
    if (field == u"title"_s)
        return 44 * unit;
    if (field == u"number"_s) // wide enough for the pending marker's icon and word
        return 12 * unit;
    if (field == u"percent_complete"_s)
        return 9 * unit;
    if (field == u"priority"_s)
        return 13 * unit;
    return 17 * unit;
}
} // namespace

void TicketListView::applyColumns(const QList<ColumnSpec> &columns)
{
    if (!d->model)
        return;
    static const QList<ColumnSpec> fallback { { u"number"_s, 0 }, { u"title"_s, 0 },
        { u"status"_s, 0 }, { u"priority"_s, 0 }, { u"assignee"_s, 0 }, { u"resolution_due"_s, 0 },
        { u"updated_at"_s, 0 } };
    d->applyingColumns = true;
    QHeaderView *header = this->header();
    QSet<int> shown;
    int visual = 0;
    for (const ColumnSpec &column : columns.isEmpty() ? fallback : columns) {
        const int logical = d->model->columnForField(column.field);
        if (logical < 0 || shown.contains(logical))
            continue;
        shown.insert(logical);
        header->setSectionHidden(logical, false);
        header->moveSection(header->visualIndex(logical), visual++);
        header->resizeSection(
            logical, column.width > 0 ? column.width : defaultWidth(column.field, fontMetrics()));
    }
    for (int logical = 0; logical < header->count(); ++logical) {
        if (!shown.contains(logical))
            header->setSectionHidden(logical, true);
    }
    d->appliedColumns = columns;
    d->appliedCount = d->model->columnCount();
    d->columnsApplied = true;
    d->applyingColumns = false;
}

QList<ColumnSpec> TicketListView::visibleColumns() const
{
    QList<ColumnSpec> columns;
    if (!d->model)
        return columns;
    const QHeaderView *header = this->header();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append({ d->model->fieldForColumn(logical), header->sectionSize(logical) });
    }
    return columns;
}

QMenu *TicketListView::createColumnsMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Columns"), parent);
    if (!d->model)
        return menu;
    QHeaderView *header = this->header();
    int shown = 0;
    for (int logical = 0; logical < header->count(); ++logical)
        shown += header->isSectionHidden(logical) ? 0 : 1;
    for (int logical = 0; logical < d->model->columnCount(); ++logical) {
        QAction *action = menu->addAction(d->model->headerData(logical, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        action->setData(d->model->fieldForColumn(logical));
        action->setEnabled(!(action->isChecked() && shown == 1)); // keep one column
        connect(action, &QAction::toggled, this, [this, logical](bool on) {
            QHeaderView *header = this->header();
            d->applyingColumns = true;
            header->setSectionHidden(logical, !on);
            if (on && header->sectionSize(logical) < header->minimumSectionSize() * 2)
                header->resizeSection(
                    logical, defaultWidth(d->model->fieldForColumn(logical), fontMetrics()));
            d->applyingColumns = false;
            Q_EMIT columnsChanged();
        });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Reset Columns"));
    connect(reset, &QAction::triggered, this, [this] {
        applyColumns(d->model->view().columns);
        Q_EMIT columnsChanged();
    });
    return menu;
}

QByteArray TicketListView::saveState() const
{
    return header()->saveState();
}

bool TicketListView::restoreState(const QByteArray &state)
{
    d->applyingColumns = true;
    const bool restored = header()->restoreState(state);
    d->applyingColumns = false;
    d->syncSortIndicator(); // the model's sort is the truth
    return restored;
}

void TicketListView::selectNextTicket()
{
    const QModelIndex next
        = currentIndex().isValid() ? d->step(currentIndex(), true) : d->firstTicket();
    if (next.isValid())
        setCurrentTicket(d->model ? d->model->ticketId(next) : TicketId());
}

void TicketListView::selectPreviousTicket()
{
    if (!currentIndex().isValid())
        return;
    const QModelIndex previous = d->step(currentIndex(), false);
    if (previous.isValid())
        setCurrentTicket(d->model ? d->model->ticketId(previous) : TicketId());
}

void TicketListView::drawRow(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!Private::isGroup(index)) {
        QTreeView::drawRow(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    opt.rect = QRect(0, option.rect.y(), viewport()->width(), option.rect.height());
    const QModelIndex current = currentIndex();
    opt.state.setFlag(QStyle::State_HasFocus,
        hasFocus() && current.isValid() && current.row() == index.row()
            && current.parent() == index.parent());
    d->delegate->paintGroupRow(painter, opt, index, isExpanded(index.siblingAtColumn(0)));
}

void TicketListView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const bool plain = (modifiers & ~Qt::ShiftModifier) == Qt::NoModifier;
    if (plain && (event->key() == Qt::Key_J || event->key() == Qt::Key_K)) {
        QKeyEvent arrow(
            QEvent::KeyPress, event->key() == Qt::Key_J ? Qt::Key_Down : Qt::Key_Up, modifiers);
        QTreeView::keyPressEvent(&arrow);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        const QModelIndex current = currentIndex();
        if (Private::isGroup(current)) {
            setExpanded(current.siblingAtColumn(0), !isExpanded(current.siblingAtColumn(0)));
            event->accept();
            return;
        }
        if (const TicketId id = currentTicket(); id.isValid()) {
            Q_EMIT openRequested(id);
            event->accept();
            return;
        }
    }
    QTreeView::keyPressEvent(event);
}

void TicketListView::mousePressEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && Private::isGroup(index)) {
        const QModelIndex header = index.siblingAtColumn(0);
        if (isExpanded(header)) {
            collapse(header);
        } else {
            d->collapsed[d->grouping()].remove(Private::keyOf(header));
            d->openQuietly(header);
        }
        setFocus(Qt::MouseFocusReason);
        event->accept();
        return;
    }
    QTreeView::mousePressEvent(event);
}

void TicketListView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (Private::isGroup(index)) {
        mousePressEvent(event); // a quick second click toggles again
        return;
    }
    QTreeView::mouseDoubleClickEvent(event);
    if (event->button() == Qt::LeftButton && d->model) {
        if (const TicketId id = d->model->ticketId(index); id.isValid())
            Q_EMIT openRequested(id);
    }
}

QModelIndex TicketListView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    if (cursorAction != MoveDown && cursorAction != MoveUp)
        return QTreeView::moveCursor(cursorAction, modifiers);
    const QModelIndex current = currentIndex();
    QModelIndex next;
    if (!current.isValid())
        next = d->firstTicket();
    else
        next = d->step(current, cursorAction == MoveDown);
    if (!next.isValid())
        return current;
    return next.siblingAtColumn(current.isValid() ? current.column() : d->firstVisibleColumn());
}

void TicketListView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    const TicketId id = d->model ? d->model->ticketId(current) : TicketId();
    if (id != d->lastCurrent) {
        d->lastCurrent = id;
        Q_EMIT currentTicketChanged(id);
    }
}

void TicketListView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    d->fillTimer.start();
}

void TicketListView::showEvent(QShowEvent *event)
{
    QTreeView::showEvent(event);
    d->fill();
}

void TicketListView::doItemsLayout()
{
    d->pause();
    QTreeView::doItemsLayout();
    d->resume();
}

} // namespace Tessera::Ui
