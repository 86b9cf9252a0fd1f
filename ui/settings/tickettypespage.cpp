// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/tickettypespage.h"

#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "views/symbolicons.h"
#include "views/viewlabels.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QSqlQuery>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(32, 16);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    p.setBrush(color.isValid() ? color : QColor(0x77, 0x76, 0x7b));
    p.drawRoundedRect(QRectF(0.5, 0.5, 31, 15), 3, 3);
    return QIcon(pixmap);
}

QToolButton *toolButton(Symbol symbol, const QString &tip, const QString &name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setIcon(symbolIcon(symbol, parent));
    button->setToolTip(tip);
    button->setObjectName(name);
    button->setAutoRaise(true);
    return button;
}

qsizetype ticketCount(Store &store, const QString &column, const QString &id)
{
    QSqlQuery query(store.connection());
    query.prepare(u"SELECT COUNT(*) FROM tickets WHERE %1 = ?"_s.arg(column));
    query.addBindValue(id);
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

std::optional<EntityId> askMoveTarget(
    QWidget *parent, const QString &question, const QList<std::pair<QString, EntityId>> &choices)
{
    QStringList labels;
    for (const auto &choice : choices)
        labels.append(choice.first);
    bool ok = false;
    const QString picked = QInputDialog::getItem(
        parent, TicketTypesPage::tr("Move Tickets"), question, labels, 0, false, &ok);
    if (!ok)
        return std::nullopt;
    return choices.value(labels.indexOf(picked)).second;
}

// What the bundled icons show, for the icon picker.
QString iconLabel(const QString &name)
{
    static const QHash<QString, const char *> labels {
        { u"bug"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Bug") },
        { u"dialog-warning"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Warning") },
        { u"help-contents"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Question") },
        { u"lightbulb"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Idea") },
        { u"mail"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Mail") },
        { u"star"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Star") },
        { u"view-task"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Task") },
        { u"wrench"_s, QT_TRANSLATE_NOOP("TicketTypesPage", "Wrench") },
    };
    const char *label = labels.value(name);
    return label ? QCoreApplication::translate("TicketTypesPage", label) : name;
}

} // namespace

TicketTypesPage::TicketTypesPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"ticketTypesPage"_s);
    m_chooser = [this](const QString &question, const QList<std::pair<QString, EntityId>> &c) {
        return askMoveTarget(this, question, c);
    };

    // Types: a list with add and remove.
    m_types = new QListWidget(this);
    m_types->setObjectName(u"typeList"_s);
    m_types->setIconSize(QSize(20, 20));
    m_types->setMaximumWidth(220);
    auto *addTypeButton = toolButton(Symbol::Add, tr("Add a ticket type"), u"addType"_s, this);
    auto *removeType
        = toolButton(Symbol::Remove, tr("Remove the ticket type…"), u"removeType"_s, this);
    auto *typeButtons = new QHBoxLayout;
    auto *typeUp = toolButton(Symbol::Up, tr("Move up"), u"typeUp"_s, this);
    auto *typeDown = toolButton(Symbol::Down, tr("Move down"), u"typeDown"_s, this);
    typeButtons->addWidget(addTypeButton);
    typeButtons->addWidget(removeType);
    typeButtons->addWidget(typeUp);
    typeButtons->addWidget(typeDown);
    typeButtons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Ticket types:"), this));
    left->addWidget(m_types, 1);
    left->addLayout(typeButtons);

    // The type's own fields.
    m_typeName = new QLineEdit(this);
    m_typeName->setObjectName(u"typeName"_s);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"typeKind"_s);
    m_kind->addItem(ViewLabels::enumValue(u"ticket"_s), u"ticket"_s);
    m_kind->addItem(ViewLabels::enumValue(u"task"_s), u"task"_s);
    m_icon = new QComboBox(this);
    m_icon->setObjectName(u"typeIcon"_s);
    m_typeColor = new QToolButton(this);
    m_typeColor->setObjectName(u"typeColor"_s);
    m_typeColor->setToolTip(tr("Choose the type's colour"));
    m_typeColor->setIconSize(QSize(32, 16));
    auto *typeForm = new QFormLayout;
    typeForm->addRow(tr("&Name:"), m_typeName);
    typeForm->addRow(tr("&Kind:"), m_kind);
    auto *looks = new QHBoxLayout;
    looks->addWidget(m_icon, 1);
    looks->addWidget(new QLabel(tr("Colour:"), this));
    looks->addWidget(m_typeColor);
    auto *iconLabel = new QLabel(tr("&Icon:"), this);
    iconLabel->setBuddy(m_icon);
    typeForm->addRow(iconLabel, looks);

    // The type's statuses, in order.
    auto *statusBox = new QGroupBox(tr("Statuses"), this);
    m_statuses = new QListWidget(statusBox);
    m_statuses->setObjectName(u"statusList"_s);
    m_statuses->setDragDropMode(QAbstractItemView::InternalMove);
    m_statuses->setDefaultDropAction(Qt::MoveAction);
    auto *addStatusButton = toolButton(Symbol::Add, tr("Add a status"), u"addStatus"_s, statusBox);
    auto *removeStatus
        = toolButton(Symbol::Remove, tr("Remove the status…"), u"removeStatus"_s, statusBox);
    auto *up = toolButton(Symbol::Up, tr("Move up"), u"statusUp"_s, statusBox);
    auto *down = toolButton(Symbol::Down, tr("Move down"), u"statusDown"_s, statusBox);
    auto *statusButtons = new QHBoxLayout;
    for (QToolButton *b : { addStatusButton, removeStatus, up, down })
        statusButtons->addWidget(b);
    statusButtons->addStretch();
    m_statusName = new QLineEdit(statusBox);
    m_statusName->setObjectName(u"statusName"_s);
    m_category = new QComboBox(statusBox);
    m_category->setObjectName(u"statusCategory"_s);
    for (const auto &[value, wire] : EnumNames<StatusCategory>::names)
        m_category->addItem(ViewLabels::enumValue(QString(wire)), QString(wire));
    m_statusColor = new QToolButton(statusBox);
    m_statusColor->setObjectName(u"statusColor"_s);
    m_statusColor->setToolTip(tr("Choose the status's colour"));
    m_statusColor->setIconSize(QSize(32, 16));
    m_default = new QCheckBox(tr("&Default for new tickets"), statusBox);
    m_default->setObjectName(u"statusDefault"_s);
    auto *statusForm = new QFormLayout;
    statusForm->addRow(tr("Status &name:"), m_statusName);
    auto *categoryRow = new QHBoxLayout;
    categoryRow->addWidget(m_category, 1);
    categoryRow->addWidget(new QLabel(tr("Colour:"), statusBox));
    categoryRow->addWidget(m_statusColor);
    auto *categoryLabel = new QLabel(tr("&Category:"), statusBox);
    categoryLabel->setBuddy(m_category);
    statusForm->addRow(categoryLabel, categoryRow);
    statusForm->addRow(QString(), m_default);
    auto *statusLayout = new QVBoxLayout(statusBox);
    statusLayout->addWidget(
        new QLabel(tr("Tickets move through these in order; the category decides how views and SLA "
                      "clocks treat them."),
            statusBox));
    qobject_cast<QLabel *>(statusLayout->itemAt(0)->widget())->setWordWrap(true);
    statusLayout->addWidget(m_statuses, 1);
    statusLayout->addLayout(statusButtons);
    statusLayout->addLayout(statusForm);

    auto *right = new QVBoxLayout;
    right->addLayout(typeForm);
    right->addWidget(statusBox, 1);
    right->addWidget(messageLine());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    for (QWidget *nav : { static_cast<QWidget *>(m_types), static_cast<QWidget *>(m_statuses) })
        nav->setProperty("settingsNavigation", true);

    connect(m_types, &QListWidget::currentRowChanged, this, [this] { fillTypeEditor(); });
    connect(m_statuses, &QListWidget::currentRowChanged, this, [this] { fillStatusEditor(); });
    connect(m_statuses->model(), &QAbstractItemModel::rowsMoved, this,
        [this] { savePositionsFromList(); });
    connect(addTypeButton, &QToolButton::clicked, this, [this] { addType(tr("New type")); });
    connect(typeUp, &QToolButton::clicked, this, [this] { moveCurrentType(-1); });
    connect(typeDown, &QToolButton::clicked, this, [this] { moveCurrentType(1); });
    connect(removeType, &QToolButton::clicked, this, [this] { removeCurrentType(); });
    connect(addStatusButton, &QToolButton::clicked, this,
        [this] { addStatus(tr("New status"), StatusCategory::Open); });
    connect(removeStatus, &QToolButton::clicked, this, [this] { removeCurrentStatus(); });
    connect(up, &QToolButton::clicked, this, [this] { moveCurrentStatus(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveCurrentStatus(1); });
    connect(m_typeName, &QLineEdit::editingFinished, this, [this] { saveType(); });
    connect(m_kind, &QComboBox::activated, this, [this] { saveType(); });
    connect(m_icon, &QComboBox::activated, this, [this] { saveType(); });
    connect(m_statusName, &QLineEdit::editingFinished, this, [this] { saveStatus(); });
    connect(m_category, &QComboBox::activated, this, [this] { saveStatus(); });
    connect(m_default, &QCheckBox::clicked, this, [this](bool on) {
        const auto type = this->store().get<TicketType>(currentType());
        if (!type || !on)
            return fillStatusEditor(); // a type always has a default: pick another instead
        TicketType changed = *type;
        changed.defaultStatusId = currentStatus();
        save(EntityKind::TicketType, changed);
    });
    connect(m_typeColor, &QToolButton::clicked, this, [this] {
        const auto type = this->store().get<TicketType>(currentType());
        const QColor color = QColorDialog::getColor(
            type ? QColor(type->color) : QColor(), this, tr("Type Colour"));
        if (color.isValid())
            setTypeColor(color);
    });
    connect(m_statusColor, &QToolButton::clicked, this, [this] {
        const auto status = this->store().get<Status>(currentStatus());
        const QColor color = QColorDialog::getColor(
            status ? QColor(status->color) : QColor(), this, tr("Status Colour"));
        if (color.isValid())
            setStatusColor(color);
    });
    reload();
}

QString TicketTypesPage::title() const
{
    return tr("Ticket Types");
}

QList<TicketType> TicketTypesPage::sortedTypes() const
{
    QList<TicketType> types = store().all<TicketType>();
    std::stable_sort(types.begin(), types.end(), [](const TicketType &a, const TicketType &b) {
        return a.position != b.position ? a.position < b.position
                                        : QString::localeAwareCompare(a.name, b.name) < 0;
    });
    return types;
}

QList<Status> TicketTypesPage::statusesOf(TicketTypeId type) const
{
    QList<Status> statuses;
    for (const Status &s : store().all<Status>()) {
        if (s.typeId == type)
            statuses.append(s);
    }
    std::stable_sort(statuses.begin(), statuses.end(),
        [](const Status &a, const Status &b) { return a.position < b.position; });
    return statuses;
}

TicketTypeId TicketTypesPage::currentType() const
{
    return rowId<TicketTypeId>(m_types->currentItem());
}

StatusId TicketTypesPage::currentStatus() const
{
    return rowId<StatusId>(m_statuses->currentItem());
}

void TicketTypesPage::selectType(TicketTypeId id)
{
    selectRow(m_types, id.toString());
}

void TicketTypesPage::selectStatus(StatusId id)
{
    selectRow(m_statuses, id.toString());
}

void TicketTypesPage::reload()
{
    const TicketTypeId keep = currentType();
    m_filling = true;
    m_types->clear();
    for (const TicketType &t : sortedTypes()) {
        auto *item = new QListWidgetItem(
            TicketStyle::typeIcon(t.icon, QColor(t.color), t.name), t.name, m_types);
        item->setData(IdRole, t.id.toString());
    }
    if (m_icon->count() == 0) {
        for (const QString &name : TicketStyle::bundledTypeIcons())
            m_icon->addItem(
                TicketStyle::typeIcon(name, QColor(0x3d, 0x7a, 0xd6), name), iconLabel(name), name);
    }
    m_filling = false;
    selectType(keep);
    if (!m_types->currentItem() && m_types->count() > 0)
        m_types->setCurrentRow(0);
    else
        fillTypeEditor();
}

void TicketTypesPage::fillTypeEditor()
{
    if (m_filling)
        return;
    m_filling = true;
    const auto type = store().get<TicketType>(currentType());
    if (!m_typeName->hasFocus())
        m_typeName->setText(type ? type->name : QString());
    m_kind->setCurrentIndex(m_kind->findData(type ? toWireName(type->kind) : u"ticket"_s));
    if (type && !type->icon.isEmpty() && m_icon->findData(type->icon) < 0)
        m_icon->addItem(TicketStyle::typeIcon(type->icon, QColor(type->color), type->name),
            type->icon, type->icon);
    m_icon->setCurrentIndex(type ? m_icon->findData(type->icon) : -1);
    m_typeColor->setIcon(swatch(type ? QColor(type->color) : QColor()));

    const StatusId keep = currentStatus();
    m_statuses->clear();
    if (type) {
        for (const Status &s : statusesOf(type->id)) {
            QString label = s.name + u"  ·  "_s + ViewLabels::enumValue(toWireName(s.category));
            if (s.id == type->defaultStatusId)
                label += u"  ·  "_s + tr("default");
            auto *item = new QListWidgetItem(
                TicketStyle::statusDot(QColor(s.color), palette()), label, m_statuses);
            item->setData(IdRole, s.id.toString());
        }
    }
    m_filling = false;
    selectStatus(keep);
    if (!m_statuses->currentItem() && m_statuses->count() > 0)
        m_statuses->setCurrentRow(0);
    else
        fillStatusEditor();
    applyEditable();
}

void TicketTypesPage::fillStatusEditor()
{
    if (m_filling)
        return;
    m_filling = true;
    const auto status = store().get<Status>(currentStatus());
    const auto type = store().get<TicketType>(currentType());
    if (!m_statusName->hasFocus())
        m_statusName->setText(status ? status->name : QString());
    m_category->setCurrentIndex(
        m_category->findData(status ? toWireName(status->category) : u"open"_s));
    m_statusColor->setIcon(swatch(status ? QColor(status->color) : QColor()));
    m_default->setChecked(status && type && type->defaultStatusId == status->id);
    m_filling = false;
}

void TicketTypesPage::editableChanged()
{
    m_statuses->setDragDropMode(
        isEditable() ? QAbstractItemView::InternalMove : QAbstractItemView::NoDragDrop);
}

void TicketTypesPage::saveType()
{
    auto type = store().get<TicketType>(currentType());
    if (!type || m_filling)
        return;
    const QString name = m_typeName->text().trimmed();
    if (name.isEmpty()) {
        m_typeName->setText(type->name);
        return;
    }
    type->name = name;
    type->kind = fromWireName<TicketKind>(m_kind->currentData().toString()).value_or(type->kind);
    if (m_icon->currentIndex() >= 0)
        type->icon = m_icon->currentData().toString();
    save(EntityKind::TicketType, *type);
}

void TicketTypesPage::saveStatus()
{
    auto status = store().get<Status>(currentStatus());
    if (!status || m_filling)
        return;
    const QString name = m_statusName->text().trimmed();
    if (name.isEmpty()) {
        m_statusName->setText(status->name);
        return;
    }
    status->name = name;
    status->category = fromWireName<StatusCategory>(m_category->currentData().toString())
                           .value_or(status->category);
    save(EntityKind::Status, *status);
}

bool TicketTypesPage::setTypeColor(const QColor &color)
{
    auto type = store().get<TicketType>(currentType());
    if (!type)
        return false;
    type->color = color.name();
    return save(EntityKind::TicketType, *type);
}

bool TicketTypesPage::setStatusColor(const QColor &color)
{
    auto status = store().get<Status>(currentStatus());
    if (!status)
        return false;
    status->color = color.name();
    return save(EntityKind::Status, *status);
}

TicketTypeId TicketTypesPage::addType(const QString &name)
{
    const QList<TicketType> types = sortedTypes();
    TicketType type;
    type.id = TicketTypeId::create();
    type.name = name;
    type.icon = u"help-contents"_s;
    type.color = u"#3d7ad6"_s;
    type.position = types.isEmpty() ? 0 : types.last().position + 1;
    Status first { StatusId::create(), type.id, tr("Open"), StatusCategory::Open, u"#c01c28"_s, 0,
        0 };
    if (!save(EntityKind::TicketType, type) || !save(EntityKind::Status, first))
        return {};
    type.defaultStatusId = first.id;
    save(EntityKind::TicketType, type);
    reload();
    selectType(type.id);
    m_typeName->setFocus();
    m_typeName->selectAll();
    return type.id;
}

bool TicketTypesPage::removeCurrentType()
{
    const auto type = store().get<TicketType>(currentType());
    if (!type)
        return false;
    QList<std::pair<QString, EntityId>> choices;
    for (const TicketType &t : sortedTypes()) {
        if (t.id != type->id)
            choices.append({ t.name, t.id.as<EntityId>() });
    }
    if (choices.isEmpty()) {
        messageLine()->setText(tr("The last ticket type cannot be removed."));
        messageLine()->show();
        return false;
    }
    const qsizetype count = ticketCount(store(), u"type_id"_s, type->id.toString());
    const auto target = m_chooser(
        tr("Remove “%1”? Its %n ticket(s) move to the type:", nullptr, int(count)).arg(type->name),
        choices);
    if (!target)
        return false;
    return remove(
        EntityKind::TicketType, type->id.as<EntityId>(), { { u"move_to"_s, target->toString() } });
}

StatusId TicketTypesPage::addStatus(const QString &name, StatusCategory category)
{
    const TicketTypeId type = currentType();
    if (!type.isValid())
        return {};
    const QList<Status> statuses = statusesOf(type);
    Status status { StatusId::create(), type, name, category, u"#3584e4"_s,
        statuses.isEmpty() ? 0 : statuses.last().position + 1, 0 };
    if (!save(EntityKind::Status, status))
        return {};
    fillTypeEditor();
    selectStatus(status.id);
    m_statusName->setFocus();
    m_statusName->selectAll();
    return status.id;
}

bool TicketTypesPage::removeCurrentStatus()
{
    const auto status = store().get<Status>(currentStatus());
    if (!status)
        return false;
    QList<std::pair<QString, EntityId>> choices;
    for (const Status &s : statusesOf(status->typeId)) {
        if (s.id != status->id)
            choices.append({ s.name, s.id.as<EntityId>() });
    }
    if (choices.isEmpty()) {
        messageLine()->setText(tr("A ticket type needs at least one status."));
        messageLine()->show();
        return false;
    }
    const qsizetype count = ticketCount(store(), u"status_id"_s, status->id.toString());
    const auto target
        = m_chooser(tr("Remove “%1”? Its %n ticket(s) move to the status:", nullptr, int(count))
                        .arg(status->name),
            choices);
    if (!target)
        return false;
    return remove(
        EntityKind::Status, status->id.as<EntityId>(), { { u"move_to"_s, target->toString() } });
}

void TicketTypesPage::moveCurrentType(int step)
{
    moveInOrder(EntityKind::TicketType, sortedTypes(), currentType(), step);
}

void TicketTypesPage::moveCurrentStatus(int step)
{
    m_filling = true;
    const bool moved = moveCurrentRow(m_statuses, step);
    m_filling = false;
    if (moved)
        savePositionsFromList();
}

void TicketTypesPage::savePositionsFromList()
{
    QStringList order;
    for (int i = 0; i < m_statuses->count(); ++i)
        order.append(m_statuses->item(i)->data(IdRole).toString());
    for (Status s : statusesOf(currentType())) {
        const int position = int(order.indexOf(s.id.toString()));
        if (position >= 0 && s.position != position) {
            s.position = position;
            save(EntityKind::Status, s);
        }
    }
}

} // namespace Tessera::Ui
