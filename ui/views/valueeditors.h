// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/viewcatalogue.h"

#include <QJsonArray>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;
class QToolButton;

namespace Tessera::Ui {

/// The value part of a filter condition, fitted to the field's type and
/// operator. Editors keep values they cannot show (an unknown id, a
/// date-time written elsewhere) until the agent changes them.
class ValueEditor : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;
    virtual QJsonValue value() const = 0;
    virtual void setValue(const QJsonValue &value) = 0;
    /// Whether the editor takes all the width it gets (text), or keeps its own.
    virtual bool isWide() const { return false; }

Q_SIGNALS:
    void changed();
};

/// Whether an operator takes a value, and whether that value is a list.
bool operatorTakesValue(const QString &op);
bool operatorTakesList(const QString &op);

/// The editor for `op` on `field`, or nullptr when the operator takes no value.
ValueEditor *createValueEditor(
    const ViewCatalogue &catalogue, const ViewField &field, const QString &op, QWidget *parent);

/// Several values picked from a list: a combo box that summarises the
/// choice and opens a filterable, checkable list.
class MultiChoiceEditor : public ValueEditor
{
    Q_OBJECT

public:
    MultiChoiceEditor(const QList<ViewChoice> &choices, QWidget *parent = nullptr);
    ~MultiChoiceEditor() override;

    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;

    /// The popup list (visible after showPopup()).
    QListView *list() const;
    QWidget *popup() const;
    void showPopup();
    /// Checks or unchecks the choice with this label.
    bool setChecked(const QString &label, bool checked);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addChoice(const ViewChoice &choice);
    void updateSummary();

    QComboBox *m_button = nullptr;
    QWidget *m_popup = nullptr;
    QLineEdit *m_filter = nullptr;
    QListView *m_list = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QJsonArray m_selected; // in the order they were chosen
    bool m_updating = false;
};

} // namespace Tessera::Ui
