// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"

class QCheckBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace Tessera::Ui {

/// Canned responses (PRODUCT.md F6): the shared ones and the agent's own.
/// Everyone keeps personal responses; leads and admins change shared ones.
class CannedResponsesPage : public SettingsPage
{
    Q_OBJECT

public:
    CannedResponsesPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    bool adminOnly() const override { return false; }
    void reload() override;

    QListWidget *responseList() const { return m_list; }
    CannedResponseId currentResponse() const;
    void selectResponse(CannedResponseId id);
    CannedResponseId addResponse(const QString &name);
    bool removeCurrentResponse();
    /// Saves the editor's name, text and sharing.
    bool saveResponse();
    QLineEdit *nameEdit() const { return m_name; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QCheckBox *sharedBox() const { return m_shared; }

private:
    void fillEditor();
    bool mayChange(const CannedResponse &response) const;

    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QCheckBox *m_shared = nullptr;
    QPushButton *m_save = nullptr;
    bool m_seesEverything = false;
    bool m_filling = false;
    bool m_modified = false;
};

} // namespace Tessera::Ui
