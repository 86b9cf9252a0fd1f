// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/merge.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera::Protocol;

class TestMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perField_data()
    {
        QTest::addColumn<QJsonObject>("current");
        QTest::addColumn<QJsonObject>("fields");
        QTest::addColumn<QJsonObject>("base");
        QTest::addColumn<QJsonObject>("merged");
        QTest::addColumn<QStringList>("conflicting");

        const QJsonObject server { { u"title"_s, u"T"_s }, { u"priority"_s, u"high"_s },
            { u"assignee_id"_s, QJsonValue() } };
        QTest::newRow("unchanged on the server: applied")
            << server << QJsonObject { { u"title"_s, u"Mine"_s } }
            << QJsonObject { { u"title"_s, u"T"_s } }
            << QJsonObject { { u"title"_s, u"Mine"_s }, { u"priority"_s, u"high"_s },
                   { u"assignee_id"_s, QJsonValue() } }
            << QStringList {};
        QTest::newRow("colleague changed another field: both kept")
            << server << QJsonObject { { u"title"_s, u"Mine"_s } }
            << QJsonObject { { u"title"_s, u"T"_s }, { u"priority"_s, u"low"_s } }
            << QJsonObject { { u"title"_s, u"Mine"_s }, { u"priority"_s, u"high"_s },
                   { u"assignee_id"_s, QJsonValue() } }
            << QStringList {};
        QTest::newRow("same field, same new value: applied")
            << server << QJsonObject { { u"priority"_s, u"high"_s } }
            << QJsonObject { { u"priority"_s, u"low"_s } } << server << QStringList {};
        QTest::newRow("same field, different values: conflict, server keeps its value")
            << server << QJsonObject { { u"priority"_s, u"urgent"_s }, { u"title"_s, u"Mine"_s } }
            << QJsonObject { { u"priority"_s, u"low"_s }, { u"title"_s, u"T"_s } }
            << QJsonObject { { u"title"_s, u"Mine"_s }, { u"priority"_s, u"high"_s },
                   { u"assignee_id"_s, QJsonValue() } }
            << QStringList { u"priority"_s };
        QTest::newRow("absent equals null")
            << QJsonObject { { u"title"_s, u"T"_s } }
            << QJsonObject { { u"assignee_id"_s, u"a"_s } }
            << QJsonObject { { u"assignee_id"_s, QJsonValue() } }
            << QJsonObject { { u"title"_s, u"T"_s }, { u"assignee_id"_s, u"a"_s } }
            << QStringList {};
        QTest::newRow("no base: blind write")
            << server << QJsonObject { { u"priority"_s, u"low"_s } } << QJsonObject {}
            << QJsonObject { { u"title"_s, u"T"_s }, { u"priority"_s, u"low"_s },
                   { u"assignee_id"_s, QJsonValue() } }
            << QStringList {};
        QTest::newRow("arrays compare whole")
            << QJsonObject { { u"follower_ids"_s, QJsonArray { u"a"_s, u"b"_s } } }
            << QJsonObject { { u"follower_ids"_s, QJsonArray { u"a"_s, u"c"_s } } }
            << QJsonObject { { u"follower_ids"_s, QJsonArray { u"a"_s } } }
            << QJsonObject { { u"follower_ids"_s, QJsonArray { u"a"_s, u"b"_s } } }
            << QStringList { u"follower_ids"_s };
    }

    void perField()
    {
        QFETCH(QJsonObject, current);
        QFETCH(QJsonObject, fields);
        QFETCH(QJsonObject, base);
        QFETCH(QJsonObject, merged);
        QFETCH(QStringList, conflicting);
        const MergeOutcome outcome = mergeUpdate(current, fields, base);
        QCOMPARE(outcome.merged, merged);
        QStringList actual;
        for (const FieldConflict &c : outcome.conflicts) {
            actual.append(c.field);
            QCOMPARE(c.theirs, current.value(c.field));
            QCOMPARE(c.mine, fields.value(c.field));
            QCOMPARE(c.base, base.value(c.field));
        }
        QCOMPARE(actual, conflicting);
        QCOMPARE(outcome.applied.size() + outcome.conflicts.size(), fields.size());
    }
};

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
