// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the conversation of a demo ticket with a public thread (the
// customer's report, an answer with a C++ fix, a pasted log) and an internal
// thread beside it, in the light and the dark palette:
//   conversation-shots [output folder]
#include "colorscheme.h"
#include "conversations/conversationview.h"
#include "protocol/codecs.h"
#include "shotworkspace.h"
#include "store/store.h"

#include <QApplication>
#include <QScrollBar>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

const QString Report
    = u"Hello, since this morning the desktop client stops syncing after "
      u"the upload finishes. Nothing changed on our side.\n\n"
      u"This is what the log says:\n\n"
      u"```\n"
      u"2026-11-20 09:14:03.512 ERROR [sync-worker-3] c.a.sync.Client - Request "
      u"timed out after 30000 ms\n"
      u"2026-11-20 09:14:03.513 WARN  [sync-worker-3] c.a.sync.Client - "
      u"Retrying (attempt 2 of 5)\n"
      u"2026-11-20 09:14:33.520 ERROR [sync-worker-3] c.a.sync.Client - "
      u"java.net.SocketTimeoutException: Read timed out\n"
      u"2026-11-20 09:14:33.521 INFO  [main] c.a.app.Shell - back to offline mode\n"
      u"```"_s;

const QString Answer
    = u"Thanks for the log, that narrowed it down. The client waits for the whole upload "
      u"before it reads the answer; the **2.4.1** update streams it instead:\n\n"
      u"```cpp\n"
      u"// Read the answer while the body is still going out.\n"
      u"QNetworkReply *reply = manager.put(request, device);\n"
      u"connect(reply, &QNetworkReply::readyRead, this, [reply, this] {\n"
      u"    buffer.append(reply->readAll());\n"
      u"    if (buffer.size() > MaxAnswer)\n"
      u"        reply->abort();\n"
      u"});\n"
      u"reply->setReadBufferSize(64 * 1024);\n"
      u"```\n\n"
      u"Could you install it and tell us whether the sync finishes?"_s;

const QString Note
    = u"Same timeout as #1042. The proxy at their site cuts idle "
      u"connections after 30 s: `keepalive_timeout 30s;` in their config.\n\n"
      u"```json\n"
      u"{ \"proxy\": \"squid 6.6\", \"idle_timeout_s\": 30, \"affected_users\": 14 }\n"
      u"```"_s;

Ticket prepare(Store &store, PersonId me)
{
    const Ticket t = store.all<Ticket>().constFirst();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const Conversation thread { ConversationId::create(), t.id, ThreadVisibility::Public,
        u"Sync stops after upload"_s, now.addDays(-2), 1 };
    const Conversation notes { ConversationId::create(), t.id, ThreadVisibility::Internal, {},
        now.addDays(-1), 1 };
    store.importEntities(
        EntityKind::Conversation, { Protocol::toJson(thread), Protocol::toJson(notes) });
    const auto message = [&](const Conversation &c, PersonId author, const QString &body,
                             Channel via, qint64 secondsAgo) {
        Message m;
        m.id = MessageId::create();
        m.conversationId = c.id;
        m.ticketId = t.id;
        m.authorId = author;
        m.body = body;
        m.via = via;
        m.createdAt = now.addSecs(-secondsAgo);
        m.version = 1;
        return Protocol::toJson(m);
    };
    QList<Person> agents;
    for (const Person &p : store.all<Person>()) {
        if (p.kind == PersonKind::Agent && p.id != me)
            agents.append(p);
    }
    store.importEntities(EntityKind::Message,
        { message(thread, t.requesterId, Report, Channel::Email, 2 * 86400),
            message(notes, agents.at(1).id, Note, Channel::Agent, 30 * 3600),
            message(thread, me, Answer, Channel::Agent, 26 * 3600),
            message(thread, t.requesterId,
                u"Installed 2.4.1 on two machines: the sync went through on both. Thanks!"_s,
                Channel::Portal, 3 * 3600) });
    return t;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"conversation-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const Ticket t = prepare(store, workspace.context.me);

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        Ui::ConversationView view(store);
        view.resize(820, 1180);
        view.setTicket(t.id);
        view.show();
        settle(150);
        view.browser()->verticalScrollBar()->setValue(0);
        settle(50);
        const QString file = u"%1/conversation-%2.png"_s.arg(out, name);
        const bool saved = view.grab().save(file);
        qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
        ok &= saved;
    }
    return ok ? 0 : 1;
}
