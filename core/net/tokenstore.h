// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace Tessera::Net {

/// Where a session token lives between runs: the OS keychain (through
/// QtKeychain) or, where no keychain service is reachable (headless, no D-Bus
/// session, no Secret Service), an owner-only (0600) file per account in a
/// fallback directory. An account is a string such as
/// "https://server|user@example".
///
/// Operations run one at a time in call order; each `done` runs later from
/// the event loop (never inside the call) and not at all once the store is
/// destroyed.
class TokenStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    TokenStore(QString service, QString fallbackDirectory, QObject *parent = nullptr);
    ~TokenStore() override;

    void save(
        const QString &account, const QByteArray &token, std::function<void(Result<void>)> done);
    /// An empty token when none is stored.
    void load(const QString &account, std::function<void(Result<QByteArray>)> done);
    /// Removes the token from the keychain and the fallback file.
    void remove(const QString &account, std::function<void(Result<void>)> done);

    /// Whether tokens go to the fallback files: the keychain failed or is disabled.
    bool usesFallback() const;
    /// The fallback file of an account, whether or not it exists.
    QString fallbackFilePath(const QString &account) const;

    /// For tests: false forces the fallback files; true tries the keychain again.
    void setKeychainEnabled(bool enabled);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Net
