// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Tessera::Server {

/// Password hashes (argon2id, libsodium's interactive limits) and session
/// tokens (256 random bits, stored only as a BLAKE2b hash).
namespace Passwords {

/// An encoded argon2id hash with its salt and parameters; empty on failure.
QString hash(const QString &password);
/// Constant-time check of a password against an encoded hash.
bool verify(const QString &encodedHash, const QString &password);

/// A random password for a new login, to be changed at first sign-in:
/// `length` characters from letters and digits that cannot be mistaken for
/// one another when read aloud or retyped (no 0/O/o, 1/l/I).
QString temporaryPassword(int length = 20);
/// A new random session token, URL-safe base64 (43 characters).
QByteArray newToken();
/// What is stored for a token: its BLAKE2b-256 hash, hex.
QString tokenHash(const QByteArray &token);

} // namespace Passwords

} // namespace Tessera::Server
