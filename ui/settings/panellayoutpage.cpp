// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/panellayoutpage.h"

#include "details/propertiespanel.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "views/symbolicons.h"
#include "views/viewlabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int KeyRole = Qt::UserRole;

QToolButton *smallButton(Symbol symbol, const QString &tip, const QString &name, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setIcon(symbolIcon(symbol, parent));
    button->setToolTip(tip);
    button->setObjectName(name);
    button->setAutoRaise(true);
    return button;
}

QString fieldTypeLabel(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return PanelLayoutPage::tr("Text");
    case FieldType::Number:
        return PanelLayoutPage::tr("Number");
    case FieldType::Date:
        return PanelLayoutPage::tr("Date");
    case FieldType::Choice:
        return PanelLayoutPage::tr("Choice");
    case FieldType::MultiChoice:
        return PanelLayoutPage::tr("Multiple choice");
    case FieldType::Checkbox:
        return PanelLayoutPage::tr("Checkbox");
    case FieldType::User:
        return PanelLayoutPage::tr("Agent");
    }
    return {};
}

} // namespace

PanelLayoutPage::PanelLayoutPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"panelLayoutPage"_s);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"layoutType"_s);
    m_type->setProperty("settingsNavigation", true);
    auto *typeRow = new QHBoxLayout;
    auto *typeLabel = new QLabel(tr("Ticket &type:"), this);
    typeLabel->setBuddy(m_type);
    typeRow->addWidget(typeLabel);
    typeRow->addWidget(m_type, 1);

    // Custom fields of the type.
    auto *fieldBox = new QGroupBox(tr("Custom fields"), this);
    m_fields = new QListWidget(fieldBox);
    m_fields->setObjectName(u"fieldList"_s);
    m_fields->setProperty("settingsNavigation", true);
    auto *addFieldButton
        = smallButton(Symbol::Add, tr("Add a custom field"), u"addField"_s, fieldBox);
    auto *removeField
        = smallButton(Symbol::Remove, tr("Remove the custom field"), u"removeField"_s, fieldBox);
    auto *fieldButtons = new QHBoxLayout;
    fieldButtons->addWidget(addFieldButton);
    fieldButtons->addWidget(removeField);
    fieldButtons->addStretch();
    m_fieldName = new QLineEdit(fieldBox);
    m_fieldName->setObjectName(u"fieldName"_s);
    m_fieldType = new QComboBox(fieldBox);
    m_fieldType->setObjectName(u"fieldType"_s);
    for (const auto &[value, wire] : EnumNames<FieldType>::names)
        m_fieldType->addItem(fieldTypeLabel(value), QString(wire));
    m_required = new QCheckBox(tr("&Required"), fieldBox);
    m_required->setObjectName(u"fieldRequired"_s);
    m_choices = new QPlainTextEdit(fieldBox);
    m_choices->setObjectName(u"fieldChoices"_s);
    m_choices->setPlaceholderText(tr("One choice per line"));
    m_choices->setTabChangesFocus(true);
    m_choices->installEventFilter(this);
    m_choices->setMaximumHeight(fontMetrics().lineSpacing() * 6);
    auto *fieldForm = new QFormLayout;
    fieldForm->addRow(tr("&Name:"), m_fieldName);
    fieldForm->addRow(tr("&Kind:"), m_fieldType);
    fieldForm->addRow(QString(), m_required);
    fieldForm->addRow(tr("C&hoices:"), m_choices);
    auto *fieldLayout = new QVBoxLayout(fieldBox);
    fieldLayout->addWidget(m_fields, 1);
    fieldLayout->addLayout(fieldButtons);
    fieldLayout->addLayout(fieldForm);

    // The details panel's rows.
    auto *layoutBox = new QGroupBox(tr("Details panel"), this);
    m_layout = new QListWidget(layoutBox);
    m_layout->setObjectName(u"layoutList"_s);
    m_layout->setProperty("settingsNavigation", true);
    m_layout->setDragDropMode(QAbstractItemView::InternalMove);
    m_layout->setDefaultDropAction(Qt::MoveAction);
    auto *up = smallButton(Symbol::Up, tr("Move up"), u"propertyUp"_s, layoutBox);
    auto *down = smallButton(Symbol::Down, tr("Move down"), u"propertyDown"_s, layoutBox);
    auto *layoutButtons = new QHBoxLayout;
    layoutButtons->addWidget(up);
    layoutButtons->addWidget(down);
    layoutButtons->addStretch();
    auto *hint = new QLabel(
        tr("Checked properties show in the details panel, in this order. Drag to reorder."),
        layoutBox);
    hint->setWordWrap(true);
    auto *layoutLayout = new QVBoxLayout(layoutBox);
    layoutLayout->addWidget(hint);
    layoutLayout->addWidget(m_layout, 1);
    layoutLayout->addLayout(layoutButtons);

    auto *columns = new QHBoxLayout;
    columns->addWidget(fieldBox, 1);
    columns->addWidget(layoutBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(typeRow);
    layout->addLayout(columns, 1);
    layout->addWidget(messageLine());

    connect(m_type, &QComboBox::currentIndexChanged, this, [this] { fillForType(); });
    connect(m_fields, &QListWidget::currentRowChanged, this, [this] { fillFieldEditor(); });
    connect(addFieldButton, &QToolButton::clicked, this,
        [this] { addField(tr("New field"), FieldType::Text); });
    connect(removeField, &QToolButton::clicked, this, [this] {
        const auto field = this->store().get<CustomFieldDef>(currentField());
        if (field && confirmRemoval(field->name))
            removeCurrentField();
    });
    connect(m_fieldName, &QLineEdit::editingFinished, this, [this] { saveField(); });
    connect(m_fieldType, &QComboBox::activated, this, [this] { saveField(); });
    connect(m_required, &QCheckBox::clicked, this, [this] { saveField(); });
    connect(up, &QToolButton::clicked, this, [this] { moveCurrentProperty(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveCurrentProperty(1); });
    connect(m_layout->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_filling)
            saveLayout();
    });
    connect(m_layout, &QListWidget::itemChanged, this, [this](QListWidgetItem *) {
        if (m_filling)
            return;
        if (!isEditable() || !saveLayout())
            fillForType(); // back to what is stored
    });
    reload();
}

