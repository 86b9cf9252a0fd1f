// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

#include <QAbstractListModel>

#include <memory>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The Views panel's list: the default views, then the saved views the
/// agent may see, each with a live count. Counting runs on a worker thread
/// (each thread reads the cache through its own connection) and is redone,
/// coalesced, whenever tickets change.
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
    };

    ViewListModel(Store *store, QueryContext context, QObject *parent = nullptr);
    ~ViewListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

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
