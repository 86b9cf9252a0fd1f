// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/slapoliciespage.h"

#include "protocol/codecs.h"
#include "store/store.h"
#include "views/filterbuilder.h"
#include "views/symbolicons.h"
#include "views/viewlabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimeEdit>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QSpinBox *spin(int max, const QString &suffix, const QString &name, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, max);
    box->setSuffix(suffix);
    box->setObjectName(name);
    return box;
}

} // namespace

SlaPoliciesPage::SlaPoliciesPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"slaPoliciesPage"_s);
    m_catalogue = std::make_unique<ViewCatalogue>(&store, this->context());

    m_policies = new QListWidget(this);
    m_policies->setObjectName(u"policyList"_s);
    m_policies->setProperty("settingsNavigation", true);
    m_policies->setMaximumWidth(200);
    m_policies->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const auto button = [this](Symbol symbol, const QString &tip, const QString &name) {
        auto *b = new QToolButton(this);
        b->setIcon(symbolIcon(symbol, this));
        b->setToolTip(tip);
        b->setObjectName(name);
        b->setAutoRaise(true);
        return b;
    };
    auto *add = button(Symbol::Add, tr("Add a policy"), u"addPolicy"_s);
    auto *remove = button(Symbol::Remove, tr("Remove the policy"), u"removePolicy"_s);
    auto *up = button(Symbol::Up, tr("Match earlier"), u"policyUp"_s);
    auto *down = button(Symbol::Down, tr("Match later"), u"policyDown"_s);
    auto *listButtons = new QHBoxLayout;
    for (QToolButton *b : { add, remove, up, down })
        listButtons->addWidget(b);
    listButtons->addStretch();
    auto *hint = new QLabel(
        tr("A ticket gets the first enabled policy whose conditions it matches."), this);
    hint->setWordWrap(true);
    hint->setMaximumWidth(200);
    auto *left = new QVBoxLayout;
    left->addWidget(hint);
    left->addWidget(m_policies, 1);
    left->addLayout(listButtons);

    m_editor = new QWidget(this);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(u"policyName"_s);
    m_filter = new FilterBuilder(*m_catalogue, m_editor);
    m_filter->setObjectName(u"policyConditions"_s);

    auto *targets = new QGroupBox(tr("Targets (business time)"), m_editor);
    auto *grid = new QGridLayout(targets);
    grid->addWidget(new QLabel(tr("First response"), targets), 0, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Resolution"), targets), 0, 3, 1, 2);
    int row = 1;
    for (const auto &[priority, wire] : EnumNames<Priority>::names) {
        const QString key = QString(wire);
        grid->addWidget(new QLabel(ViewLabels::enumValue(key), targets), row, 0);
        m_responseHours.append(spin(9999, tr(" h"), u"responseHours:"_s + key, targets));
        m_responseMinutes.append(spin(59, tr(" min"), u"responseMinutes:"_s + key, targets));
        m_resolutionHours.append(spin(9999, tr(" h"), u"resolutionHours:"_s + key, targets));
        m_resolutionMinutes.append(spin(59, tr(" min"), u"resolutionMinutes:"_s + key, targets));
        grid->addWidget(m_responseHours.last(), row, 1);
        grid->addWidget(m_responseMinutes.last(), row, 2);
        grid->addWidget(m_resolutionHours.last(), row, 3);
        grid->addWidget(m_resolutionMinutes.last(), row, 4);
        ++row;
    }
    auto *none = new QLabel(tr("0 h 0 min: no target."), targets);
    grid->addWidget(none, row, 0, 1, 5);

    auto *hoursBox = new QGroupBox(tr("Business hours"), m_editor);
    m_start = new QTimeEdit(hoursBox);
    m_start->setObjectName(u"businessStart"_s);
    m_start->setDisplayFormat(u"HH:mm"_s);
    m_end = new QTimeEdit(hoursBox);
    m_end->setObjectName(u"businessEnd"_s);
    m_end->setDisplayFormat(u"HH:mm"_s);
    auto *hoursRow = new QHBoxLayout;
    hoursRow->addWidget(m_start);
    hoursRow->addWidget(new QLabel(tr("to"), hoursBox));
    hoursRow->addWidget(m_end);
    hoursRow->addStretch();
    auto *daysRow = new QHBoxLayout;
    for (int day = 1; day <= 7; ++day) {
        auto *box = new QCheckBox(QLocale().dayName(day, QLocale::ShortFormat), hoursBox);
        box->setObjectName(u"businessDay%1"_s.arg(day));
        m_days.append(box);
        daysRow->addWidget(box);
    }
    daysRow->addStretch();
    m_timeZone = new QComboBox(hoursBox);
    m_timeZone->setObjectName(u"timeZone"_s);
    m_timeZone->addItem(tr("UTC"), QString());
    for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromUtf8(zone), QString::fromUtf8(zone));
    m_holidays = new QListWidget(hoursBox);
    m_holidays->setObjectName(u"holidayList"_s);
    m_holidays->setMaximumHeight(90);
    m_holiday = new QDateEdit(QDate::currentDate(), hoursBox);
    m_holiday->setObjectName(u"holidayDate"_s);
    m_holiday->setCalendarPopup(true);
    auto *addHoliday = new QPushButton(tr("Add &Holiday"), hoursBox);
    addHoliday->setObjectName(u"addHoliday"_s);
    auto *removeHoliday = new QPushButton(tr("Remove"), hoursBox);
    removeHoliday->setObjectName(u"removeHoliday"_s);
    auto *holidayRow = new QHBoxLayout;
    holidayRow->addWidget(m_holiday);
    holidayRow->addWidget(addHoliday);
    holidayRow->addWidget(removeHoliday);
    holidayRow->addStretch();
    auto *hoursForm = new QFormLayout(hoursBox);
    auto *hoursLabel = new QLabel(tr("&Hours:"), hoursBox);
    hoursLabel->setBuddy(m_start);
    hoursForm->addRow(hoursLabel, hoursRow);
    hoursForm->addRow(tr("Days:"), daysRow);
    hoursForm->addRow(tr("&Time zone:"), m_timeZone);
    hoursForm->addRow(tr("Holidays:"), m_holidays);
    hoursForm->addRow(QString(), holidayRow);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *conditionsBox = new QGroupBox(tr("Applies to tickets that match"), m_editor);
    auto *conditionsLayout = new QVBoxLayout(conditionsBox);
    conditionsLayout->addWidget(m_filter);
    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    editorLayout->addWidget(conditionsBox);
    editorLayout->addWidget(targets);
    editorLayout->addWidget(hoursBox);
    editorLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_save = new QPushButton(tr("&Save Policy"), this);
    m_save->setObjectName(u"savePolicy"_s);
    m_revert = new QPushButton(tr("&Revert"), this);
    m_revert->setObjectName(u"revertPolicy"_s);
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

    const auto touched = [this] {
        if (!m_filling)
            setModified(true);
    };
    connect(m_policies, &QListWidget::currentRowChanged, this, [this] { fillEditor(); });
    connect(m_policies, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_filling)
            return;
        auto policy
            = this->store().get<SlaPolicy>(SlaPolicyId::fromString(item->data(IdRole).toString()));
        if (!policy)
            return;
        policy->enabled = item->checkState() == Qt::Checked;
        if (!isEditable() || !save(EntityKind::SlaPolicy, *policy))
            reload();
    });
    connect(add, &QToolButton::clicked, this, [this] { addPolicy(tr("New policy")); });
    connect(remove, &QToolButton::clicked, this, [this] {
        if (m_policies->currentItem() && confirmRemoval(m_policies->currentItem()->text()))
            removeCurrentPolicy();
    });
    connect(up, &QToolButton::clicked, this, [this] { moveCurrentPolicy(-1); });
    connect(down, &QToolButton::clicked, this, [this] { moveCurrentPolicy(1); });
    connect(m_save, &QPushButton::clicked, this, [this] { savePolicy(); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        setModified(false);
        fillEditor();
    });
    connect(addHoliday, &QPushButton::clicked, this, [this, touched] {
        const QString date = m_holiday->date().toString(Qt::ISODate);
        if (m_holidays->findItems(date, Qt::MatchExactly).isEmpty()) {
            m_holidays->addItem(date);
            m_holidays->sortItems();
            touched();
        }
    });
    connect(removeHoliday, &QPushButton::clicked, this, [this, touched] {
        delete m_holidays->currentItem();
        touched();
    });
    connect(m_name, &QLineEdit::textEdited, this, touched);
    connect(m_filter, &FilterBuilder::changed, this, touched);
    for (const auto &list :
        { m_responseHours, m_responseMinutes, m_resolutionHours, m_resolutionMinutes }) {
        for (QSpinBox *box : list)
            connect(box, &QSpinBox::valueChanged, this, touched);
    }
    connect(m_start, &QTimeEdit::timeChanged, this, touched);
    connect(m_end, &QTimeEdit::timeChanged, this, touched);
    for (QCheckBox *box : std::as_const(m_days))
        connect(box, &QCheckBox::toggled, this, touched);
    connect(m_timeZone, &QComboBox::currentIndexChanged, this, touched);
    reload();
}

