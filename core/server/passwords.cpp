// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwords.h"

#include "serverlogging.h"

#include <QRandomGenerator>

#include <sodium.h>

namespace Tessera::Server::Passwords {

namespace {
bool ready()
{
    static const bool initialised = sodium_init() >= 0;
    return initialised;
}
} // namespace

QString hash(const QString &password)
{
    if (!ready())
        return {};
    const QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, utf8.constData(), quint64(utf8.size()),
            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
            crypto_pwhash_ALG_ARGON2ID13)
        != 0) {
        qCWarning(lcServer) << "password hashing ran out of memory";
        return {};
    }
    return QString::fromLatin1(encoded);
}

bool verify(const QString &encodedHash, const QString &password)
{
    if (!ready() || encodedHash.isEmpty())
        return false;
    const QByteArray encoded = encodedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(encoded.constData(), utf8.constData(), quint64(utf8.size()))
        == 0;
}

QByteArray newToken()
{
    ready();
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString tokenHash(const QByteArray &token)
{
    ready();
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(digest, sizeof digest,
        reinterpret_cast<const unsigned char *>(token.constData()), size_t(token.size()), nullptr,
        0);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

QString temporaryPassword(int length)
{
    static const QString alphabet
        = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789");
    QString password;
    password.reserve(length);
    for (int i = 0; i < length; ++i)
        password.append(alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size()))));
    return password;
}

} // namespace Tessera::Server::Passwords
