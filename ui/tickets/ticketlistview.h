// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "query/viewspec.h"

#include <QTreeView>

#include <memory>

class QMenu;

namespace Tessera::Ui {

class TicketListModel;

/// The ticket list: a QTreeView over a TicketListModel with group headers
/// that collapse (kept per grouping across reloads), pages fetched as they
/// scroll into sight, columns chosen, moved and sorted from the header, and
/// keyboard navigation from ticket to ticket (Up/Down, J/K; Enter opens).
class TicketListView : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketListView)

public:
    explicit TicketListView(QWidget *parent = nullptr);
    ~TicketListView() override;

    /// Takes a TicketListModel (other models are shown without the extras).
    void setModel(QAbstractItemModel *model) override;
    TicketListModel *ticketModel() const;

    TicketId currentTicket() const;
    /// Makes a loaded ticket current and selected; false when it is not loaded.
    bool setCurrentTicket(TicketId id);
    /// The selected tickets, in list order (group headers are never selected).
    QList<TicketId> selectedTicketIds() const;

    /// Shows `columns` in this order and width (0: a default width), hides
    /// the others. Called with the view's columns whenever the model shows
    /// a view whose columns differ from the last ones applied.
    void applyColumns(const QList<ColumnSpec> &columns);
    /// The shown columns, in order, with their widths (to store in a ViewSpec).
    QList<ColumnSpec> visibleColumns() const;

    /// The header's column order, widths, visibility and sort indicator
    /// (QHeaderView::saveState), to keep per view in QSettings.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    /// The header's context menu: a checkable entry per field of the
    /// catalogue and "Reset Columns". The caller owns it.
    QMenu *createColumnsMenu(QWidget *parent);

public Q_SLOTS:
    void selectNextTicket();
    void selectPreviousTicket();

Q_SIGNALS:
    /// Enter or a double-click on a ticket.
    void openRequested(Tessera::TicketId id);
    /// The current row moved to another ticket (invalid when none).
    void currentTicketChanged(Tessera::TicketId id);
    /// The agent showed, hid, moved or resized a column.
    void columnsChanged();

protected:
    void drawRow(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    void currentChanged(const QModelIndex &current, const QModelIndex &previous) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

public:
    void doItemsLayout() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
