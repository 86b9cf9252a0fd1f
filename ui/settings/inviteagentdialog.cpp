// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/inviteagentdialog.h"

#include "store/store.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

InviteAgentDialog::InviteAgentDialog(const Store &store, InvitationSender send, QWidget *parent)
    : QDialog(parent)
    , m_send(std::move(send))
{
    setObjectName(u"inviteAgentDialog"_s);
    setWindowTitle(tr("Invite Agent"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"inviteName"_s);
    m_email = new QLineEdit(this);
    m_email->setObjectName(u"inviteEmail"_s);
    m_email->setPlaceholderText(tr("name@example.com"));
    m_role = new QComboBox(this);
    m_role->setObjectName(u"inviteRole"_s);
    m_role->addItem(tr("Agent"), toWireName(Role::Agent));
    m_role->addItem(tr("Lead"), toWireName(Role::Lead));
    m_role->addItem(tr("Admin"), toWireName(Role::Admin));
    m_departments = new QListWidget(this);
    m_departments->setObjectName(u"inviteDepartments"_s);
    QList<Department> departments = store.all<Department>();
    std::stable_sort(
        departments.begin(), departments.end(), [](const Department &a, const Department &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    for (const Department &d : std::as_const(departments)) {
        auto *item = new QListWidgetItem(d.name, m_departments);
        item->setData(Qt::UserRole, d.id.toString());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Departments:"), m_departments);

    m_error = new QLabel(this);
    m_error->setObjectName(u"inviteError"_s);
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::Highlight);
    m_error->hide();

    // Shown once the server answered: the password is not kept anywhere.
    m_result = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(m_result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    auto *explain = new QLabel(tr("The agent was invited. Pass this temporary password on; it is "
                                  "shown only now."),
        m_result);
    explain->setWordWrap(true);
    m_password = new QLineEdit(m_result);
    m_password->setObjectName(u"temporaryPassword"_s);
    m_password->setReadOnly(true);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("&Copy"), m_result);
    copy->setObjectName(u"copyPassword"_s);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(copy);
    resultLayout->addWidget(explain);
    resultLayout->addLayout(passwordRow);
    m_result->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_inviteButton = m_buttons->addButton(tr("&Invite"), QDialogButtonBox::AcceptRole);
    m_inviteButton->setObjectName(u"sendInvitation"_s);
    m_inviteButton->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &InviteAgentDialog::invite);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this,
        [this] { QApplication::clipboard()->setText(m_password->text()); });
}

QString InviteAgentDialog::temporaryPassword() const
{
    return m_password->text();
}

QString InviteAgentDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void InviteAgentDialog::invite()
{
    const auto fail = [this](const QString &message) {
        m_error->setText(message);
        m_error->show();
    };
    AgentInvitation invitation;
    invitation.name = m_name->text().trimmed();
    invitation.email = m_email->text().trimmed();
    invitation.role = fromWireName<Role>(m_role->currentData().toString()).value_or(Role::Agent);
    for (int i = 0; i < m_departments->count(); ++i) {
        if (m_departments->item(i)->checkState() == Qt::Checked)
            invitation.departmentIds.append(
                DepartmentId::fromString(m_departments->item(i)->data(Qt::UserRole).toString()));
    }
    if (invitation.name.isEmpty()) {
        fail(tr("Enter the agent's name."));
        m_name->setFocus();
        return;
    }
    const qsizetype at = invitation.email.indexOf(u'@');
    if (at <= 0 || at == invitation.email.size() - 1) {
        fail(tr("Enter the agent's e-mail address."));
        m_email->setFocus();
        return;
    }
    m_error->hide();
    m_inviteButton->setEnabled(false);
    QPointer<InviteAgentDialog> self(this);
    m_send(invitation, [self](const InvitationReply &reply) {
        if (self)
            self->answered(reply);
    });
}

void InviteAgentDialog::answered(const InvitationReply &reply)
{
    if (reply.status == 201) {
        m_password->setText(reply.json.value(u"temporary_password"_s).toString());
        m_result->show();
        m_error->hide();
        for (QWidget *w : { static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_email),
                 static_cast<QWidget *>(m_role), static_cast<QWidget *>(m_departments) })
            w->setEnabled(false);
        m_buttons->clear();
        QPushButton *close = m_buttons->addButton(QDialogButtonBox::Close);
        connect(close, &QPushButton::clicked, this, &QDialog::accept);
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_inviteButton->setEnabled(true);
    QString message;
    if (reply.status == 409)
        message = tr("%1 already belongs to someone.").arg(m_email->text().trimmed());
    else if (reply.status == 403)
        message = tr("Only administrators invite agents.");
    else if (reply.status == 0)
        message = tr("The server cannot be reached: %1").arg(reply.error);
    else
        message = tr("The server refused the invitation: %1").arg(reply.error);
    m_error->setText(message);
    m_error->show();
}

} // namespace Tessera::Ui
