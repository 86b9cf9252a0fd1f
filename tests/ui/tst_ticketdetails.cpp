// SPDX-License-Identifier: GPL-3.0-or-later
// The ticket details: the dock follows the list, a window shows the same,
// each property edit is one mutation, the type's panel layout decides the
// rows, refusals show inline, and attachments queue and leave the queue.
#include "demo/demodata.h"
#include "details/attachmentlist.h"
#include "details/descriptioneditor.h"
#include "details/propertiespanel.h"
#include "details/ticketdetailswidget.h"
#include "details/ticketheader.h"
#include "details/ticketwindow.h"
#include "mainwindow.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketlistview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestTicketDetails : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QueryContext m_context;
    int m_cache = 0;

    // A ticket of the named type (demo types: Question, Incident, Task).
    Ticket ticketOfType(const QString &typeName) const
    {
        TicketTypeId type;
        for (const TicketType &t : m_store->all<TicketType>()) {
            if (t.name == typeName)
                type = t.id;
        }
        for (const Ticket &t : m_store->all<Ticket>()) {
            if (t.typeId == type)
                return t;
        }
        return {};
    }

    // The last queued mutation's fields (what the server will receive).
    QJsonObject lastFields() const
    {
        const auto pending = m_store->pendingMutations();
        return pending.isEmpty() ? QJsonObject() : pending.constLast().mutation.fields;
    }

    static void chooseInCombo(QWidget *editor, const QString &text)
    {
        auto *combo = qobject_cast<QComboBox *>(editor);
        QVERIFY2(combo, "not a combo box");
        const int index = combo->findText(text);
        QVERIFY2(index >= 0, qPrintable(text));
        combo->setCurrentIndex(index);
        Q_EMIT combo->activated(index);
    }

    static QAction *menuAction(QToolButton *button, const QString &text)
    {
        Q_EMIT button->menu()->aboutToShow();
        for (QAction *a : button->menu()->actions()) {
            if (a->text().remove(u'&') == text)
                return a;
        }
        return nullptr;
    }

    CustomFieldDef fieldNamed(const QString &name) const
    {
        for (const CustomFieldDef &f : m_store->all<CustomFieldDef>()) {
            if (f.name == name)
                return f;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"TesseraTest"_s);
        QCoreApplication::setApplicationName(u"tst_ticketdetails"_s);
    }

    void init()
    {
        QSettings().clear();
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_cache)));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 120;
        demo.messagesPerTicket = 2;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_context.me = DemoGenerator(demo).workspaceOwner();
        m_context.myDepartments = m_store->get<Person>(m_context.me)->departmentIds;
    }

    void dockFollowsTheSelectionAndTheWindowShowsTheSame()
    {
        Ui::MainWindow window({ u"Local workspace"_s, {}, true }, m_store.get(), m_context);
        qInfo("MARK 1", 1);
        window.resize(1400, 900);
        qInfo("MARK 2", 2);
        window.show();
        qInfo("MARK 3", 3);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        qInfo("MARK 4", 4);
        auto *list = window.findChild<Ui::TicketListView *>(u"ticketList"_s);
        qInfo("MARK 5", 5);
        Ui::TicketDetailsWidget *dock = window.ticketDetails();
        qInfo("MARK 6", 6);
        QVERIFY(list && dock);
        qInfo("MARK 7", 7);
        QTRY_VERIFY(list->model()->rowCount() > 0);
        qInfo("MARK 8", 8);
        list->selectNextTicket();
        qInfo("MARK 9", 9);
        QVERIFY(list->currentTicket().isValid());
        qInfo("MARK 10", 10);
        const TicketId first = list->currentTicket();
        qInfo("MARK 11", 11);
        QCOMPARE(dock->ticket(), first);
        qInfo("MARK 12", 12);
        list->selectNextTicket();
        qInfo("MARK 13", 13);
        const TicketId second = list->currentTicket();
        qInfo("MARK 14", 14);
        QVERIFY(second != first);
        qInfo("MARK 15", 15);
        QCOMPARE(dock->ticket(), second);
        qInfo("MARK 16", 16);
        const auto ticket = m_store->get<Ticket>(second);
        qInfo("MARK 17", 17);
        QCOMPARE(dock->header()->titleEdit()->text(), ticket->title);
        qInfo("MARK 18", 18);
        QCOMPARE(dock->header()->numberText(), u"#%1"_s.arg(ticket->number));
        qInfo("MARK 19", 19);

        // Enter opens the ticket in a window of its own, with the same content.
        QTest::keyClick(list, Qt::Key_Return);
        qInfo("MARK 20", 20);
        auto *ticketWindow = window.findChild<Ui::TicketWindow *>();
        qInfo("MARK 21", 21);
        QVERIFY(ticketWindow);
        qInfo("MARK 22", 22);
        QCOMPARE(ticketWindow->details()->ticket(), second);
        qInfo("MARK 23", 23);
        QCOMPARE(ticketWindow->details()->shownText(), dock->shownText());
        qInfo("MARK 24", 24);
        QVERIFY(ticketWindow->windowTitle().contains(ticket->title));
        qInfo("MARK 25", 25);
        // Opening it again raises that window instead of making another.
        QCOMPARE(window.openTicketWindow(second), ticketWindow);
        qInfo("MARK 26", 26);
        // The dock moves on; the window keeps its ticket.
        list->selectPreviousTicket();
        qInfo("MARK 27", 27);
        QCOMPARE(dock->ticket(), first);
        qInfo("MARK 28", 28);
        QCOMPARE(ticketWindow->details()->ticket(), second);
        qInfo("MARK 29", 29);
        // An edit in the window shows in the dock when it shows that ticket.
        list->selectNextTicket();
        qInfo("MARK 30", 30);
        chooseInCombo(ticketWindow->details()->properties()->editor(u"priority"_s), u"Urgent"_s);
        qInfo("MARK 31", 31);
        QCOMPARE(m_store->get<Ticket>(second)->priority, Priority::Urgent);
        qInfo("MARK 32", 32);
        QCOMPARE(dock->header()->priorityButton()->text(), u"Urgent"_s);
        qInfo("MARK 33", 33);
        QCOMPARE(ticketWindow->details()->shownText(), dock->shownText());
        qInfo("MARK 34", 34);
        ticketWindow->close();
        qInfo("MARK 35", 35);
    }

    void eachPropertyEditIsOneMutation()
    {
        const Ticket ticket = ticketOfType(u"Incident"_s);
        qInfo("MARK 1", 1);
        QVERIFY(ticket.isValid());
        qInfo("MARK 2", 2);
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        qInfo("MARK 3", 3);
        details.setTicket(ticket.id);
        qInfo("MARK 4", 4);
        details.resize(500, 900);
        qInfo("MARK 5", 5);
        details.show();
        qInfo("MARK 6", 6);
        Ui::PropertiesPanel *panel = details.properties();
        qInfo("MARK 7", 7);
        const auto expectLast = [&](const QJsonObject &fields) {
            QCOMPARE(m_store->pendingMutations().constLast().mutation.targetId,
                ticket.id.as<EntityId>());
            QCOMPARE(lastFields(), fields);
        };
        qInfo("MARK 8", 8);

        // Status, from the properties and from the header's bubble.
        const auto statuses = m_store->all<Status>();
        qInfo("MARK 9", 9);
        const auto statusNamed = [&](const QString &name) {
            for (const Status &s : statuses) {
                if (s.typeId == ticket.typeId && s.name == name)
                    return s.id.toString();
            }
            return QString();
        };
        qInfo("MARK 10", 10);
        chooseInCombo(panel->editor(u"status"_s), u"Investigating"_s);
        qInfo("MARK 11", 11);
        expectLast({ { u"status_id"_s, statusNamed(u"Investigating"_s) } });
        qInfo("MARK 12", 12);
        QCOMPARE(details.header()->statusButton()->text(), u"Investigating"_s);
        qInfo("MARK 13", 13);
        QAction *onHold = menuAction(details.header()->statusButton(), u"Waiting on vendor"_s);
        qInfo("MARK 14", 14);
        QVERIFY(onHold);
        qInfo("MARK 15", 15);
        onHold->trigger();
        qInfo("MARK 16", 16);
        expectLast({ { u"status_id"_s, statusNamed(u"Waiting on vendor"_s) } });
        qInfo("MARK 17", 17);
        // The base says what the agent saw: the server merges per field.
        QCOMPARE(m_store->pendingMutations().constLast().mutation.base.value(u"status_id"_s),
            QJsonValue(statusNamed(u"Investigating"_s)));

        // Priority from the header.
        menuAction(details.header()->priorityButton(), u"High"_s)->trigger();
        qInfo("MARK 18", 18);
        expectLast({ { u"priority"_s, u"high"_s } });
        qInfo("MARK 19", 19);

        // Assign: to me, to a department, unassigned.
        auto *assign = panel->editor(u"assignee"_s)->findChild<QToolButton *>(u"assignButton"_s);
        qInfo("MARK 20", 20);
        QVERIFY(assign);
        qInfo("MARK 21", 21);
        menuAction(assign, u"Assign to Me"_s)->trigger();
        qInfo("MARK 22", 22);
        expectLast({ { u"assignee_id"_s, m_context.me.toString() } });
        qInfo("MARK 23", 23);
        const Department department = m_store->all<Department>().constLast();
        qInfo("MARK 24", 24);
        menuAction(assign, department.name)->trigger();
        qInfo("MARK 25", 25);
        expectLast({ { u"department_id"_s, department.id.toString() },
            { u"assignee_id"_s, QJsonValue() } });

        // Project: moving to another project.
        const Project project = m_store->all<Project>().constFirst();
        qInfo("MARK 26", 26);
        auto *projectCombo = qobject_cast<QComboBox *>(panel->editor(u"project"_s));
        qInfo("MARK 27", 27);
        const int projectIndex = projectCombo->findData(project.id.toString());
        qInfo("MARK 28", 28);
        QVERIFY(projectIndex > 0);
        qInfo("MARK 29", 29);
        projectCombo->setCurrentIndex(projectIndex);
        qInfo("MARK 30", 30);
        Q_EMIT projectCombo->activated(projectIndex);
        qInfo("MARK 31", 31);
        QCOMPARE(lastFields().value(u"project_id"_s).toString(), project.id.toString());
        qInfo("MARK 32", 32);

        // Visibility.
        chooseInCombo(panel->editor(u"visibility"_s), u"Internal"_s);
        qInfo("MARK 33", 33);
        expectLast({ { u"visibility"_s, u"internal"_s } });
        qInfo("MARK 34", 34);

        // Followers: add one, then remove it again.
        auto *followers = qobject_cast<QToolButton *>(panel->editor(u"followers"_s));
        qInfo("MARK 35", 35);
        QVERIFY(followers);
        qInfo("MARK 36", 36);
        Q_EMIT followers->menu()->aboutToShow();
        qInfo("MARK 37", 37);
        QAction *follower = followers->menu()->actions().constFirst();
        qInfo("MARK 38", 38);
        const bool wasFollowing = follower->isChecked();
        qInfo("MARK 39", 39);
        follower->setChecked(!wasFollowing);
        qInfo("MARK 40", 40);
        const QJsonArray after = lastFields().value(u"follower_ids"_s).toArray();
        qInfo("MARK 41", 41);
        QCOMPARE(after.size(), ticket.followerIds.size() + (wasFollowing ? -1 : 1));
        qInfo("MARK 42", 42);

        // Title in place, description in Markdown.
        QLineEdit *title = details.header()->titleEdit();
        qInfo("MARK 43", 43);
        title->setText(u"Printer on fire"_s);
        qInfo("MARK 44", 44);
        Q_EMIT title->editingFinished();
        qInfo("MARK 45", 45);
        expectLast({ { u"title"_s, u"Printer on fire"_s } });
        qInfo("MARK 46", 46);
        details.description()->startEditing();
        qInfo("MARK 47", 47);
        details.description()->editor()->setPlainText(u"It **smokes**."_s);
        qInfo("MARK 48", 48);
        QVERIFY(details.description()->save());
        qInfo("MARK 49", 49);
        expectLast({ { u"description"_s, u"It **smokes**."_s } });
        qInfo("MARK 50", 50);
        QVERIFY(!details.description()->isEditing());
        qInfo("MARK 51", 51);
        QVERIFY(details.description()->viewer()->toPlainText().contains(u"smokes"_s));
        qInfo("MARK 52", 52);

        // Custom fields of each kind the type has.
        const CustomFieldDef severity = fieldNamed(u"Severity"_s);
        qInfo("MARK 53", 53);
        chooseInCombo(panel->editor(u"cf:"_s + severity.id.toString()), u"S1"_s);
        qInfo("MARK 54", 54);
        QCOMPARE(lastFields()
                     .value(u"custom_fields"_s)
                     .toObject()
                     .value(severity.id.toString())
                     .toString(),
            u"S1"_s);
        const CustomFieldDef version = fieldNamed(u"Affected version"_s);
        qInfo("MARK 55", 55);
        auto *text = qobject_cast<QLineEdit *>(panel->editor(u"cf:"_s + version.id.toString()));
        qInfo("MARK 56", 56);
        QVERIFY(text);
        qInfo("MARK 57", 57);
        text->setText(u"4.2.1"_s);
        qInfo("MARK 58", 58);
        text->setModified(true);
        qInfo("MARK 59", 59);
        Q_EMIT text->editingFinished();
        qInfo("MARK 60", 60);
        QCOMPARE(lastFields()
                     .value(u"custom_fields"_s)
                     .toObject()
                     .value(version.id.toString())
                     .toString(),
            u"4.2.1"_s);
        const CustomFieldDef vendor = fieldNamed(u"Vendor case opened"_s);
        qInfo("MARK 61", 61);
        auto *check = qobject_cast<QCheckBox *>(panel->editor(u"cf:"_s + vendor.id.toString()));
        qInfo("MARK 62", 62);
        QVERIFY(check);
        qInfo("MARK 63", 63);
        const bool wasChecked = check->isChecked();
        qInfo("MARK 64", 64);
        check->click();
        qInfo("MARK 65", 65);
        QCOMPARE(
            lastFields().value(u"custom_fields"_s).toObject().value(vendor.id.toString()).toBool(),
            !wasChecked);
        // Earlier custom values stay: the whole object is sent.
        QCOMPARE(lastFields()
                     .value(u"custom_fields"_s)
                     .toObject()
                     .value(severity.id.toString())
                     .toString(),
            u"S1"_s);
    }

    void taskPropertiesHaveTheirEditors()
    {
        const Ticket task = ticketOfType(u"Task"_s);
        QVERIFY(task.isValid());
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(task.id);
        Ui::PropertiesPanel *panel = details.properties();
        auto *percent = qobject_cast<QSpinBox *>(panel->editor(u"percent_complete"_s));
        QVERIFY(percent);
        percent->setValue(task.percentComplete == 40 ? 60 : 40);
        Q_EMIT percent->editingFinished();
        QCOMPARE(lastFields(), (QJsonObject { { u"percent_complete"_s, percent->value() } }));

        const CustomFieldDef estimate = fieldNamed(u"Estimate (h)"_s);
        auto *number = qobject_cast<QLineEdit *>(panel->editor(u"cf:"_s + estimate.id.toString()));
        QVERIFY(number);
        number->setText(u"7.5"_s);
        number->setModified(true);
        Q_EMIT number->editingFinished();
        QCOMPARE(lastFields()
                     .value(u"custom_fields"_s)
                     .toObject()
                     .value(estimate.id.toString())
                     .toDouble(),
            7.5);
        const CustomFieldDef reviewer = fieldNamed(u"Reviewer"_s);
        const auto me = m_store->get<Person>(m_context.me);
        chooseInCombo(panel->editor(u"cf:"_s + reviewer.id.toString()), me->name);
        QCOMPARE(lastFields()
                     .value(u"custom_fields"_s)
                     .toObject()
                     .value(reviewer.id.toString())
                     .toString(),
            m_context.me.toString());
    }

    // The header shows "Overdue" while a due time has passed unmet, and not
    // once the target is met.
    void overdueBadgeShowsPastAMissedDueTime()
    {
        Ticket ticket = ticketOfType(u"Question"_s);
        ticket.firstResponseDue = QDateTime::currentDateTimeUtc().addSecs(7200);
        ticket.firstRespondedAt = {};
        ticket.resolutionDue = QDateTime::currentDateTimeUtc().addSecs(3600);
        ticket.solvedAt = {};
        const auto store = [this](Ticket &t) {
            ++t.version;
            QVERIFY(m_store
                        ->applyServerChanges({ { EntityKind::Ticket, t.id.as<EntityId>(),
                            Protocol::toJson(t), false } })
                        .isOk());
        };
        store(ticket);
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket.id);
        details.show();
        QLabel *badge = details.header()->overdueBadge();
        QVERIFY(badge);
        QVERIFY(!badge->isVisible());

        ticket.resolutionDue = QDateTime::currentDateTimeUtc().addSecs(-3600);
        store(ticket);
        QTRY_VERIFY(badge->isVisible());
        QCOMPARE(badge->text(), u"Overdue"_s);
        QVERIFY(badge->toolTip().contains(u"resolution"_s));

        ticket.solvedAt = QDateTime::currentDateTimeUtc().addSecs(-7200);
        store(ticket);
        QTRY_VERIFY(!badge->isVisible());
    }

    void layoutComesFromTheTicketType()
    {
        const Ticket ticket = ticketOfType(u"Question"_s);
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket.id);
        auto type = *m_store->get<TicketType>(ticket.typeId);
        QCOMPARE(details.properties()->shownKeys(), type.panelLayout);

        // An admin reorders and trims the layout; it arrives by sync.
        const CustomFieldDef area = fieldNamed(u"Product area"_s);
        type.panelLayout
            = { u"cf:"_s + area.id.toString(), u"priority"_s, u"assignee"_s, u"status"_s };
        ++type.version;
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::TicketType, type.id.as<EntityId>(),
                        Protocol::toJson(type), false } })
                    .isOk());
        QTRY_COMPARE(details.properties()->shownKeys(), type.panelLayout);
        QVERIFY(!details.properties()->editor(u"department"_s));
        QVERIFY(details.properties()->editor(u"cf:"_s + area.id.toString()));

        // Keys this version does not know are skipped, not fatal.
        type.panelLayout = { u"status"_s, u"some_future_property"_s };
        ++type.version;
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::TicketType, type.id.as<EntityId>(),
                        Protocol::toJson(type), false } })
                    .isOk());
        QTRY_COMPARE(details.properties()->shownKeys(), QStringList { u"status"_s });
    }

    void refusedEditShowsInlineAndKeepsTheCache()
    {
        // The admin makes "Product area" required; a ticket without it cannot be saved.
        CustomFieldDef area = fieldNamed(u"Product area"_s);
        area.required = true;
        ++area.version;
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::CustomField, area.id.as<EntityId>(),
                        Protocol::toJson(area), false } })
                    .isOk());
        Ticket ticket = ticketOfType(u"Question"_s);
        ticket.customFields.insert(area.id.toString(), u"Billing"_s);
        ++ticket.version;
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::Ticket, ticket.id.as<EntityId>(),
                        Protocol::toJson(ticket), false } })
                    .isOk());

        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket.id);
        const QString key = u"cf:"_s + area.id.toString();
        const qsizetype queued = m_store->pendingMutations().size();
        chooseInCombo(details.properties()->editor(key), u"None"_s);
        QVERIFY(!details.properties()->errorText(key).isEmpty());
        QCOMPARE(m_store->pendingMutations().size(), queued);
        // The editor shows the stored value again, not the refused one.
        QCOMPARE(qobject_cast<QComboBox *>(details.properties()->editor(key))->currentText(),
            u"Billing"_s);
        // A good edit clears the message.
        chooseInCombo(details.properties()->editor(key), u"Reports"_s);
        QVERIFY(details.properties()->errorText(key).isEmpty());

        // An empty title is refused in the header.
        QLineEdit *title = details.header()->titleEdit();
        title->setText(u"   "_s);
        Q_EMIT title->editingFinished();
        QVERIFY(!details.header()->errorText().isEmpty());
        QCOMPARE(title->text(), ticket.title);
    }

    void colleaguesEditsShowLive()
    {
        const Ticket ticket = ticketOfType(u"Question"_s);
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket.id);
        Ticket changed = ticket;
        changed.title = u"Changed by a colleague"_s;
        changed.priority = Priority::Low;
        ++changed.version;
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::Ticket, ticket.id.as<EntityId>(),
                        Protocol::toJson(changed), false } })
                    .isOk());
        QCOMPARE(details.header()->titleEdit()->text(), changed.title);
        QCOMPARE(details.header()->priorityButton()->text(), u"Low"_s);

        // Out of the agent's scope: the panel says so instead of showing stale data.
        QVERIFY(
            m_store
                ->applyServerChanges({ { EntityKind::Ticket, ticket.id.as<EntityId>(), {}, true } })
                .isOk());
        QVERIFY(details.shownText().contains(u"no longer available"_s));
    }

    void newTicketShowsThePendingMarker()
    {
        Ticket fresh;
        fresh.id = TicketId::create();
        fresh.title = u"Created offline"_s;
        fresh.description = u"The VPN is down."_s;
        const TicketType type = m_store->all<TicketType>().constFirst();
        fresh.typeId = type.id;
        fresh.statusId = type.defaultStatusId;
        fresh.requesterId = m_context.me;
        fresh.departmentId = m_context.myDepartments.value(0);
        QVERIFY(m_store->apply(Mutation::creating(EntityKind::Ticket, fresh, m_context.me)).isOk());
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(fresh.id);
        QCOMPARE(details.header()->numberText(), u"Not synced"_s);
        // The server's answer brings the number.
        QJsonObject synced = *m_store->entityJson(EntityKind::Ticket, fresh.id.as<EntityId>());
        synced.insert(u"number"_s, 9001);
        synced.insert(u"version"_s, 1);
        QVERIFY(m_store
                    ->applyServerChanges(
                        { { EntityKind::Ticket, fresh.id.as<EntityId>(), synced, false } }, {},
                        Settlement { { m_store->pendingMutations().constLast().mutation.id }, {} })
                    .isOk());
        QCOMPARE(details.header()->numberText(), u"#9001"_s);
    }

    void attachmentsQueueAndCanBeRemoved()
    {
        const Ticket ticket = ticketOfType(u"Incident"_s);
        Ui::TicketDetailsWidget details(*m_store, m_context, u"test"_s);
        details.setTicket(ticket.id);
        Ui::AttachmentList *attachments = details.attachments();
        const QString path = m_dir.filePath(u"trace.log"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("java.lang.NullPointerException\n\tat Foo.bar(Foo.java:42)\n");
        file.close();
        QVERIFY(attachments->attachFiles({ path }).isEmpty());
        QCOMPARE(m_store->pendingUploads().size(), 1);
        QCOMPARE(attachments->list()->count(), 1);
        QVERIFY(attachments->list()->item(0)->text().contains(u"trace.log"_s));
        QVERIFY(attachments->list()->item(0)->text().contains(u"waiting to upload"_s));

        // Not yet uploaded: removing takes it out of the queue, nothing is sent.
        const qsizetype queued = m_store->pendingMutations().size();
        QVERIFY(attachments->remove(attachments->attachments().constFirst().id).isEmpty());
        QVERIFY(m_store->pendingUploads().isEmpty());
        QCOMPARE(attachments->list()->count(), 0);
        QCOMPARE(m_store->pendingMutations().size(), queued);

        // An attachment the server has: removing it is a Delete mutation.
        Attachment stored;
        stored.id = AttachmentId::create();
        stored.ticketId = ticket.id;
        stored.fileName = u"screenshot.png"_s;
        stored.mimeType = u"image/png"_s;
        stored.size = 1234;
        stored.contentHash = QString(64, u'a');
        stored.version = 1;
        QVERIFY(m_store->importEntities(EntityKind::Attachment, { Protocol::toJson(stored) }));
        QCOMPARE(attachments->list()->count(), 1);
        QVERIFY(attachments->remove(stored.id).isEmpty());
        QCOMPARE(m_store->pendingMutations().constLast().mutation.op, MutationOp::Delete);
        QCOMPARE(attachments->list()->count(), 0);

        // Too large a file is refused before anything is queued.
        const QString big = m_dir.filePath(u"big.bin"_s);
        QFile bigFile(big);
        QVERIFY(bigFile.open(QIODevice::WriteOnly));
        QVERIFY(bigFile.resize(Ui::AttachmentList::MaxFileBytes + 1));
        bigFile.close();
        QVERIFY(!attachments->attachFiles({ big }).isEmpty());
        QVERIFY(m_store->pendingUploads().isEmpty());
    }

    void fitsANarrowDock()
    {
        // The dock gives way to the list in a small window: the panel must
        // not insist on more than a narrow column.
        Ui::TicketDetailsWidget details(*m_store, m_context, u"narrow"_s);
        details.setTicket(ticketOfType(u"Incident"_s).id);
        details.resize(360, 800);
        details.show();
        const int limit = details.fontMetrics().averageCharWidth() * 50;
        QStringList tooWide;
        for (QWidget *child : details.findChildren<QWidget *>()) {
            if (child->isVisibleTo(&details) && child->minimumSizeHint().width() > limit)
                tooWide.append(u"%1 %2: %3"_s
                                   .arg(QString::fromLatin1(child->metaObject()->className()),
                                       child->objectName())
                                   .arg(child->minimumSizeHint().width()));
        }
        QVERIFY2(details.minimumSizeHint().width() <= limit, qPrintable(tooWide.join(u"; "_s)));
    }

    void layoutPersists()
    {
        {
            Ui::TicketDetailsWidget details(*m_store, m_context, u"persist"_s);
            details.setTicket(ticketOfType(u"Question"_s).id);
            details.tabs()->setCurrentIndex(1);
        }
        Ui::TicketDetailsWidget again(*m_store, m_context, u"persist"_s);
        QCOMPARE(again.tabs()->currentIndex(), 1);
        Ui::TicketDetailsWidget elsewhere(*m_store, m_context, u"other"_s);
        QCOMPARE(elsewhere.tabs()->currentIndex(), 0);
    }
};

QTEST_MAIN(TestTicketDetails)
#include "tst_ticketdetails.moc"
