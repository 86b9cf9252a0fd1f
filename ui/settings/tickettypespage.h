// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace Tessera::Ui {

/// Ticket types (PRODUCT.md F1): name, kind, icon, colour, and each type's
/// ordered statuses with their category, colour and the default one.
/// Removing a type or status moves its tickets to one the admin picks.
class TicketTypesPage : public SettingsPage
{
    Q_OBJECT

public:
    /// Asks where the tickets of what is removed go: `choices` are
    /// (label, id) pairs; nullopt cancels the removal.
    using MoveTargetChooser = std::function<std::optional<EntityId>(
        const QString &question, const QList<std::pair<QString, EntityId>> &choices)>;

    TicketTypesPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    void reload() override;

    void setMoveTargetChooser(MoveTargetChooser chooser) { m_chooser = std::move(chooser); }

    QListWidget *typeList() const { return m_types; }
    QListWidget *statusList() const { return m_statuses; }
    TicketTypeId currentType() const;
    StatusId currentStatus() const;
    void selectType(TicketTypeId id);
    void selectStatus(StatusId id);

    TicketTypeId addType(const QString &name);
    bool removeCurrentType();
    StatusId addStatus(const QString &name, StatusCategory category);
    bool removeCurrentStatus();
    /// Moves the current type up (-1) or down (+1), rewriting positions.
    void moveCurrentType(int step);
    /// Moves the current status up (-1) or down (+1), rewriting positions.
    void moveCurrentStatus(int step);
    /// Writes the statuses' positions in the list's order (after a drag).
    void savePositionsFromList();
    bool setTypeColor(const QColor &color);
    bool setStatusColor(const QColor &color);

protected:
    void editableChanged() override;

private:
    QList<TicketType> sortedTypes() const;
    QList<Status> statusesOf(TicketTypeId type) const;
    void fillTypeEditor();
    void fillStatusEditor();
    void saveType();
    void saveStatus();

    QListWidget *m_types = nullptr;
    QListWidget *m_statuses = nullptr;
    QLineEdit *m_typeName = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_icon = nullptr;
    QToolButton *m_typeColor = nullptr;
    QLineEdit *m_statusName = nullptr;
    QComboBox *m_category = nullptr;
    QToolButton *m_statusColor = nullptr;
    QCheckBox *m_default = nullptr;
    MoveTargetChooser m_chooser;
    bool m_filling = false;
};

} // namespace Tessera::Ui
