// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/filterbuilder.h"

#include "views/symbolicons.h"
#include "views/valueeditors.h"
#include "views/viewlabels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int MaxGroupDepth
    = 7; // a group this deep holds conditions only (docs/views.md: 8 levels)

QToolButton *toolButton(QWidget *parent, const QString &objectName, Symbol symbol,
    const QString &text, const QString &toolTip, bool showText)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(symbolIcon(symbol, parent));
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setToolButtonStyle(showText ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);
    return button;
}

QLabel *errorIcon(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(u"errorIcon"_s);
    const int size = parent->style()->pixelMetric(QStyle::PM_SmallIconSize);
    label->setPixmap(parent->style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size));
    label->hide();
    return label;
}

QJsonValue carryOver(const QJsonValue &value, const QString &op)
{
    if (!operatorTakesValue(op))
        return {};
    if (operatorTakesList(op)) {
        if (value.isArray())
            return value;
        if (value.isString() || value.isDouble() || value.isBool())
            return QJsonArray { value };
        return {};
    }
    if (value.isArray())
        return value.toArray().isEmpty() ? QJsonValue() : value.toArray().first();
    return value;
}

} // namespace

// --- FieldCombo -------------------------------------------------------------------

FieldCombo::FieldCombo(const QList<ViewField> &fields, QWidget *parent)
    : QComboBox(parent)
{
    setMaxVisibleItems(24);
    bool custom = false;
    for (const ViewField &field : fields) {
        if (field.custom && !custom) {
            custom = true;
            if (count() > 0)
                insertSeparator(count());
        }
        addItem(ViewLabels::field(field), field.name);
    }
}

QString FieldCombo::field() const
{
    const QString name = currentData().toString();
    if (!m_alias.isEmpty() && name == m_aliasOf)
        return m_alias;
    return name;
}

void FieldCombo::setField(const QString &name)
{
    m_alias.clear();
    m_aliasOf.clear();
    int index = findData(name);
    if (index < 0) {
        // An alias ("due") selects the field it stands for and is written back.
        if (const auto field = findViewField(name, {}); field && field->name != name) {
            index = findData(field->name);
            m_alias = name;
            m_aliasOf = field->name;
        }
    }
    if (index < 0) {
        addItem(tr("Unknown field (%1)").arg(name), name);
        index = count() - 1;
    }
    setCurrentIndex(index);
}

// --- ConditionRow -----------------------------------------------------------------

