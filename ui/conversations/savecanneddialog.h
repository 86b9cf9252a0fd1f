// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// "Save as Canned Response…": a name, the text (editable) and whether
/// the whole team sees it. Only admins and leads may share; an agent's
/// responses are personal.
class SaveCannedDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SaveCannedDialog)

public:
    SaveCannedDialog(Store &store, PersonId me, const QString &body, QWidget *parent = nullptr);
    ~SaveCannedDialog() override;

    /// Whether `person` may save responses the whole team sees.
    static bool maySaveShared(const Store &store, PersonId person);

    QLineEdit *nameField() const;
    QPlainTextEdit *bodyField() const;
    QCheckBox *sharedBox() const;
    /// The response saved by OK; invalid before.
    CannedResponseId saved() const;
    QString errorText() const;

    void accept() override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