QString PanelLayoutPage::title() const
{
    return tr("Fields and Panel Layout");
}

TicketTypeId PanelLayoutPage::currentType() const
{
    return TicketTypeId::fromString(m_type->currentData().toString());
}

void PanelLayoutPage::selectType(TicketTypeId id)
{
    const int index = m_type->findData(id.toString());
    if (index >= 0)
        m_type->setCurrentIndex(index);
}

CustomFieldId PanelLayoutPage::currentField() const
{
    const QListWidgetItem *item = m_fields->currentItem();
    return item ? CustomFieldId::fromString(item->data(KeyRole).toString()) : CustomFieldId();
}

QList<CustomFieldDef> PanelLayoutPage::fieldsOf(TicketTypeId type) const
{
    QList<CustomFieldDef> fields;
    for (const CustomFieldDef &f : store().all<CustomFieldDef>()) {
        if (!f.typeId.isValid() || f.typeId == type)
            fields.append(f);
    }
    std::stable_sort(fields.begin(), fields.end(),
        [](const CustomFieldDef &a, const CustomFieldDef &b) { return a.position < b.position; });
    return fields;
}

void PanelLayoutPage::reload()
{
    const TicketTypeId keep = currentType();
    QList<TicketType> types = store().all<TicketType>();
    std::stable_sort(types.begin(), types.end(),
        [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
    m_filling = true;
    m_type->clear();
    for (const TicketType &t : std::as_const(types))
        m_type->addItem(
            TicketStyle::typeIcon(t.icon, QColor(t.color), t.name), t.name, t.id.toString());
    m_filling = false;
    const int index = m_type->findData(keep.toString());
    m_type->setCurrentIndex(index >= 0 ? index : 0);
    fillForType();
}

void PanelLayoutPage::fillForType()
{
    if (m_filling)
        return;
    const auto type = store().get<TicketType>(currentType());
    const QList<CustomFieldDef> fields = fieldsOf(currentType());
    m_filling = true;
    const CustomFieldId keepField = currentField();
    m_fields->clear();
    for (const CustomFieldDef &f : fields) {
        QString label = f.name + u"  ·  "_s + fieldTypeLabel(f.fieldType);
        if (!f.typeId.isValid())
            label += u"  ·  "_s + tr("every type");
        if (f.required)
            label += u"  ·  "_s + tr("required");
        auto *item = new QListWidgetItem(label, m_fields);
        item->setData(KeyRole, f.id.toString());
        if (f.id == keepField)
            m_fields->setCurrentItem(item);
    }

    const QString keepKey
        = m_layout->currentItem() ? m_layout->currentItem()->data(KeyRole).toString() : QString();
    m_layout->clear();
    QStringList shown = type ? type->panelLayout : QStringList();
    if (shown.isEmpty())
        shown = PropertiesPanel::defaultLayout(fields);
    QStringList all = shown;
    for (const QString &key : PropertiesPanel::defaultLayout(fields)) {
        if (!all.contains(key))
            all.append(key);
    }
    const QList<CustomFieldDef> allFields = store().all<CustomFieldDef>();
    for (const QString &key : std::as_const(all)) {
        auto *item = new QListWidgetItem(ViewLabels::field(key, allFields), m_layout);
        item->setData(KeyRole, key);
        item->setFlags((item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled)
            & ~Qt::ItemIsDropEnabled);
        item->setCheckState(shown.contains(key) ? Qt::Checked : Qt::Unchecked);
        // Hidden rows read as such even where a style draws no empty box.
        if (!shown.contains(key))
            item->setForeground(palette().color(QPalette::PlaceholderText));
        if (key == keepKey)
            m_layout->setCurrentItem(item);
    }
    m_filling = false;
    fillFieldEditor();
    applyEditable();
}

void PanelLayoutPage::fillFieldEditor()
{
    if (m_filling)
        return;
    m_filling = true;
    const auto field = store().get<CustomFieldDef>(currentField());
    if (!m_fieldName->hasFocus())
        m_fieldName->setText(field ? field->name : QString());
    m_fieldType->setCurrentIndex(
        m_fieldType->findData(field ? toWireName(field->fieldType) : u"text"_s));
    m_required->setChecked(field && field->required);
    const bool choices = field
        && (field->fieldType == FieldType::Choice || field->fieldType == FieldType::MultiChoice);
    if (!m_choices->hasFocus())
        m_choices->setPlainText(field ? field->choices.join(u'\n') : QString());
    m_choices->setProperty("settingsDisabled", !choices);
    m_choices->setEnabled(choices && isEditable());
    m_filling = false;
}

bool PanelLayoutPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_choices && event->type() == QEvent::FocusOut)
        saveField();
    return SettingsPage::eventFilter(watched, event);
}

