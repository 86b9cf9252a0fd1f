// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Test data of tst_serverapi, kept out of the file moc reads: moc's lexer
// trips over some raw string literals.

namespace Tessera::Test {

struct BadInput
{
    const char *name;
    QByteArray verb;
    QString path;
    QByteArray body;
    bool signedIn;
    int status;
};

/// Requests that must each get a 4xx with a JSON error.
QList<BadInput> badInputCases();
/// A title full of SQL and JSON metacharacters, to be stored verbatim.
QString hostileTitle();
/// {"filter":{"field":"title","op":"contains","value": text}}
QByteArray titleContainsView(const QString &text);

} // namespace Tessera::Test
