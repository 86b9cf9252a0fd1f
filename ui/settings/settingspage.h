// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "protocol/codec.h"
#include "query/viewspec.h"

#include <QListWidgetItem>
#include <QWidget>

#include <algorithm>

class QLabel;
class QListWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// One page of the settings dialog. Every change is saved at once as a
/// mutation (Store::apply); pages re-read the cache when it changes, so an
/// edit made elsewhere shows without reopening the dialog.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    virtual QString title() const = 0;
    /// Pages only admins change (the server refuses others' writes).
    virtual bool adminOnly() const { return true; }
    /// Reads what the page shows from the cache again, keeping the selection
    /// and any editor with unsaved input.
    virtual void reload() = 0;

    /// The page's title and the texts of its labels, for the page search.
    QString searchText() const;
    /// Whether the page's values can be changed; false shows them read-only.
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    /// The refusal of the last save, or empty.
    QString lastError() const;
    /// Kinds whose change makes pages reload (not tickets and their children).
    static bool isConfigurationKind(EntityKind kind);

Q_SIGNALS:
    void saveFailed(const QString &message);

protected:
    Store &store() const { return m_store; }
    const QueryContext &context() const { return m_context; }
    /// Creates the entity (not in the cache yet) or sets the keys of `json`
    /// that differ from the cached entity, as one mutation.
    bool save(EntityKind kind, const QJsonObject &json);
    template<Protocol::HasCodec T>
    bool save(EntityKind kind, const T &entity)
    {
        return save(kind, Protocol::toJson(entity));
    }
    /// Moves the entity `id` by `step` places in `ordered` (sorted by
    /// position) and saves the positions that changed; false at either end.
    template<typename T, typename IdType>
    bool moveInOrder(EntityKind kind, QList<T> ordered, IdType id, int step)
    {
        qsizetype row = -1;
        for (qsizetype i = 0; i < ordered.size(); ++i) {
            if (ordered.at(i).id == id)
                row = i;
        }
        const qsizetype to = row + step;
        if (row < 0 || to < 0 || to >= ordered.size())
            return false;
        ordered.move(row, to);
        bool saved = true;
        for (qsizetype i = 0; i < ordered.size(); ++i) {
            if (ordered.at(i).position != int(i)) {
                T changed = ordered.at(i);
                changed.position = int(i);
                saved = save(kind, changed) && saved;
            }
        }
        return saved;
    }
    /// The role under which list rows carry their entity's id.
    static constexpr int IdRole = Qt::UserRole;
    /// The id the row carries, typed; invalid without a row.
    template<typename IdType>
    static IdType rowId(const QListWidgetItem *item)
    {
        return item ? IdType::fromString(item->data(IdRole).toString()) : IdType();
    }
    /// Makes the row carrying `id` current; nothing changes when none does.
    static void selectRow(QListWidget *list, const QString &id);
    /// Moves the current row by `step` places and keeps it current; false at either end.
    static bool moveCurrentRow(QListWidget *list, int step);
    /// The entities in their `position` order; equal positions keep theirs.
    template<typename T>
    static QList<T> inPositionOrder(QList<T> items)
    {
        std::stable_sort(items.begin(), items.end(),
            [](const T &a, const T &b) { return a.position < b.position; });
        return items;
    }
    /// Asks before something is removed for good; false when the admin says no.
    bool confirmRemoval(const QString &name);
    /// Deletes an entity; `fields` travel with the deletion ({"move_to": id}).
    bool remove(EntityKind kind, EntityId id, const QJsonObject &fields = {});
    /// The line under the page where refusals show; pages add it to their layout.
    QLabel *messageLine() const { return m_message; }
    /// Enables or disables the editing widgets for the current mode; pages
    /// call it after they (re)create editors. Widgets whose property
    /// "settingsNavigation" is true (lists, pickers of what to edit) stay on.
    void applyEditable();
    /// A hook for what applyEditable() cannot reach (drag and drop, checkable items).
    virtual void editableChanged() { }

    /// Shows a refusal under the page (empty: hides it) and emits saveFailed.
    void report(const QString &message);

private:
    Store &m_store;
    QueryContext m_context;
    QLabel *m_message = nullptr;
    bool m_editable = true;
    bool m_reloadQueued = false;
};

/// A filter tree (docs/views.md) and its JSON form as rules and policies keep it.
FilterNode filterFromConditions(const QJsonObject &conditions);
QJsonObject conditionsFromFilter(const FilterNode &filter);

} // namespace Tessera::Ui
