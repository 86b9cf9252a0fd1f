// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/viewcatalogue.h"

#include <QComboBox>
#include <QFrame>

class QLabel;
class QToolButton;
class QVBoxLayout;

namespace Tessera::Ui {

class ValueEditor;

/// A combo box of view fields. A name it was given that the catalogue
/// resolves to another (the alias "due") comes back as given while the
/// agent keeps that field.
class FieldCombo : public QComboBox
{
    Q_OBJECT

public:
    explicit FieldCombo(const QList<ViewField> &fields, QWidget *parent = nullptr);
    QString field() const;
    void setField(const QString &name);

private:
    QString m_alias;
    QString m_aliasOf;
};

/// One condition of a filter: field, operator and a value editor that fits them.
class ConditionRow : public QWidget
{
    Q_OBJECT

public:
    ConditionRow(const ViewCatalogue &catalogue, QWidget *parent = nullptr);

    Condition condition() const;
    void setCondition(const Condition &condition);

    FieldCombo *fieldCombo() const { return m_field; }
    QComboBox *operatorCombo() const { return m_op; }
    /// Null when the operator takes no value.
    ValueEditor *valueEditor() const { return m_value; }
    QToolButton *removeButton() const { return m_remove; }

    QString path() const { return m_path; }
    void setPath(const QString &path) { m_path = path; }
    void setError(const QString &message);

Q_SIGNALS:
    void changed();
    void removeRequested();

private:
    void fieldChanged();
    void operatorChanged();
    void rebuildValue(const QJsonValue &carried);

    const ViewCatalogue &m_catalogue;
    FieldCombo *m_field = nullptr;
    QComboBox *m_op = nullptr;
    QWidget *m_valueHolder = nullptr;
    ValueEditor *m_value = nullptr;
    QLabel *m_error = nullptr;
    QToolButton *m_remove = nullptr;
    QString m_path;
    Condition m_unknown; // a condition on a field the catalogue lacks, kept as it was
    bool m_loading = false;
    bool m_valueChosen = false; // set by the agent or from a spec, not a widget's default
};

/// An "all of" / "any of" group of conditions and nested groups.
class FilterGroupWidget : public QFrame
{
    Q_OBJECT

public:
    FilterGroupWidget(const ViewCatalogue &catalogue, int depth, QWidget *parent = nullptr);

    FilterNode::Kind kind() const;
    void setKind(FilterNode::Kind kind);
    int depth() const { return m_depth; }

    FilterNode node() const;
    /// Replaces the group's content with `node`'s (a condition becomes the only child).
    void setNode(const FilterNode &node);

    ConditionRow *addCondition();
    FilterGroupWidget *addGroup();
    void removeChild(QWidget *child);
    /// Conditions and groups, in order.
    QList<QWidget *> entries() const { return m_children; }
    ConditionRow *conditionAt(int index) const;
    FilterGroupWidget *groupAt(int index) const;

    QComboBox *matchCombo() const { return m_match; }
    QToolButton *addConditionButton() const { return m_addCondition; }
    QToolButton *addGroupButton() const { return m_addGroup; }
    QToolButton *removeButton() const { return m_remove; }

    QString path() const { return m_path; }
    void assignPaths(const QString &path);
    /// Every condition row below, depth first.
    QList<ConditionRow *> allRows() const;
    QList<FilterGroupWidget *> allGroups() const;
    void setError(const QString &message);

Q_SIGNALS:
    void changed();
    void removeRequested();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void adopt(QWidget *child);
    void updateEmptyHint();

    const ViewCatalogue &m_catalogue;
    int m_depth = 0;
    QComboBox *m_match = nullptr;
    QToolButton *m_addCondition = nullptr;
    QToolButton *m_addGroup = nullptr;
    QToolButton *m_remove = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_emptyHint = nullptr;
    QVBoxLayout *m_body = nullptr;
    QList<QWidget *> m_children;
    QString m_path;
};

/// The filter tree editor of the view editor.
class FilterBuilder : public QWidget
{
    Q_OBJECT

public:
    FilterBuilder(const ViewCatalogue &catalogue, QWidget *parent = nullptr);

    FilterNode filter() const;
    void setFilter(const FilterNode &filter);
    FilterGroupWidget *rootGroup() const { return m_root; }

    /// Marks the condition or group a compiler message names ("view.filter.all[1]…");
    /// an empty message clears the marks.
    void showError(const QString &message);

Q_SIGNALS:
    void changed();

private:
    FilterGroupWidget *m_root = nullptr;
    // A filter that was one bare condition stays one while it is alone.
    bool m_bareCondition = false;
};

} // namespace Tessera::Ui
