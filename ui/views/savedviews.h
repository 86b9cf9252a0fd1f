// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "query/viewspec.h"
#include "result.h"

#include <optional>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The agent's edits to saved views (create, change, share, reorder,
/// delete) and to the workspace's hidden default views, as store mutations
/// that sync. Checks the same rules the server enforces: agents keep
/// personal views; leads and admins also share views, change shared ones
/// and hide default views for everyone.
class SavedViews
{
public:
    SavedViews(Store *store, PersonId me);

    Store *store() const { return m_store; }
    PersonId me() const { return m_me; }
    /// The signed-in agent's role (Agent when unknown), read once.
    Role role() const;
    /// Reads the role again on next use (the agent's record changed).
    void forgetRole() { m_role.reset(); }
    bool canShare() const;
    bool canHideDefaults() const;
    /// Whether the agent may change or delete this view.
    bool canEdit(const SavedView &view) const;

    std::optional<SavedView> find(SavedViewId id) const;
    /// The saved views the Views panel lists for this agent, by position.
    QList<SavedView> visible(bool shared) const;

    Result<SavedViewId> create(const QString &name, const ViewSpec &spec, bool shared);
    Result<void> update(SavedViewId id, const QString &name, const ViewSpec &spec, bool shared);
    Result<void> setShared(SavedViewId id, bool shared);
    Result<void> remove(SavedViewId id);
    /// Gives the views positions 0, 1, … in this order (only those that move change).
    Result<void> reorder(const QList<SavedViewId> &order);

    /// Keys of the default views hidden for the whole workspace.
    QStringList hiddenDefaults() const;
    Result<void> hideDefault(const QString &key);
    Result<void> showDefault(const QString &key);

private:
    Result<void> change(const SavedView &view, const QJsonObject &changes);
    QList<SavedView> all() const;

    Store *m_store = nullptr;
    PersonId m_me;
    mutable std::optional<Role> m_role;
};

} // namespace Tessera::Ui
