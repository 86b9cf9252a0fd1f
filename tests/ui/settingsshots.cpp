// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the settings dialog over a demo workspace to PNG files, in the
// light and the dark palette: the ticket types page with its status editor,
// the fields and panel layout page, an automation rule being edited, an SLA
// policy, and a ticket past its due time with the Overdue badge:
//   settings-shots [output folder]
#include "colorscheme.h"
#include "details/ticketdetailswidget.h"
#include "protocol/codecs.h"
#include "settings/automationspage.h"
#include "settings/customerspage.h"
#include "settings/panellayoutpage.h"
#include "settings/peoplepage.h"
#include "settings/portalpage.h"
#include "settings/settingsdialog.h"
#include "settings/slapoliciespage.h"
#include "settings/tickettypespage.h"
#include "shotworkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QRadioButton>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

bool save(QWidget *widget, const QString &file)
{
    const bool saved = widget->grab().save(file);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
    return saved;
}

template<typename T>
T named(const Store &store, const QString &name)
{
    for (const T &entity : store.all<T>()) {
        if (entity.name == name)
            return entity;
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"settings-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const QueryContext &context = workspace.context;
    const TicketType question = named<TicketType>(store, u"Question"_s);

    // A ticket whose resolution was due yesterday.
    Ticket late;
    for (const Ticket &t : store.all<Ticket>()) {
        if (!late.id.isValid() && t.typeId == question.id && t.requesterId.isValid()
            && !t.solvedAt.isValid())
            late = t;
    }
    late.resolutionDue = QDateTime::currentDateTimeUtc().addSecs(-26 * 3600);
    late.firstResponseDue = QDateTime::currentDateTimeUtc().addSecs(-30 * 3600);
    late.firstRespondedAt = QDateTime::currentDateTimeUtc().addSecs(-31 * 3600);
    ++late.version;
    if (!store.applyServerChanges(
            { { EntityKind::Ticket, late.id.as<EntityId>(), Protocol::toJson(late), false } }))
        qFatal("cannot make the overdue ticket");

    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        {
            Ui::SettingsDialog dialog(store, context);
            dialog.resize(1100, 700);
            dialog.show();
            auto *types = dialog.page<Ui::TicketTypesPage>();
            dialog.showPage(types->objectName());
            types->selectType(question.id);
            types->statusList()->setCurrentRow(2);
            settle();
            save(&dialog, u"%1/settings-types-%2.png"_s.arg(out, name));

            auto *layout = dialog.page<Ui::PanelLayoutPage>();
            dialog.showPage(layout->objectName());
            layout->selectType(question.id);
            layout->fieldList()->setCurrentRow(0);
            layout->layoutList()->setCurrentRow(2);
            settle();
            save(&dialog, u"%1/settings-layout-%2.png"_s.arg(out, name));

            auto *rules = dialog.page<Ui::AutomationsPage>();
            dialog.showPage(rules->objectName());
            rules->ruleList()->setCurrentRow(0);
            Automation rule = rules->editedRule();
            rule.name = u"Escalate urgent tickets before breach"_s;
            rule.trigger = AutomationTrigger::TimeBased;
            rule.schedule = { { u"since"_s, u"resolution_due"_s }, { u"hours"_s, -2 } };
            rule.conditions = Ui::conditionsFromFilter(
                FilterNode::all({ FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s),
                    FilterNode::where(
                        u"status_category"_s, u"any_of"_s, QJsonArray { u"new"_s, u"open"_s }) }));
            const Person lead = [&] {
                for (const Person &p : store.all<Person>()) {
                    if (p.kind == PersonKind::Agent && p.role == Role::Lead)
                        return p;
                }
                return Person {};
            }();
            rule.actions = {
                QJsonObject {
                    { u"type"_s, u"assign_agent"_s }, { u"agent_id"_s, lead.id.toString() } },
                QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"urgent"_s } },
                QJsonObject {
                    { u"type"_s, u"add_follower"_s }, { u"person_id"_s, context.me.toString() } },
            };
            rules->editRule(rule);
            rules->addAction();
            settle();
            save(&dialog, u"%1/settings-automation-%2.png"_s.arg(out, name));

            auto *sla = dialog.page<Ui::SlaPoliciesPage>();
            dialog.showPage(sla->objectName());
            sla->policyList()->setCurrentRow(0);
            SlaPolicy policy = sla->editedPolicy();
            policy.conditions = Ui::conditionsFromFilter(FilterNode::where(
                u"priority"_s, u"any_of"_s, QJsonArray { u"high"_s, u"urgent"_s }));
            policy.holidays = { QDate(2026, 12, 24), QDate(2026, 12, 25), QDate(2027, 1, 1) };
            policy.timeZone = u"Europe/Berlin"_s;
            sla->editPolicy(policy);
            settle();
            save(&dialog, u"%1/settings-sla-%2.png"_s.arg(out, name));

            auto *people = dialog.page<Ui::PeoplePage>();
            dialog.showPage(people->objectName());
            people->agentList()->setCurrentRow(1);
            settle();
            save(&dialog, u"%1/settings-people-%2.png"_s.arg(out, name));

            // An unsaved change: Save and Revert are live.
            auto *portal = dialog.page<Ui::PortalPage>();
            dialog.showPage(portal->objectName());
            portal->revert();
            portal->organizationScopeButton()->setChecked(true);
            settle();
            save(&dialog, u"%1/settings-portal-%2.png"_s.arg(out, name));
            auto *customers = dialog.page<Ui::CustomersPage>();
            dialog.showPage(customers->objectName());
            customers->customerList()->setCurrentRow(1);
            settle();
            save(&dialog, u"%1/settings-customers-%2.png"_s.arg(out, name));
            dialog.reject();
        }
        {
            Ui::TicketDetailsWidget details(store, context, u"shots"_s);
            details.resize(520, 700);
            details.setTicket(late.id);
            details.show();
            settle();
            save(&details, u"%1/settings-overdue-%2.png"_s.arg(out, name));
        }
    }
    return 0;
}
