// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timeentrydialog.h"

#include "tickets/ticketstyle.h"
#include "time/duration.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

TimeEntryDialog::TimeEntryDialog(Purpose purpose, const QString &ticketText, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"timeEntryDialog"_s);
    switch (purpose) {
    case Purpose::Stop:
        setWindowTitle(tr("Stop Work"));
        break;
    case Purpose::Add:
        setWindowTitle(tr("Log Time"));
        break;
    case Purpose::Edit:
        setWindowTitle(tr("Edit Time Entry"));
        break;
    }
    auto *ticket = new QLabel(ticketText, this);
    ticket->setObjectName(u"timeEntryTicket"_s);
    ticket->setWordWrap(true);
    QFont bold = ticket->font();
    bold.setBold(true);
    ticket->setFont(bold);
    m_detail = new QLabel(this);
    m_detail->setObjectName(u"timeEntryDetail"_s);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->hide();

    m_duration = new QLineEdit(this);
    m_duration->setObjectName(u"timeEntryDuration"_s);
    m_duration->setPlaceholderText(tr("e.g. 1:30, 90 or 1h 30m"));
    m_error = new QLabel(this);
    m_error->setObjectName(u"timeEntryError"_s);
    m_error->setWordWrap(true);
    QPalette warning = m_error->palette();
    warning.setColor(QPalette::WindowText, TicketStyle::priorityColor(Priority::Urgent, warning));
    m_error->setPalette(warning);
    m_error->hide();
    m_date = new QDateEdit(this);
    m_date->setObjectName(u"timeEntryDate"_s);
    m_date->setCalendarPopup(true);
    m_billable = new QCheckBox(tr("&Billable"), this);
    m_billable->setObjectName(u"timeEntryBillable"_s);
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(u"timeEntryNote"_s);
    m_note->setPlaceholderText(tr("What was done (optional)"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 4);

    auto *form = new QFormLayout;
    form->addRow(tr("&Duration:"), m_duration);
    form->addRow(QString(), m_error);
    form->addRow(tr("D&ate:"), m_date);
    form->addRow(QString(), m_billable);
    form->addRow(tr("&Note:"), m_note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(purpose == Purpose::Stop ? tr("Stop and &Log") : tr("&Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_duration, &QLineEdit::textChanged, this, &TimeEntryDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(ticket);
    layout->addWidget(m_detail);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 52);
    validate();
}

TimeEntryDialog::~TimeEntryDialog() = default;

void TimeEntryDialog::setDraft(const TimeEntryDraft &draft)
{
    m_draft = draft;
    m_duration->setText(draft.minutes > 0 ? formatMinutes(draft.minutes) : QString());
    m_date->setDate(draft.date.isValid() ? draft.date : QDate::currentDate());
    m_billable->setChecked(draft.billable);
    m_note->setPlainText(draft.note);
    m_duration->selectAll();
    validate();
}

TimeEntryDraft TimeEntryDialog::draft() const
{
    TimeEntryDraft result = m_draft;
    const auto minutes = parseMinutes(m_duration->text());
    result.minutes
        = minutes && *minutes >= 1 && *minutes <= WorkTimer::MaxEntryMinutes ? *minutes : 0;
    result.date = m_date->date();
    result.billable = m_billable->isChecked();
    result.note = m_note->toPlainText().trimmed();
    return result;
}

void TimeEntryDialog::setDetail(const QString &text)
{
    m_detail->setText(text);
    m_detail->setVisible(!text.isEmpty());
}

void TimeEntryDialog::validate()
{
    const QString text = m_duration->text().trimmed();
    const auto minutes = parseMinutes(text);
    QString error;
    if (text.isEmpty())
        error = tr("Enter how long you worked.");
    else if (!minutes)
        error = tr("“%1” is not a duration; write it as 1:30, 90 or 1h 30m.").arg(text);
    else if (*minutes < 1)
        error = tr("An entry lasts at least one minute.");
    else if (*minutes > WorkTimer::MaxEntryMinutes)
        error = tr("An entry lasts at most 24 hours; log longer work as several entries.");
    // No red text before the agent typed anything.
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty() && !text.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

} // namespace Tessera::Ui
