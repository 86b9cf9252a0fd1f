// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

#include <QAbstractListModel>

#include <memory>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

class SavedViews;

/// The Views panel's list: the default views (less those hidden for the
/// workspace, in the agent's order), then the agent's personal views, then
/// the shared views, each with a live count. Counting runs on a worker
/// thread (each thread reads the cache through its own connection) and is
/// redone, coalesced, whenever tickets change.
class ViewListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewListModel)

public:
    enum Roles {
        KeyRole = Qt::UserRole + 1, // default view key, or the saved view's id
        CountRole, // qint64, -1 until counted
        SpecRole, // the ViewSpec as JSON
        SharedRole,
        SectionRole, // int(Section)
        TitleRole, // the name without the count
        OwnerRole, // the saved view's owner id ("" for default views)
    };
    enum class Section { Default, Personal, Shared };
    Q_ENUM(Section)

    ViewListModel(Store *store, QueryContext context, QObject *parent = nullptr);
    ~ViewListModel() override;

    Store *store() const;
    const QueryContext &context() const;
    /// Saved view edits for the signed-in agent, with their role checks.
    SavedViews &savedViews() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The row of a view by key, or -1.
    int rowOf(const QString &key) const;
    ViewSpec specAt(int row) const;
    Section sectionAt(int row) const;
    /// Rows [first, first + count) of a section.
    std::pair<int, int> sectionRange(Section section) const;
    /// Whether the agent may reorder the views of a section.
    bool canReorder(Section section) const;
    /// Moves a view to `position` within its section and keeps the order:
    /// saved views in their `position` (synced), default views in the
    /// agent's settings.
    bool moveView(const QString &key, int position);

    /// Re-reads the saved views and recounts every view.
    void reload();

Q_SIGNALS:
    /// All counts of one pass are in.
    void countsUpdated();

private:
    void scheduleCount();
    void startCount();
    void applyCounts(quint64 generation, const QList<qint64> &counts);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
