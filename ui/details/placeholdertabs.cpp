// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/placeholdertabs.h"

#include "protocol/codec.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSqlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

template<typename T>
QList<T> rowsOf(Store &store, const QString &sql, TicketId ticket)
{
    QList<T> result;
    QSqlQuery query(store.connection());
    query.prepare(sql);
    query.addBindValue(ticket.toString());
    if (!ticket.isValid() || !query.exec())
        return result;
    while (query.next()) {
        if (auto decoded = Protocol::fromJson<T>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()))
            result.append(std::move(decoded).value());
    }
    return result;
}

QString personName(Store &store, PersonId id)
{
    const auto person = store.get<Person>(id);
    return person ? person->name : TimeEntriesTab::tr("Unknown");
}

} // namespace

TimeEntriesTab::TimeEntriesTab(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"timeList"_s);
    m_total = new QLabel(this);
    layout->addWidget(m_list);
    layout->addWidget(m_total);
    connect(&store, &Store::changed, this, [this](EntityKind kind) {
        if (kind == EntityKind::TimeEntry)
            reload();
    });
}

void TimeEntriesTab::setTicket(TicketId id)
{
    m_ticket = id;
    reload();
}

void TimeEntriesTab::reload()
{
    m_list->clear();
    const QList<TimeEntry> entries = rowsOf<TimeEntry>(m_store,
        u"SELECT data FROM time_entries WHERE ticket_id = ? ORDER BY date DESC"_s, m_ticket);
    int total = 0;
    int billable = 0;
    for (const TimeEntry &e : entries) {
        total += e.minutes;
        billable += e.billable ? e.minutes : 0;
        new QListWidgetItem(tr("%1 · %2 · %3 min%4%5")
                                .arg(QLocale().toString(e.date, QLocale::ShortFormat),
                                    personName(m_store, e.personId))
                                .arg(e.minutes)
                                .arg(e.billable ? tr(" · billable") : QString(),
                                    e.note.isEmpty() ? QString() : u" — "_s + e.note),
            m_list);
    }
    m_total->setText(tr("Total %1 h %2 min, of which billable %3 h %4 min")
                         .arg(total / 60)
                         .arg(total % 60)
                         .arg(billable / 60)
                         .arg(billable % 60));
}

} // namespace Tessera::Ui
