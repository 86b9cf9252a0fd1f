// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/defaultviews.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

FilterNode openWork()
{
    return FilterNode::where(u"status_category"_s, u"any_of"_s,
        QJsonArray { u"new"_s, u"open"_s, u"pending"_s, u"on_hold"_s });
}

QList<ColumnSpec> standardColumns()
{
    return { { u"number"_s, 90 }, { u"title"_s, 0 }, { u"status"_s, 110 }, { u"priority"_s, 80 },
        { u"assignee"_s, 130 }, { u"requester"_s, 130 }, { u"resolution_due"_s, 120 },
        { u"updated_at"_s, 120 } };
}

const QList<SortKey> byUrgency { { u"priority"_s, true }, { u"resolution_due"_s, false } };

ViewSpec view(FilterNode filter, QString groupBy, QList<SortKey> sort)
{
    return { std::move(filter), std::move(sort), std::move(groupBy), standardColumns() };
}

} // namespace

const QList<DefaultView> &defaultViews()
{
    static const QList<DefaultView> views {
        { u"all_open"_s, QT_TRANSLATE_NOOP("DefaultViews", "All open"),
            view(openWork(), u"status"_s, byUrgency) },
        { u"my_tickets"_s, QT_TRANSLATE_NOOP("DefaultViews", "My tickets"),
            view(FilterNode::all(
                     { FilterNode::where(u"assignee"_s, u"is"_s, u"@me"_s), openWork() }),
                u"status"_s, byUrgency) },
        { u"unassigned"_s, QT_TRANSLATE_NOOP("DefaultViews", "Unassigned"),
            view(FilterNode::all({ FilterNode::where(u"assignee"_s, u"empty"_s), openWork() }),
                u"department"_s, { { u"created_at"_s, false } }) },
        { u"new"_s, QT_TRANSLATE_NOOP("DefaultViews", "New"),
            view(FilterNode::all(
                     { FilterNode::where(u"first_responded_at"_s, u"empty"_s), openWork() }),
                {}, { { u"created_at"_s, false } }) },
        { u"urgent"_s, QT_TRANSLATE_NOOP("DefaultViews", "Urgent"),
            view(FilterNode::all(
                     { FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s), openWork() }),
                u"assignee"_s, { { u"resolution_due"_s, false } }) },
        { u"overdue"_s, QT_TRANSLATE_NOOP("DefaultViews", "Overdue"),
            view(FilterNode::where(u"resolution_due"_s, u"overdue"_s), u"assignee"_s,
                { { u"resolution_due"_s, false } }) },
        { u"due_today"_s, QT_TRANSLATE_NOOP("DefaultViews", "Due today"),
            view(
                FilterNode::all({ FilterNode::where(u"resolution_due"_s, u"today"_s), openWork() }),
                u"assignee"_s, { { u"resolution_due"_s, false } }) },
        { u"on_hold"_s, QT_TRANSLATE_NOOP("DefaultViews", "On hold"),
            view(FilterNode::where(u"status_category"_s, u"is"_s, u"on_hold"_s), u"assignee"_s,
                { { u"updated_at"_s, false } }) },
        { u"recently_solved"_s, QT_TRANSLATE_NOOP("DefaultViews", "Recently solved"),
            view(FilterNode::all({ FilterNode::where(u"status_category"_s, u"any_of"_s,
                                       QJsonArray { u"solved"_s, u"closed"_s }),
                     FilterNode::where(u"solved_at"_s, u"within_last"_s,
                         QJsonObject { { u"amount"_s, 7 }, { u"unit"_s, u"days"_s } }) }),
                {}, { { u"solved_at"_s, true } }) },
        { u"by_customer"_s, QT_TRANSLATE_NOOP("DefaultViews", "By customer"),
            view(openWork(), u"organization"_s, byUrgency) },
        { u"by_project"_s, QT_TRANSLATE_NOOP("DefaultViews", "By project"),
            view(openWork(), u"project"_s, byUrgency) },
    };
    return views;
}

} // namespace Tessera
