// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/viewcatalogue.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;
class QTreeWidget;
class QVBoxLayout;

namespace Tessera::Ui {

class FieldCombo;

/// The ordered sort keys of a view: field and direction per row.
class SortKeysEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int MaxKeys = 8;
    explicit SortKeysEditor(const ViewCatalogue &catalogue, QWidget *parent = nullptr);

    QList<SortKey> keys() const;
    void setKeys(const QList<SortKey> &keys);

    int count() const { return int(m_rows.size()); }
    FieldCombo *fieldCombo(int row) const;
    QComboBox *directionCombo(int row) const;
    QToolButton *addButton() const { return m_add; }
    void addKey(const SortKey &key);
    void removeKey(int row);
    void moveKey(int row, int to);

Q_SIGNALS:
    void changed();

private:
    struct Row
    {
        QWidget *widget;
        FieldCombo *field;
        QComboBox *direction;
        QToolButton *up;
        QToolButton *down;
    };
    void relayout();

    const ViewCatalogue &m_catalogue;
    QList<ViewField> m_fields;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_emptyHint = nullptr;
    QToolButton *m_add = nullptr;
    QList<Row> m_rows;
};

/// The list's columns: a checklist in display order, reordered by drag
/// and drop or with the move buttons, each with a width (0: automatic).
class ColumnsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ColumnsEditor(const ViewCatalogue &catalogue, QWidget *parent = nullptr);

    QList<ColumnSpec> columns() const;
    void setColumns(const QList<ColumnSpec> &columns);

    QTreeWidget *list() const { return m_list; }
    /// The row of a field in the checklist, or -1.
    int rowOf(const QString &field) const;
    void setShown(const QString &field, bool shown);
    void setWidth(const QString &field, int width);
    void moveRow(int row, int to);

Q_SIGNALS:
    void changed();

private:
    void moveCurrent(int delta);

    const ViewCatalogue &m_catalogue;
    QTreeWidget *m_list = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
};

} // namespace Tessera::Ui
