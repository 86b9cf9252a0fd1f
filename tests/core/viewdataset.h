// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storefixture.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace Tessera::Test {

/// Six hand-made tickets over the fixture's reference data, each chosen to
/// sit on a known side of every operator (docs/views.md). "Now" is Monday
/// 2026-11-23 10:00 UTC and the agent's zone is UTC−3.
struct ViewDataset : StoreFixture
{
    QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
    QTimeZone zone = QTimeZone::fromSecondsAheadOfUtc(-3 * 3600);
    QList<Ticket> tickets;

    QueryContext context() const
    {
        QueryContext c;
        c.me = agents.at(0).id;
        c.myDepartments = agents.at(0).departmentIds;
        c.now = now;
        c.timeZone = zone;
        c.customFields = customFields;
        return c;
    }

    /// Replaces $NAMES with ids, so test tables can be written as JSON.
    QString expand(QString text) const
    {
        using namespace Qt::StringLiterals;
        for (qsizetype i = agents.size() - 1; i >= 0; --i)
            text.replace(u"$AGENT%1"_s.arg(i), agents.at(i).id.toString());
        for (qsizetype i = customers.size() - 1; i >= 0; --i)
            text.replace(u"$CUSTOMER%1"_s.arg(i), customers.at(i).id.toString());
        for (qsizetype i = organizations.size() - 1; i >= 0; --i)
            text.replace(u"$ORG%1"_s.arg(i), organizations.at(i).id.toString());
        for (qsizetype i = projects.size() - 1; i >= 0; --i)
            text.replace(u"$PROJECT%1"_s.arg(i), projects.at(i).id.toString());
        for (qsizetype i = types.size() - 1; i >= 0; --i)
            text.replace(u"$TYPE%1"_s.arg(i), types.at(i).id.toString());
        text.replace(u"$STATUS_OPEN"_s, statuses.at(1).id.toString());
        const QStringList fieldNames { u"AREA"_s, u"SEVERITY"_s, u"VERSION"_s, u"ENV"_s,
            u"VENDOR"_s, u"TARGET"_s, u"REVIEWER"_s };
        for (qsizetype i = 0; i < fieldNames.size(); ++i)
            text.replace(u"$CF_"_s + fieldNames.at(i), u"cf:"_s + customFields.at(i).id.toString());
        return text;
    }

    QJsonObject json(const QString &text) const
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(expand(text).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("bad test JSON: %s in %s", qPrintable(error.errorString()), qPrintable(text));
        return doc.object();
    }

    void build()
    {
        using namespace Qt::StringLiterals;
        addReferenceData();
        constexpr qint64 H = 3600;
        constexpr qint64 D = 24 * H;
        const auto cf = [&](int i) {
            return customFields.at(i).id.toString();
        };
        const auto make
            = [&](qint64 number, const QString &title, int type, StatusCategory category) {
                  Ticket t = ticket(number, title);
                  t.typeId = types.at(type).id;
                  t.statusId = status(type, category).id;
                  t.description = u"Description of ticket %1"_s.arg(number);
                  return t;
              };

        Ticket t1 = make(1, u"Printer jam on floor 2"_s, 0, StatusCategory::Open);
        t1.priority = Priority::High;
        t1.assigneeId = agents.at(0).id;
        t1.requesterId = customers.at(0).id;
        t1.organizationId = customers.at(0).organizationId;
        t1.departmentId = departments.at(0).id;
        t1.projectId = projects.at(0).id;
        t1.channel = Channel::Email;
        t1.percentComplete = 10;
        t1.followerIds = { agents.at(1).id };
        t1.customFields = { { cf(0), u"Billing"_s }, { cf(2), u"4.2"_s },
            { cf(3), QJsonArray { u"prod"_s } }, { cf(4), true }, { cf(5), u"2026-11-23"_s },
            { cf(6), agents.at(1).id.toString() } };
        t1.createdAt = now.addSecs(-2 * D + H);
        t1.resolutionDue = now.addSecs(-H);
        t1.firstRespondedAt = now.addSecs(-D);

        Ticket t2 = make(2, u"VPN drops every hour"_s, 1, StatusCategory::New);
        t2.priority = Priority::Urgent;
        t2.requesterId = customers.at(1).id;
        t2.organizationId = customers.at(1).organizationId;
        t2.departmentId = departments.at(1).id;
        t2.channel = Channel::Phone;
        t2.visibility = Visibility::Internal;
        t2.customFields = { { cf(1), 2 }, { cf(3), QJsonArray { u"staging"_s, u"dev"_s } },
            { cf(4), false }, { cf(5), u"2026-11-30"_s } };
        t2.createdAt = now.addSecs(-3 * H);
        t2.resolutionDue = now.addSecs(3 * H);

        Ticket t3 = make(3, u"Invoice 100% wrong_total"_s, 0, StatusCategory::Solved);
        t3.priority = Priority::Low;
        t3.assigneeId = agents.at(2).id;
        t3.requesterId = customers.at(2).id;
        t3.organizationId = customers.at(2).organizationId;
        t3.departmentId = departments.at(2).id;
        t3.projectId = projects.at(1).id;
        t3.channel = Channel::Portal;
        t3.percentComplete = 100;
        t3.customFields = { { cf(0), u"Reports"_s } };
        t3.createdAt = now.addSecs(-10 * D);
        t3.solvedAt = now.addSecs(-2 * D);
        t3.firstRespondedAt = now.addSecs(-9 * D);

        Ticket t4
            = make(4, u"Árvore: acesso negado; DROP TABLE tickets;--"_s, 1, StatusCategory::OnHold);
        t4.assigneeId = agents.at(0).id;
        t4.requesterId = customers.at(3).id;
        t4.organizationId = customers.at(3).organizationId;
        t4.departmentId = departments.at(0).id;
        t4.projectId = projects.at(0).id;
        t4.channel = Channel::WebForm;
        t4.percentComplete = 50;
        t4.customFields = { { cf(1), 4 }, { cf(2), u"5.0-beta"_s }, { cf(5), u"2026-11-01"_s },
            { cf(6), agents.at(0).id.toString() } };
        t4.createdAt = now.addSecs(-40 * D);
        t4.resolutionDue = now.addSecs(5 * D);
        t4.firstRespondedAt = now.addSecs(-39 * D);

        Ticket t5 = make(5, u"Senha não chega"_s, 0, StatusCategory::Pending);
        t5.assigneeId = agents.at(1).id;
        t5.requesterId = customers.at(0).id;
        t5.organizationId = customers.at(0).organizationId;
        t5.departmentId = departments.at(1).id;
        t5.channel = Channel::Email;
        t5.followerIds = { agents.at(0).id, agents.at(2).id };
        t5.customFields = { { cf(0), u"Accounts"_s } };
        t5.createdAt = now.addSecs(-D);
        t5.resolutionDue = now.addSecs(D);

        Ticket t6 = make(6, u"Closed long ago"_s, 1, StatusCategory::Closed);
        t6.description.clear();
        t6.priority = Priority::High;
        t6.assigneeId = agents.at(3).id;
        t6.requesterId = customers.at(1).id;
        t6.organizationId = customers.at(1).organizationId;
        t6.departmentId = departments.at(2).id;
        t6.createdAt = now.addSecs(-100 * D);
        t6.resolutionDue = now.addSecs(-50 * D);
        t6.solvedAt = now.addSecs(-60 * D);
        t6.firstRespondedAt = now.addSecs(-99 * D);

        tickets = { t1, t2, t3, t4, t5, t6 };
        import(EntityKind::Ticket, tickets);
    }
};

} // namespace Tessera::Test
