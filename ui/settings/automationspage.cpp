// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/automationspage.h"

#include "domain/automationrules.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "views/filterbuilder.h"
#include "views/symbolicons.h"
#include "views/viewlabels.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString actionLabel(const QString &type)
{
    static const QHash<QString, const char *> labels {
        { u"assign_round_robin"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Assign round-robin in") },
        { u"assign_agent"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Assign to agent") },
        { u"assign_department"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Assign to department") },
        { u"set_status"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Set status") },
        { u"set_status_category"_s,
            QT_TRANSLATE_NOOP("AutomationsPage", "Set first status in category") },
        { u"set_priority"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Set priority") },
        { u"set_type"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Set type") },
        { u"add_follower"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Add follower") },
        { u"apply_sla"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Apply SLA policy") },
        { u"add_internal_note"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Add internal note") },
        { u"add_public_reply"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Send public reply") },
        { u"move_to_project"_s, QT_TRANSLATE_NOOP("AutomationsPage", "Move to project") },
        { u"move_to_organization_project"_s,
            QT_TRANSLATE_NOOP("AutomationsPage", "Move to the customer's project") },
    };
    const char *label = labels.value(type);
    return label ? QCoreApplication::translate("AutomationsPage", label) : type;
}

QString triggerLabel(AutomationTrigger trigger)
{
    switch (trigger) {
    case AutomationTrigger::Created:
        return AutomationsPage::tr("Ticket created");
    case AutomationTrigger::Updated:
        return AutomationsPage::tr("Ticket updated");
    case AutomationTrigger::StatusChanged:
        return AutomationsPage::tr("Status changed");
    case AutomationTrigger::CustomerReply:
        return AutomationsPage::tr("Customer replied");
    case AutomationTrigger::AgentReply:
        return AutomationsPage::tr("Agent replied publicly");
    case AutomationTrigger::TimeBased:
        return AutomationsPage::tr("Time-based");
    }
    return {};
}

QString sinceLabel(const QString &event)
{
    if (event == u"created"_s)
        return AutomationsPage::tr("after creation");
    if (event == u"updated"_s)
        return AutomationsPage::tr("after the last update");
    if (event == u"pending"_s)
        return AutomationsPage::tr("after it went pending");
    if (event == u"first_response_due"_s)
        return AutomationsPage::tr("from the first response due time");
    if (event == u"resolution_due"_s)
        return AutomationsPage::tr("from the resolution due time");
    return event;
}

template<typename T>
QList<T> byName(QList<T> list)
{
    std::stable_sort(list.begin(), list.end(),
        [](const T &a, const T &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    return list;
}

} // namespace

ActionRow::ActionRow(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    m_type = new QComboBox(this);
    m_type->setObjectName(u"actionType"_s);
    for (const QString &type : automationActionTypes())
        m_type->addItem(actionLabel(type), type);
    m_parameter = new QComboBox(this);
    m_parameter->setObjectName(u"actionParameter"_s);
    m_remove = new QToolButton(this);
    m_remove->setIcon(symbolIcon(Symbol::Remove, this));
    m_remove->setToolTip(tr("Remove this action"));
    m_remove->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_type);
    layout->addWidget(m_parameter, 1);
    layout->addWidget(m_remove);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        fillParameter({});
        Q_EMIT changed();
    });
    connect(m_parameter, &QComboBox::currentIndexChanged, this, &ActionRow::changed);
    connect(m_remove, &QToolButton::clicked, this, &ActionRow::removeRequested);
    fillParameter({});
}

QString ActionRow::parameterKey(const QString &type)
{
    static const QHash<QString, QString> keys {
        { u"assign_round_robin"_s, u"department_id"_s },
        { u"assign_agent"_s, u"agent_id"_s },
        { u"assign_department"_s, u"department_id"_s },
        { u"set_status"_s, u"status_id"_s },
        { u"set_status_category"_s, u"category"_s },
        { u"set_priority"_s, u"priority"_s },
        { u"set_type"_s, u"type_id"_s },
        { u"add_follower"_s, u"person_id"_s },
        { u"apply_sla"_s, u"sla_policy_id"_s },
        { u"add_internal_note"_s, u"canned_response_id"_s },
        { u"add_public_reply"_s, u"canned_response_id"_s },
        { u"move_to_project"_s, u"project_id"_s },
    };
    return keys.value(type);
}

void ActionRow::fillParameter(const QJsonValue &keep)
{
    const QString type = m_type->currentData().toString();
    const QSignalBlocker block(m_parameter);
    m_parameter->clear();
    const auto add = [this](const QString &label, const QString &value, const QIcon &icon = {}) {
        m_parameter->addItem(icon, label, value);
    };
    if (type == u"assign_round_robin"_s)
        add(tr("the ticket's department"), QString());
    if (type == u"assign_round_robin"_s || type == u"assign_department"_s) {
        for (const Department &d : byName(m_store.all<Department>()))
            add(d.name, d.id.toString());
    } else if (type == u"assign_agent"_s || type == u"add_follower"_s) {
        for (const Person &p : byName(m_store.all<Person>())) {
            if (p.kind == PersonKind::Agent && p.active)
                add(p.name, p.id.toString());
        }
    } else if (type == u"set_status"_s) {
        QList<TicketType> types = m_store.all<TicketType>();
        std::stable_sort(types.begin(), types.end(),
            [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
        QList<Status> statuses = m_store.all<Status>();
        std::stable_sort(statuses.begin(), statuses.end(),
            [](const Status &a, const Status &b) { return a.position < b.position; });
        for (const TicketType &t : std::as_const(types)) {
            for (const Status &s : std::as_const(statuses)) {
                if (s.typeId == t.id)
                    add(t.name + u" › "_s + s.name, s.id.toString(),
                        TicketStyle::statusDot(QColor(s.color), palette()));
            }
        }
    } else if (type == u"set_status_category"_s) {
        for (const auto &[value, wire] : EnumNames<StatusCategory>::names)
            add(ViewLabels::enumValue(QString(wire)), QString(wire));
    } else if (type == u"set_priority"_s) {
        for (const auto &[value, wire] : EnumNames<Priority>::names)
            add(ViewLabels::enumValue(QString(wire)), QString(wire));
    } else if (type == u"set_type"_s) {
        for (const TicketType &t : byName(m_store.all<TicketType>()))
            add(t.name, t.id.toString(), TicketStyle::typeIcon(t.icon, QColor(t.color), t.name));
    } else if (type == u"apply_sla"_s) {
        for (const SlaPolicy &p : byName(m_store.all<SlaPolicy>()))
            add(p.name, p.id.toString());
    } else if (type == u"add_internal_note"_s || type == u"add_public_reply"_s) {
        for (const CannedResponse &c : byName(m_store.all<CannedResponse>())) {
            if (c.shared)
                add(c.name, c.id.toString());
        }
    } else if (type == u"move_to_project"_s) {
        for (const Project &p : byName(m_store.all<Project>()))
            add(p.name, p.id.toString());
    }
    // A value the cache does not know (yet) is kept, not silently replaced.
    if (!keep.isUndefined() && !keep.isNull() && m_parameter->findData(keep.toString()) < 0)
        add(tr("(unknown: %1)").arg(keep.toString()), keep.toString());
    m_parameter->setCurrentIndex(
        keep.isUndefined() || keep.isNull() ? 0 : m_parameter->findData(keep.toString()));
    m_parameter->setVisible(!parameterKey(type).isEmpty());
}

QJsonObject ActionRow::action() const
{
    const QString type = m_type->currentData().toString();
    QJsonObject action { { u"type"_s, type } };
    const QString key = parameterKey(type);
    const QString value = m_parameter->currentData().toString();
    if (!key.isEmpty() && !value.isEmpty())
        action.insert(key, value);
    return action;
}

void ActionRow::setAction(const QJsonObject &action)
{
    const QString type = action.value(u"type"_s).toString();
    {
        const QSignalBlocker block(m_type);
        int index = m_type->findData(type);
        if (index < 0) {
            m_type->addItem(type, type);
            index = m_type->count() - 1;
        }
        m_type->setCurrentIndex(index);
    }
    fillParameter(action.value(parameterKey(type)));
}

AutomationsPage::AutomationsPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"automationsPage"_s);
    m_catalogue = std::make_unique<ViewCatalogue>(&store, this->context());

    m_rules = new QListWidget(this);
    m_rules->setObjectName(u"ruleList"_s);
    m_rules->setProperty("settingsNavigation", true);
    m_rules->setMaximumWidth(220);
    m_rules->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const auto button = [this](Symbol symbol, const QString &tip, const QString &name) {
        auto *b = new QToolButton(this);
        b->setIcon(symbolIcon(symbol, this));
        b->setToolTip(tip);
        b->setObjectName(name);
        b->setAutoRaise(true);
        return b;
    };
    auto *add = button(Symbol::Add, tr("Add a rule"), u"addRule"_s);
    auto *remove = button(Symbol::Remove, tr("Remove the rule"), u"removeRule"_s);
    auto *up = button(Symbol::Up, tr("Run earlier"), u"ruleUp"_s);
    auto *down = button(Symbol::Down, tr("Run later"), u"ruleDown"_s);
    auto *listButtons = new QHBoxLayout;
    for (QToolButton *b : { add, remove, up, down })
        listButtons->addWidget(b);
    listButtons->addStretch();
    auto *left = new QVBoxLayout;
    auto *rulesLabel = new QLabel(tr("Rules run in this order; unchecked ones are off."), this);
    rulesLabel->setWordWrap(true);
    rulesLabel->setMaximumWidth(220);
    left->addWidget(rulesLabel);
    left->addWidget(m_rules, 1);
    left->addLayout(listButtons);

    m_editor = new QWidget(this);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(u"ruleName"_s);
    m_trigger = new QComboBox(m_editor);
    m_trigger->setObjectName(u"ruleTrigger"_s);
    for (const auto &[value, wire] : EnumNames<AutomationTrigger>::names)
        m_trigger->addItem(triggerLabel(value), QString(wire));
    m_schedule = new QWidget(m_editor);
    m_hours = new QSpinBox(m_schedule);
    m_hours->setObjectName(u"ruleHours"_s);
    m_hours->setRange(-8760, 8760);
    m_hours->setSuffix(tr(" h"));
    m_since = new QComboBox(m_schedule);
    m_since->setObjectName(u"ruleSince"_s);
    for (const QString &event : automationScheduleEvents())
        m_since->addItem(sinceLabel(event), event);
    auto *scheduleLayout = new QHBoxLayout(m_schedule);
    scheduleLayout->setContentsMargins(0, 0, 0, 0);
    scheduleLayout->addWidget(m_hours);
    scheduleLayout->addWidget(m_since, 1);
    m_filter = new FilterBuilder(*m_catalogue, m_editor);
    m_filter->setObjectName(u"ruleConditions"_s);
    auto *actionsBox = new QWidget(m_editor);
    m_actionsLayout = new QVBoxLayout(actionsBox);
    m_actionsLayout->setContentsMargins(0, 0, 0, 0);
    auto *addActionButton
        = new QPushButton(symbolIcon(Symbol::Add, this), tr("Add &Action"), m_editor);
    addActionButton->setObjectName(u"addAction"_s);
    m_actionsLayout->addWidget(addActionButton, 0, Qt::AlignLeft);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&When:"), m_trigger);
    form->addRow(tr("Ti&ming:"), m_schedule);
    auto *conditionsBox = new QGroupBox(tr("Conditions"), m_editor);
    auto *conditionsLayout = new QVBoxLayout(conditionsBox);
    conditionsLayout->addWidget(m_filter);
    auto *actionsGroup = new QGroupBox(tr("Actions"), m_editor);
    auto *actionsGroupLayout = new QVBoxLayout(actionsGroup);
    actionsGroupLayout->addWidget(actionsBox);
    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    editorLayout->addWidget(conditionsBox);
    editorLayout->addWidget(actionsGroup);
    editorLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_save = new QPushButton(tr("&Save Rule"), this);
    m_save->setObjectName(u"saveRule"_s);
    m_revert = new QPushButton(tr("&Revert"), this);
    m_revert->setObjectName(u"revertRule"_s);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(messageLine(), 1);
    saveRow->addStretch();
    saveRow->addWidget(m_revert);
    saveRow->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addWidget(scroll, 1);
    right->addLayout(saveRow);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(m_rules, &QListWidget::currentRowChanged, this, [this] { fillEditor(); });
    connect(m_rules, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_filling)
            return;
        auto rule = this->store().get<Automation>(
            AutomationId::fromString(item->data(IdRole).toString()));
        if (!rule)
            return;
        rule->enabled = item->checkState() == Qt::Checked;
        if (!isEditable() || !save(EntityKind::Automation, *rule))
            reload();
    });
    connect(add, &QToolButton::clicked, this, [this] { addRule(tr("New rule")); });
    connect(remove, &QToolButton::clicked, this, [this] {
        if (m_rules->currentItem() && confirmRemoval(m_rules->currentItem()->text()))
            removeCurrentRule();
    });
    connect(up, &QToolButton::clicked, this, [this] { moveCurrentRule(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveCurrentRule(1); });
    connect(addActionButton, &QPushButton::clicked, this, [this] { addAction(); });
    connect(m_save, &QPushButton::clicked, this, [this] { saveRule(); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        setModified(false);
        fillEditor();
    });
    const auto touched = [this] {
        if (!m_filling)
            setModified(true);
    };
    connect(m_name, &QLineEdit::textEdited, this, touched);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, [this, touched] {
        updateSchedule();
        touched();
    });
    connect(m_since, &QComboBox::currentIndexChanged, this, touched);
    connect(m_hours, &QSpinBox::valueChanged, this, touched);
    connect(m_filter, &FilterBuilder::changed, this, touched);
    reload();
}

AutomationsPage::~AutomationsPage() = default;

QString AutomationsPage::title() const
{
    return tr("Automations");
}

QList<Automation> AutomationsPage::sortedRules() const
{
    return inPositionOrder(store().all<Automation>());
}

AutomationId AutomationsPage::currentRule() const
{
    return rowId<AutomationId>(m_rules->currentItem());
}

void AutomationsPage::selectRule(AutomationId id)
{
    selectRow(m_rules, id.toString());
}

void AutomationsPage::reload()
{
    const AutomationId keep = currentRule();
    m_filling = true;
    m_rules->clear();
    for (const Automation &rule : sortedRules()) {
        auto *item = new QListWidgetItem(rule.name, m_rules);
        item->setData(IdRole, rule.id.toString());
        item->setToolTip(triggerLabel(rule.trigger));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    // A rule being edited stays in the editor: the agent's input wins.
    const bool keepEditor = m_modified;
    {
        const QSignalBlocker block(m_rules);
        selectRule(keep);
        if (!m_rules->currentItem() && m_rules->count() > 0 && !keepEditor)
            m_rules->setCurrentRow(0);
    }
    if (!keepEditor)
        fillEditor();
    applyEditable();
}

void AutomationsPage::setModified(bool modified)
{
    m_modified = modified;
    m_save->setProperty("settingsDisabled", !modified);
    m_revert->setProperty("settingsDisabled", !modified);
    m_save->setEnabled(modified && isEditable());
    m_revert->setEnabled(modified && isEditable());
}

void AutomationsPage::updateSchedule()
{
    m_schedule->setEnabled(
        m_trigger->currentData().toString() == toWireName(AutomationTrigger::TimeBased));
}

void AutomationsPage::fillEditor()
{
    if (m_filling)
        return;
    const auto rule = store().get<Automation>(currentRule());
    m_editor->setVisible(rule.has_value());
    editRule(rule.value_or(Automation {}));
    setModified(false);
}

void AutomationsPage::editRule(const Automation &rule)
{
    m_filling = true;
    m_loaded = rule;
    m_name->setText(rule.name);
    m_trigger->setCurrentIndex(m_trigger->findData(toWireName(rule.trigger)));
    m_hours->setValue(rule.schedule.value(u"hours"_s).toInt());
    const int since = m_since->findData(rule.schedule.value(u"since"_s).toString());
    m_since->setCurrentIndex(since >= 0 ? since : 0);
    m_filter->setFilter(filterFromConditions(rule.conditions));
    qDeleteAll(m_actionRows);
    m_actionRows.clear();
    for (const QJsonValue &action : rule.actions)
        addAction()->setAction(action.toObject());
    updateSchedule();
    m_filling = false;
    applyEditable();
    setModified(m_modified);
}

ActionRow *AutomationsPage::addAction()
{
    auto *row = new ActionRow(store(), m_editor);
    m_actionsLayout->insertWidget(m_actionsLayout->count() - 1, row);
    m_actionRows.append(row);
    connect(row, &ActionRow::changed, this, [this] {
        if (!m_filling)
            setModified(true);
    });
    connect(row, &ActionRow::removeRequested, this, [this, row] {
        m_actionRows.removeOne(row);
        row->deleteLater();
        setModified(true);
    });
    if (!m_filling) {
        setModified(true);
        applyEditable();
    }
    return row;
}

Automation AutomationsPage::editedRule() const
{
    Automation rule = m_loaded;
    rule.name = m_name->text().trimmed();
    rule.trigger = fromWireName<AutomationTrigger>(m_trigger->currentData().toString())
                       .value_or(rule.trigger);
    rule.schedule = rule.trigger == AutomationTrigger::TimeBased
        ? QJsonObject { { u"since"_s, m_since->currentData().toString() },
              { u"hours"_s, m_hours->value() } }
        : QJsonObject();
    rule.conditions = conditionsFromFilter(m_filter->filter());
    QJsonArray actions;
    for (const ActionRow *row : m_actionRows)
        actions.append(row->action());
    rule.actions = actions;
    return rule;
}

bool AutomationsPage::saveRule()
{
    const Automation rule = editedRule();
    if (!rule.id.isValid())
        return false;
    if (rule.name.isEmpty()) {
        messageLine()->setText(tr("A rule needs a name."));
        messageLine()->show();
        return false;
    }
    if (auto valid = validateAutomation(rule); !valid) {
        messageLine()->setText(valid.error().message);
        messageLine()->show();
        return false;
    }
    if (!save(EntityKind::Automation, rule))
        return false;
    setModified(false);
    return true;
}

AutomationId AutomationsPage::addRule(const QString &name)
{
    const QList<Automation> rules = sortedRules();
    Automation rule;
    rule.id = AutomationId::create();
    rule.name = name;
    rule.enabled = false; // an empty rule does nothing until it is finished
    rule.position = rules.isEmpty() ? 0 : rules.last().position + 1;
    rule.actions
        = { QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"normal"_s } } };
    if (!save(EntityKind::Automation, rule))
        return {};
    setModified(false);
    reload();
    selectRule(rule.id);
    return rule.id;
}

bool AutomationsPage::removeCurrentRule()
{
    const AutomationId id = currentRule();
    if (!id.isValid())
        return false;
    setModified(false);
    return remove(EntityKind::Automation, id.as<EntityId>());
}

void AutomationsPage::moveCurrentRule(int step)
{
    moveInOrder(EntityKind::Automation, sortedRules(), currentRule(), step);
}

} // namespace Tessera::Ui
