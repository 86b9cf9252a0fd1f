// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"
#include "query/viewspec.h"

#include <QAbstractItemModel>

#include <memory>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The ticket list of one view, read lazily from the local cache: group
/// header rows with counts (when the view groups), each group's tickets
/// fetched in pages as the list needs them, or flat pages when it does not.
/// Columns are the displayable fields of the view field catalogue; the view's
/// own columns say which are shown (TicketListView applies them). Edits in the
/// store update only the rows they touch: a changed row, a row leaving or
/// entering, a group count; never a reset, unless a change is very large.
class TicketListModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketListModel)

public:
    static constexpr int DefaultPageSize = 200;
    /// Batches of more ticket changes than this reload the list instead.
    static constexpr int LargeChange = 200;

    /// `store` is read on the calling (GUI) thread; `context` says who is
    /// asking (for @me) and, when `now` is set, the time the view is
    /// evaluated at (otherwise the current time).
    TicketListModel(Store *store, QueryContext context, QObject *parent = nullptr);
    ~TicketListModel() override;

    /// Shows another view: one query for the group headers, one for the first page.
    void setView(const ViewSpec &spec);
    ViewSpec view() const;
    /// The same view grouped by `field` ("" for none).
    void setGroupBy(const QString &field);
    /// Sorts by the column's field first (the view's other sort keys follow).
    void setSort(int column, Qt::SortOrder order);
    /// The column of the first sort key, or -1.
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    void setContext(const QueryContext &context);
    QueryContext context() const;
    /// Full-text search within the view (an empty text ends it).
    void setSearchText(const QString &text);

    /// Reads the view again from the store (a reset).
    void reload();

    int pageSize() const;
    void setPageSize(int rows);

    bool isGrouped() const;
    /// The tickets the view shows (the sum of the group counts); -1 while
    /// an ungrouped list has not been read to its end.
    qint64 totalCount() const;
    /// Why the view could not be shown (an invalid filter…), or empty.
    QString errorString() const;

    /// The view field a column shows, and back (-1 for fields without a column).
    QString fieldForColumn(int column) const;
    int columnForField(const QString &field) const;

    TicketId ticketId(const QModelIndex &index) const;
    /// Where a loaded ticket is; invalid when it is not (yet) loaded.
    QModelIndex indexForTicket(TicketId id, int column = 0) const;

    /// While paused, canFetchMore() answers false. TicketListView pauses it
    /// around its layout passes: QTreeView would otherwise fetch a page of
    /// every expanded group on every pass, shown or not.
    void setFetchPaused(bool paused);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// A reload is complete (after modelReset): rows may be fetched again.
    void loaded();
    /// A new view, grouping or sort is shown (after the reset).
    void viewChanged();
    /// The view could not be read; the list is empty.
    void queryFailed(const QString &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
