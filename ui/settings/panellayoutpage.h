// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/settingspage.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;

namespace Tessera::Ui {

/// A ticket type's custom fields and its details-panel layout (PRODUCT.md
/// F2): which properties the panel shows, in which order
/// (TicketType::panelLayout, read by PropertiesPanel).
class PanelLayoutPage : public SettingsPage
{
    Q_OBJECT

public:
    PanelLayoutPage(Store &store, QueryContext context, QWidget *parent = nullptr);

    QString title() const override;
    void reload() override;

    QComboBox *typeCombo() const { return m_type; }
    QListWidget *fieldList() const { return m_fields; }
    QListWidget *layoutList() const { return m_layout; }
    TicketTypeId currentType() const;
    void selectType(TicketTypeId id);

    CustomFieldId addField(const QString &name, FieldType type);
    bool removeCurrentField();
    /// Moves the current property up (-1) or down (+1) in the layout.
    void moveCurrentProperty(int step);
    /// Shows or hides a property (its key: "status", "cf:<uuid>"…).
    bool setPropertyVisible(const QString &key, bool visible);
    /// Saves the layout as the list shows it: checked keys, in order.
    bool saveLayout();

protected:
    void editableChanged() override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<CustomFieldDef> fieldsOf(TicketTypeId type) const;
    CustomFieldId currentField() const;
    void fillForType();
    void fillFieldEditor();
    void saveField();

    QComboBox *m_type = nullptr;
    QListWidget *m_fields = nullptr;
    QLineEdit *m_fieldName = nullptr;
    QComboBox *m_fieldType = nullptr;
    QCheckBox *m_required = nullptr;
    QPlainTextEdit *m_choices = nullptr;
    QListWidget *m_layout = nullptr;
    bool m_filling = false;
};

} // namespace Tessera::Ui
