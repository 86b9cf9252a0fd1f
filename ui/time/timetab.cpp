// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timetab.h"

#include "protocol/codecs.h"
#include "store/store.h"
#include "time/duration.h"
#include "time/timeentrydialog.h"
#include "time/timesheet.h"
#include "time/workflow.h"
#include "time/worktimer.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
enum Column { AgentColumn, DateColumn, DurationColumn, BillableColumn, NoteColumn };
} // namespace

TimeTab::TimeTab(Store &store, PersonId me, QWidget *parent)
    : DetailsTab(store, parent)
    , m_me(me)
{
    m_view = new QTreeWidget(this);
    m_view->setObjectName(u"timeList"_s);
    m_view->setColumnCount(5);
    m_view->setHeaderLabels(
        { tr("Agent"), tr("Date"), tr("Duration"), tr("Billable"), tr("Note") });
    m_view->setRootIsDecorated(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    for (int c : { AgentColumn, DateColumn, DurationColumn, BillableColumn })
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_totals = new QLabel(this);
    m_totals->setObjectName(u"timeTotals"_s);
    m_totals->setWordWrap(true);

    m_work = new QPushButton(this);
    m_work->setObjectName(u"timeStartStop"_s);
    m_work->hide();
    m_add = new QPushButton(QIcon::fromTheme(u"list-add"_s), tr("&Log Time…"), this);
    m_add->setObjectName(u"timeAdd"_s);
    m_edit = new QPushButton(QIcon::fromTheme(u"document-edit"_s), tr("&Edit…"), this);
    m_edit->setObjectName(u"timeEdit"_s);
    m_delete = new QPushButton(QIcon::fromTheme(u"edit-delete"_s), tr("&Delete"), this);
    m_delete->setObjectName(u"timeDelete"_s);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_work);
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_totals);

    connect(m_add, &QPushButton::clicked, this, &TimeTab::addEntry);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (const auto entry = selected())
            editEntry(*entry);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (const auto entry = selected())
            deleteEntry(*entry);
    });
    connect(m_view, &QTreeWidget::itemActivated, this, [this] {
        if (const auto entry = selected(); entry && mayEdit(*entry))
            editEntry(*entry);
    });
    connect(m_view, &QTreeWidget::itemSelectionChanged, this, &TimeTab::updateButtons);
    connect(m_work, &QPushButton::clicked, this, [this] {
        if (!m_timer)
            return;
        if (m_timer->isRunningOn(ticket()))
            TimeWorkflow::stopWork(*m_timer, this->store(), this);
        else
            TimeWorkflow::startWork(*m_timer, ticket(), this);
    });
    updateButtons();
}

TimeTab::~TimeTab() = default;

void TimeTab::setWorkTimer(WorkTimer *timer)
{
    m_timer = timer;
    m_work->setVisible(timer != nullptr);
    if (timer)
        connect(timer, &WorkTimer::runningChanged, this, &TimeTab::updateButtons);
    updateButtons();
}

bool TimeTab::dependsOn(EntityKind kind) const
{
    return kind == EntityKind::TimeEntry || kind == EntityKind::Person;
}

bool TimeTab::mayEdit(const TimeEntry &entry) const
{
    if (entry.personId == m_me)
        return true;
    const auto me = lookup().person(m_me);
    return me && (me->role == Role::Lead || me->role == Role::Admin);
}

