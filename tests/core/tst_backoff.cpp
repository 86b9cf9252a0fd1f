// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/backoff.h"

#include <QSet>
#include <QTest>

#include <algorithm>

using namespace std::chrono_literals;
using Tessera::Net::Backoff;

class TestBackoff : public QObject
{
    Q_OBJECT

private:
    // What the n-th consecutive failure (from 0) may wait at most.
    static std::chrono::milliseconds ceiling(
        std::chrono::milliseconds base, std::chrono::milliseconds cap, int n)
    {
        auto bound = base;
        for (int i = 0; i < n && bound < cap; ++i)
            bound *= 2;
        return std::min(bound, cap);
    }

private Q_SLOTS:
    void boundsGrowAndCap_data()
    {
        QTest::addColumn<qint64>("base");
        QTest::addColumn<qint64>("cap");
        QTest::newRow("defaults") << qint64(500) << qint64(60000);
        QTest::newRow("cap between powers") << qint64(100) << qint64(1000);
        QTest::newRow("cap equals base") << qint64(2000) << qint64(2000);
    }

    // Over many seeds, the longest wait of each failure comes close to its
    // bound (and never past it): the range doubles until the cap stops it.
    void boundsGrowAndCap()
    {
        QFETCH(qint64, base);
        QFETCH(qint64, cap);
        constexpr int failures = 12;
        std::vector<std::chrono::milliseconds> longest(failures, 0ms);
        for (quint64 seed = 1; seed <= 300; ++seed) {
            Backoff backoff(std::chrono::milliseconds(base), std::chrono::milliseconds(cap), seed);
            for (int n = 0; n < failures; ++n) {
                const auto delay = backoff.next();
                QCOMPARE(backoff.failures(), n + 1);
                QVERIFY(delay >= Backoff::minimumDelay);
                QVERIFY(delay
                    <= ceiling(std::chrono::milliseconds(base), std::chrono::milliseconds(cap), n));
                longest[n] = std::max(longest[n], delay);
            }
        }
        for (int n = 0; n < failures; ++n) {
            const auto bound
                = ceiling(std::chrono::milliseconds(base), std::chrono::milliseconds(cap), n);
            QVERIFY2(longest[n] > bound * 9 / 10, qPrintable(QString::number(n)));
            if (n > 0 && bound < std::chrono::milliseconds(cap))
                QVERIFY(longest[n] > longest[n - 1]);
        }
    }

    // Far past the point where base·2^n overflows, waits stay within the cap.
    void neverAboveCap()
    {
        Backoff backoff(500ms, 60s, 7);
        for (int i = 0; i < 1000; ++i) {
            const auto delay = backoff.next();
            QVERIFY(delay >= Backoff::minimumDelay);
            QVERIFY(delay <= 60s);
        }
        QCOMPARE(backoff.failures(), 1000);
    }

    void floorNeverExceedsCap()
    {
        Backoff tiny(1ms, 10ms, 3);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(tiny.next(), 10ms);
    }

    void jitterVaries()
    {
        // One sequence at the cap.
        Backoff backoff(500ms, 60s, 11);
        for (int i = 0; i < 10; ++i)
            backoff.next();
        QSet<qint64> capped;
        for (int i = 0; i < 20; ++i)
            capped.insert(backoff.next().count());
        QVERIFY(capped.size() > 10);

        // The same failure across clients.
        QSet<qint64> fifth;
        for (quint64 seed = 1; seed <= 20; ++seed) {
            Backoff client(500ms, 60s, seed);
            for (int i = 0; i < 4; ++i)
                client.next();
            fifth.insert(client.next().count());
        }
        QVERIFY(fifth.size() > 10);
    }

    void reset()
    {
        Backoff backoff(500ms, 60s, 5);
        for (int i = 0; i < 20; ++i)
            backoff.next();
        QCOMPARE(backoff.failures(), 20);
        backoff.reset();
        QCOMPARE(backoff.failures(), 0);
        for (int i = 0; i < 20; ++i) {
            backoff.reset();
            QVERIFY(backoff.next() <= 500ms);
            QCOMPARE(backoff.failures(), 1);
        }
    }

    void seedDeterminism()
    {
        auto sequence = [](quint64 seed) {
            Backoff backoff(500ms, 60s, seed);
            std::vector<std::chrono::milliseconds> delays;
            for (int i = 0; i < 20; ++i)
                delays.push_back(backoff.next());
            return delays;
        };
        QVERIFY(sequence(42) == sequence(42));
        QVERIFY(sequence(42) != sequence(43));
        // Seeds differing only in their high 32 bits are different seeds.
        QVERIFY(sequence(1) != sequence(1 + (quint64(1) << 32)));
        // Seed 0 draws a random seed each time.
        QVERIFY(sequence(0) != sequence(0));
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
