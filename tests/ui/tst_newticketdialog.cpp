// SPDX-License-Identifier: GPL-3.0-or-later
// The New ticket dialog: what Create queues in the outbox, what it refuses,
// subtickets and tasks, attachments, and the pending marker of a ticket
// created offline until a real server numbers it.
#include "demo/demodata.h"
#include "demoserver.h"
#include "domain/mutation.h"
#include "query/defaultviews.h"
#include "store/store.h"
#include "syncagent.h"
#include "tickets/newticketdialog.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketroles.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Ui::NewTicketDialog;

namespace {

const QString Password = u"new ticket test password"_s;

template<typename T>
T *child(const QWidget &dialog, const QString &name)
{
    auto *widget = dialog.findChild<T *>(name);
    if (!widget)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return widget;
}

void choose(QComboBox *combo, const QString &data)
{
    const int at = combo->findData(data);
    QVERIFY2(at >= 0, qPrintable(data));
    combo->setCurrentIndex(at);
}

QString label(const Person &p)
{
    return u"%1 <%2>"_s.arg(p.name, p.email);
}

} // namespace

class TestNewTicketDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QueryContext m_context;
    int m_stores = 0;

    QList<Person> people(PersonKind kind) const
    {
        QList<Person> list;
        for (const Person &p : m_store->all<Person>()) {
            if (p.kind == kind && p.active && !p.email.isEmpty())
                list.append(p);
        }
        std::sort(list.begin(), list.end(),
            [](const Person &a, const Person &b) { return a.email < b.email; });
        return list;
    }

    TicketType typeNamed(const QString &name) const
    {
        for (const TicketType &t : m_store->all<TicketType>()) {
            if (t.name == name)
                return t;
        }
        return {};
    }

    // The one mutation queued since `before`.
    static Mutation onlyNew(const Store &store, qsizetype before)
    {
        const QList<PendingMutation> pending = store.pendingMutations();
        if (pending.size() != before + 1)
            qFatal("expected one new mutation, found %d", int(pending.size() - before));
        return pending.last().mutation;
    }

    static void fill(NewTicketDialog &dialog, const QString &requester, const QString &title,
        const QString &description)
    {
        child<QLineEdit>(dialog, u"requesterEdit"_s)->setText(requester);
        child<QLineEdit>(dialog, u"titleEdit"_s)->setText(title);
        child<QPlainTextEdit>(dialog, u"descriptionEdit"_s)->setPlainText(description);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"TesseraTests"_s);
        QCoreApplication::setApplicationName(u"tst_newticketdialog"_s);
    }

    void init()
    {
        QSettings().clear();
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_stores)));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 40;
        demo.messagesPerTicket = 1;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_context = {};
        m_context.me = DemoGenerator(demo).workspaceOwner();
        m_context.myDepartments = m_store->get<Person>(m_context.me)->departmentIds;
    }

    void createsOneTicketMutationWithTheFields()
    {
        const Person customer = people(PersonKind::Customer).first();
        Person agent;
        for (const Person &p : people(PersonKind::Agent)) {
            if (p.id != m_context.me)
                agent = p;
        }
        const TicketType incident = typeNamed(u"Incident"_s);
        QVERIFY(incident.id.isValid() && agent.id.isValid());
        const DepartmentId department = m_store->all<Department>().last().id;
        const qsizetype before = m_store->pendingMutations().size();

        NewTicketDialog dialog(*m_store, m_context);
        // The defaults: Normal, the agent's first department, unassigned, visible.
        QCOMPARE(child<QComboBox>(dialog, u"priorityCombo"_s)->currentData().toInt(),
            int(Priority::Normal));
        QCOMPARE(child<QComboBox>(dialog, u"departmentCombo"_s)->currentData().toString(),
            m_context.myDepartments.first().toString());
        QCOMPARE(child<QComboBox>(dialog, u"assigneeCombo"_s)->currentData().toString(), QString());
        QVERIFY(child<QRadioButton>(dialog, u"visibleToCustomerRadio"_s)->isChecked());
        QCOMPARE(dialog.windowTitle(), u"New Ticket"_s);
        // "Me" is offered.
        QVERIFY(
            child<QComboBox>(dialog, u"assigneeCombo"_s)->findData(m_context.me.toString()) >= 0);

        choose(child<QComboBox>(dialog, u"typeCombo"_s), incident.id.toString());
        fill(dialog, label(customer), u"Printer spooler stalls"_s,
            u"Since Monday the **spooler** stops.\n\n- restart helps\n- for an hour"_s);
        QVERIFY(!child<QLineEdit>(dialog, u"requesterNameEdit"_s)->isVisibleTo(&dialog));
        child<QComboBox>(dialog, u"priorityCombo"_s)->setCurrentIndex(2); // High
        choose(child<QComboBox>(dialog, u"departmentCombo"_s), department.toString());
        choose(child<QComboBox>(dialog, u"assigneeCombo"_s), agent.id.toString());
        child<QRadioButton>(dialog, u"internalRadio"_s)->setChecked(true);
        QCOMPARE(dialog.errorText(), QString());

        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const TicketId created = dialog.createdTicket();
        QVERIFY(created.isValid());
        const Mutation m = onlyNew(*m_store, before);
        QCOMPARE(m.entity, EntityKind::Ticket);
        QCOMPARE(m.op, MutationOp::Create);
        QCOMPARE(m.targetId, created.as<EntityId>());
        QCOMPARE(m.authorId, m_context.me);
        const QJsonObject &f = m.fields;
        QCOMPARE(f[u"type_id"_s].toString(), incident.id.toString());
        QCOMPARE(f[u"kind"_s].toString(), u"ticket"_s);
        QCOMPARE(f[u"status_id"_s].toString(), incident.defaultStatusId.toString());
        QCOMPARE(f[u"priority"_s].toString(), u"high"_s);
        QCOMPARE(f[u"department_id"_s].toString(), department.toString());
        QCOMPARE(f[u"assignee_id"_s].toString(), agent.id.toString());
        QCOMPARE(f[u"visibility"_s].toString(), u"internal"_s);
        QCOMPARE(f[u"requester_id"_s].toString(), customer.id.toString());
        QCOMPARE(f[u"organization_id"_s].toString(), customer.organizationId.toString());
        QCOMPARE(f[u"title"_s].toString(), u"Printer spooler stalls"_s);
        QCOMPARE(f[u"description"_s].toString(),
            u"Since Monday the **spooler** stops.\n\n- restart helps\n- for an hour"_s);
        QCOMPARE(f[u"channel"_s].toString(), u"agent"_s);
        QCOMPARE(f[u"number"_s].toInteger(), 0);
        QCOMPARE(f[u"parent_id"_s].toString(), QString());
        // In the cache at once.
        QCOMPARE(m_store->get<Ticket>(created)->title, u"Printer spooler stalls"_s);
    }

    void newEmailCreatesTheCustomerFirst()
    {
        Organization org;
        for (const Organization &o : m_store->all<Organization>()) {
            if (o.domain == u"customer3.example"_s)
                org = o;
        }
        QVERIFY(org.id.isValid());
        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        fill(dialog, u"Jane.Roe@Customer3.example"_s, u"Cannot sign in"_s, u"Locked out."_s);
        auto *name = child<QLineEdit>(dialog, u"requesterNameEdit"_s);
        QVERIFY(name->isVisibleTo(&dialog));
        QVERIFY(child<QLabel>(dialog, u"requesterHint"_s)->text().contains(org.name));

        // The new customer needs a name.
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.errorText().contains(u"name"_s));
        QCOMPARE(m_store->pendingMutations().size(), before);

        name->setText(u"Jane Roe"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QList<PendingMutation> pending = m_store->pendingMutations();
        QCOMPARE(pending.size(), before + 2);
        const Mutation person = pending.at(before).mutation;
        const Mutation ticket = pending.at(before + 1).mutation;
        QCOMPARE(person.entity, EntityKind::Person);
        QCOMPARE(person.op, MutationOp::Create);
        QCOMPARE(person.fields[u"name"_s].toString(), u"Jane Roe"_s);
        QCOMPARE(person.fields[u"email"_s].toString(), u"Jane.Roe@Customer3.example"_s);
        QCOMPARE(person.fields[u"kind"_s].toString(), u"customer"_s);
        QCOMPARE(person.fields[u"organization_id"_s].toString(), org.id.toString());
        QCOMPARE(ticket.entity, EntityKind::Ticket);
        QCOMPARE(ticket.fields[u"requester_id"_s], person.fields[u"id"_s]);
        QCOMPARE(ticket.fields[u"organization_id"_s].toString(), org.id.toString());
    }

    void knownEmailIsTheExistingCustomer()
    {
        const Person customer = people(PersonKind::Customer).at(2);
        NewTicketDialog dialog(*m_store, m_context);
        const qsizetype before = m_store->pendingMutations().size();
        fill(dialog, customer.email.toUpper(), u"Invoice"_s, u"Wrong total."_s);
        QVERIFY(!child<QLineEdit>(dialog, u"requesterNameEdit"_s)->isVisibleTo(&dialog));
        dialog.accept();
        QCOMPARE(
            onlyNew(*m_store, before).fields[u"requester_id"_s].toString(), customer.id.toString());
    }

    void missingFieldsAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("title") << u"titleEdit"_s << u"Enter a title."_s;
        QTest::newRow("description") << u"descriptionEdit"_s << u"Enter a description."_s;
        QTest::newRow("blank description") << u"descriptionEdit"_s << u"Enter a description."_s;
        QTest::newRow("requester") << u"requesterEdit"_s << u"Choose a requester"_s;
        QTest::newRow("unknown requester") << u"requesterEdit"_s << u"Choose a requester"_s;
    }

    void missingFieldsAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(QString, message);
        const Person customer = people(PersonKind::Customer).first();
        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        fill(dialog, label(customer), u"A title"_s, u"A description"_s);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        const QString wrong = tag == u"blank description"_s ? u"  \n\t "_s
            : tag == u"unknown requester"_s                 ? u"nobody at all"_s
                                                            : QString();
        QWidget *input = child<QWidget>(dialog, field);
        const auto set = [&](const QString &text) {
            if (auto *edit = qobject_cast<QLineEdit *>(input))
                edit->setText(text);
            else
                qobject_cast<QPlainTextEdit *>(input)->setPlainText(text);
        };
        set(wrong);
        auto *banner = child<QWidget>(dialog, u"errorMessage"_s);
        QVERIFY(!banner->isVisibleTo(&dialog)); // not before the first Create

        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.createdTicket().isValid());
        QCOMPARE(m_store->pendingMutations().size(), before);
        QVERIFY(banner->isVisibleTo(&dialog));
        const QString shown = child<QLabel>(dialog, u"errorLabel"_s)->text();
        QVERIFY2(shown.contains(message), qPrintable(shown));
        QVERIFY(child<QPushButton>(dialog, u"createButton"_s)->isEnabled());

        // Fixed: the message goes, and Create works.
        set(field == u"requesterEdit"_s ? label(customer) : u"Now filled"_s);
        QVERIFY(!banner->isVisibleTo(&dialog));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_store->pendingMutations().size(), before + 1);
    }

    void subticketTakesOverTheParent()
    {
        std::optional<Ticket> parent;
        for (const Ticket &t : m_store->all<Ticket>()) {
            if (t.number > 0 && t.requesterId.isValid() && t.projectId.isValid()
                && t.departmentId.isValid() && t.departmentId != m_context.myDepartments.first())
                parent = t;
        }
        QVERIFY(parent);
        const Person requester = *m_store->get<Person>(parent->requesterId);
        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        dialog.setParentTicket(parent->id);
        auto *banner = child<QLabel>(dialog, u"parentLabel"_s);
        QVERIFY(banner->isVisibleTo(&dialog));
        QVERIFY(banner->text().contains(u"#%1"_s.arg(parent->number)));
        QVERIFY(banner->text().contains(parent->title));
        QCOMPARE(child<QLineEdit>(dialog, u"requesterEdit"_s)->text(), label(requester));
        QCOMPARE(child<QComboBox>(dialog, u"departmentCombo"_s)->currentData().toString(),
            parent->departmentId.toString());
        child<QLineEdit>(dialog, u"titleEdit"_s)->setText(u"Replace the fuser"_s);
        child<QPlainTextEdit>(dialog, u"descriptionEdit"_s)->setPlainText(u"Part ordered."_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonObject f = onlyNew(*m_store, before).fields;
        QCOMPARE(f[u"parent_id"_s].toString(), parent->id.toString());
        QCOMPARE(f[u"department_id"_s].toString(), parent->departmentId.toString());
        QCOMPARE(f[u"project_id"_s].toString(), parent->projectId.toString());
        QCOMPARE(f[u"requester_id"_s].toString(), parent->requesterId.toString());
        const OrganizationId organization = requester.organizationId.isValid()
            ? requester.organizationId
            : parent->organizationId;
        QCOMPARE(f[u"organization_id"_s].toString(), organization.toString());
    }

    void taskOffersOnlyTaskTypes()
    {
        const TicketType task = typeNamed(u"Task"_s);
        QCOMPARE(task.kind, TicketKind::Task);
        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        auto *types = child<QComboBox>(dialog, u"typeCombo"_s);
        QCOMPARE(types->count(), m_store->all<TicketType>().size());
        QVERIFY(types->currentData().toString() != task.id.toString());
        dialog.setKind(TicketKind::Task);
        QCOMPARE(dialog.windowTitle(), u"New Task"_s);
        QCOMPARE(types->count(), 1);
        QCOMPARE(types->currentData().toString(), task.id.toString());
        fill(dialog, label(people(PersonKind::Customer).first()), u"Rack the new switch"_s,
            u"Second floor."_s);
        dialog.accept();
        const QJsonObject f = onlyNew(*m_store, before).fields;
        QCOMPARE(f[u"kind"_s].toString(), u"task"_s);
        QCOMPARE(f[u"type_id"_s].toString(), task.id.toString());
        QCOMPARE(f[u"status_id"_s].toString(), task.defaultStatusId.toString());
    }

    void ctrlReturnCreates()
    {
        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        fill(dialog, label(people(PersonKind::Customer).first()), u"Keyboard"_s, u"Typed."_s);
        auto *description = child<QPlainTextEdit>(dialog, u"descriptionEdit"_s);
        description->setFocus();
        description->moveCursor(QTextCursor::End);
        // Plain Return is a new line in the description.
        QTest::keyClick(description, Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QCOMPARE(m_store->pendingMutations().size(), before);
        QTest::keyClick(description, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(onlyNew(*m_store, before).fields[u"description"_s].toString(), u"Typed.\n"_s);
    }

    void attachmentsAreQueuedAfterTheTicket()
    {
        QTemporaryDir files;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile file(files.filePath(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(name));
            return file.fileName();
        };
        const QByteArray log = QByteArray("10:02 spooler stalled\n").repeated(40);
        const QString logPath = write(u"spooler.log"_s, log);
        const QString dropped = write(u"screenshot.txt"_s, "not wanted after all");

        const qsizetype before = m_store->pendingMutations().size();
        NewTicketDialog dialog(*m_store, m_context);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.addAttachment(files.filePath(u"missing.bin"_s)));
        QVERIFY(dialog.addAttachment(logPath));
        // A file dropped on the dialog is attached too.
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(dropped) });
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, {});
        enter.ignore();
        QCoreApplication::sendEvent(&dialog, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(&dialog, &drop);
        // Dropped on the description, it is an attachment as well, not text.
        auto *description = child<QPlainTextEdit>(dialog, u"descriptionEdit"_s);
        QDragEnterEvent enterText(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, {});
        enterText.ignore();
        QCoreApplication::sendEvent(description->viewport(), &enterText);
        QVERIFY(enterText.isAccepted());
        QDropEvent onText(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(description->viewport(), &onText);
        QCOMPARE(description->toPlainText(), QString());
        auto *list = child<QListWidget>(dialog, u"attachmentList"_s);
        QCOMPARE(list->count(), 3);
        QCOMPARE(dialog.attachmentPaths(),
            QStringList({ QFileInfo(logPath).absoluteFilePath(),
                QFileInfo(dropped).absoluteFilePath(), QFileInfo(dropped).absoluteFilePath() }));
        QVERIFY(list->item(0)->text().contains(u"spooler.log"_s));

        // Removed again.
        list->item(1)->setSelected(true);
        list->item(2)->setSelected(true);
        child<QPushButton>(dialog, u"removeAttachmentButton"_s)->click();
        QCOMPARE(list->count(), 1);
        QCOMPARE(dialog.attachmentPaths(), QStringList { QFileInfo(logPath).absoluteFilePath() });

        fill(dialog, label(people(PersonKind::Customer).first()), u"Spooler"_s, u"See log."_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(onlyNew(*m_store, before).entity, EntityKind::Ticket);
        const QList<Attachment> uploads = m_store->pendingUploads();
        QCOMPARE(uploads.size(), 1);
        QCOMPARE(uploads.first().ticketId, dialog.createdTicket());
        QCOMPARE(uploads.first().fileName, u"spooler.log"_s);
        QCOMPARE(uploads.first().size, log.size());
        QFile kept(m_store->contentPath(uploads.first().contentHash));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), log);
    }

    void sizeIsRemembered()
    {
        {
            NewTicketDialog dialog(*m_store, m_context);
            dialog.resize(710, 655);
            dialog.reject();
        }
        NewTicketDialog again(*m_store, m_context);
        QCOMPARE(again.size(), QSize(710, 655));
    }

    // Created offline, the ticket shows the pending marker in the list; once
    // synced with a real server, it shows the number the server gave it.
    void pendingUntilTheServerNumbersIt()
    {
        Test::DemoServer demo;
        QVERIFY(demo.start(60, Password));
        const Person me = demo.first(Role::Agent);
        Test::SyncAgent agent;
        QVERIFY(agent.signIn(demo.server->baseUrl(), me.email, Password));
        QueryContext context;
        context.me = me.id;
        context.myDepartments = me.departmentIds;
        Person customer;
        for (const Person &p : agent.store->all<Person>()) {
            if (p.kind == PersonKind::Customer)
                customer = p;
        }
        QVERIFY(customer.id.isValid());

        agent.offline = true;
        NewTicketDialog dialog(*agent.store, context);
        fill(dialog, label(customer), u"Written on the train"_s, u"No network here."_s);
        dialog.accept();
        const TicketId id = dialog.createdTicket();
        QVERIFY(id.isValid());

        Ui::TicketListModel model(agent.store.get(), context);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ViewSpec spec = defaultViews().first().spec;
        spec.groupBy.clear();
        model.setView(spec);
        while (model.canFetchMore({}))
            model.fetchMore({});
        const int column = model.columnForField(u"number"_s);
        QVERIFY(column >= 0);
        QModelIndex cell = model.indexForTicket(id, column);
        QVERIFY(cell.isValid());
        QCOMPARE(cell.data(Ui::PendingRole).toBool(), true);
        QCOMPARE(cell.data(Qt::DisplayRole).toString(), u"pending"_s);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(),
            u"Not yet synced: the server assigns the number"_s);
        QVERIFY(!cell.data(Qt::DecorationRole).value<QIcon>().isNull());
        // Other tickets show their number, unmarked.
        const QModelIndex other = model.index(cell.row() == 0 ? 1 : 0, column);
        QVERIFY(!other.data(Ui::PendingRole).toBool());
        QCOMPARE(other.data(Qt::DisplayRole).toString(),
            QString::number(other.data(Ui::NumberRole).toLongLong()));
        QVERIFY(other.data(Qt::DecorationRole).isNull());

        agent.offline = false;
        agent.engine->syncNow();
        QVERIFY(agent.settle());
        QCOMPARE(agent.store->pendingMutations().size(), 0);
        const qint64 number = agent.store->get<Ticket>(id)->number;
        QVERIFY(number > 0);
        QTRY_VERIFY(!model.indexForTicket(id, column).data(Ui::PendingRole).toBool());
        cell = model.indexForTicket(id, column);
        QCOMPARE(cell.data(Ui::NumberRole).toLongLong(), number);
        QCOMPARE(cell.data(Qt::DisplayRole).toString(), QString::number(number));
        QVERIFY(cell.data(Qt::DecorationRole).isNull());
        QVERIFY(cell.data(Qt::ToolTipRole).isNull());
    }
};

QTEST_MAIN(TestNewTicketDialog)
#include "tst_newticketdialog.moc"
