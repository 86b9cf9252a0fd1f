// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "time/timesheet.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// Tools → Timesheet (PRODUCT.md E3): one agent's week as a grid of
/// tickets × days with row and column totals; previous and next week;
/// leads and admins pick any agent; the week exports as CSV. The agent and
/// the window size are remembered.
class TimesheetDialog : public QDialog
{
    Q_OBJECT

public:
    TimesheetDialog(const Store &store, PersonId me, QWidget *parent = nullptr);
    ~TimesheetDialog() override;

    void setWeek(QDate anyDay);
    void setPerson(PersonId person);
    const Timesheet &timesheet() const { return m_sheet; }
    QTableWidget *grid() const { return m_grid; }
    /// Writes the shown week to `path`; false (with the reason) when it fails.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void openTicketRequested(Tessera::TicketId id);

protected:
    void done(int result) override;

private:
    void reload();
    void exportInteractively();

    const Store &m_store;
    PersonId m_me;
    PersonId m_person;
    QDate m_week;
    Timesheet m_sheet;
    QComboBox *m_agent = nullptr;
    QLabel *m_weekLabel = nullptr;
    QTableWidget *m_grid = nullptr;
};

} // namespace Tessera::Ui
