// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/viewlistmodel.h"

#include <QAbstractItemModel>

#include <array>

namespace Tessera::Ui {

/// The Views panel's tree over a ViewListModel: one top-level row per
/// section (default, personal, shared views) with its views below. Views
/// move within their section by drag and drop, or by moveRows().
class ViewTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewTreeModel)

public:
    static constexpr int SectionCount = 3;
    /// The MIME type of a dragged view: its key, UTF-8.
    static QString mimeType();

    explicit ViewTreeModel(ViewListModel *source, QObject *parent = nullptr);
    ~ViewTreeModel() override;

    ViewListModel *source() const { return m_source; }
    QModelIndex sectionIndex(ViewListModel::Section section) const;
    /// The tree index of a source row, and back (-1 for section rows).
    QModelIndex fromSourceRow(int row) const;
    int sourceRow(const QModelIndex &index) const;
    bool isSection(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
        const QModelIndex &destinationParent, int destinationChild) override;

private:
    bool moveTo(const QString &key, const QModelIndex &parent, int row);
    void sourceDataChanged(
        const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    ViewListModel *m_source = nullptr;
    // Source rows [first, first + count) per section, refreshed on reset.
    std::array<std::pair<int, int>, SectionCount> m_ranges {};
    void updateRanges();
};

} // namespace Tessera::Ui
