// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "postgrescluster.h"

#include <QTest>

// The server suite runs on both backends: a test class's initTestCase_data()
// calls addBackendRows(), and TESSERA_DATABASE_URL(url) gives each test the
// URL of a fresh database for the current backend (empty for SQLite: the
// server's data folder). Without PostgreSQL its rows are skipped, unless
// the build environment promises it (then they fail).

namespace Tessera::Test {

inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

} // namespace Tessera::Test

#define TESSERA_DATABASE_URL(url)                                                                  \
    QString url;                                                                                   \
    do {                                                                                           \
        QFETCH_GLOBAL(QString, backend);                                                           \
        if (backend != QLatin1String("postgresql"))                                                \
            break;                                                                                 \
        QString why;                                                                               \
        auto *cluster = Tessera::Test::sharedPostgres(&why);                                       \
        if (!cluster && Tessera::Test::PostgresCluster::required())                                \
            QFAIL(qPrintable(QStringLiteral("PostgreSQL: ") + why));                               \
        if (!cluster)                                                                              \
            QSKIP(qPrintable(QStringLiteral("PostgreSQL is not available: ") + why));              \
        url = cluster->createDatabase();                                                           \
        QVERIFY2(!url.isEmpty(), qPrintable(cluster->errorString()));                              \
    } while (false)
