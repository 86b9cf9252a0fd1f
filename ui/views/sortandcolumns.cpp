// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/sortandcolumns.h"

#include "views/filterbuilder.h"
#include "views/symbolicons.h"
#include "views/viewlabels.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int FieldRole = Qt::UserRole + 1;

QToolButton *iconButton(
    QWidget *parent, const QString &objectName, Symbol symbol, const QString &text)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(symbolIcon(symbol, parent));
    button->setText(text);
    button->setToolTip(text);
    button->setAutoRaise(true);
    return button;
}

/// Widths are edited in a spin box; 0 reads "Auto".
class WidthDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        if (index.column() != 1)
            return nullptr;
        auto *spin = new QSpinBox(parent);
        spin->setRange(0, 4000);
        spin->setSingleStep(10);
        spin->setSpecialValueText(ColumnsEditor::tr("Auto"));
        spin->setSuffix(ColumnsEditor::tr(" px"));
        Q_UNUSED(option);
        return spin;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QSpinBox *>(editor)->setValue(index.data(Qt::EditRole).toInt());
    }
    void setModelData(
        QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        auto *spin = static_cast<QSpinBox *>(editor);
        spin->interpretText();
        model->setData(index, spin->value(), Qt::EditRole);
    }
    QString displayText(const QVariant &value, const QLocale &locale) const override
    {
        const int width = value.toInt();
        return width <= 0 ? ColumnsEditor::tr("Auto")
                          : ColumnsEditor::tr("%1 px").arg(locale.toString(width));
    }
};

} // namespace

// --- SortKeysEditor -----------------------------------------------------------------

SortKeysEditor::SortKeysEditor(const ViewCatalogue &catalogue, QWidget *parent)
    : QWidget(parent)
    , m_catalogue(catalogue)
{
    setObjectName(u"sortKeys"_s);
    for (const ViewField &field : catalogue.fields()) {
        if (canSortBy(field))
            m_fields.append(field);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(4);
    m_emptyHint = new QLabel(tr("Not sorted: tickets appear in the order they arrived."), this);
    m_emptyHint->setEnabled(false);
    m_rowsLayout->addWidget(m_emptyHint);
    layout->addLayout(m_rowsLayout);
    m_add = iconButton(this, u"addSortButton"_s, Symbol::Add, tr("Add Sort Key"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_add);
    addRow->addStretch(1);
    layout->addLayout(addRow);
    connect(m_add, &QToolButton::clicked, this, [this] {
        addKey({ m_fields.value(0).name, false });
        m_rows.constLast().field->setFocus(Qt::OtherFocusReason);
    });
    relayout();
}

QList<SortKey> SortKeysEditor::keys() const
{
    QList<SortKey> keys;
    for (const Row &row : m_rows)
        keys.append({ row.field->field(), row.direction->currentData().toBool() });
    return keys;
}

void SortKeysEditor::setKeys(const QList<SortKey> &keys)
{
    {
        const QSignalBlocker blocker(this);
        while (!m_rows.isEmpty())
            removeKey(0);
        for (const SortKey &key : keys)
            addKey(key);
    }
    Q_EMIT changed();
}

FieldCombo *SortKeysEditor::fieldCombo(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).field : nullptr;
}

QComboBox *SortKeysEditor::directionCombo(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).direction : nullptr;
}

void SortKeysEditor::addKey(const SortKey &key)
{
    Row row;
    row.widget = new QWidget(this);
    row.widget->setObjectName(u"sortRow"_s);
    auto *layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *label = new QLabel(m_rows.isEmpty() ? tr("Sort by") : tr("then by"), row.widget);
    label->setObjectName(u"sortLabel"_s);
    label->setMinimumWidth(label->fontMetrics().horizontalAdvance(tr("Sort by")) + 12);
    row.field = new FieldCombo(m_fields, row.widget);
    row.field->setObjectName(u"sortField"_s);
    row.field->setField(key.field);
    label->setBuddy(row.field);
    row.direction = new QComboBox(row.widget);
    row.direction->setObjectName(u"sortDirection"_s);
    row.direction->addItem(tr("ascending"), false);
    row.direction->addItem(tr("descending"), true);
    row.direction->setCurrentIndex(key.descending ? 1 : 0);
    row.up = iconButton(row.widget, u"moveSortUp"_s, Symbol::Up, tr("Move Up"));
    row.down = iconButton(row.widget, u"moveSortDown"_s, Symbol::Down, tr("Move Down"));
    auto *remove = iconButton(row.widget, u"removeSortButton"_s, Symbol::Remove, tr("Remove"));
    layout->addWidget(label);
    layout->addWidget(row.field, 1);
    layout->addWidget(row.direction);
    layout->addWidget(row.up);
    layout->addWidget(row.down);
    layout->addWidget(remove);
    QWidget *widget = row.widget;
    const auto rowIndex = [this, widget] {
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (m_rows.at(i).widget == widget)
                return int(i);
        }
        return -1;
    };
    connect(row.field, &QComboBox::currentIndexChanged, this, &SortKeysEditor::changed);
    connect(row.direction, &QComboBox::currentIndexChanged, this, &SortKeysEditor::changed);
    connect(row.up, &QToolButton::clicked, this, [this, rowIndex] {
        const int at = rowIndex();
        moveKey(at, at - 1);
    });
    connect(row.down, &QToolButton::clicked, this, [this, rowIndex] {
        const int at = rowIndex();
        moveKey(at, at + 1);
    });
    connect(remove, &QToolButton::clicked, this, [this, rowIndex] { removeKey(rowIndex()); });
    m_rows.append(row);
    relayout();
    Q_EMIT changed();
}

