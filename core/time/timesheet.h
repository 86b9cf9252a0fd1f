// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>

#include <functional>

namespace Tessera {

class Store;

/// A ticket's time entries in the cache, newest first.
QList<TimeEntry> ticketTimeEntries(const Store &store, TicketId ticket);
/// One person's time entries in the cache dated `first` to `last`.
QList<TimeEntry> personTimeEntries(const Store &store, PersonId person, QDate first, QDate last);

/// The Monday of the week `day` falls in.
QDate weekStartOf(QDate day);

/// The totals of a set of time entries (the Time tab's footer).
struct TimeTotals
{
    qint64 minutes = 0;
    qint64 billable = 0;
    qint64 nonBillable() const { return minutes - billable; }
    friend bool operator==(const TimeTotals &, const TimeTotals &) = default;
};
TimeTotals totalsOf(const QList<TimeEntry> &entries);

/// One agent's week (PRODUCT.md E3): a row per ticket they logged time on,
/// a column per day from Monday, with row, column and grand totals.
class Timesheet
{
public:
    struct Row
    {
        TicketId ticketId;
        qint64 number = 0;
        QString title;
        QList<int> days; // 7 entries, minutes per day
        int total = 0;
    };
    /// How a row names its ticket: its number and title.
    using TicketLookup = std::function<std::pair<qint64, QString>(TicketId)>;

    Timesheet() = default;
    /// The week of `person` starting `weekStart` (a Monday), from `entries`
    /// (any person, any date: the others are left out). Rows are ordered by
    /// ticket number.
    Timesheet(PersonId person, QDate weekStart, const QList<TimeEntry> &entries,
        const TicketLookup &lookup);

    PersonId person() const { return m_person; }
    QDate weekStart() const { return m_weekStart; }
    QDate day(int column) const { return m_weekStart.addDays(column); }
    const QList<Row> &rows() const { return m_rows; }
    int dayTotal(int column) const { return m_dayTotals.value(column); }
    int total() const { return m_total; }

    /// The week as CSV (RFC 4180, UTF-8, CRLF): Ticket, Title, one column
    /// per day (ISO dates), Total; durations as h:mm; a last Total row.
    QByteArray toCsv() const;

private:
    PersonId m_person;
    QDate m_weekStart;
    QList<Row> m_rows;
    QList<int> m_dayTotals = QList<int>(7, 0);
    int m_total = 0;
};

/// One CSV field, quoted when it needs to be.
QString csvField(const QString &value);

} // namespace Tessera
