// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"
#include "views/viewcatalogue.h"

#include <memory>

class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace Tessera::Ui {

class FilterBuilder;

/// One action of a rule: its type and the one parameter that type takes
/// (docs/automations.md), picked from the cache's agents, statuses…
class ActionRow : public QWidget
{
    Q_OBJECT

public:
    ActionRow(Store &store, QWidget *parent = nullptr);

    QJsonObject action() const;
    void setAction(const QJsonObject &action);
    QComboBox *typeCombo() const { return m_type; }
    /// Null for types without a parameter.
    QComboBox *parameterCombo() const { return m_parameter; }
    QToolButton *removeButton() const { return m_remove; }
    /// The parameter's key for an action type ("agent_id"…), empty for none.
    static QString parameterKey(const QString &type);

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    void fillParameter(const QJsonValue &keep);

    Store &m_store;
    QComboBox *m_type = nullptr;
    QComboBox *m_parameter = nullptr;
    QToolButton *m_remove = nullptr;
};

/// Automations (PRODUCT.md F5): the ordered rules, each enabled or not, and
/// an editor for one rule (name, trigger, conditions, actions) that saves it
/// as a whole.
class AutomationsPage : public SettingsPage
{
    Q_OBJECT

public:
    AutomationsPage(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~AutomationsPage() override;

    QString title() const override;
    void reload() override;

    QListWidget *ruleList() const { return m_rules; }
    AutomationId currentRule() const;
    void selectRule(AutomationId id);
    /// The rule as the editor shows it (unsaved input included).
    Automation editedRule() const;
    void editRule(const Automation &rule);
    QList<ActionRow *> actionRows() const { return m_actionRows; }
    ActionRow *addAction();
    FilterBuilder *filterBuilder() const { return m_filter; }
    QComboBox *triggerCombo() const { return m_trigger; }
    bool isModified() const { return m_modified; }

    AutomationId addRule(const QString &name);
    bool removeCurrentRule();
    /// Saves the editor's rule.
    bool saveRule();
    void moveCurrentRule(int step);

private:
    QList<Automation> sortedRules() const;
    void fillEditor();
    void setModified(bool modified);
    void updateSchedule();

    std::unique_ptr<ViewCatalogue> m_catalogue;
    QListWidget *m_rules = nullptr;
    QWidget *m_editor = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_trigger = nullptr;
    QWidget *m_schedule = nullptr;
    QComboBox *m_since = nullptr;
    QSpinBox *m_hours = nullptr;
    FilterBuilder *m_filter = nullptr;
    QVBoxLayout *m_actionsLayout = nullptr;
    QList<ActionRow *> m_actionRows;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
    Automation m_loaded; // the stored rule the editor started from
    bool m_modified = false;
    bool m_filling = false;
};

} // namespace Tessera::Ui
