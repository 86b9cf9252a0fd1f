// SPDX-License-Identifier: GPL-3.0-or-later
#include "accounts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
const QString Group = u"Accounts"_s;
const QString LocalKey = u"local"_s;

void writeTeam(const QList<Account> &team)
{
    QSettings settings;
    settings.remove(Group);
    settings.beginWriteArray(Group, int(team.size()));
    for (int i = 0; i < team.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"server"_s, team.at(i).server.toString());
        settings.setValue(u"email"_s, team.at(i).email);
    }
    settings.endArray();
}

} // namespace

Account Account::local()
{
    return { LocalKey, QCoreApplication::translate("Tessera::Ui::Account", "Local workspace"), {},
        {} };
}

QUrl Account::normalizedServer(const QUrl &server)
{
    QUrl url = server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (url.path() == u"/"_s)
        url.setPath(QString());
    return url;
}

Account Account::team(const QUrl &url, const QString &email)
{
    const QUrl server = normalizedServer(url);
    const QString normalized = email.trimmed().toLower();
    const QByteArray identity = server.toString().toUtf8() + '|' + normalized.toUtf8();
    const QString key = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16));
    return { key, u"%1 — %2"_s.arg(normalized, server.host()), server, normalized };
}

QList<Account> AccountSettings::accounts() const
{
    QList<Account> result { Account::local() };
    QSettings settings;
    const int size = settings.beginReadArray(Group);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        const QUrl server(settings.value(u"server"_s).toString());
        const QString email = settings.value(u"email"_s).toString();
        if (server.isValid() && !server.isEmpty() && !email.isEmpty())
            result.append(Account::team(server, email));
    }
    settings.endArray();
    return result;
}

void AccountSettings::remember(const Account &account)
{
    if (account.isLocal())
        return;
    QList<Account> team = accounts().mid(1);
    team.removeIf([&](const Account &a) { return a.key == account.key; });
    team.append(account);
    writeTeam(team);
}

void AccountSettings::forget(const QString &key)
{
    QList<Account> team = accounts().mid(1);
    team.removeIf([&](const Account &a) { return a.key == key; });
    writeTeam(team);
    if (QSettings().value(u"currentAccount"_s).toString() == key)
        setCurrent(LocalKey);
}

Account AccountSettings::current() const
{
    const QString key = QSettings().value(u"currentAccount"_s, LocalKey).toString();
    for (const Account &account : accounts()) {
        if (account.key == key)
            return account;
    }
    return Account::local();
}

void AccountSettings::setCurrent(const QString &key)
{
    QSettings().setValue(u"currentAccount"_s, key);
}

} // namespace Tessera::Ui
