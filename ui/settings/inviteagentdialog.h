// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// What inviting an agent sends to the server.
struct AgentInvitation
{
    QString name;
    QString email;
    Role role = Role::Agent;
    QList<DepartmentId> departmentIds;
};

/// The server's answer: the HTTP status (0: not reached), its JSON body and
/// an error message.
struct InvitationReply
{
    int status = 0;
    QJsonObject json;
    QString error;
};

/// Sends an invitation and answers once, on the GUI thread.
using InvitationSender
    = std::function<void(const AgentInvitation &, std::function<void(const InvitationReply &)>)>;

/// "Invite Agent…": name, e-mail, role and departments; the server creates
/// the agent with a temporary password, shown here once to be passed on.
class InviteAgentDialog : public QDialog
{
    Q_OBJECT

public:
    InviteAgentDialog(const Store &store, InvitationSender send, QWidget *parent = nullptr);

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *emailField() const { return m_email; }
    QComboBox *roleField() const { return m_role; }
    QListWidget *departmentList() const { return m_departments; }
    /// The temporary password once the server answered, else empty.
    QString temporaryPassword() const;
    QString errorText() const;

    /// Checks the input and sends the invitation.
    void invite();

private:
    void answered(const InvitationReply &reply);

    InvitationSender m_send;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_role = nullptr;
    QListWidget *m_departments = nullptr;
    QLabel *m_error = nullptr;
    QWidget *m_result = nullptr;
    QLineEdit *m_password = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_inviteButton = nullptr;
};

} // namespace Tessera::Ui
