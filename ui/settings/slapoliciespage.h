// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"
#include "views/viewcatalogue.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace Tessera::Ui {

class FilterBuilder;

/// SLA policies (PRODUCT.md F4): the ordered policies, each enabled or
/// not, and an editor for one (conditions, targets per priority, business
/// hours and days, holidays, time zone) that saves it as a whole.
class SlaPoliciesPage : public SettingsPage
{
    Q_OBJECT

public:
    SlaPoliciesPage(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~SlaPoliciesPage() override;

    QString title() const override;
    void reload() override;

    QListWidget *policyList() const { return m_policies; }
    SlaPolicyId currentPolicy() const;
    void selectPolicy(SlaPolicyId id);
    SlaPolicy editedPolicy() const;
    void editPolicy(const SlaPolicy &policy);
    FilterBuilder *filterBuilder() const { return m_filter; }
    bool isModified() const { return m_modified; }

    SlaPolicyId addPolicy(const QString &name);
    bool removeCurrentPolicy();
    bool savePolicy();
    void moveCurrentPolicy(int step);

private:
    QList<SlaPolicy> sortedPolicies() const;
    void fillEditor();
    void setModified(bool modified);

    std::unique_ptr<ViewCatalogue> m_catalogue;
    QListWidget *m_policies = nullptr;
    QWidget *m_editor = nullptr;
    QLineEdit *m_name = nullptr;
    FilterBuilder *m_filter = nullptr;
    // Hours and minutes per priority (low … urgent).
    QList<QSpinBox *> m_responseHours, m_responseMinutes, m_resolutionHours, m_resolutionMinutes;
    QTimeEdit *m_start = nullptr;
    QTimeEdit *m_end = nullptr;
    QList<QCheckBox *> m_days;
    QListWidget *m_holidays = nullptr;
    QDateEdit *m_holiday = nullptr;
    QComboBox *m_timeZone = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    SlaPolicy m_loaded;
    bool m_modified = false;
    bool m_filling = false;
};

} // namespace Tessera::Ui