void PanelLayoutPage::editableChanged()
{
    m_layout->setDragDropMode(
        isEditable() ? QAbstractItemView::InternalMove : QAbstractItemView::NoDragDrop);
    fillFieldEditor();
}

void PanelLayoutPage::saveField()
{
    auto field = store().get<CustomFieldDef>(currentField());
    if (!field || m_filling || !isEditable())
        return;
    const QString name = m_fieldName->text().trimmed();
    if (!name.isEmpty())
        field->name = name;
    field->fieldType
        = fromWireName<FieldType>(m_fieldType->currentData().toString()).value_or(field->fieldType);
    field->required = m_required->isChecked();
    QStringList choices;
    for (const QString &line : m_choices->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty() && !choices.contains(line.trimmed()))
            choices.append(line.trimmed());
    }
    if (field->fieldType == FieldType::Choice || field->fieldType == FieldType::MultiChoice)
        field->choices = choices;
    save(EntityKind::CustomField, *field);
}

CustomFieldId PanelLayoutPage::addField(const QString &name, FieldType fieldType)
{
    const auto type = store().get<TicketType>(currentType());
    if (!type)
        return {};
    const QList<CustomFieldDef> all = store().all<CustomFieldDef>();
    int position = 0;
    for (const CustomFieldDef &f : all)
        position = std::max(position, f.position + 1);
    CustomFieldDef field;
    field.id = CustomFieldId::create();
    field.typeId = type->id;
    field.name = name;
    field.fieldType = fieldType;
    field.position = position;
    if (!save(EntityKind::CustomField, field))
        return {};
    // A new field shows at the end of the type's panel.
    TicketType changed = *type;
    if (changed.panelLayout.isEmpty())
        changed.panelLayout = PropertiesPanel::defaultLayout(fieldsOf(type->id));
    const QString key = u"cf:"_s + field.id.toString();
    if (!changed.panelLayout.contains(key))
        changed.panelLayout.append(key);
    save(EntityKind::TicketType, changed);
    fillForType();
    for (int i = 0; i < m_fields->count(); ++i) {
        if (m_fields->item(i)->data(KeyRole).toString() == field.id.toString())
            m_fields->setCurrentRow(i);
    }
    return field.id;
}

bool PanelLayoutPage::removeCurrentField()
{
    const auto field = store().get<CustomFieldDef>(currentField());
    if (!field)
        return false;
    return remove(EntityKind::CustomField, field->id.as<EntityId>());
}

void PanelLayoutPage::moveCurrentProperty(int step)
{
    m_filling = true;
    const bool moved = moveCurrentRow(m_layout, step);
    m_filling = false;
    if (moved)
        saveLayout();
}

bool PanelLayoutPage::setPropertyVisible(const QString &key, bool visible)
{
    for (int i = 0; i < m_layout->count(); ++i) {
        QListWidgetItem *item = m_layout->item(i);
        if (item->data(KeyRole).toString() == key) {
            m_filling = true;
            item->setCheckState(visible ? Qt::Checked : Qt::Unchecked);
            m_filling = false;
            if (saveLayout())
                return true;
            fillForType(); // back to what is stored
            return false;
        }
    }
    return false;
}

bool PanelLayoutPage::saveLayout()
{
    auto type = store().get<TicketType>(currentType());
    if (!type)
        return false;
    QStringList keys;
    for (int i = 0; i < m_layout->count(); ++i) {
        if (m_layout->item(i)->checkState() == Qt::Checked)
            keys.append(m_layout->item(i)->data(KeyRole).toString());
    }
    if (keys.isEmpty()) {
        // An empty layout means "the default one": keep at least one row.
        messageLine()->setText(tr("The details panel shows at least one property."));
        messageLine()->show();
        return false;
    }
    type->panelLayout = keys;
    return save(EntityKind::TicketType, *type);
}

} // namespace Tessera::Ui
