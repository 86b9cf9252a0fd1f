// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/placeholders.h"

#include "store/store.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString firstName(const QString &name)
{
    return name.trimmed().section(u' ', 0, 0, QString::SectionSkipEmpty);
}

// The value of one placeholder; nullopt when it has none.
std::optional<QString> valueOf(const QString &key, const PlaceholderValues &v)
{
    const auto nonEmpty = [](const QString &s) {
        return s.isEmpty() ? std::nullopt : std::optional<QString>(s);
    };
    if (key == "requester.name"_L1)
        return v.requester ? nonEmpty(v.requester->name) : std::nullopt;
    if (key == "requester.first_name"_L1)
        return v.requester ? nonEmpty(firstName(v.requester->name)) : std::nullopt;
    if (key == "requester.email"_L1)
        return v.requester ? nonEmpty(v.requester->email) : std::nullopt;
    if (key == "ticket.number"_L1)
        return v.ticket && v.ticket->number > 0 ? std::optional(QString::number(v.ticket->number))
                                                : std::nullopt;
    if (key == "ticket.title"_L1)
        return v.ticket ? nonEmpty(v.ticket->title) : std::nullopt;
    if (key == "ticket.status"_L1)
        return v.status ? nonEmpty(v.status->name) : std::nullopt;
    if (key == "agent.name"_L1)
        return v.agent ? nonEmpty(v.agent->name) : std::nullopt;
    if (key == "agent.first_name"_L1)
        return v.agent ? nonEmpty(firstName(v.agent->name)) : std::nullopt;
    if (key == "organization.name"_L1)
        return v.organization ? nonEmpty(v.organization->name) : std::nullopt;
    if (key == "today"_L1)
        return v.today.isValid() ? std::optional(QLocale().toString(v.today, QLocale::LongFormat))
                                 : std::nullopt;
    return std::nullopt;
}

} // namespace

PlaceholderValues placeholderValues(const Store &store, TicketId ticketId, PersonId agent)
{
    PlaceholderValues values;
    values.today = QDate::currentDate();
    values.agent = store.get<Person>(agent);
    values.ticket = store.get<Ticket>(ticketId);
    if (!values.ticket)
        return values;
    values.status = store.get<Status>(values.ticket->statusId);
    values.requester = store.get<Person>(values.ticket->requesterId);
    OrganizationId organization = values.ticket->organizationId;
    if (!organization.isValid() && values.requester)
        organization = values.requester->organizationId;
    values.organization = store.get<Organization>(organization);
    return values;
}

QString fillPlaceholders(const QString &text, const PlaceholderValues &values)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*([a-z_.]+)\\s*\\}\\}"_s);
    QString result;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).sliced(last, match.capturedStart() - last);
        const auto value = valueOf(match.captured(1), values);
        result += value ? *value : match.captured(0);
        last = match.capturedEnd();
    }
    result += QStringView(text).sliced(last);
    return result;
}

} // namespace Tessera::Ui
