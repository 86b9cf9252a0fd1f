// SPDX-License-Identifier: GPL-3.0-or-later
// The tabs of the ticket details panel: activity in words, links on both
// tickets, subtickets, conversion to a task, and the requester's tickets.
#include "demo/demodata.h"
#include "details/activitytab.h"
#include "details/linkstab.h"
#include "details/linkticketdialog.h"
#include "details/requestertab.h"
#include "protocol/codecs.h"
#include "store/store.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Tessera;
using Ui::LinksTab;

namespace {

// Every row's text in `column`, depth first, as the agent reads them.
QStringList rowTexts(const QTreeWidget *view, int column = 0)
{
    QStringList texts;
    std::function<void(const QTreeWidgetItem *)> walk = [&](const QTreeWidgetItem *item) {
        texts.append(item->text(column));
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    for (int i = 0; i < view->topLevelItemCount(); ++i)
        walk(view->topLevelItem(i));
    return texts;
}

QTreeWidgetItem *findRow(const QTreeWidget *view, const QString &text)
{
    const auto found = view->findItems(text, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return found.isEmpty() ? nullptr : found.first();
}

// Answers the next message box with `button` once it is open.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (QAbstractButton *answer = box->button(button))
            answer->click();
        else
            box->reject(); // not the box expected: the test fails instead of waiting
        poll->deleteLater();
    });
    poll->start();
}

QString number(qint64 n)
{
    return u"#"_s + QString::number(n);
}

} // namespace