void SortKeysEditor::removeKey(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    QWidget *widget = m_rows.takeAt(row).widget;
    widget->hide();
    widget->deleteLater();
    relayout();
    Q_EMIT changed();
}

void SortKeysEditor::moveKey(int row, int to)
{
    if (row < 0 || row >= m_rows.size() || to < 0 || to >= m_rows.size() || row == to)
        return;
    m_rows.move(row, to);
    relayout();
    m_rows.at(to).field->setFocus(Qt::OtherFocusReason);
    Q_EMIT changed();
}

void SortKeysEditor::relayout()
{
    for (const Row &row : std::as_const(m_rows))
        m_rowsLayout->removeWidget(row.widget);
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        m_rowsLayout->addWidget(row.widget);
        row.widget->show();
        row.up->setEnabled(i > 0);
        row.down->setEnabled(i + 1 < m_rows.size());
        if (auto *label = row.widget->findChild<QLabel *>(u"sortLabel"_s))
            label->setText(i == 0 ? tr("Sort by") : tr("then by"));
    }
    m_emptyHint->setVisible(m_rows.isEmpty());
    m_add->setEnabled(m_rows.size() < MaxKeys);
}

// --- ColumnsEditor ------------------------------------------------------------------

ColumnsEditor::ColumnsEditor(const ViewCatalogue &catalogue, QWidget *parent)
    : QWidget(parent)
    , m_catalogue(catalogue)
{
    setObjectName(u"columnsEditor"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"columnList"_s);
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({ tr("Column"), tr("Width") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::SelectedClicked);
    m_list->setItemDelegateForColumn(1, new WidthDelegate(m_list));
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->setToolTip(tr("Tick the columns to show; drag them into the order you want. "
                          "Double-click a width to change it."));
    layout->addWidget(m_list, 1);

    auto *buttons = new QVBoxLayout;
    m_up = iconButton(this, u"moveColumnUp"_s, Symbol::Up, tr("Move Up"));
    m_down = iconButton(this, u"moveColumnDown"_s, Symbol::Down, tr("Move Down"));
    m_up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    m_down->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    m_up->setToolTip(tr("Move Up (%1)").arg(m_up->shortcut().toString(QKeySequence::NativeText)));
    m_down->setToolTip(
        tr("Move Down (%1)").arg(m_down->shortcut().toString(QKeySequence::NativeText)));
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_list, &QTreeWidget::itemChanged, this, &ColumnsEditor::changed);
    // A drag and drop moves rows as a removal and an insertion.
    connect(m_list->model(), &QAbstractItemModel::rowsInserted, this, &ColumnsEditor::changed);
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, &ColumnsEditor::changed);
    setColumns({});
}

QList<ColumnSpec> ColumnsEditor::columns() const
{
    QList<ColumnSpec> columns;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (item->checkState(0) == Qt::Checked)
            columns.append(
                { item->data(0, FieldRole).toString(), item->data(1, Qt::EditRole).toInt() });
    }
    return columns;
}

void ColumnsEditor::setColumns(const QList<ColumnSpec> &columns)
{
    {
        const QSignalBlocker blocker(m_list);
        const QSignalBlocker modelBlocker(m_list->model());
        m_list->clear();
        const auto add = [this](const QString &field, int width, bool shown) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setText(0, ViewLabels::field(field, m_catalogue.context().customFields));
            item->setData(0, FieldRole, field);
            item->setData(1, Qt::EditRole, width);
            item->setCheckState(0, shown ? Qt::Checked : Qt::Unchecked);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable
                | Qt::ItemIsDragEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren);
        };
        QStringList shown;
        for (const ColumnSpec &column : columns) {
            add(column.field, column.width, true);
            shown.append(column.field);
        }
        for (const ViewField &field : m_catalogue.columnFields()) {
            if (!shown.contains(field.name))
                add(field.name, 0, false);
        }
    }
    m_list->reset();
    Q_EMIT changed();
}

int ColumnsEditor::rowOf(const QString &field) const
{
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (m_list->topLevelItem(row)->data(0, FieldRole).toString() == field)
            return row;
    }
    return -1;
}

void ColumnsEditor::setShown(const QString &field, bool shown)
{
    if (QTreeWidgetItem *item = m_list->topLevelItem(rowOf(field)))
        item->setCheckState(0, shown ? Qt::Checked : Qt::Unchecked);
}

void ColumnsEditor::setWidth(const QString &field, int width)
{
    if (QTreeWidgetItem *item = m_list->topLevelItem(rowOf(field)))
        item->setData(1, Qt::EditRole, width);
}

void ColumnsEditor::moveRow(int row, int to)
{
    if (row < 0 || row >= m_list->topLevelItemCount() || to < 0 || to >= m_list->topLevelItemCount()
        || row == to)
        return;
    QTreeWidgetItem *item = m_list->takeTopLevelItem(row);
    m_list->insertTopLevelItem(to, item);
    m_list->setCurrentItem(item);
    Q_EMIT changed();
}

void ColumnsEditor::moveCurrent(int delta)
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    moveRow(row, row + delta);
}

} // namespace Tessera::Ui
