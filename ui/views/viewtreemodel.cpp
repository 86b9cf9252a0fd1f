// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewtreemodel.h"

#include <QFont>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
// internalId 0 marks a section row; views carry their section + 1.
constexpr quintptr SectionId = 0;
} // namespace

QString ViewTreeModel::mimeType()
{
    return u"application/x-tessera-view-key"_s;
}

ViewTreeModel::ViewTreeModel(ViewListModel *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
{
    updateRanges();
    connect(
        m_source, &QAbstractItemModel::modelAboutToBeReset, this, &ViewTreeModel::beginResetModel);
    connect(m_source, &QAbstractItemModel::modelReset, this, [this] {
        updateRanges();
        endResetModel();
    });
    connect(m_source, &QAbstractItemModel::dataChanged, this, &ViewTreeModel::sourceDataChanged);
}

ViewTreeModel::~ViewTreeModel() = default;

void ViewTreeModel::updateRanges()
{
    for (int s = 0; s < SectionCount; ++s)
        m_ranges[s] = m_source->sectionRange(ViewListModel::Section(s));
}

QModelIndex ViewTreeModel::sectionIndex(ViewListModel::Section section) const
{
    return createIndex(int(section), 0, SectionId);
}

QModelIndex ViewTreeModel::fromSourceRow(int row) const
{
    for (int s = 0; s < SectionCount; ++s) {
        const auto [first, count] = m_ranges.at(s);
        if (row >= first && row < first + count)
            return createIndex(row - first, 0, quintptr(s + 1));
    }
    return {};
}

int ViewTreeModel::sourceRow(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == SectionId)
        return -1;
    return m_ranges.at(index.internalId() - 1).first + index.row();
}

bool ViewTreeModel::isSection(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() == SectionId;
}

QModelIndex ViewTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, SectionId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ViewTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == SectionId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, SectionId);
}

int ViewTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return SectionCount;
    if (parent.column() != 0 || parent.internalId() != SectionId)
        return 0;
    return m_ranges.at(parent.row()).second;
}

int ViewTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ViewTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (isSection(index)) {
        const auto section = ViewListModel::Section(index.row());
        switch (role) {
        case Qt::DisplayRole:
        case ViewListModel::TitleRole:
            return section == ViewListModel::Section::Default ? tr("Default Views")
                : section == ViewListModel::Section::Personal ? tr("My Views")
                                                              : tr("Shared Views");
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        case ViewListModel::SectionRole:
            return index.row();
        case ViewListModel::CountRole:
            return qint64(-1);
        default:
            return {};
        }
    }
    const QModelIndex source = m_source->index(sourceRow(index));
    if (role == Qt::DisplayRole)
        return source.data(ViewListModel::TitleRole);
    if (role == Qt::FontRole)
        return {};
    return source.data(role);
}

Qt::ItemFlags ViewTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (isSection(index)) {
        Qt::ItemFlags flags = Qt::ItemIsEnabled;
        if (m_source->canReorder(ViewListModel::Section(index.row())))
            flags |= Qt::ItemIsDropEnabled;
        return flags;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_source->canReorder(ViewListModel::Section(index.internalId() - 1)))
        flags |= Qt::ItemIsDragEnabled;
    return flags;
}

Qt::DropActions ViewTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions ViewTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList ViewTreeModel::mimeTypes() const
{
    return { mimeType() };
}

QMimeData *ViewTreeModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && !isSection(index)) {
            auto *data = new QMimeData;
            data->setData(mimeType(), index.data(ViewListModel::KeyRole).toString().toUtf8());
            return data;
        }
    }
    return nullptr;
}

bool ViewTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row,
    int column, const QModelIndex &parent) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    if (!data || action != Qt::MoveAction || !data->hasFormat(mimeType()) || !isSection(parent))
        return false;
    const int sourceRow = m_source->rowOf(QString::fromUtf8(data->data(mimeType())));
    return sourceRow >= 0 && int(m_source->sectionAt(sourceRow)) == parent.row()
        && m_source->canReorder(m_source->sectionAt(sourceRow));
}

bool ViewTreeModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    return moveTo(QString::fromUtf8(data->data(mimeType())), parent, row);
}

bool ViewTreeModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
    const QModelIndex &destinationParent, int destinationChild)
{
    if (count != 1 || !isSection(sourceParent) || sourceParent != destinationParent || sourceRow < 0
        || sourceRow >= rowCount(sourceParent))
        return false;
    const QString key = index(sourceRow, 0, sourceParent).data(ViewListModel::KeyRole).toString();
    return moveTo(key, destinationParent, destinationChild);
}

bool ViewTreeModel::moveTo(const QString &key, const QModelIndex &parent, int row)
{
    const int from = m_source->rowOf(key) - m_ranges.at(parent.row()).first;
    const int count = rowCount(parent);
    // `row` is a gap between rows (as drops and moveRows count): the gap
    // after the moved row itself is its own place.
    int to = row < 0 || row > count ? count : row;
    if (to > from)
        --to;
    return m_source->moveView(key, to);
}

void ViewTreeModel::sourceDataChanged(
    const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    for (int s = 0; s < SectionCount; ++s) {
        const auto [first, count] = m_ranges.at(s);
        const int from = std::max(first, topLeft.row());
        const int to = std::min(first + count - 1, bottomRight.row());
        if (from > to)
            continue;
        Q_EMIT dataChanged(index(from - first, 0, sectionIndex(ViewListModel::Section(s))),
            index(to - first, 0, sectionIndex(ViewListModel::Section(s))), roles);
    }
}

} // namespace Tessera::Ui