SlaPoliciesPage::~SlaPoliciesPage() = default;

QString SlaPoliciesPage::title() const
{
    return tr("SLA Policies");
}

QList<SlaPolicy> SlaPoliciesPage::sortedPolicies() const
{
    return inPositionOrder(store().all<SlaPolicy>());
}

SlaPolicyId SlaPoliciesPage::currentPolicy() const
{
    return rowId<SlaPolicyId>(m_policies->currentItem());
}

void SlaPoliciesPage::selectPolicy(SlaPolicyId id)
{
    selectRow(m_policies, id.toString());
}

void SlaPoliciesPage::reload()
{
    const SlaPolicyId keep = currentPolicy();
    m_filling = true;
    m_policies->clear();
    for (const SlaPolicy &policy : sortedPolicies()) {
        auto *item = new QListWidgetItem(policy.name, m_policies);
        item->setData(IdRole, policy.id.toString());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(policy.enabled ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    const bool keepEditor = m_modified;
    {
        const QSignalBlocker block(m_policies);
        selectPolicy(keep);
        if (!m_policies->currentItem() && m_policies->count() > 0 && !keepEditor)
            m_policies->setCurrentRow(0);
    }
    if (!keepEditor)
        fillEditor();
    applyEditable();
}

void SlaPoliciesPage::setModified(bool modified)
{
    m_modified = modified;
    m_save->setProperty("settingsDisabled", !modified);
    m_revert->setProperty("settingsDisabled", !modified);
    m_save->setEnabled(modified && isEditable());
    m_revert->setEnabled(modified && isEditable());
}

void SlaPoliciesPage::fillEditor()
{
    if (m_filling)
        return;
    const auto policy = store().get<SlaPolicy>(currentPolicy());
    m_editor->setVisible(policy.has_value());
    editPolicy(policy.value_or(SlaPolicy {}));
    setModified(false);
}

void SlaPoliciesPage::editPolicy(const SlaPolicy &policy)
{
    m_filling = true;
    m_loaded = policy;
    m_name->setText(policy.name);
    m_filter->setFilter(filterFromConditions(policy.conditions));
    for (qsizetype i = 0; i < m_responseHours.size(); ++i) {
        const int response = policy.firstResponseMinutes.value(i);
        const int resolution = policy.resolutionMinutes.value(i);
        m_responseHours.at(i)->setValue(response / 60);
        m_responseMinutes.at(i)->setValue(response % 60);
        m_resolutionHours.at(i)->setValue(resolution / 60);
        m_resolutionMinutes.at(i)->setValue(resolution % 60);
    }
    m_start->setTime(QTime::fromString(policy.businessHoursStart, u"HH:mm"_s));
    m_end->setTime(QTime::fromString(policy.businessHoursEnd, u"HH:mm"_s));
    for (qsizetype i = 0; i < m_days.size(); ++i)
        m_days.at(i)->setChecked(policy.businessDays.contains(int(i) + 1));
    m_holidays->clear();
    for (const QDate &day : policy.holidays)
        m_holidays->addItem(day.toString(Qt::ISODate));
    m_holidays->sortItems();
    int zone = m_timeZone->findData(policy.timeZone);
    if (zone < 0) {
        m_timeZone->addItem(policy.timeZone, policy.timeZone);
        zone = m_timeZone->count() - 1;
    }
    m_timeZone->setCurrentIndex(zone);
    m_filling = false;
    applyEditable();
    setModified(m_modified);
}

SlaPolicy SlaPoliciesPage::editedPolicy() const
{
    SlaPolicy policy = m_loaded;
    policy.name = m_name->text().trimmed();
    policy.conditions = conditionsFromFilter(m_filter->filter());
    policy.firstResponseMinutes.clear();
    policy.resolutionMinutes.clear();
    for (qsizetype i = 0; i < m_responseHours.size(); ++i) {
        policy.firstResponseMinutes.append(
            m_responseHours.at(i)->value() * 60 + m_responseMinutes.at(i)->value());
        policy.resolutionMinutes.append(
            m_resolutionHours.at(i)->value() * 60 + m_resolutionMinutes.at(i)->value());
    }
    policy.businessHoursStart = m_start->time().toString(u"HH:mm"_s);
    policy.businessHoursEnd = m_end->time().toString(u"HH:mm"_s);
    policy.businessDays.clear();
    for (qsizetype i = 0; i < m_days.size(); ++i) {
        if (m_days.at(i)->isChecked())
            policy.businessDays.append(int(i) + 1);
    }
    policy.holidays.clear();
    for (int i = 0; i < m_holidays->count(); ++i)
        policy.holidays.append(QDate::fromString(m_holidays->item(i)->text(), Qt::ISODate));
    policy.timeZone = m_timeZone->currentData().toString();
    return policy;
}

bool SlaPoliciesPage::savePolicy()
{
    const SlaPolicy policy = editedPolicy();
    if (!policy.id.isValid())
        return false;
    if (policy.name.isEmpty()) {
        messageLine()->setText(tr("A policy needs a name."));
        messageLine()->show();
        return false;
    }
    if (!save(EntityKind::SlaPolicy, policy))
        return false;
    setModified(false);
    return true;
}

SlaPolicyId SlaPoliciesPage::addPolicy(const QString &name)
{
    const QList<SlaPolicy> policies = sortedPolicies();
    SlaPolicy policy;
    policy.id = SlaPolicyId::create();
    policy.name = name;
    policy.enabled = false; // off until its targets are set
    policy.position = policies.isEmpty() ? 0 : policies.last().position + 1;
    policy.firstResponseMinutes = { 480, 240, 120, 60 };
    policy.resolutionMinutes = { 4800, 2400, 960, 480 };
    policy.businessHoursStart = u"09:00"_s;
    policy.businessHoursEnd = u"17:00"_s;
    policy.businessDays = { 1, 2, 3, 4, 5 };
    if (!save(EntityKind::SlaPolicy, policy))
        return {};
    setModified(false);
    reload();
    selectPolicy(policy.id);
    return policy.id;
}

bool SlaPoliciesPage::removeCurrentPolicy()
{
    const SlaPolicyId id = currentPolicy();
    if (!id.isValid())
        return false;
    setModified(false);
    return remove(EntityKind::SlaPolicy, id.as<EntityId>());
}

void SlaPoliciesPage::moveCurrentPolicy(int step)
{
    moveInOrder(EntityKind::SlaPolicy, sortedPolicies(), currentPolicy(), step);
}

} // namespace Tessera::Ui
