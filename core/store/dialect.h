// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Tessera::Sql {

/// The SQL engines Tessera stores data in. The client cache is always
/// SQLite; the server runs on SQLite or PostgreSQL (DESIGN.md §1).
enum class Dialect { Sqlite, Postgres };

/// Which engine a connection talks to.
Dialect dialectOf(const QSqlDatabase &db);

/// True for "postgresql://…" and "postgres://…".
bool isPostgresUrl(const QString &location);

/// The location for logs and messages: a URL's password is left out.
QString redactedLocation(const QString &location);

/// The schema is written once, in SQLite's words. PostgreSQL needs 64-bit
/// integers (times are milliseconds) and identity columns where SQLite has
/// INTEGER PRIMARY KEY; everything else is common SQL.
QString translateDdl(Dialect dialect, const QString &statement);

/// `expression` made case-insensitive for comparison and ordering.
QString caseInsensitive(Dialect dialect, const QString &expression);

/// A text value at `key` of the JSON object held in the text column `column`.
QString jsonText(Dialect dialect, const QString &column, const QString &key);

/// PostgreSQL's full-text documents (the simple configuration: no stemming,
/// like SQLite's unicode61). The schema indexes exactly these expressions,
/// and view searches must use them verbatim to hit those indexes.
namespace PostgresSearch {
QString ticket(); // over ticket_documents: number, title and description, as one document
QString messageBody(); // over message_documents
} // namespace PostgresSearch

} // namespace Tessera::Sql
