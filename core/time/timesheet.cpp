// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/timesheet.h"

#include "logging.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "time/duration.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {
QList<TimeEntry> readEntries(const Store &store, const QString &sql, const QVariantList &binds)
{
    QList<TimeEntry> entries;
    QSqlQuery query(store.connection());
    query.prepare(sql);
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec()) {
        qCWarning(lcTime) << "time entries unreadable:" << query.lastError().text();
        return entries;
    }
    while (query.next()) {
        if (auto entry = Protocol::fromJson<TimeEntry>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()))
            entries.append(std::move(entry).value());
    }
    return entries;
}
} // namespace

QList<TimeEntry> ticketTimeEntries(const Store &store, TicketId ticket)
{
    QList<TimeEntry> entries = readEntries(
        store, u"SELECT data FROM time_entries WHERE ticket_id = ?"_s, { ticket.toString() });
    std::sort(entries.begin(), entries.end(), [](const TimeEntry &a, const TimeEntry &b) {
        return std::tie(b.date, b.id) < std::tie(a.date, a.id);
    });
    return entries;
}

QList<TimeEntry> personTimeEntries(const Store &store, PersonId person, QDate first, QDate last)
{
    // Dates are ISO text in the row: they compare as they sort.
    return readEntries(store,
        u"SELECT data FROM time_entries WHERE person_id = ? AND date BETWEEN ? AND ?"_s,
        { person.toString(), first.toString(Qt::ISODate), last.toString(Qt::ISODate) });
}

QDate weekStartOf(QDate day)
{
    return day.addDays(1 - day.dayOfWeek());
}

TimeTotals totalsOf(const QList<TimeEntry> &entries)
{
    TimeTotals totals;
    for (const TimeEntry &e : entries) {
        totals.minutes += e.minutes;
        if (e.billable)
            totals.billable += e.minutes;
    }
    return totals;
}

Timesheet::Timesheet(
    PersonId person, QDate weekStart, const QList<TimeEntry> &entries, const TicketLookup &lookup)
    : m_person(person)
    , m_weekStart(weekStart)
{
    QHash<TicketId, qsizetype> rowOf;
    for (const TimeEntry &e : entries) {
        const qint64 column = weekStart.daysTo(e.date);
        if (e.personId != person || column < 0 || column > 6)
            continue;
        auto it = rowOf.constFind(e.ticketId);
        if (it == rowOf.cend()) {
            Row row;
            row.ticketId = e.ticketId;
            std::tie(row.number, row.title)
                = lookup ? lookup(e.ticketId) : std::pair(qint64(0), QString());
            row.days = QList<int>(7, 0);
            it = rowOf.insert(e.ticketId, m_rows.size());
            m_rows.append(row);
        }
        Row &row = m_rows[*it];
        row.days[column] += e.minutes;
        row.total += e.minutes;
        m_dayTotals[column] += e.minutes;
        m_total += e.minutes;
    }
    std::sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        return std::tie(a.number, a.title) < std::tie(b.number, b.title);
    });
}

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    return u'"' + QString(value).replace(u"\""_s, u"\"\""_s) + u'"';
}

QByteArray Timesheet::toCsv() const
{
    const auto line = [](const QStringList &fields) {
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvField(f));
        return quoted.join(u',') + u"\r\n"_s;
    };
    QStringList header { u"Ticket"_s, u"Title"_s };
    for (int column = 0; column < 7; ++column)
        header.append(day(column).toString(Qt::ISODate));
    header.append(u"Total"_s);
    QString csv = line(header);
    for (const Row &row : m_rows) {
        QStringList fields { row.number > 0 ? QString::number(row.number) : QString(), row.title };
        for (int minutes : row.days)
            fields.append(formatMinutes(minutes));
        fields.append(formatMinutes(row.total));
        csv += line(fields);
    }
    QStringList totals { u"Total"_s, QString() };
    for (int column = 0; column < 7; ++column)
        totals.append(formatMinutes(m_dayTotals.at(column)));
    totals.append(formatMinutes(m_total));
    csv += line(totals);
    return csv.toUtf8();
}

} // namespace Tessera
