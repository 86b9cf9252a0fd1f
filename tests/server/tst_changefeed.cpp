// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed under concurrent writers, on both backends: a reader that
// follows the cursor while several writers commit never misses a change.
// On PostgreSQL a sequence would hand out numbers before commit, so a
// reader could pass a number whose transaction commits later; the store
// takes its change numbers under a row lock held to commit instead.
#include "backends.h"
#include "demo/demodata.h"
#include "protocol/codecs.h"
#include "serverstore.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestChangeFeed : public QObject
{
    Q_OBJECT

    static constexpr int Writers = 4;
    static constexpr int BatchesPerWriter = 30;
    static constexpr int TicketsPerBatch = 4;

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }

    void concurrentWritersNeverHideAChange()
    {
        TESSERA_DATABASE_URL(url);
        if (url.isEmpty())
            url = u"sqlite:"_s + m_dir.filePath(u"feed.sqlite"_s);
        const Server::Session admin { PersonId::create(), Role::Admin, {}, {} };

        Server::ServerStore reader(url);
        QVERIFY2(reader.open().isOk(), qPrintable(url));
        DemoOptions options;
        options.tickets = 5;
        QVERIFY(reader.seedDemo(options, u"writers and readers"_s).isOk());
        qint64 cursor = reader.currentCursor();

        // Writers: each its own store (its own connections), committing small
        // batches of new tickets as fast as it can. A new ticket is written
        // once, so a change the reader skips is never shown to it again.
        std::atomic<int> running = Writers;
        QList<QStringList> written(Writers);
        QStringList failures(Writers);
        QList<QThread *> threads;
        for (int w = 0; w < Writers; ++w) {
            threads.append(QThread::create([&, w] {
                Server::ServerStore store(url);
                if (auto opened = store.open(); !opened) {
                    failures[w] = opened.error().message;
                    --running;
                    return;
                }
                for (int b = 0; b < BatchesPerWriter; ++b) {
                    QList<Mutation> batch;
                    for (int i = 0; i < TicketsPerBatch; ++i) {
                        Ticket t;
                        t.id = TicketId::create();
                        t.title = u"Writer %1, batch %2, ticket %3"_s.arg(w).arg(b).arg(i);
                        batch.append(Mutation::creating(EntityKind::Ticket, t));
                    }
                    const auto results = store.applyMutations(admin, batch);
                    if (!results) {
                        failures[w] = results.error().message;
                        break;
                    }
                    for (const QJsonValue &r : results.value()) {
                        if (r[u"status"_s].toString() == u"applied"_s)
                            written[w].append(r[u"target_id"_s].toString());
                    }
                }
                --running;
            }));
            threads.last()->start();
        }

        // The reader follows the cursor with small pages while they write.
        QSet<QString> seen;
        qint64 lastSeq = cursor;
        int pages = 0;
        const auto readPage = [&]() -> std::optional<bool> {
            auto page = reader.changes(admin, cursor, 7);
            if (!page)
                return std::nullopt;
            for (const QJsonValue &change : page->changes()) {
                const qint64 seq = change[u"seq"_s].toInteger();
                if (seq <= lastSeq) // strictly increasing, across pages too
                    return std::nullopt;
                lastSeq = seq;
                if (change[u"entity"_s].toString() == u"ticket"_s)
                    seen.insert(change[u"id"_s].toString());
            }
            cursor = page->next;
            ++pages;
            return page->more;
        };
        while (running > 0) {
            const auto more = readPage();
            QVERIFY2(more.has_value(), "the feed failed or went backwards");
            if (!*more)
                QThread::usleep(200);
        }
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(120'000));
            delete thread;
        }
        for (;;) { // what committed after the last read
            const auto more = readPage();
            QVERIFY2(more.has_value(), "the feed failed or went backwards");
            if (!*more)
                break;
        }

        for (int w = 0; w < Writers; ++w)
            QVERIFY2(failures[w].isEmpty(), qPrintable(failures[w]));
        int missed = 0;
        int total = 0;
        for (const QStringList &ids : std::as_const(written)) {
            total += int(ids.size());
            for (const QString &id : ids)
                missed += seen.contains(id) ? 0 : 1;
        }
        QCOMPARE(total, Writers * BatchesPerWriter * TicketsPerBatch);
        QVERIFY2(pages > Writers, "the reader should have read while the writers wrote");
        QCOMPARE(missed, 0);
        QCOMPARE(reader.integrityCheck(), u"ok"_s);
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "tst_changefeed.moc"
