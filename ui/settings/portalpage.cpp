// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/portalpage.h"

#include "protocol/codecs.h"
#include "store/store.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

PortalPage::PortalPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"portalPage"_s);

    auto *scopeBox = new QGroupBox(tr("Tickets customers see"), this);
    m_own = new QRadioButton(tr("&Only their own tickets"), scopeBox);
    m_own->setObjectName(u"portalScopeOwn"_s);
    m_organization = new QRadioButton(tr("All tickets of their &organization"), scopeBox);
    m_organization->setObjectName(u"portalScopeOrganization"_s);
    auto *scopeGroup = new QButtonGroup(this);
    scopeGroup->addButton(m_own);
    scopeGroup->addButton(m_organization);
    auto *scopeHint = new QLabel(
        tr("With the organization's tickets, a customer also reads and answers the public "
           "conversations of their colleagues' tickets. Internal notes are never shown."),
        scopeBox);
    scopeHint->setWordWrap(true);
    scopeHint->setForegroundRole(QPalette::PlaceholderText);
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->addWidget(m_own);
    scopeLayout->addWidget(m_organization);
    scopeLayout->addWidget(scopeHint);

    auto *permissionsBox = new QGroupBox(tr("What customers may do"), this);
    m_canCreate = new QCheckBox(tr("Customers may open &new tickets"), permissionsBox);
    m_canCreate->setObjectName(u"portalCanCreate"_s);
    m_attachments = new QCheckBox(tr("Customers may &attach files"), permissionsBox);
    m_attachments->setObjectName(u"portalAttachments"_s);
    auto *permissionsLayout = new QVBoxLayout(permissionsBox);
    permissionsLayout->addWidget(m_canCreate);
    permissionsLayout->addWidget(m_attachments);

    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(u"savePortal"_s);
    m_revert = new QPushButton(tr("&Revert"), this);
    m_revert->setObjectName(u"revertPortal"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(messageLine(), 1);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scopeBox);
    layout->addWidget(permissionsBox);
    layout->addStretch();
    layout->addLayout(buttons);

    const auto touched = [this] {
        if (m_filling)
            return;
        m_modified = shownSettings() != stored();
        updateButtons();
    };
    for (QAbstractButton *b :
        { static_cast<QAbstractButton *>(m_own), static_cast<QAbstractButton *>(m_organization),
            static_cast<QAbstractButton *>(m_canCreate),
            static_cast<QAbstractButton *>(m_attachments) })
        connect(b, &QAbstractButton::toggled, this, touched);
    connect(m_save, &QPushButton::clicked, this, [this] { saveSettings(); });
    connect(m_revert, &QPushButton::clicked, this, [this] { revert(); });
    reload();
}

QString PortalPage::title() const
{
    return tr("Customer Portal");
}

WorkspaceSettings PortalPage::stored() const
{
    return store()
        .get<WorkspaceSettings>(WorkspaceSettings::wellKnownId())
        .value_or(WorkspaceSettings {});
}

WorkspaceSettings PortalPage::shownSettings() const
{
    WorkspaceSettings shown = stored();
    shown.portalScope = m_organization->isChecked() ? PortalScope::Organization : PortalScope::Own;
    shown.portalCanCreate = m_canCreate->isChecked();
    shown.portalAttachments = m_attachments->isChecked();
    return shown;
}

void PortalPage::fill(const WorkspaceSettings &settings)
{
    m_filling = true;
    m_own->setChecked(settings.portalScope == PortalScope::Own);
    m_organization->setChecked(settings.portalScope == PortalScope::Organization);
    m_canCreate->setChecked(settings.portalCanCreate);
    m_attachments->setChecked(settings.portalAttachments);
    m_filling = false;
    updateButtons();
}

void PortalPage::updateButtons()
{
    m_save->setEnabled(isEditable() && m_modified);
    m_revert->setEnabled(isEditable() && m_modified);
}

void PortalPage::reload()
{
    // Unsaved choices are the admin's: a change from elsewhere does not undo them.
    if (!m_modified)
        fill(stored());
}

void PortalPage::revert()
{
    m_modified = false;
    fill(stored());
}

bool PortalPage::saveSettings()
{
    if (!isEditable())
        return false;
    if (!save(EntityKind::WorkspaceSettings, shownSettings()))
        return false;
    m_modified = false;
    updateButtons();
    return true;
}

} // namespace Tessera::Ui