class TestDetailTabs : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    PersonId m_me;
    int m_round = 0;

    QList<Ticket> tickets(const QString &where, int limit) const
    {
        QList<Ticket> result;
        QSqlQuery q(m_store->connection());
        q.exec(u"SELECT id FROM tickets WHERE %1 ORDER BY number LIMIT %2"_s.arg(where).arg(limit));
        while (q.next())
            result.append(*m_store->get<Ticket>(EntityId::fromString(q.value(0).toString())));
        return result;
    }

    Mutation lastMutation() const { return m_store->pendingMutations().constLast().mutation; }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<Store>(m_dir.filePath(u"cache-%1.sqlite"_s.arg(++m_round)));
        QVERIFY(m_store->open().isOk());
        DemoOptions demo;
        demo.tickets = 60;
        demo.messagesPerTicket = 1;
        QVERIFY(loadDemoData(*m_store, demo).isOk());
        m_me = DemoGenerator(demo).workspaceOwner();
    }

    void activityInWordsNewestFirst()
    {
        const Ticket t = tickets(u"kind = 'ticket'"_s, 1).value(0);
        QVERIFY(t.isValid());
        const QList<Person> agents = [&] {
            QList<Person> result;
            for (const Person &p : m_store->all<Person>()) {
                if (p.kind == PersonKind::Agent)
                    result.append(p);
            }
            return result;
        }();
        QVERIFY(agents.size() >= 3);
        QList<Status> statuses;
        for (const Status &s : m_store->all<Status>()) {
            if (s.typeId == t.typeId && s.id != t.statusId)
                statuses.append(s);
        }
        QVERIFY(statuses.size() >= 2);

        // As the server records an edit: one entry per changed field. These
        // are later than the demo's own entries.
        const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(3600);
        const auto entry = [&](const Person &actor, const QDateTime &at, const QString &field,
                               const QJsonValue &from, const QJsonValue &to) {
            return Protocol::toJson(
                ActivityEntry { ActivityId::create(), t.id, actor.id, at, field, from, to, 1, {} });
        };
        QVERIFY(m_store
                    ->importEntities(EntityKind::Activity,
                        { entry(agents.at(0), base, u"status_id"_s, statuses.at(0).id.toString(),
                              statuses.at(1).id.toString()),
                            entry(agents.at(1), base.addSecs(60), u"assignee_id"_s, QJsonValue(),
                                agents.at(2).id.toString()),
                            entry(agents.at(1), base.addSecs(60).addMSecs(3), u"priority"_s,
                                u"normal"_s, u"urgent"_s),
                            entry(agents.at(1), base.addSecs(60).addMSecs(5), u"description"_s,
                                u"old"_s, u"new"_s) })
                    .isOk());

        Ui::ActivityTab tab(*m_store);
        tab.setTicket(t.id);
        QCOMPARE(tab.view()->topLevelItemCount(), 0); // hidden: nothing read yet
        tab.show();
        QVERIFY(tab.view()->topLevelItemCount() >= 3);

        // The newest edit, grouped: three fields at once by one agent.
        const QTreeWidgetItem *group = tab.view()->topLevelItem(0);
        QCOMPARE(group->text(0), u"%1 made 3 change(s)"_s.arg(agents.at(1).name));
        QStringList lines;
        for (int i = 0; i < group->childCount(); ++i)
            lines.append(group->child(i)->text(0));
        QVERIFY2(lines.contains(u"set Assignee to %1"_s.arg(agents.at(2).name)),
            qPrintable(lines.join(u" | "_s)));
        QVERIFY(lines.contains(u"changed Priority from Normal to Urgent"_s));
        QVERIFY(lines.contains(u"edited the description"_s));
        QVERIFY(!group->toolTip(1).isEmpty()); // the exact time
        QCOMPARE(tab.view()->topLevelItem(1)->text(0),
            u"%1 changed Status from %2 to %3"_s.arg(
                agents.at(0).name, statuses.at(0).name, statuses.at(1).name));

        // A new entry from the server shows on top without asking; an
        // unknown field is named by its wire name.
        const QJsonObject later
            = entry(agents.at(2), base.addSecs(600), u"mood"_s, QJsonValue(), u"stormy"_s);
        QVERIFY(m_store
                    ->applyServerChanges({ { EntityKind::Activity,
                        EntityId::fromString(later.value(u"id"_s).toString()), later, false } })
                    .isOk());
        QTRY_COMPARE(tab.view()->topLevelItem(0)->text(0),
            u"%1 set mood to stormy"_s.arg(agents.at(2).name));
    }

    void linkShowsOnBothTicketsAndGoesFromBoth()
    {
        const QList<Ticket> pair = tickets(u"true"_s, 2);
        const Ticket &a = pair.at(0);
        const Ticket &b = pair.at(1);
        LinksTab tabA(*m_store, m_me);
        LinksTab tabB(*m_store, m_me);
        tabA.setTicket(a.id);
        tabB.setTicket(b.id);
        tabA.show();
        tabB.show();
        const qsizetype queued = m_store->pendingMutations().size();

        QVERIFY(tabA.addLink(b.id, LinkType::Blocks));
        QCOMPARE(m_store->pendingMutations().size(), queued + 1);
        const Mutation m = lastMutation();
        QCOMPARE(m.targetId, a.id.as<EntityId>());
        QCOMPARE(m.authorId, m_me);
        QCOMPARE(m.fields.keys(), QStringList { u"links"_s });
        QVERIFY(!tabA.addLink(b.id, LinkType::Blocks)); // there already
        QVERIFY(!tabA.addLink(a.id, LinkType::RelatesTo)); // not to itself

        QTRY_VERIFY(findRow(tabA.view(), u"Blocks %1"_s.arg(number(b.number))));
        QTRY_VERIFY(findRow(tabB.view(), u"Blocked by %1"_s.arg(number(a.number))));
        const QTreeWidgetItem *incoming
            = findRow(tabB.view(), u"Blocked by %1"_s.arg(number(a.number)));
        QCOMPARE(incoming->text(1), a.title);

        // Removed from B's side: it is A's link, so A's document changes.
        tabB.view()->setCurrentItem(findRow(tabB.view(), u"Blocked by %1"_s.arg(number(a.number))));
        auto *remove = tabB.findChild<QAction *>(u"removeLink"_s);
        QVERIFY(remove->isEnabled());
        remove->trigger();
        QCOMPARE(lastMutation().targetId, a.id.as<EntityId>());
        QVERIFY(m_store->get<Ticket>(a.id)->links.isEmpty());
        QTRY_VERIFY(!findRow(tabB.view(), u"Blocked by %1"_s.arg(number(a.number))));
        QTRY_VERIFY(!findRow(tabA.view(), u"Blocks %1"_s.arg(number(b.number))));
        QVERIFY(m_store->linksTo(b.id).isEmpty());

        // Removing A's own link from A's side, and the other relations' words.
        QVERIFY(tabA.addLink(b.id, LinkType::DuplicateOf));
        QTRY_VERIFY(findRow(tabB.view(), u"Duplicated by %1"_s.arg(number(a.number))));
        QTRY_VERIFY(findRow(tabA.view(), u"Duplicate of %1"_s.arg(number(b.number))));
        QVERIFY(tabA.removeLink(a.id, b.id, LinkType::DuplicateOf));
        QTRY_VERIFY(!findRow(tabB.view(), u"Duplicated by %1"_s.arg(number(a.number))));
        QVERIFY(tabB.addLink(a.id, LinkType::RelatesTo));
        QTRY_VERIFY(findRow(tabA.view(), u"Related to %1"_s.arg(number(b.number))));
        QTRY_VERIFY(findRow(tabB.view(), u"Related to %1"_s.arg(number(a.number))));

        // Enter on a row opens that ticket.
        QSignalSpy opened(&tabA, &Ui::DetailsTab::openTicketRequested);
        tabA.view()->setCurrentItem(findRow(tabA.view(), u"Related to %1"_s.arg(number(b.number))));
        QTest::keyClick(tabA.view(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().value<TicketId>(), b.id);
    }

    void linkDialogFindsByNumberAndTitle()
    {
        const QList<Ticket> pair = tickets(u"true"_s, 2);
        Ui::LinkTicketDialog dialog(*m_store, pair.at(0).id);
        dialog.searchField()->setText(number(pair.at(1).number));
        dialog.search();
        QVERIFY(dialog.results()->topLevelItemCount() >= 1);
        QCOMPARE(dialog.selectedTicket(), pair.at(1).id); // the exact number comes first
        dialog.searchField()->setText(QString::number(pair.at(0).number));
        dialog.search();
        QVERIFY(!rowTexts(dialog.results()).contains(number(pair.at(0).number))); // not itself
        const QString word = pair.at(1).title.section(u' ', 0, 0);
        dialog.searchField()->setText(word);
        dialog.search();
        QVERIFY(rowTexts(dialog.results(), 1).contains(pair.at(1).title));
        for (const QString &title : rowTexts(dialog.results(), 1))
            QVERIFY2(title.contains(word, Qt::CaseInsensitive), qPrintable(title));
        dialog.relationBox()->setCurrentIndex(1);
        QCOMPARE(dialog.linkType(), LinkType::Blocks);
    }

    void subticketShowsUnderItsParentAndTheParentOnIt()
    {
        const QList<Ticket> pair = tickets(u"parent_id IS NULL"_s, 2);
        const Ticket &parent = pair.at(0);
        const Ticket &child = pair.at(1);
        LinksTab parentTab(*m_store, m_me);
        LinksTab childTab(*m_store, m_me);
        parentTab.setTicket(parent.id);
        childTab.setTicket(child.id);
        parentTab.show();
        childTab.show();
        QVERIFY(!findRow(childTab.view(), u"Parent"_s));

        const QJsonObject current
            = *m_store->entityJson(EntityKind::Ticket, child.id.as<EntityId>());
        QVERIFY(m_store
                    ->apply(Mutation::updating(EntityKind::Ticket, child.id.as<EntityId>(), current,
                        { { u"parent_id"_s, parent.id.toString() } }, m_me))
                    .isOk());
        const bool childIsTask = child.kind == TicketKind::Task;
        QTRY_VERIFY(findRow(parentTab.view(),
            (childIsTask ? u"Subtask %1"_s : u"Subticket %1"_s).arg(number(child.number))));
        QTRY_VERIFY(findRow(childTab.view(),
            (childIsTask ? u"Subtask of %1"_s : u"Subticket of %1"_s).arg(number(parent.number))));

        // Double-click on the parent row opens the parent (activation).
        QSignalSpy opened(&childTab, &Ui::DetailsTab::openTicketRequested);
        QTreeWidgetItem *row = findRow(childTab.view(),
            (childIsTask ? u"Subtask of %1"_s : u"Subticket of %1"_s).arg(number(parent.number)));
        Q_EMIT childTab.view()->itemActivated(row, 0);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().value<TicketId>(), parent.id);

        // New Subtask… asks the panel for a form with the parent preset.
        QSignalSpy create(&parentTab, &LinksTab::createChildRequested);
        parentTab.findChild<QAction *>(u"newSubtask"_s)->trigger();
        parentTab.findChild<QAction *>(u"newSubticket"_s)->trigger();
        QCOMPARE(create.size(), 2);
        QCOMPARE(create.at(0).at(0).value<TicketId>(), parent.id);
        QCOMPARE(create.at(0).at(1).value<TicketKind>(), TicketKind::Task);
        QCOMPARE(create.at(1).at(1).value<TicketKind>(), TicketKind::Ticket);
    }

    void convertToTaskIsOneConfirmedMutation()
    {
        const Ticket t = tickets(u"kind = 'ticket' AND custom_fields LIKE '%:%'"_s, 1).value(0);
        QVERIFY(t.isValid());
        std::optional<TicketType> taskType;
        for (const TicketType &type : m_store->all<TicketType>()) {
            if (type.kind == TicketKind::Task && !taskType)
                taskType = type;
        }
        QVERIFY(taskType && taskType->defaultStatusId.isValid());
        LinksTab tab(*m_store, m_me);
        tab.setTicket(t.id);
        tab.show();
        QVERIFY(tab.convertAction()->isEnabled());
        const qsizetype queued = m_store->pendingMutations().size();

        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!tab.convertToTask());
        QCOMPARE(m_store->pendingMutations().size(), queued);

        answerNextMessageBox(QMessageBox::Yes);
        QVERIFY(tab.convertToTask());
        QCOMPARE(m_store->pendingMutations().size(), queued + 1);
        const Mutation m = lastMutation();
        QCOMPARE(m.targetId, t.id.as<EntityId>());
        QCOMPARE(m.fields.value(u"kind"_s).toString(), u"task"_s);
        QCOMPARE(m.fields.value(u"type_id"_s).toString(), taskType->id.toString());
        QCOMPARE(m.fields.value(u"status_id"_s).toString(), taskType->defaultStatusId.toString());
        // The old type's own fields go; only the task type's (and shared) ones stay.
        QSet<QString> allowed;
        for (const CustomFieldDef &def : m_store->all<CustomFieldDef>()) {
            if (!def.typeId.isValid() || def.typeId == taskType->id)
                allowed.insert(def.id.toString());
        }
        bool hadOthers = false;
        for (auto it = t.customFields.begin(); it != t.customFields.end(); ++it)
            hadOthers |= !allowed.contains(it.key());
        QVERIFY(hadOthers); // so there was something to drop
        const Ticket converted = *m_store->get<Ticket>(t.id);
        const QJsonObject custom = converted.customFields;
        for (auto it = custom.begin(); it != custom.end(); ++it)
            QVERIFY2(allowed.contains(it.key()), qPrintable(it.key()));
        QCOMPARE(converted.kind, TicketKind::Task);
        QCOMPARE(converted.typeId, taskType->id);
        QTRY_VERIFY(!tab.convertAction()->isEnabled()); // a task stays a task
        QVERIFY(!tab.convertToTask()); // and is not asked about
        QCOMPARE(m_store->pendingMutations().size(), queued + 1);
    }

    void requesterTabListsTheRequestersOtherTickets()
    {
        QSqlQuery q(m_store->connection());
        QVERIFY(q.exec(u"SELECT requester_id FROM tickets GROUP BY requester_id"
                       u" HAVING COUNT(*) >= 3 ORDER BY COUNT(*) DESC LIMIT 1"_s)
            && q.next());
        const PersonId requester = PersonId::fromString(q.value(0).toString());
        const QList<Ticket> theirs
            = tickets(u"requester_id = '%1'"_s.arg(requester.toString()), 1000);
        const Ticket &t = theirs.at(1);
        const Person person = *m_store->get<Person>(requester);

        Ui::RequesterTab tab(*m_store);
        tab.show();
        tab.setTicket(t.id);
        QCOMPARE(tab.nameLabel()->text(), person.name);
        QVERIFY(tab.emailLabel()->text().contains(u"mailto:"_s));
        QVERIFY(tab.emailLabel()->text().contains(person.email.toHtmlEscaped()));

        QSet<QString> shown;
        QList<QDateTime> created;
        for (int i = 0; i < tab.ticketsView()->topLevelItemCount(); ++i) {
            const QString id = tab.ticketsView()->topLevelItem(i)->data(0, Qt::UserRole).toString();
            shown.insert(id);
            created.append(m_store->get<Ticket>(EntityId::fromString(id))->createdAt);
        }
        QSet<QString> expected;
        for (const Ticket &other : theirs) {
            if (other.id != t.id)
                expected.insert(other.id.toString());
        }
        QCOMPARE(shown, expected);
        QVERIFY(!shown.contains(t.id.toString()));
        for (qsizetype i = 1; i < created.size(); ++i)
            QVERIFY(created.at(i - 1) >= created.at(i)); // newest first

        QSignalSpy opened(&tab, &Ui::DetailsTab::openTicketRequested);
        QTreeWidgetItem *first = tab.ticketsView()->topLevelItem(0);
        tab.ticketsView()->setCurrentItem(first);
        QTest::keyClick(tab.ticketsView(), Qt::Key_Enter);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().value<TicketId>().toString(),
            first->data(0, Qt::UserRole).toString());

        // Another ticket of theirs arrives: it is listed without asking.
        Ticket another = t;
        another.id = TicketId::create();
        another.number = 99999;
        another.title = u"Brand new problem"_s;
        another.createdAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->importEntities(EntityKind::Ticket, { Protocol::toJson(another) }).isOk());
        QTRY_COMPARE(tab.ticketsView()->topLevelItem(0)->text(1), another.title);
    }
};

QTEST_MAIN(TestDetailTabs)
#include "tst_detailtabs.moc"
