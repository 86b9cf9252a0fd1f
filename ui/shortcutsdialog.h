// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QTreeWidget;
class QLineEdit;

namespace Tessera::Ui {

/// Every keyboard shortcut of a window (Ctrl+/), read from its actions so
/// the list cannot drift from what the keys do; with a filter.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)

public:
    explicit ShortcutsDialog(const QWidget *window, QWidget *parent = nullptr);
    ~ShortcutsDialog() override;

    /// Rows shown: (action text, shortcut in native format).
    QList<std::pair<QString, QString>> shownRows() const;

private:
    void filter(const QString &text);

    QTreeWidget *m_list = nullptr;
    QLineEdit *m_filter = nullptr;
};

} // namespace Tessera::Ui
