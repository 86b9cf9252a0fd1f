// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Tessera::Ui {

/// Customers (PRODUCT.md F3): name, e-mail and organization, added and
/// edited as mutations; a search field narrows the list by any of them.
class CustomersPage : public SettingsPage
{
    Q_OBJECT

public:
    CustomersPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    void reload() override;

    QListWidget *customerList() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *emailField() const { return m_email; }
    QComboBox *organizationField() const { return m_organization; }
    /// The list's rows the search leaves visible, as shown.
    QStringList visibleCustomers() const;
    void selectCustomer(PersonId id);
    PersonId currentCustomer() const;

    /// A new customer, selected with its name ready for editing.
    PersonId addCustomer(const QString &name);
    /// Saves the editor's name, e-mail and organization to the current customer.
    bool saveCurrent();

private:
    void fillCustomer();
    void filter();

    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_organization = nullptr;
    QPushButton *m_add = nullptr;
    bool m_filling = false;
};

} // namespace Tessera::Ui