ConditionRow::ConditionRow(const ViewCatalogue &catalogue, QWidget *parent)
    : QWidget(parent)
    , m_catalogue(catalogue)
{
    setObjectName(u"conditionRow"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_field = new FieldCombo(catalogue.fields(), this);
    m_field->setObjectName(u"fieldCombo"_s);
    m_field->setToolTip(tr("Field"));
    m_op = new QComboBox(this);
    m_op->setObjectName(u"operatorCombo"_s);
    m_op->setToolTip(tr("Comparison"));
    m_valueHolder = new QWidget(this);
    auto *valueLayout = new QHBoxLayout(m_valueHolder);
    valueLayout->setContentsMargins(0, 0, 0, 0);
    m_error = errorIcon(this);
    m_remove = toolButton(this, u"removeConditionButton"_s, Symbol::Remove, tr("Remove"),
        tr("Remove this condition"), false);
    layout->addWidget(m_field);
    layout->addWidget(m_op);
    layout->addWidget(m_valueHolder, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_remove);
    setFocusProxy(m_field);

    connect(m_field, &QComboBox::currentIndexChanged, this, &ConditionRow::fieldChanged);
    connect(m_op, &QComboBox::currentIndexChanged, this, &ConditionRow::operatorChanged);
    connect(m_remove, &QToolButton::clicked, this, &ConditionRow::removeRequested);

    m_loading = true;
    m_field->setCurrentIndex(-1);
    m_loading = false;
    m_field->setCurrentIndex(0);
}

Condition ConditionRow::condition() const
{
    const QString name = m_field->field();
    if (!m_unknown.field.isEmpty() && m_field->currentData().toString() == m_unknown.field)
        return m_unknown;
    Condition c { name, m_op->currentData().toString(), QJsonValue() };
    if (m_value)
        c.value = m_value->value();
    return c;
}

void ConditionRow::setCondition(const Condition &condition)
{
    m_loading = true;
    const auto field = m_catalogue.field(condition.field);
    m_unknown = field ? Condition() : condition;
    m_field->setField(condition.field);
    m_loading = false;
    fieldChanged();
    m_loading = true;
    int op = m_op->findData(condition.op);
    if (op < 0) { // not valid for this field: kept, so the compiler says why
        m_op->addItem(condition.op, condition.op);
        op = m_op->count() - 1;
    }
    m_op->setCurrentIndex(op);
    m_loading = false;
    rebuildValue(condition.value);
    if (!field)
        m_unknown = condition;
    Q_EMIT changed();
}

void ConditionRow::fieldChanged()
{
    if (m_loading || m_field->currentIndex() < 0)
        return;
    const auto field = m_catalogue.field(m_field->currentData().toString());
    const QString previousOp = m_op->currentData().toString();
    m_loading = true;
    m_op->clear();
    if (field) {
        for (const QString &op : operatorsFor(field->type))
            m_op->addItem(ViewLabels::op(op, field->type), op);
    } else if (!m_unknown.field.isEmpty()) {
        m_op->addItem(m_unknown.op, m_unknown.op);
    }
    const int keep = m_op->findData(previousOp);
    m_op->setCurrentIndex(keep >= 0 ? keep : 0);
    m_loading = false;
    rebuildValue({});
    Q_EMIT changed();
}

void ConditionRow::operatorChanged()
{
    if (m_loading)
        return;
    // A value the agent chose survives the change ("is Open" → "is any of Open").
    rebuildValue(m_value && m_valueChosen ? m_value->value() : QJsonValue());
    Q_EMIT changed();
}

void ConditionRow::rebuildValue(const QJsonValue &carried)
{
    const bool hadFocus = m_value && m_value->hasFocus();
    delete m_value;
    m_value = nullptr;
    m_valueChosen = false;
    const auto field = m_catalogue.field(m_field->currentData().toString());
    const QString op = m_op->currentData().toString();
    if (field && operatorsFor(field->type).contains(op))
        m_value = createValueEditor(m_catalogue, *field, op, m_valueHolder);
    if (!m_value)
        return;
    const QJsonValue value = carryOver(carried, op);
    m_valueChosen = !value.isNull() && !value.isUndefined();
    if (m_valueChosen)
        m_value->setValue(value);
    // Free text and lists take the row's width; pickers keep their own.
    auto *layout = static_cast<QHBoxLayout *>(m_valueHolder->layout());
    layout->addWidget(m_value, 1, m_value->isWide() ? Qt::Alignment() : Qt::AlignLeft);
    connect(m_value, &ValueEditor::changed, this, [this] {
        m_valueChosen = true;
        Q_EMIT changed();
    });
    if (hadFocus)
        m_value->setFocus();
}

void ConditionRow::setError(const QString &message)
{
    m_error->setVisible(!message.isEmpty());
    m_error->setToolTip(message);
}

// --- FilterGroupWidget --------------------------------------------------------------

FilterGroupWidget::FilterGroupWidget(const ViewCatalogue &catalogue, int depth, QWidget *parent)
    : QFrame(parent)
    , m_catalogue(catalogue)
    , m_depth(depth)
{
    setObjectName(depth == 0 ? u"rootGroup"_s : u"filterGroup"_s);
    auto *outer = new QVBoxLayout(this);
    const int inset = depth == 0 ? 0 : 8;
    outer->setContentsMargins(inset, inset / 2, inset, inset);
    outer->setSpacing(4);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    auto *lead = new QLabel(depth == 0 ? tr("Show tickets that match") : tr("Match"), this);
    m_match = new QComboBox(this);
    m_match->setObjectName(u"matchCombo"_s);
    m_match->addItem(tr("all"), int(FilterNode::Kind::All));
    m_match->addItem(tr("any"), int(FilterNode::Kind::Any));
    m_match->setToolTip(
        tr("All: every condition must hold. Any: at least one condition must hold."));
    lead->setBuddy(m_match);
    auto *tail = new QLabel(tr("of these conditions:"), this);
    m_error = errorIcon(this);
    m_addCondition = toolButton(this, u"addConditionButton"_s, Symbol::Add, tr("Condition"),
        tr("Add a condition to this group"), true);
    m_addGroup = toolButton(this, u"addGroupButton"_s, Symbol::Add, tr("Group"),
        tr("Add a nested group of conditions"), true);
    m_addGroup->setEnabled(depth < MaxGroupDepth);
    header->addWidget(lead);
    header->addWidget(m_match);
    header->addWidget(tail);
    header->addWidget(m_error);
    header->addStretch(1);
    header->addWidget(m_addCondition);
    header->addWidget(m_addGroup);
    if (depth > 0) {
        m_remove = toolButton(this, u"removeGroupButton"_s, Symbol::Remove, tr("Remove"),
            tr("Remove this group and its conditions"), false);
        header->addWidget(m_remove);
        connect(m_remove, &QToolButton::clicked, this, &FilterGroupWidget::removeRequested);
    }
    outer->addLayout(header);

    m_body = new QVBoxLayout;
    m_body->setContentsMargins(depth == 0 ? 0 : 12, 0, 0, 0);
    m_body->setSpacing(4);
    m_emptyHint = new QLabel(this);
    m_emptyHint->setObjectName(u"emptyHint"_s);
    m_emptyHint->setEnabled(false);
    m_body->addWidget(m_emptyHint);
    outer->addLayout(m_body);

    connect(m_match, &QComboBox::currentIndexChanged, this, [this] {
        updateEmptyHint();
        Q_EMIT changed();
    });
    connect(m_addCondition, &QToolButton::clicked, this,
        [this] { addCondition()->setFocus(Qt::OtherFocusReason); });
    connect(m_addGroup, &QToolButton::clicked, this, [this] {
        FilterGroupWidget *group = addGroup();
        group->addCondition()->setFocus(Qt::OtherFocusReason);
    });
    updateEmptyHint();
}

FilterNode::Kind FilterGroupWidget::kind() const
{
    return FilterNode::Kind(m_match->currentData().toInt());
}

void FilterGroupWidget::setKind(FilterNode::Kind kind)
{
    m_match->setCurrentIndex(m_match->findData(int(kind)));
}

FilterNode FilterGroupWidget::node() const
{
    FilterNode node;
    node.kind = kind();
    for (QWidget *child : m_children) {
        if (auto *row = qobject_cast<ConditionRow *>(child))
            node.children.append({ FilterNode::Kind::Condition, {}, row->condition() });
        else if (auto *group = qobject_cast<FilterGroupWidget *>(child))
            node.children.append(group->node());
    }
    return node;
}

void FilterGroupWidget::setNode(const FilterNode &node)
{
    const QList<QWidget *> old = m_children;
    m_children.clear();
    qDeleteAll(old);
    if (node.kind == FilterNode::Kind::Condition) {
        setKind(FilterNode::Kind::All);
        addCondition()->setCondition(node.condition);
    } else {
        setKind(node.kind);
        for (const FilterNode &child : node.children) {
            if (child.kind == FilterNode::Kind::Condition)
                addCondition()->setCondition(child.condition);
            else
                addGroup()->setNode(child);
        }
    }
    updateEmptyHint();
}

void FilterGroupWidget::adopt(QWidget *child)
{
    m_children.append(child);
    m_body->addWidget(child);
    child->show();
    updateEmptyHint();
}

ConditionRow *FilterGroupWidget::addCondition()
{
    auto *row = new ConditionRow(m_catalogue, this);
    connect(row, &ConditionRow::changed, this, &FilterGroupWidget::changed);
    connect(row, &ConditionRow::removeRequested, this, [this, row] { removeChild(row); });
    adopt(row);
    Q_EMIT changed();
    return row;
}

FilterGroupWidget *FilterGroupWidget::addGroup()
{
    auto *group = new FilterGroupWidget(m_catalogue, m_depth + 1, this);
    group->setKind(kind() == FilterNode::Kind::All ? FilterNode::Kind::Any : FilterNode::Kind::All);
    connect(group, &FilterGroupWidget::changed, this, &FilterGroupWidget::changed);
    connect(
        group, &FilterGroupWidget::removeRequested, this, [this, group] { removeChild(group); });
    adopt(group);
    Q_EMIT changed();
    return group;
}

void FilterGroupWidget::removeChild(QWidget *child)
{
    const qsizetype at = m_children.indexOf(child);
    if (at < 0)
        return;
    m_children.removeAt(at);
    child->hide();
    child->deleteLater();
    updateEmptyHint();
    // Keyboard users land on the next row, or on the group's add button.
    if (at < m_children.size())
        m_children.at(at)->setFocus(Qt::OtherFocusReason);
    else
        m_addCondition->setFocus(Qt::OtherFocusReason);
    Q_EMIT changed();
}

ConditionRow *FilterGroupWidget::conditionAt(int index) const
{
    return qobject_cast<ConditionRow *>(m_children.value(index));
}

FilterGroupWidget *FilterGroupWidget::groupAt(int index) const
{
    return qobject_cast<FilterGroupWidget *>(m_children.value(index));
}

void FilterGroupWidget::assignPaths(const QString &path)
{
    m_path = path;
    const QString group = kind() == FilterNode::Kind::All ? u"all"_s : u"any"_s;
    for (qsizetype i = 0; i < m_children.size(); ++i) {
        const QString childPath = u"%1.%2[%3]"_s.arg(path, group).arg(i);
        if (auto *row = qobject_cast<ConditionRow *>(m_children.at(i)))
            row->setPath(childPath);
        else if (auto *nested = qobject_cast<FilterGroupWidget *>(m_children.at(i)))
            nested->assignPaths(childPath);
    }
}

QList<ConditionRow *> FilterGroupWidget::allRows() const
{
    QList<ConditionRow *> rows;
    for (QWidget *child : m_children) {
        if (auto *row = qobject_cast<ConditionRow *>(child))
            rows.append(row);
        else if (auto *group = qobject_cast<FilterGroupWidget *>(child))
            rows += group->allRows();
    }
    return rows;
}

QList<FilterGroupWidget *> FilterGroupWidget::allGroups() const
{
    QList<FilterGroupWidget *> groups;
    for (QWidget *child : m_children) {
        if (auto *group = qobject_cast<FilterGroupWidget *>(child))
            groups += QList<FilterGroupWidget *> { group } + group->allGroups();
    }
    return groups;
}

void FilterGroupWidget::setError(const QString &message)
{
    m_error->setVisible(!message.isEmpty());
    m_error->setToolTip(message);
}

void FilterGroupWidget::updateEmptyHint()
{
    m_emptyHint->setVisible(m_children.isEmpty());
    m_emptyHint->setText(kind() == FilterNode::Kind::All
            ? tr("No conditions yet: every ticket matches.")
            : tr("No conditions yet: no ticket matches."));
}

void FilterGroupWidget::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (m_depth == 0)
        return;
    // Nested groups sit on a tinted card with a bar down the left side.
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    QColor fill = palette().color(QPalette::AlternateBase);
    painter.setBrush(fill);
    painter.drawRoundedRect(card, 4, 4);
    QColor bar = palette().color(QPalette::Highlight);
    bar.setAlphaF(0.7f);
    painter.setPen(Qt::NoPen);
    painter.setBrush(bar);
    painter.drawRoundedRect(QRectF(card.left(), card.top(), 3, card.height()), 1.5, 1.5);
}

