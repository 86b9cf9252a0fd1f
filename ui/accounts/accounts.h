// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace Tessera::Ui {

/// A place the agent works in: the local workspace, or a team server signed
/// into with an e-mail. The session token lives in the keychain, never here.
struct Account
{
    QString key; // stable: "local", or a hash of the server and e-mail
    QString name; // what the Account menu shows
    QUrl server; // empty for the local workspace
    QString email;

    bool isLocal() const { return server.isEmpty(); }
    static Account local();
    static Account team(const QUrl &server, const QString &email);
    /// The server's address as accounts keep it: no trailing slash, no bare "/" path.
    static QUrl normalizedServer(const QUrl &server);
    friend bool operator==(const Account &, const Account &) = default;
};

/// The remembered accounts and the one in use, in QSettings.
class AccountSettings
{
public:
    /// The local workspace first, then team accounts in the order added.
    QList<Account> accounts() const;
    /// Adds or refreshes an account (matched by key).
    void remember(const Account &account);
    void forget(const QString &key);
    /// The account in use; the local workspace until another is chosen.
    Account current() const;
    void setCurrent(const QString &key);
};

} // namespace Tessera::Ui
