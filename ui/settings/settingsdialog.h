// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

class SettingsPage;

/// The administration settings (PRODUCT.md F): one page per area, listed
/// on the left, with a search over the pages' names and labels. Pages only
/// admins may change are read-only for other roles. Changes are saved as
/// they are made, as mutations, so every client follows them live.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    QLineEdit *searchField() const { return m_search; }
    QListWidget *pageList() const { return m_list; }
    /// The page whose object name is `name` ("ticketTypesPage"…), or nullptr.
    SettingsPage *page(const QString &name) const;
    template<typename T>
    T *page() const
    {
        for (SettingsPage *p : m_pages) {
            if (auto *typed = qobject_cast<T *>(p))
                return typed;
        }
        return nullptr;
    }
    SettingsPage *currentPage() const;
    void showPage(const QString &name);
    /// The titles of the pages the search leaves in the list.
    QStringList visiblePageTitles() const;
    /// The connection to the server, for what only the server does
    /// (inviting agents); null when offline.
    void setSyncEngine(Sync::SyncEngine *engine);
    /// Whether the current person may change admin-only settings.
    bool isAdmin() const { return m_admin; }

protected:
    void done(int result) override;

private:
    void addPage(SettingsPage *page);
    void filterPages(const QString &text);

    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_readOnly = nullptr;
    QList<SettingsPage *> m_pages;
    bool m_admin = false;
};

} // namespace Tessera::Ui