// --- FilterBuilder ----------------------------------------------------------------

FilterBuilder::FilterBuilder(const ViewCatalogue &catalogue, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"filterBuilder"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_root = new FilterGroupWidget(catalogue, 0, this);
    layout->addWidget(m_root);
    layout->addStretch(1);
    connect(m_root, &FilterGroupWidget::changed, this, &FilterBuilder::changed);
}

FilterNode FilterBuilder::filter() const
{
    FilterNode node = m_root->node();
    if (m_bareCondition && node.kind == FilterNode::Kind::All && node.children.size() == 1
        && node.children.constFirst().kind == FilterNode::Kind::Condition)
        return node.children.constFirst();
    return node;
}

void FilterBuilder::setFilter(const FilterNode &filter)
{
    const QSignalBlocker blocker(m_root);
    m_bareCondition = filter.kind == FilterNode::Kind::Condition;
    m_root->setNode(filter);
    showError({});
    Q_EMIT changed();
}

void FilterBuilder::showError(const QString &message)
{
    const QList<ConditionRow *> rows = m_root->allRows();
    const QList<FilterGroupWidget *> groups
        = QList<FilterGroupWidget *> { m_root } + m_root->allGroups();
    for (ConditionRow *row : rows)
        row->setError({});
    for (FilterGroupWidget *group : groups)
        group->setError({});
    if (message.isEmpty())
        return;

    m_root->assignPaths(u"view.filter"_s);
    if (m_bareCondition && rows.size() == 1 && m_root->entries().size() == 1
        && m_root->kind() == FilterNode::Kind::All)
        rows.first()->setPath(u"view.filter"_s);
    // The deepest part whose path begins the message is the one it is about.
    const auto names = [&](const QString &path) {
        if (!message.startsWith(path))
            return false;
        const QChar next = message.size() > path.size() ? message.at(path.size()) : u' ';
        return next == u'.' || next == u':' || next == u' ';
    };
    QWidget *best = nullptr;
    qsizetype bestLength = -1;
    for (ConditionRow *row : rows) {
        if (names(row->path()) && row->path().size() > bestLength) {
            best = row;
            bestLength = row->path().size();
        }
    }
    for (FilterGroupWidget *group : groups) {
        if (names(group->path()) && group->path().size() > bestLength) {
            best = group;
            bestLength = group->path().size();
        }
    }
    if (auto *row = qobject_cast<ConditionRow *>(best))
        row->setError(message);
    else if (auto *group = qobject_cast<FilterGroupWidget *>(best))
        group->setError(message);
}

} // namespace Tessera::Ui
