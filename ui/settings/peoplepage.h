// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/inviteagentdialog.h"
#include "settings/settingspage.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace Tessera::Sync {
class SyncEngine;
}

namespace Tessera::Ui {

/// Departments, organizations and agents (PRODUCT.md F3): departments and
/// organizations added, renamed and removed; each agent's role, departments
/// and whether they are active.
class PeoplePage : public SettingsPage
{
    Q_OBJECT

public:
    PeoplePage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    void reload() override;

    QListWidget *departmentList() const { return m_departments; }
    QListWidget *agentList() const { return m_agents; }
    void selectAgent(PersonId id);
    PersonId currentAgent() const;

    QListWidget *organizationList() const { return m_organizations; }
    DepartmentId addDepartment(const QString &name);
    OrganizationId addOrganization(const QString &name);
    bool removeCurrentDepartment();
    bool setAgentRole(Role role);
    bool setAgentActive(bool active);
    bool setAgentInDepartment(DepartmentId department, bool member);

    /// Invitations go to the server through the sync engine; without one
    /// (offline, a local workspace) the Invite Agent button is disabled.
    void setSyncEngine(Sync::SyncEngine *engine);
    void setInvitationSender(InvitationSender send);
    QPushButton *inviteButton() const { return m_invite; }
    /// Opens the Invite Agent dialog (non-modal; deleted when closed).
    InviteAgentDialog *openInviteDialog();

protected:
    void editableChanged() override;

private:
    void fillAgent();
    template<typename T>
    void rename(EntityKind kind, QListWidgetItem *item);

    QListWidget *m_departments = nullptr;
    QListWidget *m_organizations = nullptr;
    QListWidget *m_agents = nullptr;
    QComboBox *m_role = nullptr;
    QCheckBox *m_active = nullptr;
    QListWidget *m_memberships = nullptr;
    QPushButton *m_invite = nullptr;
    InvitationSender m_sendInvitation;
    bool m_filling = false;
};

} // namespace Tessera::Ui