void TimeTab::reload()
{
    const QString current = selected() ? selected()->id.toString() : QString();
    m_entries = ticket().isValid() ? ticketTimeEntries(store(), ticket()) : QList<TimeEntry>();
    m_view->clear();
    for (const TimeEntry &e : std::as_const(m_entries)) {
        auto *item = new QTreeWidgetItem(m_view);
        item->setText(AgentColumn, lookup().personName(e.personId));
        item->setText(DateColumn, QLocale().toString(e.date, QLocale::ShortFormat));
        item->setText(DurationColumn, formatMinutes(e.minutes));
        item->setTextAlignment(DurationColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(BillableColumn, e.billable ? tr("Billable") : tr("Non-billable"));
        item->setText(NoteColumn, e.note.section(u'\n', 0, 0));
        item->setToolTip(NoteColumn, e.note);
        item->setData(AgentColumn, Qt::UserRole, e.id.toString());
        if (e.id.toString() == current)
            item->setSelected(true);
    }
    const TimeTotals totals = totalsOf(m_entries);
    m_totals->setText(m_entries.isEmpty()
            ? tr("No time logged yet.")
            : tr("Actual work <b>%1</b> · billable %2 · non-billable %3")
                  .arg(formatMinutes(totals.minutes), formatMinutes(totals.billable),
                      formatMinutes(totals.nonBillable())));
    updateButtons();
}

std::optional<TimeEntry> TimeTab::selected() const
{
    const QList<QTreeWidgetItem *> items = m_view->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const QString id = items.first()->data(AgentColumn, Qt::UserRole).toString();
    for (const TimeEntry &e : m_entries) {
        if (e.id.toString() == id)
            return e;
    }
    return std::nullopt;
}

void TimeTab::updateButtons()
{
    const auto entry = selected();
    const bool editable = entry && mayEdit(*entry);
    m_add->setEnabled(ticket().isValid());
    m_edit->setEnabled(editable);
    m_delete->setEnabled(editable);
    const QString why
        = entry && !editable ? tr("Only leads and admins change other agents' time.") : QString();
    m_edit->setToolTip(why);
    m_delete->setToolTip(why);
    if (m_timer) {
        const bool here = m_timer->isRunningOn(ticket());
        m_work->setText(here ? tr("&Stop Work…") : tr("&Start Work"));
        m_work->setIcon(
            QIcon::fromTheme(here ? u"media-playback-stop"_s : u"media-playback-start"_s));
        m_work->setEnabled(ticket().isValid());
    }
}

void TimeTab::report(const Result<void> &done, const QString &what)
{
    if (!done)
        QMessageBox::warning(
            this, what, tr("The change was not saved: %1").arg(done.error().message));
}

void TimeTab::addEntry()
{
    if (!ticket().isValid())
        return;
    TimeEntryDialog dialog(
        TimeEntryDialog::Purpose::Add, TimeWorkflow::ticketText(store(), ticket()), this);
    TimeEntryDraft draft;
    draft.ticketId = ticket();
    draft.date = QDate::currentDate();
    draft.billable = m_timer ? m_timer->billableByDefault() : TimeWorkflow::billableByDefault();
    dialog.setDraft(draft);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const TimeEntryDraft entered = dialog.draft();
    const TimeEntry entry { TimeEntryId::create(), ticket(), m_me, entered.date, entered.minutes,
        entered.billable, entered.note, 0 };
    report(store().apply(Mutation::creating(EntityKind::TimeEntry, entry, m_me)),
        tr("Time Not Logged"));
}

void TimeTab::editEntry(const TimeEntry &entry)
{
    if (!mayEdit(entry))
        return;
    TimeEntryDialog dialog(
        TimeEntryDialog::Purpose::Edit, TimeWorkflow::ticketText(store(), entry.ticketId), this);
    if (entry.personId != m_me)
        dialog.setDetail(tr("Logged by %1").arg(lookup().personName(entry.personId)));
    dialog.setDraft({ entry.ticketId, entry.date, entry.minutes, entry.billable, entry.note });
    if (dialog.exec() != QDialog::Accepted)
        return;
    const TimeEntryDraft entered = dialog.draft();
    TimeEntry changed = entry;
    changed.date = entered.date;
    changed.minutes = entered.minutes;
    changed.billable = entered.billable;
    changed.note = entered.note;
    const QJsonObject before = Protocol::toJson(entry);
    const QJsonObject after = Protocol::toJson(changed);
    QJsonObject changes;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changes.insert(it.key(), it.value());
    }
    if (changes.isEmpty())
        return;
    report(store().apply(Mutation::updating(
               EntityKind::TimeEntry, entry.id.as<EntityId>(), before, changes, m_me)),
        tr("Time Entry Not Changed"));
}

void TimeTab::deleteEntry(const TimeEntry &entry)
{
    if (!mayEdit(entry))
        return;
    const auto answer = QMessageBox::question(this, tr("Delete Time Entry"),
        tr("Delete %1 logged by %2 on %3?")
            .arg(formatMinutes(entry.minutes), lookup().personName(entry.personId),
                QLocale().toString(entry.date, QLocale::ShortFormat)));
    if (answer != QMessageBox::Yes)
        return;
    report(store().apply(Mutation::deleting(
               EntityKind::TimeEntry, entry.id.as<EntityId>(), Protocol::toJson(entry), m_me)),
        tr("Time Entry Not Deleted"));
}

} // namespace Tessera::Ui
