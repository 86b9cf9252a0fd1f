// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation view on a ticket with 500 messages: opening it until the
// first paint, laying out every message, and a colleague's reply arriving,
// each beside what Qt's own Markdown import of the same text costs.
#include "benchmarks.h"
#include "colorscheme.h"
#include "conversations/conversationview.h"
#include "demo/demodata.h"
#include "domain/mutation.h"
#include "paintwatch.h"
#include "protocol/codecs.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Tessera::Bench {

namespace {

const QString Bench = u"conversation"_s;

// Support traffic: prose, now and then a stack trace, a config or a log.
QString messageBody(int i)
{
    QString body = u"Message %1. We looked at the account again and the sync still stops "
                   u"after the upload; the customer confirmed it happens on every device.\n\n"
                   u"- restarted the service\n- cleared the cache\n"_s.arg(i);
    if (i % 10 == 3) {
        body += u"\n```cpp\n"_s;
        for (int line = 0; line < 30; ++line)
            body += u"    if (auto reply = client.fetch(QUrl(u\"/api/v1/items/%1\"_s)); !reply)"
                    u" return reply.error(); // retry %1\n"_s.arg(line);
        body += u"```\n"_s;
    } else if (i % 7 == 2) {
        body += u"\n```\n"_s;
        for (int line = 0; line < 16; ++line)
            body += u"2026-11-20 09:14:%1.512 ERROR [sync-worker-3] c.a.sync.Client - Request "
                    u"timed out after 30000 ms\n"_s.arg(line, 2, 10, QLatin1Char('0'));
        body += u"```\n"_s;
    }
    return body;
}

double markdownBaseline(const QList<Message> &messages, int width)
{
    QElapsedTimer timer;
    timer.start();
    QString text;
    for (const Message &m : messages)
        text += m.body + u"\n\n"_s;
    QTextDocument document;
    document.setTextWidth(width);
    document.setMarkdown(text);
    document.size(); // lay it out, as a view must before it paints
    return elapsedMs(timer);
}

} // namespace

int runConversationBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Conversation view benchmark (offscreen)."_s);
    parser.addHelpOption();
    const QCommandLineOption messagesOption(
        u"messages"_s, u"Messages on the measured ticket (default 500)."_s, u"n"_s, u"500"_s);
    const QCommandLineOption runsOption(
        u"runs"_s, u"Repetitions per measurement (default 9)."_s, u"n"_s, u"9"_s);
    parser.addOptions({ messagesOption, runsOption });
    parser.process(arguments);
    const int count = std::max(1, parser.value(messagesOption).toInt());
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QTemporaryDir directory;
    Store store(directory.filePath(u"conversation-bench.sqlite"_s));
    if (auto opened = store.open(); !opened) {
        std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    DemoOptions options;
    options.seed = 1;
    options.tickets = 20;
    options.anchor = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
    if (auto loaded = loadDemoData(store, options, {}); !loaded) {
        std::fprintf(stderr, "cannot load demo data: %s\n", qPrintable(loaded.error().message));
        return 1;
    }
    const Ticket ticket = store.all<Ticket>().constFirst();
    const PersonId agent = DemoGenerator(options).workspaceOwner();

    // One public thread with most of the traffic, one internal thread beside it.
    const Conversation publicThread { ConversationId::create(), ticket.id, ThreadVisibility::Public,
        u"Sync stops after upload"_s, options.anchor.addDays(-30), 1 };
    const Conversation internalThread { ConversationId::create(), ticket.id,
        ThreadVisibility::Internal, {}, options.anchor.addDays(-30), 1 };
    store.importEntities(EntityKind::Conversation,
        { Protocol::toJson(publicThread), Protocol::toJson(internalThread) });
    QList<QJsonObject> json;
    QList<Message> messages;
    for (int i = 0; i < count; ++i) {
        Message m;
        m.id = MessageId::create();
        m.conversationId = i % 4 == 3 ? internalThread.id : publicThread.id;
        m.ticketId = ticket.id;
        m.authorId = agent;
        m.body = messageBody(i);
        m.createdAt = options.anchor.addSecs(-3600LL * (count - i));
        m.version = 1;
        messages.append(m);
        json.append(Protocol::toJson(m));
    }
    if (auto imported = store.importEntities(EntityKind::Message, json); !imported) {
        std::fprintf(stderr, "cannot import: %s\n", qPrintable(imported.error().message));
        return 1;
    }

    Ui::applyColorScheme(Ui::ColorScheme::Light);
    const int pageSize = 50;
    QList<double> openTimes;
    QList<double> allTimes;
    QList<double> openBaselines;
    QList<double> allBaselines;
    int laidOut = 0;
    int laidOutAll = 0;
    for (int run = 0; run < runs; ++run) {
        Ui::ConversationView view(store);
        view.resize(900, 1000);
        view.setPageSize(pageSize);
        PaintWatch watch;
        view.browser()->viewport()->installEventFilter(&watch);
        view.show();
        waitForPaint(watch, 0);

        int before = watch.paints;
        QElapsedTimer timer;
        timer.start();
        view.setTicket(ticket.id);
        if (!waitForPaint(watch, before)) {
            std::fprintf(stderr, "the conversation never painted\n");
            return 1;
        }
        openTimes.append(elapsedMs(timer));
        laidOut = int(view.shownMessages().size());

        // Every thread's "Show earlier messages" until all are laid out.
        before = watch.paints;
        timer.start();
        for (const Conversation &thread : { publicThread, internalThread }) {
            for (int guard = 0; guard < count; ++guard) {
                const auto shown = view.shownMessages().size();
                view.activateLink(QUrl(u"more:"_s + thread.id.toString()));
                if (view.shownMessages().size() == shown)
                    break;
            }
        }
        if (!waitForPaint(watch, before))
            return 1;
        allTimes.append(elapsedMs(timer));
        laidOutAll = int(view.shownMessages().size());

        const int width = view.browser()->viewport()->width();
        QList<Message> newest;
        for (const Conversation &thread : { publicThread, internalThread }) {
            QList<Message> ofThread;
            for (const Message &m : messages) {
                if (m.conversationId == thread.id)
                    ofThread.append(m);
            }
            newest += ofThread.mid(std::max<qsizetype>(0, ofThread.size() - pageSize));
        }
        openBaselines.append(markdownBaseline(newest, width));
        allBaselines.append(markdownBaseline(messages, width));
    }
    print({ Bench, u"open_ms"_s, median(openTimes), u"ms"_s, median(openBaselines), u"messages"_s,
        QString::number(laidOut),
        u"setTicket until painted, %1 messages on the ticket; baseline: QTextDocument::setMarkdown "
        u"+ layout of the same messages, no highlighting"_s.arg(count) });
    print({ Bench, u"show_all_ms"_s, median(allTimes), u"ms"_s, median(allBaselines), u"messages"_s,
        QString::number(laidOutAll),
        u"every \"Show earlier\" link until all are laid out; baseline: setMarkdown of all"_s });

    // A colleague's reply reaching the cache while the ticket is open.
    {
        Ui::ConversationView view(store);
        view.resize(900, 1000);
        PaintWatch watch;
        view.browser()->viewport()->installEventFilter(&watch);
        view.show();
        view.setTicket(ticket.id);
        waitForPaint(watch, 0);
        QList<double> times;
        QList<double> applyTimes;
        for (int i = 0; i < runs; ++i) {
            Message reply;
            reply.id = MessageId::create();
            reply.conversationId = publicThread.id;
            reply.ticketId = ticket.id;
            reply.authorId = agent;
            reply.body = messageBody(3 + 10 * i);
            reply.createdAt = options.anchor.addSecs(i);
            const int before = watch.paints;
            QElapsedTimer timer;
            timer.start();
            if (auto applied = store.apply(Mutation::creating(EntityKind::Message, reply, agent));
                !applied) {
                std::fprintf(stderr, "reply failed: %s\n", qPrintable(applied.error().message));
                return 1;
            }
            applyTimes.append(elapsedMs(timer));
            QElapsedTimer limit;
            limit.start();
            while (!view.shownMessages().contains(reply.id) || watch.paints == before) {
                QCoreApplication::processEvents(QEventLoop::AllEvents);
                if (limit.elapsed() > 10'000) {
                    std::fprintf(stderr, "the reply never reached the view\n");
                    return 1;
                }
            }
            times.append(elapsedMs(timer));
        }
        print({ Bench, u"live_reply_ms"_s, median(times), u"ms"_s, median(applyTimes), {}, {},
            u"a reply applied to the cache until the open view shows it; baseline: Store::apply "
            u"alone"_s });
    }
    print({ Bench, u"peak_rss_mb"_s, peakRssMb(), u"MiB"_s });
    return 0;
}

} // namespace Tessera::Bench
