// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the ticket details over a demo workspace, light and dark: the
// dock on the right of the main window, the dock floating, a ticket window,
// and the dock with a sync conflict and colleagues on the ticket:
//   ticketdetails-shots [output folder]
#include "colorscheme.h"
#include "details/presencetracker.h"
#include "details/ticketdetailswidget.h"
#include "details/ticketwindow.h"
#include "mainwindow.h"
#include "net/apiclient.h"
#include "protocol/codecs.h"
#include "shotworkspace.h"
#include "sync/syncengine.h"
#include "tickets/ticketlistview.h"
#include "views/viewlistmodel.h"
#include "views/viewspanel.h"

#include <QApplication>
#include <QDockWidget>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QSignalSpy>
#include <QTabWidget>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

bool save(const QPixmap &picture, const QString &file)
{
    const bool saved = picture.save(file);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
    return saved;
}

// An Incident with custom values and an attachment, so that every part shows something.
TicketId richTicket(Store &store)
{
    TicketTypeId incident;
    for (const TicketType &t : store.all<TicketType>()) {
        if (t.name == u"Incident"_s)
            incident = t.id;
    }
    for (Ticket t : store.all<Ticket>()) {
        if (t.typeId != incident || t.description.size() < 200 || t.followerIds.isEmpty())
            continue;
        QJsonObject values = t.customFields;
        for (const CustomFieldDef &f : store.all<CustomFieldDef>()) {
            if (f.name == u"Affected version"_s)
                values.insert(f.id.toString(), u"4.2.1"_s);
            if (f.name == u"Severity"_s)
                values.insert(f.id.toString(), u"S2"_s);
        }
        t.customFields = values;
        ++t.version;
        Attachment a { AttachmentId::create(), t.id, {}, u"server.log"_s, u"text/plain"_s, 48213,
            QString(64, u'c'), QDateTime::currentDateTimeUtc(), 1 };
        store.applyServerChanges(
            { { EntityKind::Ticket, t.id.as<EntityId>(), Protocol::toJson(t), false },
                { EntityKind::Attachment, a.id.as<EntityId>(), Protocol::toJson(a), false } });
        return t.id;
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"ticketdetails-shots"_s);
    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const TicketId ticket = richTicket(store);
    if (!ticket.isValid())
        qFatal("no demo ticket to show");

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, workspace.context);
        window.resize(1600, 1000);
        window.show();
        QSignalSpy counted(
            window.findChild<Ui::ViewListModel *>(), &Ui::ViewListModel::countsUpdated);
        counted.wait(5000);
        window.findChild<Ui::ViewsPanel *>()->selectView(u"all_open"_s);
        settle(300);
        auto *list = window.findChild<Ui::TicketListView *>(u"ticketList"_s);
        auto *dock = window.findChild<QDockWidget *>(u"ticketDock"_s);
        window.resizeDocks({ dock }, { 620 }, Qt::Horizontal);
        if (!list->setCurrentTicket(ticket))
            window.ticketDetails()->setTicket(ticket);
        settle(200);
        ok &= save(window.grab(), u"%1/details-docked-%2.png"_s.arg(out, name));

        // Floating: the dock is a window of its own beside the main window.
        dock->setFloating(true);
        dock->resize(640, 900);
        settle(200);
        ok &= save(dock->grab(), u"%1/details-floating-%2.png"_s.arg(out, name));
        dock->setFloating(false);

        Ui::TicketWindow *ticketWindow = window.openTicketWindow(ticket);
        ticketWindow->resize(1300, 860);
        ticketWindow->details()->tabs()->setCurrentIndex(0);
        settle(300);
        ok &= save(ticketWindow->grab(), u"%1/ticket-window-%2.png"_s.arg(out, name));
        ticketWindow->close();
        window.close();
        QThreadPool::globalInstance()->waitForDone();
    }

    // A colleague solved the ticket while this agent set it to "Waiting on customer".
    const QJsonObject shown = *store.entityJson(EntityKind::Ticket, ticket.as<EntityId>());
    QString waiting;
    for (const Status &st : store.all<Status>()) {
        if (st.typeId.toString() == shown[u"type_id"_s].toString()
            && st.category == StatusCategory::Pending)
            waiting = st.id.toString();
    }
    SyncConflict conflict;
    conflict.mutation = Mutation::updating(
        EntityKind::Ticket, ticket.as<EntityId>(), shown, { { u"status_id"_s, waiting } });
    conflict.status = u"conflict"_s;
    conflict.fields = QJsonArray { QJsonObject { { u"field"_s, u"status_id"_s },
        { u"base"_s, waiting }, { u"mine"_s, waiting }, { u"theirs"_s, shown[u"status_id"_s] } } };
    conflict.at = QDateTime::currentDateTimeUtc();
    Settlement settlement;
    settlement.conflicts.append(conflict);
    if (!store.applyServerChanges({}, std::nullopt, settlement))
        qFatal("cannot record the conflict");
    // Never started: it only enables the resolution buttons.
    QNetworkAccessManager network;
    Net::ApiClient api(&network, QUrl(u"http://127.0.0.1:9"_s));
    Sync::SyncEngine engine(store, api);
    QList<Person> colleagues;
    for (const Person &p : store.all<Person>()) {
        if (p.kind == PersonKind::Agent && p.id != workspace.context.me && colleagues.size() < 2)
            colleagues.append(p);
    }
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        Ui::MainWindow window({ u"Local workspace"_s, {}, true }, &store, workspace.context);
        window.setSyncEngine(&engine);
        window.resize(1600, 1000);
        window.show();
        window.resizeDocks(
            { window.findChild<QDockWidget *>(u"ticketDock"_s) }, { 620 }, Qt::Horizontal);
        window.ticketDetails()->setTicket(ticket);
        auto *presence = window.findChild<Ui::PresenceTracker *>();
        presence->record(ticket, colleagues.at(0).id, colleagues.at(0).name, u"replying"_s);
        presence->record(ticket, colleagues.at(1).id, colleagues.at(1).name, u"viewing"_s);
        settle(300);
        ok &= save(window.grab(), u"%1/details-conflict-%2.png"_s.arg(out, name));
        window.close();
        QThreadPool::globalInstance()->waitForDone();
    }
    return ok ? 0 : 1;
}
