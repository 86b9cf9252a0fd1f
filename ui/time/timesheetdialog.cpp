// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timesheetdialog.h"

#include "store/store.h"
#include "time/duration.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
const QString AgentKey = u"Timesheet/agent"_s;
const QString GeometryKey = u"Timesheet/geometry"_s;
constexpr int DayColumns = 7;
} // namespace

TimesheetDialog::TimesheetDialog(const Store &store, PersonId me, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_me(me)
{
    setObjectName(u"timesheetDialog"_s);
    setWindowTitle(tr("Timesheet"));

    const auto myself = store.get<Person>(me);
    const bool seesEveryone = myself && (myself->role == Role::Lead || myself->role == Role::Admin);
    m_agent = new QComboBox(this);
    m_agent->setObjectName(u"timesheetAgent"_s);
    QList<Person> agents;
    for (const Person &p : store.all<Person>()) {
        if (p.kind == PersonKind::Agent && (p.id == me || (seesEveryone && p.active)))
            agents.append(p);
    }
    std::sort(agents.begin(), agents.end(), [](const Person &a, const Person &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const Person &p : std::as_const(agents))
        m_agent->addItem(p.name, p.id.toString());
    m_agent->setEnabled(seesEveryone);
    m_agent->setToolTip(seesEveryone ? tr("Whose week to show")
                                     : tr("Leads and admins see other agents' timesheets."));

    auto *previous = new QToolButton(this);
    previous->setObjectName(u"timesheetPrevious"_s);
    previous->setIcon(QIcon::fromTheme(u"go-previous"_s));
    previous->setText(tr("Previous Week"));
    previous->setToolTip(tr("Previous week (Alt+Left)"));
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    auto *next = new QToolButton(this);
    next->setObjectName(u"timesheetNext"_s);
    next->setIcon(QIcon::fromTheme(u"go-next"_s));
    next->setText(tr("Next Week"));
    next->setToolTip(tr("Next week (Alt+Right)"));
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    auto *thisWeek = new QPushButton(tr("This &Week"), this);
    m_weekLabel = new QLabel(this);
    m_weekLabel->setObjectName(u"timesheetWeek"_s);
    QFont bold = m_weekLabel->font();
    bold.setBold(true);
    m_weekLabel->setFont(bold);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("&Agent:"), this));
    static_cast<QLabel *>(bar->itemAt(0)->widget())->setBuddy(m_agent);
    bar->addWidget(m_agent);
    bar->addSpacing(12);
    bar->addWidget(previous);
    bar->addWidget(m_weekLabel);
    bar->addWidget(next);
    bar->addWidget(thisWeek);
    bar->addStretch(1);

    m_grid = new QTableWidget(this);
    m_grid->setObjectName(u"timesheetGrid"_s);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_grid->setAlternatingRowColors(true);
    m_grid->verticalHeader()->hide();
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *exportButton = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(u"timesheetExport"_s);
    exportButton->setIcon(QIcon::fromTheme(u"document-export"_s));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(exportButton, &QPushButton::clicked, this, &TimesheetDialog::exportInteractively);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_grid, 1);
    layout->addWidget(buttons);

    connect(previous, &QToolButton::clicked, this, [this] { setWeek(m_week.addDays(-7)); });
    connect(next, &QToolButton::clicked, this, [this] { setWeek(m_week.addDays(7)); });
    connect(thisWeek, &QPushButton::clicked, this, [this] { setWeek(QDate::currentDate()); });
    connect(m_agent, &QComboBox::currentIndexChanged, this, [this] {
        m_person = PersonId::fromString(m_agent->currentData().toString());
        QSettings().setValue(AgentKey, m_person.toString());
        reload();
    });
    connect(m_grid, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (row < m_sheet.rows().size())
            Q_EMIT openTicketRequested(m_sheet.rows().at(row).ticketId);
    });

    m_week = weekStartOf(QDate::currentDate());
    const PersonId remembered = PersonId::fromString(QSettings().value(AgentKey).toString());
    const int index = m_agent->findData(remembered.toString());
    const int mine = m_agent->findData(me.toString());
    {
        const QSignalBlocker block(m_agent);
        m_agent->setCurrentIndex(index >= 0 ? index : std::max(0, mine));
    }
    m_person = PersonId::fromString(m_agent->currentData().toString());
    if (!m_person.isValid())
        m_person = me;
    if (!restoreGeometry(QSettings().value(GeometryKey).toByteArray()))
        resize(900, 480);
    reload();
}

