// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/automationrules.h"

#include "query/viewspec.h"

#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

enum class Param { Id, OptionalId, Priority, Category };

const QList<std::pair<QString, QList<std::pair<QString, Param>>>> &actionParams()
{
    static const QList<std::pair<QString, QList<std::pair<QString, Param>>>> params {
        { u"assign_round_robin"_s, { { u"department_id"_s, Param::OptionalId } } },
        { u"assign_agent"_s, { { u"agent_id"_s, Param::Id } } },
        { u"assign_department"_s, { { u"department_id"_s, Param::Id } } },
        { u"set_status"_s, { { u"status_id"_s, Param::Id } } },
        { u"set_status_category"_s, { { u"category"_s, Param::Category } } },
        { u"set_priority"_s, { { u"priority"_s, Param::Priority } } },
        { u"set_type"_s, { { u"type_id"_s, Param::Id } } },
        { u"add_follower"_s, { { u"person_id"_s, Param::Id } } },
        { u"apply_sla"_s, { { u"sla_policy_id"_s, Param::Id } } },
        { u"add_internal_note"_s, { { u"canned_response_id"_s, Param::Id } } },
        { u"add_public_reply"_s, { { u"canned_response_id"_s, Param::Id } } },
        { u"move_to_project"_s, { { u"project_id"_s, Param::Id } } },
        { u"move_to_organization_project"_s, {} },
    };
    return params;
}

QString checkParam(const QJsonValue &value, Param kind)
{
    switch (kind) {
    case Param::Id:
    case Param::OptionalId:
        if (kind == Param::OptionalId && (value.isUndefined() || value.isNull()))
            return {};
        return EntityId::fromString(value.toString()).isValid() ? QString() : u"is not a UUID"_s;
    case Param::Priority:
        return fromWireName<Priority>(value.toString()) ? QString()
                                                        : u"must be low, normal, high or urgent"_s;
    case Param::Category:
        return fromWireName<StatusCategory>(value.toString())
            ? QString()
            : u"must be new, open, pending, on_hold, solved or closed"_s;
    }
    return {};
}

} // namespace

QStringList automationActionTypes()
{
    QStringList types;
    for (const auto &[type, params] : actionParams())
        types.append(type);
    return types;
}

QStringList automationScheduleEvents()
{
    return { u"created"_s, u"updated"_s, u"pending"_s, u"first_response_due"_s,
        u"resolution_due"_s };
}

Result<void> validateAutomation(const Automation &automation)
{
    if (!automation.conditions.isEmpty()) {
        auto spec = ViewSpec::fromJson(QJsonObject { { u"filter"_s, automation.conditions } });
        if (!spec)
            return Error::invalid(u"automation.conditions: "_s + spec.error().message);
    }
    const bool timed = automation.trigger == AutomationTrigger::TimeBased;
    if (timed) {
        const QJsonObject &schedule = automation.schedule;
        const QString since = schedule.value(u"since"_s).toString();
        if (!automationScheduleEvents().contains(since))
            return Error::invalid(u"automation.schedule.since must be one of: "_s
                + automationScheduleEvents().join(u", "_s));
        const QJsonValue hours = schedule.value(u"hours"_s);
        if (!hours.isDouble() || hours.toDouble() != double(hours.toInteger())
            || std::abs(hours.toInteger()) > 24 * 366)
            return Error::invalid(
                u"automation.schedule.hours must be a whole number of hours within a year"_s);
        if (schedule.size() != 2)
            return Error::invalid(u"automation.schedule holds only \"since\" and \"hours\""_s);
    } else if (!automation.schedule.isEmpty()) {
        return Error::invalid(u"automation.schedule is for time_based rules only"_s);
    }
    if (automation.actions.isEmpty())
        return Error::invalid(u"automation.actions needs at least one action"_s);
    for (qsizetype i = 0; i < automation.actions.size(); ++i) {
        const QString where = u"automation.actions[%1]"_s.arg(i);
        const QJsonValue item = automation.actions.at(i);
        if (!item.isObject())
            return Error::invalid(where + u" must be an object"_s);
        const QJsonObject action = item.toObject();
        const QString type = action.value(u"type"_s).toString();
        const auto known = std::find_if(actionParams().cbegin(), actionParams().cend(),
            [&](const auto &entry) { return entry.first == type; });
        if (known == actionParams().cend())
            return Error::invalid(where
                + u".type \"%1\" is not an action; use one of: %2"_s.arg(
                    type, automationActionTypes().join(u", "_s)));
        for (const auto &[name, kind] : known->second) {
            if (const QString problem = checkParam(action.value(name), kind); !problem.isEmpty())
                return Error::invalid(where + u'.' + name + u' ' + problem);
        }
        for (auto it = action.begin(); it != action.end(); ++it) {
            const bool allowed = it.key() == u"type"_s
                || std::any_of(known->second.cbegin(), known->second.cend(),
                    [&](const auto &p) { return p.first == it.key(); });
            if (!allowed)
                return Error::invalid(
                    where + u".%1 is not a parameter of %2"_s.arg(it.key(), type));
        }
    }
    return {};
}

QList<Automation> shippedAutomations()
{
    const auto status = [](const QString &category) {
        return QJsonArray { QJsonObject {
            { u"type"_s, u"set_status_category"_s }, { u"category"_s, category } } };
    };
    return {
        { AutomationId::create(), u"Customer reply reopens"_s, AutomationTrigger::CustomerReply, {},
            status(u"open"_s), true, 0, 1, {} },
        { AutomationId::create(), u"Agent public reply sets Pending"_s,
            AutomationTrigger::AgentReply, {}, status(u"pending"_s), true, 1, 1, {} },
        { AutomationId::create(), u"Round-robin new tickets in their department"_s,
            AutomationTrigger::Created, {},
            QJsonArray { QJsonObject { { u"type"_s, u"assign_round_robin"_s } } }, true, 2, 1, {} },
    };
}

} // namespace Tessera
