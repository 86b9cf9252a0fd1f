// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog (PRODUCT.md F1, F2, F4, F5): ticket types and their
// statuses, the details-panel layout, automations and SLA policies, as
// mutations on the cache; the page search; read-only pages for non-admins;
// and a new status reaching a second client through a real server.
#include "demo/demodata.h"
#include "demoserver.h"
#include "details/propertiespanel.h"
#include "details/ticketdetailswidget.h"
#include "domain/mutation.h"
#include "protocol/codecs.h"
#include "settings/automationspage.h"
#include "settings/cannedpage.h"
#include "settings/customerspage.h"
#include "settings/inviteagentdialog.h"
#include "settings/panellayoutpage.h"
#include "settings/peoplepage.h"
#include "settings/portalpage.h"
#include "settings/settingsdialog.h"
#include "settings/slapoliciespage.h"
#include "settings/tickettypespage.h"
#include "store/store.h"
#include "syncagent.h"
#include "views/filterbuilder.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>

using namespace Qt::StringLiterals;
using namespace Tessera;
using namespace Tessera::Ui;

namespace {
const QString Password = u"correct horse battery"_s;
}

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QueryContext m_context;
    int m_round = 0;

    std::optional<Mutation> lastMutation() const
    {
        const auto pending = m_store->pendingMutations();
        if (pending.isEmpty())
            return std::nullopt;
        return pending.last().mutation;
    }

    TicketType typeNamed(const QString &name) const
    {
        for (const TicketType &t : m_store->all<TicketType>()) {
            if (t.name == name)
                return t;
        }
        return {};
    }

    QList<Status> statusesOf(TicketTypeId type) const
    {
        QList<Status> list;
        for (const Status &s : m_store->all<Status>()) {
            if (s.typeId == type)
                list.append(s);
        }
        std::stable_sort(list.begin(), list.end(),
            [](const Status &a, const Status &b) { return a.position < b.position; });
        return list;
    }

    Person personWithRole(Role role) const
    {
        for (const Person &p : m_store->all<Person>()) {
            if (p.kind == PersonKind::Agent && p.role == role && p.active)
                return p;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"TesseraTests"_s);
        QCoreApplication::setApplicationName(u"tst_settingsdialog"_s);
        QSettings().clear();
    }

    void init()
    {
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_round)));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 20;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_context = {};
        m_context.me = DemoGenerator(demo).workspaceOwner();
        m_context.myDepartments = m_store->get<Person>(m_context.me)->departmentIds;
        QCOMPARE(m_store->get<Person>(m_context.me)->role, Role::Admin);
    }

    void cleanup() { m_store.reset(); }

    void typesAndStatusesAreEditedAsMutations()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<TicketTypesPage>();
        QVERIFY(page);
        QVERIFY(dialog.isAdmin());

        const TicketTypeId id = page->addType(u"Change request"_s);
        QVERIFY(id.isValid());
        auto type = m_store->get<TicketType>(id);
        QVERIFY(type);
        QCOMPARE(statusesOf(id).size(), 1);
        QCOMPARE(type->defaultStatusId, statusesOf(id).first().id);
        QCOMPARE(page->currentType(), id);

        // Rename, kind, icon.
        auto *name = page->findChild<QLineEdit *>(u"typeName"_s);
        name->setText(u"Change"_s);
        Q_EMIT name->editingFinished();
        auto *kind = page->findChild<QComboBox *>(u"typeKind"_s);
        kind->setCurrentIndex(kind->findData(u"task"_s));
        Q_EMIT kind->activated(kind->currentIndex());
        auto *icon = page->findChild<QComboBox *>(u"typeIcon"_s);
        QVERIFY(icon->findData(u"wrench"_s) >= 0);
        icon->setCurrentIndex(icon->findData(u"wrench"_s));
        Q_EMIT icon->activated(icon->currentIndex());
        QVERIFY(page->setTypeColor(QColor(u"#26a269"_s)));
        type = m_store->get<TicketType>(id);
        QCOMPARE(type->name, u"Change"_s);
        QCOMPARE(type->kind, TicketKind::Task);
        QCOMPARE(type->icon, u"wrench"_s);
        QCOMPARE(type->color, u"#26a269"_s);
        QCOMPARE(lastMutation()->op, MutationOp::Update);
        QCOMPARE(lastMutation()->entity, EntityKind::TicketType);

        // Statuses: add, edit, make default, reorder.
        const StatusId review = page->addStatus(u"Review"_s, StatusCategory::Pending);
        QVERIFY(review.isValid());
        QCOMPARE(lastMutation()->op, MutationOp::Create);
        QCOMPARE(lastMutation()->entity, EntityKind::Status);
        QCOMPARE(page->currentStatus(), review);
        auto *category = page->findChild<QComboBox *>(u"statusCategory"_s);
        category->setCurrentIndex(category->findData(u"on_hold"_s));
        Q_EMIT category->activated(category->currentIndex());
        QCOMPARE(m_store->get<Status>(review)->category, StatusCategory::OnHold);
        QVERIFY(page->setStatusColor(QColor(u"#813d9c"_s)));
        QCOMPARE(m_store->get<Status>(review)->color, u"#813d9c"_s);
        page->findChild<QCheckBox *>(u"statusDefault"_s)->click();
        QCOMPARE(m_store->get<TicketType>(id)->defaultStatusId, review);

        page->moveCurrentStatus(-1);
        QList<Status> statuses = statusesOf(id);
        QCOMPARE(statuses.size(), 2);
        QCOMPARE(statuses.at(0).id, review);
        QCOMPARE(statuses.at(0).position, 0);
        QCOMPARE(statuses.at(1).position, 1);
        QTRY_COMPARE(page->statusList()->item(0)->data(Qt::UserRole).toString(), review.toString());

        // Types are ordered too: the new one moves up one place.
        page->moveCurrentType(-1);
        QList<TicketType> types = m_store->all<TicketType>();
        std::stable_sort(types.begin(), types.end(),
            [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
        QCOMPARE(types.at(types.size() - 2).id, id);
        for (qsizetype i = 0; i < types.size(); ++i)
            QCOMPARE(types.at(i).position, int(i));
        QVERIFY(page->lastError().isEmpty());
    }

    void removingAStatusMovesItsTickets()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<TicketTypesPage>();
        const TicketType type = typeNamed(u"Question"_s);
        const QList<Status> statuses = statusesOf(type.id);
        page->selectType(type.id);
        page->selectStatus(statuses.at(1).id);
        QString asked;
        QList<std::pair<QString, EntityId>> offered;
        page->setMoveTargetChooser(
            [&](const QString &question, const QList<std::pair<QString, EntityId>> &choices) {
                asked = question;
                offered = choices;
                return std::optional<EntityId>(statuses.at(2).id.as<EntityId>());
            });
        QVERIFY(page->removeCurrentStatus());
        QVERIFY(asked.contains(statuses.at(1).name));
        QCOMPARE(offered.size(), statuses.size() - 1);
        const Mutation removal = *lastMutation();
        QCOMPARE(removal.op, MutationOp::Delete);
        QCOMPARE(removal.entity, EntityKind::Status);
        QCOMPARE(removal.targetId, statuses.at(1).id.as<EntityId>());
        QCOMPARE(removal.fields.value(u"move_to"_s).toString(), statuses.at(2).id.toString());
        QVERIFY(!m_store->get<Status>(statuses.at(1).id));
        QTRY_COMPARE(page->statusList()->count(), int(statuses.size() - 1));

        // Cancelling the question keeps the status.
        page->setMoveTargetChooser(
            [](const QString &, const QList<std::pair<QString, EntityId>> &) {
                return std::optional<EntityId>();
            });
        page->selectStatus(statuses.at(2).id);
        QVERIFY(!page->removeCurrentStatus());
        QVERIFY(m_store->get<Status>(statuses.at(2).id));

        // A type: its tickets go to the chosen type.
        const TicketType incident = typeNamed(u"Incident"_s);
        page->selectType(incident.id);
        page->setMoveTargetChooser(
            [&](const QString &, const QList<std::pair<QString, EntityId>> &choices) {
                offered = choices;
                return std::optional<EntityId>(type.id.as<EntityId>());
            });
        QVERIFY(page->removeCurrentType());
        QCOMPARE(lastMutation()->entity, EntityKind::TicketType);
        QCOMPARE(lastMutation()->op, MutationOp::Delete);
        QCOMPARE(lastMutation()->fields.value(u"move_to"_s).toString(), type.id.toString());
        QVERIFY(!m_store->get<TicketType>(incident.id));
        for (const auto &choice : std::as_const(offered))
            QVERIFY(choice.second != incident.id.as<EntityId>());
    }

    void searchFiltersThePages()
    {
        SettingsDialog dialog(*m_store, m_context);
        const QStringList all = dialog.visiblePageTitles();
        QCOMPARE(all.size(), 8);
        dialog.searchField()->setText(u"business hours"_s);
        QCOMPARE(dialog.visiblePageTitles(), QStringList { u"SLA Policies"_s });
        QCOMPARE(dialog.currentPage()->objectName(), u"slaPoliciesPage"_s);
        dialog.searchField()->setText(u"details panel"_s);
        QCOMPARE(dialog.visiblePageTitles(), QStringList { u"Fields and Panel Layout"_s });
        dialog.searchField()->setText(u"automations"_s);
        QCOMPARE(dialog.visiblePageTitles(), QStringList { u"Automations"_s });
        dialog.searchField()->setText(u"role"_s);
        QCOMPARE(dialog.visiblePageTitles(), QStringList { u"Departments and Agents"_s });
        dialog.searchField()->setText(u"attach files"_s);
        QCOMPARE(dialog.visiblePageTitles(), QStringList { u"Customer Portal"_s });
        // Both the customers' list and what the portal shows them are about customers.
        dialog.searchField()->setText(u"customers"_s);
        const QStringList aboutCustomers = dialog.visiblePageTitles();
        QCOMPARE(QSet<QString>(aboutCustomers.cbegin(), aboutCustomers.cend()),
            (QSet<QString> { u"Customers"_s, u"Customer Portal"_s }));
        dialog.searchField()->setText(u"no such setting"_s);
        QVERIFY(dialog.visiblePageTitles().isEmpty());
        dialog.searchField()->clear();
        QCOMPARE(dialog.visiblePageTitles(), all);
    }

    void lastPageIsRemembered()
    {
        {
            SettingsDialog dialog(*m_store, m_context);
            dialog.showPage(u"automationsPage"_s);
            dialog.reject();
        }
        SettingsDialog again(*m_store, m_context);
        QCOMPARE(again.currentPage()->objectName(), u"automationsPage"_s);
    }

    void nonAdminsSeeReadOnlyPages()
    {
        const Person agent = personWithRole(Role::Agent);
        QVERIFY(agent.id.isValid());
        QueryContext context = m_context;
        context.me = agent.id;
        SettingsDialog dialog(*m_store, context);
        QVERIFY(!dialog.isAdmin());
        dialog.show();
        dialog.showPage(u"ticketTypesPage"_s);
        QVERIFY(dialog.findChild<QLabel *>(u"settingsReadOnly"_s)->isVisible());
        auto *page = dialog.page<TicketTypesPage>();
        QVERIFY(!page->isEditable());
        QVERIFY(page->typeList()->isEnabled()); // browsing still works
        QVERIFY(!page->findChild<QLineEdit *>(u"typeName"_s)->isEnabled());
        QVERIFY(!page->findChild<QWidget *>(u"addType"_s)->isEnabled());
        QCOMPARE(page->statusList()->dragDropMode(), QAbstractItemView::NoDragDrop);
        auto *automations = dialog.page<AutomationsPage>();
        QVERIFY(!automations->findChild<QLineEdit *>(u"ruleName"_s)->isEnabled());
        QVERIFY(!automations->findChild<QWidget *>(u"addAction"_s)->isEnabled());
        auto *sla = dialog.page<SlaPoliciesPage>();
        QVERIFY(!sla->findChild<QTimeEdit *>(u"businessStart"_s)->isEnabled());
        auto *layout = dialog.page<PanelLayoutPage>();
        QVERIFY(layout->typeCombo()->isEnabled());
        QVERIFY(!layout->setPropertyVisible(u"priority"_s, false));
        QVERIFY(m_store->pendingMutations().isEmpty());
        QVERIFY(!layout->findChild<QWidget *>(u"addField"_s)->isEnabled());
    }

    void panelLayoutDecidesWhatThePanelShows()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<PanelLayoutPage>();
        const TicketType type = typeNamed(u"Question"_s);
        QSqlQuery q(m_store->connection());
        QVERIFY(
            q.exec(u"SELECT id FROM tickets WHERE type_id = '%1' LIMIT 1"_s.arg(type.id.toString()))
            && q.next());
        const TicketId ticket = TicketId::fromString(q.value(0).toString());
        TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket);
        QCOMPARE(details.properties()->shownKeys(), type.panelLayout);

        page->selectType(type.id);
        QCOMPARE(page->currentType(), type.id);
        QVERIFY(page->setPropertyVisible(u"department"_s, false));
        QStringList expected = type.panelLayout;
        expected.removeAll(u"department"_s);
        QCOMPARE(m_store->get<TicketType>(type.id)->panelLayout, expected);
        QTRY_COMPARE(details.properties()->shownKeys(), expected);

        // Priority goes first.
        QTRY_COMPARE(page->layoutList()->item(1)->data(Qt::UserRole).toString(), u"priority"_s);
        page->layoutList()->setCurrentRow(1);
        page->moveCurrentProperty(-1);
        expected.move(1, 0);
        QCOMPARE(m_store->get<TicketType>(type.id)->panelLayout, expected);
        QTRY_COMPARE(details.properties()->shownKeys(), expected);

        // A new custom field shows at the end of the panel.
        const CustomFieldId field = page->addField(u"Contract"_s, FieldType::Choice);
        QVERIFY(field.isValid());
        const auto def = m_store->get<CustomFieldDef>(field);
        QCOMPARE(def->typeId, type.id);
        expected.append(u"cf:"_s + field.toString());
        QTRY_COMPARE(details.properties()->shownKeys(), expected);

        // The last visible property cannot be hidden.
        for (const QString &key : expected.mid(1))
            QVERIFY(page->setPropertyVisible(key, false));
        QVERIFY(!page->setPropertyVisible(expected.first(), false));
        QVERIFY(!page->lastError().isEmpty());
        QCOMPARE(m_store->get<TicketType>(type.id)->panelLayout, QStringList { expected.first() });
    }

    void automationRoundTrips()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<AutomationsPage>();
        const AutomationId id = page->addRule(u"Escalate before breach"_s);
        QVERIFY(id.isValid());
        QCOMPARE(page->currentRule(), id);

        const Person agent = personWithRole(Role::Agent);
        CannedResponse canned;
        for (const CannedResponse &c : m_store->all<CannedResponse>()) {
            if (c.shared)
                canned = c;
        }
        QVERIFY(canned.id.isValid());
        Automation rule = page->editedRule();
        rule.trigger = AutomationTrigger::TimeBased;
        rule.schedule = { { u"since"_s, u"resolution_due"_s }, { u"hours"_s, -2 } };
        rule.conditions = conditionsFromFilter(FilterNode::all(
            { FilterNode::where(u"priority"_s, u"any_of"_s, QJsonArray { u"high"_s, u"urgent"_s }),
                FilterNode::where(u"status_category"_s, u"is"_s, u"open"_s) }));
        rule.actions = {
            QJsonObject { { u"type"_s, u"set_priority"_s }, { u"priority"_s, u"urgent"_s } },
            QJsonObject {
                { u"type"_s, u"assign_agent"_s }, { u"agent_id"_s, agent.id.toString() } },
            QJsonObject { { u"type"_s, u"add_internal_note"_s },
                { u"canned_response_id"_s, canned.id.toString() } },
            QJsonObject { { u"type"_s, u"move_to_organization_project"_s } },
        };
        page->editRule(rule);
        QCOMPARE(page->actionRows().size(), 4);
        QVERIFY(!page->actionRows().at(3)->parameterCombo()->isVisibleTo(page));
        QCOMPARE(page->editedRule(), rule);

        // Through the widgets: one more action, then save.
        ActionRow *row = page->addAction();
        QVERIFY(page->isModified());
        row->typeCombo()->setCurrentIndex(row->typeCombo()->findData(u"set_status_category"_s));
        row->parameterCombo()->setCurrentIndex(row->parameterCombo()->findData(u"pending"_s));
        QVERIFY(page->saveRule());
        QVERIFY(!page->isModified());

        const auto stored = m_store->entityJson(EntityKind::Automation, id.as<EntityId>());
        QVERIFY(stored);
        QCOMPARE(stored->value(u"trigger"_s).toString(), u"time_based"_s);
        QCOMPARE(stored->value(u"schedule"_s).toObject(),
            (QJsonObject { { u"since"_s, u"resolution_due"_s }, { u"hours"_s, -2 } }));
        QJsonArray actions = rule.actions;
        actions.append(QJsonObject {
            { u"type"_s, u"set_status_category"_s }, { u"category"_s, u"pending"_s } });
        QCOMPARE(stored->value(u"actions"_s).toArray(), actions);
        QCOMPARE(stored->value(u"conditions"_s).toObject(), rule.conditions);

        // Shown again as saved.
        page->selectRule(AutomationId());
        page->selectRule(id);
        QTRY_COMPARE(page->editedRule().actions, actions);
        QCOMPARE(page->filterBuilder()->filter(), filterFromConditions(rule.conditions));

        // Enabling from the list, and the order.
        QListWidgetItem *item = page->ruleList()->currentItem();
        item->setCheckState(Qt::Checked);
        QVERIFY(m_store->get<Automation>(id)->enabled);
        page->moveCurrentRule(-1);
        QList<Automation> rules = m_store->all<Automation>();
        std::stable_sort(rules.begin(), rules.end(),
            [](const Automation &a, const Automation &b) { return a.position < b.position; });
        QCOMPARE(rules.at(rules.size() - 2).id, id);
    }

    void slaPolicyRoundTrips()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<SlaPoliciesPage>();
        const SlaPolicyId id = page->addPolicy(u"VIP"_s);
        QVERIFY(id.isValid());
        SlaPolicy policy = page->editedPolicy();
        policy.conditions
            = conditionsFromFilter(FilterNode::where(u"priority"_s, u"is"_s, u"urgent"_s));
        policy.firstResponseMinutes = { 240, 120, 60, 15 };
        policy.resolutionMinutes = { 2400, 1200, 480, 125 };
        policy.businessHoursStart = u"08:30"_s;
        policy.businessHoursEnd = u"18:00"_s;
        policy.businessDays = { 1, 2, 3, 4, 5, 6 };
        policy.holidays = { QDate(2026, 12, 25), QDate(2027, 1, 1) };
        policy.timeZone = u"Europe/Berlin"_s;
        page->editPolicy(policy);
        QCOMPARE(page->editedPolicy(), policy);
        auto *minutes = page->findChild<QSpinBox *>(u"resolutionMinutes:urgent"_s);
        QCOMPARE(minutes->value(), 5);
        minutes->setValue(10);
        QVERIFY(page->isModified());
        QVERIFY(page->savePolicy());
        policy.resolutionMinutes[3] = 130;
        const auto stored = m_store->get<SlaPolicy>(id);
        QVERIFY(stored);
        SlaPolicy expected = policy;
        expected.version = stored->version;
        QCOMPARE(*stored, expected);
        const auto json = m_store->entityJson(EntityKind::SlaPolicy, id.as<EntityId>());
        QCOMPARE(json->value(u"time_zone"_s).toString(), u"Europe/Berlin"_s);
        QCOMPARE(json->value(u"holidays"_s).toArray().first().toString(), u"2026-12-25"_s);
    }

    void portalSettingsRoundTrip()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<PortalPage>();
        QVERIFY(page);
        QVERIFY(page->adminOnly());
        // Nothing stored yet: the page shows the defaults.
        QVERIFY(page->ownScopeButton()->isChecked());
        QVERIFY(page->canCreateBox()->isChecked());
        QVERIFY(page->attachmentsBox()->isChecked());
        QVERIFY(!page->isModified());
        auto *save = page->findChild<QPushButton *>(u"savePortal"_s);
        QVERIFY(!save->isEnabled());

        page->organizationScopeButton()->setChecked(true);
        page->attachmentsBox()->setChecked(false);
        QVERIFY(page->isModified());
        QVERIFY(save->isEnabled());
        // Revert drops the unsaved choices.
        page->revert();
        QVERIFY(page->ownScopeButton()->isChecked());
        QVERIFY(page->attachmentsBox()->isChecked());
        QVERIFY(m_store->pendingMutations().isEmpty());

        page->organizationScopeButton()->setChecked(true);
        page->canCreateBox()->setChecked(false);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(!page->isModified());
        const auto stored = m_store->get<WorkspaceSettings>(WorkspaceSettings::wellKnownId());
        QVERIFY(stored);
        QCOMPARE(stored->portalScope, PortalScope::Organization);
        QVERIFY(!stored->portalCanCreate);
        QVERIFY(stored->portalAttachments);
        const auto m = lastMutation();
        QVERIFY(m);
        QCOMPARE(m->entity, EntityKind::WorkspaceSettings);
        const auto json = m_store->entityJson(
            EntityKind::WorkspaceSettings, WorkspaceSettings::wellKnownId().as<EntityId>());
        QCOMPARE(json->value(u"portal_scope"_s).toString(), u"organization"_s);

        // A second dialog reads what was saved; agents see it read-only.
        const Person agent = personWithRole(Role::Agent);
        QueryContext context = m_context;
        context.me = agent.id;
        SettingsDialog other(*m_store, context);
        auto *readOnly = other.page<PortalPage>();
        QVERIFY(readOnly->organizationScopeButton()->isChecked());
        QVERIFY(!readOnly->canCreateBox()->isChecked());
        QVERIFY(!readOnly->isEditable());
        QVERIFY(!readOnly->canCreateBox()->isEnabled());
    }

    void departmentsAndAgents()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<PeoplePage>();
        const DepartmentId id = page->addDepartment(u"Field Sales"_s);
        QVERIFY(id.isValid());
        QCOMPARE(m_store->get<Department>(id)->name, u"Field Sales"_s);
        QListWidgetItem *item = page->departmentList()->currentItem();
        QVERIFY(item);
        item->setText(u"Field Sales EMEA"_s);
        QCOMPARE(m_store->get<Department>(id)->name, u"Field Sales EMEA"_s);
        const OrganizationId organization = page->addOrganization(u"Northwind"_s);
        QVERIFY(organization.isValid());
        page->organizationList()->currentItem()->setText(u"Northwind Traders"_s);
        QCOMPARE(m_store->get<Organization>(organization)->name, u"Northwind Traders"_s);

        const Person agent = personWithRole(Role::Agent);
        page->selectAgent(agent.id);
        QCOMPARE(page->currentAgent(), agent.id);
        QVERIFY(page->setAgentRole(Role::Lead));
        QVERIFY(page->setAgentInDepartment(id, true));
        QVERIFY(page->setAgentActive(false));
        const auto changed = m_store->get<Person>(agent.id);
        QCOMPARE(changed->role, Role::Lead);
        QVERIFY(changed->departmentIds.contains(id));
        QVERIFY(!changed->active);
        QCOMPARE(lastMutation()->entity, EntityKind::Person);
        QTRY_VERIFY(!page->findChild<QCheckBox *>(u"agentActive"_s)->isChecked());
    }

    void customersAreAddedEditedAndSearched()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<CustomersPage>();
        QVERIFY(page);
        QCOMPARE(page->title(), u"Customers"_s);
        const qsizetype before = page->visibleCustomers().size();
        QVERIFY(before > 0);

        const PersonId id = page->addCustomer(u"Quentin Customer"_s);
        QVERIFY(id.isValid());
        QCOMPARE(page->currentCustomer(), id);
        QCOMPARE(lastMutation()->entity, EntityKind::Person);
        QCOMPARE(m_store->get<Person>(id)->kind, PersonKind::Customer);

        const Organization organization = m_store->all<Organization>().first();
        page->nameField()->setText(u"Quentin Quayle"_s);
        page->emailField()->setText(u"quentin@example.org"_s);
        page->organizationField()->setCurrentIndex(
            page->organizationField()->findData(organization.id.toString()));
        QVERIFY(page->saveCurrent());
        auto saved = m_store->get<Person>(id);
        QCOMPARE(saved->name, u"Quentin Quayle"_s);
        QCOMPARE(saved->email, u"quentin@example.org"_s);
        QCOMPARE(saved->organizationId, organization.id);

        // A wrong address is refused with a message, and the typing is kept.
        page->emailField()->setText(u"quentin at example"_s);
        QVERIFY(!page->saveCurrent());
        QVERIFY(!page->lastError().isEmpty());
        QCOMPARE(page->emailField()->text(), u"quentin at example"_s);
        QCOMPARE(m_store->get<Person>(id)->email, u"quentin@example.org"_s);

        // The search matches name, e-mail or organization, word by word.
        page->searchField()->setText(u"quayle"_s);
        QCOMPARE(page->visibleCustomers().size(), 1);
        QVERIFY(page->visibleCustomers().first().contains(organization.name));
        page->searchField()->setText(u"QUENTIN@example"_s);
        QCOMPARE(page->visibleCustomers().size(), 1);
        page->searchField()->setText(u"no such customer anywhere"_s);
        QVERIFY(page->visibleCustomers().isEmpty());
        page->searchField()->clear();
        QCOMPARE(page->visibleCustomers().size(), before + 1);
        // Agents are not customers.
        for (const QString &row : page->visibleCustomers())
            QVERIFY(!row.startsWith(m_store->get<Person>(m_context.me)->name + u"  "_s));
    }

    void invitingAnAgentNeedsTheServer()
    {
        SettingsDialog dialog(*m_store, m_context);
        auto *page = dialog.page<PeoplePage>();
        // Offline: no engine, no invitations, and the button says why.
        QVERIFY(!page->inviteButton()->isEnabled());
        QVERIFY(page->inviteButton()->toolTip().contains(u"server"_s));
        QVERIFY(!page->openInviteDialog());

        QList<AgentInvitation> sent;
        std::function<void(const InvitationReply &)> answer;
        page->setInvitationSender([&](const AgentInvitation &invitation,
                                      std::function<void(const InvitationReply &)> done) {
            sent.append(invitation);
            answer = std::move(done);
        });
        QVERIFY(page->inviteButton()->isEnabled());
        InviteAgentDialog *invite = page->openInviteDialog();
        QVERIFY(invite);
        // Missing input is named before anything is sent.
        invite->invite();
        QVERIFY(!invite->errorText().isEmpty());
        QVERIFY(sent.isEmpty());
        invite->nameField()->setText(u"Ines Invited"_s);
        invite->emailField()->setText(u"ines@example.com"_s);
        invite->roleField()->setCurrentIndex(invite->roleField()->findData(u"lead"_s));
        invite->departmentList()->item(0)->setCheckState(Qt::Checked);
        invite->invite();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().email, u"ines@example.com"_s);
        QCOMPARE(sent.first().role, Role::Lead);
        QCOMPARE(sent.first().departmentIds.size(), 1);

        // A taken address: said so, and the dialog keeps the input.
        answer({ 409, {}, u"taken"_s });
        QVERIFY(invite->errorText().contains(u"ines@example.com"_s));
        QCOMPARE(invite->nameField()->text(), u"Ines Invited"_s);
        invite->invite();
        QCOMPARE(sent.size(), 2);
        answer({ 201, QJsonObject { { u"temporary_password"_s, u"Kp7wXz3qRt9mHn4v"_s } }, {} });
        QCOMPARE(invite->temporaryPassword(), u"Kp7wXz3qRt9mHn4v"_s);
        QVERIFY(invite->errorText().isEmpty());
        invite->findChild<QPushButton *>(u"copyPassword"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Kp7wXz3qRt9mHn4v"_s);
    }

    // Canned responses are not admin-only: an agent keeps personal ones but
    // cannot share them or change shared ones.
    void agentsKeepPersonalCannedResponses()
    {
        const Person agent = personWithRole(Role::Agent);
        QueryContext context = m_context;
        context.me = agent.id;
        SettingsDialog dialog(*m_store, context);
        auto *page = dialog.page<CannedResponsesPage>();
        QVERIFY(page->isEditable());
        const CannedResponseId id = page->addResponse(u"My sign-off"_s);
        QVERIFY2(id.isValid(), qPrintable(page->lastError()));
        QCOMPARE(page->currentResponse(), id);
        QVERIFY(!page->sharedBox()->isEnabled());
        page->bodyEdit()->setPlainText(u"Cheers, {{agent.name}}"_s);
        QVERIFY(page->saveResponse());
        const auto mine = m_store->get<CannedResponse>(id);
        QCOMPARE(mine->body, u"Cheers, {{agent.name}}"_s);
        QVERIFY(!mine->shared);
        QCOMPARE(mine->ownerId, agent.id);

        CannedResponse shared;
        for (const CannedResponse &c : m_store->all<CannedResponse>()) {
            if (c.shared)
                shared = c;
        }
        page->selectResponse(shared.id);
        QVERIFY(!page->nameEdit()->isEnabled());
        QVERIFY(!page->saveResponse());
        QVERIFY(!page->removeCurrentResponse());
    }

    // Two clients on one server: an admin adds a status in the dialog, the
    // other client's status menu offers it after the next sync.
    void aNewStatusReachesTheOtherClient()
    {
        Test::DemoServer demo;
        QVERIFY(demo.start(40, Password));
        const Person admin = demo.first(Role::Admin);
        const Person agent = demo.first(Role::Agent);
        Test::SyncAgent a, b;
        QVERIFY(a.signIn(demo.server->baseUrl(), admin.email, Password));
        QVERIFY(b.signIn(demo.server->baseUrl(), agent.email, Password));
        QueryContext contextA, contextB;
        contextA.me = admin.id;
        contextB.me = agent.id;
        contextB.myDepartments = agent.departmentIds;

        std::optional<Ticket> ticket;
        for (const Ticket &t : b.store->all<Ticket>()) {
            if (!ticket && t.kind == TicketKind::Ticket)
                ticket = t;
        }
        QVERIFY(ticket);
        TicketDetailsWidget details(*b.store, contextB, u"b"_s);
        details.setTicket(ticket->id);
        // The panel rebuilds its rows when definitions change: look the editor up each time.
        const auto offered = [&details] {
            auto *combo = qobject_cast<QComboBox *>(details.properties()->editor(u"status"_s));
            return combo && combo->findText(u"Escalated to vendor"_s) >= 0;
        };
        QVERIFY(qobject_cast<QComboBox *>(details.properties()->editor(u"status"_s)));
        QVERIFY(!offered());

        SettingsDialog dialog(*a.store, contextA);
        auto *page = dialog.page<TicketTypesPage>();
        page->selectType(ticket->typeId);
        const StatusId added = page->addStatus(u"Escalated to vendor"_s, StatusCategory::OnHold);
        QVERIFY(added.isValid());
        a.engine->syncNow();
        QVERIFY(a.settle());
        QCOMPARE(a.store->pendingMutations().size(), 0);
        QVERIFY(a.store->conflicts().isEmpty());

        b.engine->syncNow();
        QVERIFY(b.settle());
        QVERIFY(b.store->get<Status>(added));
        QTRY_VERIFY(offered());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