TimesheetDialog::~TimesheetDialog() = default;

void TimesheetDialog::done(int result)
{
    QSettings().setValue(GeometryKey, saveGeometry());
    QDialog::done(result);
}

void TimesheetDialog::setWeek(QDate anyDay)
{
    m_week = weekStartOf(anyDay);
    reload();
}

void TimesheetDialog::setPerson(PersonId person)
{
    const int index = m_agent->findData(person.toString());
    if (index >= 0)
        m_agent->setCurrentIndex(index);
}

void TimesheetDialog::reload()
{
    const QList<TimeEntry> entries
        = personTimeEntries(m_store, m_person, m_week, m_week.addDays(DayColumns - 1));
    m_sheet = Timesheet(m_person, m_week, entries, [this](TicketId id) {
        const auto t = m_store.get<Ticket>(id);
        return t ? std::pair(t->number, t->title) : std::pair(qint64(0), tr("Unknown ticket"));
    });

    const QLocale locale;
    m_weekLabel->setText(tr("%1 – %2").arg(locale.toString(m_week, QLocale::ShortFormat),
        locale.toString(m_week.addDays(DayColumns - 1), QLocale::ShortFormat)));
    QStringList headers { tr("Ticket") };
    for (int day = 0; day < DayColumns; ++day)
        headers.append(locale.toString(m_sheet.day(day), u"ddd d"_s));
    headers.append(tr("Total"));
    m_grid->clear();
    m_grid->setColumnCount(int(headers.size()));
    m_grid->setHorizontalHeaderLabels(headers);
    m_grid->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_grid->setRowCount(int(m_sheet.rows().size()) + 1);

    const auto cell = [this](int row, int column, const QString &text, bool total) {
        auto *item = new QTableWidgetItem(text);
        if (column > 0)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (total) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        m_grid->setItem(row, column, item);
    };
    const auto minutes = [](int value) {
        return value > 0 ? formatMinutes(value) : QString();
    };
    int row = 0;
    for (const Timesheet::Row &r : m_sheet.rows()) {
        cell(row, 0, r.number > 0 ? tr("#%1 %2").arg(r.number).arg(r.title) : r.title, false);
        m_grid->item(row, 0)->setToolTip(r.title);
        for (int day = 0; day < DayColumns; ++day)
            cell(row, day + 1, minutes(r.days.at(day)), false);
        cell(row, DayColumns + 1, formatMinutes(r.total), true);
        ++row;
    }
    cell(row, 0, m_sheet.rows().isEmpty() ? tr("No time logged this week") : tr("Total"), true);
    for (int day = 0; day < DayColumns; ++day)
        cell(row, day + 1, formatMinutes(m_sheet.dayTotal(day)), true);
    cell(row, DayColumns + 1, formatMinutes(m_sheet.total()), true);
}

bool TimesheetDialog::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_sheet.toCsv()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void TimesheetDialog::exportInteractively()
{
    const QString name = tr("timesheet-%1-%2.csv")
                             .arg(m_agent->currentText().simplified().replace(u' ', u'-'),
                                 m_week.toString(Qt::ISODate));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Timesheet"), folder + u'/' + name, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export Failed"),
            tr("The timesheet could not be written to %1: %2").arg(path, error));
}

} // namespace Tessera::Ui
