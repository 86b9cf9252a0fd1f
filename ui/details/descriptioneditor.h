// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QWidget>

#include <memory>

class QPlainTextEdit;
class QTextBrowser;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The ticket's description: Markdown rendered for reading, and a plain
/// editor for changing it (Edit, then Save with Ctrl+Return or Cancel
/// with Esc). Saving makes one mutation.
class DescriptionEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DescriptionEditor)

public:
    DescriptionEditor(Store &store, PersonId me, QWidget *parent = nullptr);
    ~DescriptionEditor() override;

    /// Shows this ticket's description; an edit in progress on the same
    /// ticket is kept, on another ticket it is dropped.
    void setTicket(TicketId id, const QString &markdown);

    bool isEditing() const;
    void startEditing();
    /// Saves the edited text; false (and the editor stays open) when refused.
    bool save();
    void cancel();

    QTextBrowser *viewer() const;
    QPlainTextEdit *editor() const;
    QString errorText() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
