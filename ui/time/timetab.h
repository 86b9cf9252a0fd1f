// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailstab.h"
#include "domain/entities.h"
#include "result.h"

#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Tessera {
class WorkTimer;
}

namespace Tessera::Ui {

/// The Time tab of the details panel (PRODUCT.md E1–E2): the ticket's time
/// entries (agent, date, duration, billable, note), newest first, with the
/// actual work and its billable split; entries are added, edited and
/// deleted here (an agent's own; leads and admins anyone's), and work on
/// the ticket starts and stops here.
class TimeTab : public DetailsTab
{
    Q_OBJECT

public:
    TimeTab(Store &store, PersonId me, QWidget *parent = nullptr);
    ~TimeTab() override;

    /// Enables Start/Stop Work (without a timer, only entries are edited).
    void setWorkTimer(WorkTimer *timer);

    QTreeWidget *view() const { return m_view; }
    QLabel *totals() const { return m_totals; }
    QList<TimeEntry> entries() const { return m_entries; }
    /// Whether the agent may change `entry`.
    bool mayEdit(const TimeEntry &entry) const;

    void addEntry();
    void editEntry(const TimeEntry &entry);
    void deleteEntry(const TimeEntry &entry);

protected:
    void reload() override;
    bool dependsOn(EntityKind kind) const override;

private:
    std::optional<TimeEntry> selected() const;
    void updateButtons();
    void report(const Result<void> &done, const QString &what);

    PersonId m_me;
    QPointer<WorkTimer> m_timer;
    QList<TimeEntry> m_entries;
    QTreeWidget *m_view = nullptr;
    QLabel *m_totals = nullptr;
    QPushButton *m_work = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace Tessera::Ui
