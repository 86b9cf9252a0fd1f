// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the conflict banner over a ticket with a status conflict and the
// presence line above it, and the status bar's conflicts indicator with its
// menu open, in the light and the dark palette, to PNG files:
//   conflict-shots [output folder]
#include "colorscheme.h"
#include "details/conflictbanner.h"
#include "details/conflictsindicator.h"
#include "details/presencebar.h"
#include "details/presencetracker.h"
#include "net/apiclient.h"
#include "shotworkspace.h"
#include "sync/syncengine.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QStatusBar>
#include <QTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::composite;
using Tessera::Test::settle;

namespace {

QString statusIdIn(const Store &store, const QString &typeId, const QString &category)
{
    for (const QJsonObject &s : store.allJson(EntityKind::Status)) {
        if (s[u"type_id"_s].toString() == typeId && s[u"category"_s].toString() == category)
            return s[u"id"_s].toString();
    }
    return {};
}

// A conflict as the sync engine records one after the server's answer.
SyncConflict fieldConflict(const QJsonObject &ticket, const QString &field, const QJsonValue &mine,
    const QJsonValue &theirs)
{
    SyncConflict c;
    c.mutation = Mutation::updating(EntityKind::Ticket,
        EntityId::fromString(ticket[u"id"_s].toString()), ticket, { { field, mine } });
    c.status = u"conflict"_s;
    c.fields = QJsonArray { QJsonObject { { u"field"_s, field }, { u"base"_s, ticket[field] },
        { u"mine"_s, mine }, { u"theirs"_s, theirs } } };
    c.at = QDateTime::currentDateTimeUtc();
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"conflict-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;

    // Three tickets with something to resolve: a status conflict (the one
    // shown), a priority conflict and a refused deletion.
    const QList<QJsonObject> tickets = store.allJson(EntityKind::Ticket);
    const QJsonObject shown = tickets.at(0);
    const QString type = shown[u"type_id"_s].toString();
    const QString pending = statusIdIn(store, type, u"pending"_s);
    const QString solved = statusIdIn(store, type, u"solved"_s);
    if (pending.isEmpty() || solved.isEmpty())
        qFatal("the demo ticket type has no Pending or Solved status");
    Settlement settlement;
    settlement.conflicts.append(fieldConflict(shown, u"status_id"_s, pending, solved));
    settlement.conflicts.append(fieldConflict(tickets.at(1), u"priority"_s, u"urgent"_s, u"low"_s));
    SyncConflict refused;
    refused.mutation = Mutation::deleting(
        EntityKind::Ticket, EntityId::fromString(tickets.at(2)[u"id"_s].toString()), tickets.at(2));
    refused.status = u"rejected"_s;
    refused.error = { { u"code"_s, u"forbidden"_s },
        { u"message"_s, u"only leads and admins delete tickets"_s } };
    settlement.conflicts.append(refused);
    if (!store.applyServerChanges({}, std::nullopt, settlement))
        qFatal("cannot record the conflicts");

    // Two colleagues on the shown ticket.
    const QList<Person> people = store.all<Person>();
    QList<Person> colleagues;
    for (const Person &p : people) {
        if (p.kind == PersonKind::Agent && p.id != workspace.context.me && colleagues.size() < 2)
            colleagues.append(p);
    }
    Ui::PresenceTracker presence(workspace.context.me);
    const TicketId ticket = TicketId::fromString(shown[u"id"_s].toString());
    presence.record(ticket, colleagues.at(0).id, colleagues.at(0).name, u"viewing"_s);
    presence.record(ticket, colleagues.at(1).id, colleagues.at(1).name, u"replying"_s);

    // Never started: it only enables the resolution buttons.
    QNetworkAccessManager network;
    Net::ApiClient api(&network, QUrl(u"http://127.0.0.1:9"_s));
    Sync::SyncEngine engine(store, api);

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);

        // The upper part of a ticket panel: title, presence, conflict.
        QMainWindow window;
        auto *panel = new QWidget;
        auto *layout = new QVBoxLayout(panel);
        auto *title = new QLabel(u"#%1  %2"_s.arg(
            QString::number(shown[u"number"_s].toInteger()), shown[u"title"_s].toString()));
        QFont big = title->font();
        big.setPointSizeF(big.pointSizeF() * 1.3);
        big.setBold(true);
        title->setFont(big);
        layout->addWidget(title);
        auto *bar = new Ui::PresenceBar(presence);
        bar->setTicket(ticket);
        layout->addWidget(bar);
        auto *banner = new Ui::ConflictBanner(store);
        banner->setEngine(&engine);
        banner->setTicket(ticket);
        layout->addWidget(banner);
        auto *body = new QTextEdit;
        body->setPlainText(shown[u"description"_s].toString());
        layout->addWidget(body, 1);
        window.setCentralWidget(panel);

        auto *indicator = new Ui::ConflictsIndicator(store);
        indicator->setEngine(&engine);
        window.statusBar()->addPermanentWidget(indicator);
        window.resize(760, 480);
        window.show();
        settle(200);

        const QString panelFile = u"%1/conflict-panel-%2.png"_s.arg(out, name);
        const bool panelSaved = window.grab().save(panelFile);
        qInfo("%s %s", panelSaved ? "wrote" : "could not write", qPrintable(panelFile));

        // The indicator's menu, opened upwards from the status bar, with the
        // first conflict's submenu.
        QMenu *menu = indicator->conflictsMenu();
        Q_EMIT menu->aboutToShow();
        const QSize size = menu->sizeHint();
        menu->popup(
            indicator->mapToGlobal(QPoint(indicator->width() - size.width(), -size.height())));
        settle();
        QMenu *submenu = menu->actions().isEmpty() ? nullptr : menu->actions().first()->menu();
        if (submenu) {
            menu->setActiveAction(submenu->menuAction());
            const QRect item = menu->actionGeometry(submenu->menuAction());
            submenu->popup(
                menu->mapToGlobal(QPoint(item.left() - submenu->sizeHint().width(), item.top())));
        }
        settle();
        const QString menuFile = u"%1/conflict-indicator-%2.png"_s.arg(out, name);
        const bool menuSaved = composite(&window, { menu, submenu }).save(menuFile);
        qInfo("%s %s", menuSaved ? "wrote" : "could not write", qPrintable(menuFile));
        ok &= panelSaved && menuSaved && submenu && banner->isVisible() && bar->isVisible()
            && indicator->isVisible();
        if (submenu)
            submenu->hide();
        menu->hide();
        window.close();
    }
    return ok ? 0 : 1;
}
