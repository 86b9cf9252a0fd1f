// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "time/worktimer.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Tessera::Ui {

/// A time entry's duration, date, billable flag and note: the dialog that
/// stopping the timer opens (prefilled with the elapsed time) and the one
/// for adding or editing an entry on the Time tab. The duration takes
/// "1:30", "90", "1h 30m" or "1.5h"; OK waits for a valid one.
class TimeEntryDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { Stop, Add, Edit };

    TimeEntryDialog(Purpose purpose, const QString &ticketText, QWidget *parent = nullptr);
    ~TimeEntryDialog() override;

    void setDraft(const TimeEntryDraft &draft);
    /// What the agent entered; minutes is 0 while the duration is invalid.
    TimeEntryDraft draft() const;
    /// A line under the ticket, e.g. when the timer started.
    void setDetail(const QString &text);

    QLineEdit *durationEdit() const { return m_duration; }

private:
    void validate();

    TimeEntryDraft m_draft;
    QLabel *m_detail = nullptr;
    QLineEdit *m_duration = nullptr;
    QLabel *m_error = nullptr;
    QDateEdit *m_date = nullptr;
    QCheckBox *m_billable = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Tessera::Ui
