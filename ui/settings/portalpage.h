// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"

class QCheckBox;
class QPushButton;
class QRadioButton;

namespace Tessera::Ui {

/// The customer portal (PRODUCT.md F7): whose tickets customers see, and
/// whether they open tickets and attach files there. One workspace-wide
/// record; edits stay on the page until saved or reverted.
class PortalPage : public SettingsPage
{
    Q_OBJECT

public:
    PortalPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    void reload() override;

    /// Saves what the page shows as the workspace settings.
    bool saveSettings();
    /// Shows the stored settings again, dropping unsaved changes.
    void revert();
    /// The settings as the page shows them.
    WorkspaceSettings shownSettings() const;
    bool isModified() const { return m_modified; }

    QRadioButton *ownScopeButton() const { return m_own; }
    QRadioButton *organizationScopeButton() const { return m_organization; }
    QCheckBox *canCreateBox() const { return m_canCreate; }
    QCheckBox *attachmentsBox() const { return m_attachments; }

protected:
    void editableChanged() override { updateButtons(); }

private:
    WorkspaceSettings stored() const;
    void fill(const WorkspaceSettings &settings);
    void updateButtons();

    QRadioButton *m_own = nullptr;
    QRadioButton *m_organization = nullptr;
    QCheckBox *m_canCreate = nullptr;
    QCheckBox *m_attachments = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    bool m_filling = false;
    bool m_modified = false;
};

} // namespace Tessera::Ui
