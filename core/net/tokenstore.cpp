// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenstore.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <qt6keychain/keychain.h>

#include <deque>

using namespace Qt::StringLiterals;

namespace Tessera::Net {

namespace {

// What a keychain job's outcome means for the token.
enum class Outcome { Ok, Missing, Unavailable, Failed };

Outcome classify(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return Outcome::Ok;
    case QKeychain::EntryNotFound:
        return Outcome::Missing;
    // No backend, or one that is not running (no D-Bus session, no Secret
    // Service): the keychain itself is missing, not just this entry.
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Outcome::Unavailable;
    // A keychain that exists but refuses: writing the token to a plain file
    // instead would go behind the user's back.
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry:
        return Outcome::Failed;
    }
    return Outcome::Failed;
}

Error keychainError(const QKeychain::Job &job)
{
    const bool denied
        = job.error() == QKeychain::AccessDeniedByUser || job.error() == QKeychain::AccessDenied;
    return { denied ? Error::Code::Forbidden : Error::Code::Storage,
        u"Keychain: "_s + job.errorString() };
}

bool isOwnerOnly(QFileDevice::Permissions permissions)
{
#ifdef Q_OS_UNIX
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return (permissions & others) == 0;
#else
    // Elsewhere access is an ACL matter that QFileDevice permissions do not show.
    Q_UNUSED(permissions);
    return true;
#endif
}

} // namespace

struct TokenStore::Private
{
    TokenStore *q = nullptr;
    QString service;
    QString directory;
    bool keychainEnabled = true;
    bool keychainFailed = false;
    bool warned = false;
    std::deque<std::function<void()>> queue;
    bool busy = false;

    bool keychainUsable() const { return keychainEnabled && !keychainFailed; }

    void keychainUnavailable(const QKeychain::Job &job)
    {
        keychainFailed = true;
        if (warned)
            return;
        warned = true;
        qCWarning(lcNet).nospace()
            << "No usable keychain for " << service << " (" << job.errorString()
            << "); session tokens go to owner-only files in " << directory;
    }

    // Operations run one at a time, so that a load() issued right after a
    // save() sees the new token whichever path either of them takes.
    void enqueue(std::function<void()> operation)
    {
        queue.push_back(std::move(operation));
        if (!busy) {
            busy = true;
            scheduleNext();
        }
    }

    void scheduleNext()
    {
        QMetaObject::invokeMethod(
            q,
            [this] {
                if (queue.empty()) {
                    busy = false;
                    return;
                }
                const auto operation = std::move(queue.front());
                queue.pop_front();
                operation();
            },
            Qt::QueuedConnection);
    }

    // Schedules the next operation before calling back: `done` may destroy the store.
    template<typename T>
    void finish(const std::function<void(Result<T>)> &done, Result<T> result)
    {
        scheduleNext();
        if (done)
            done(std::move(result));
    }

    QString filePath(const QString &account) const
    {
        // A hash: account strings hold URLs and addresses, not file names.
        const QByteArray hash
            = QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256);
        return QDir(directory).filePath(QString::fromLatin1(hash.toHex()) + u".token"_s);
    }

    Result<void> writeFile(const QString &account, const QByteArray &token) const
    {
        if (!QDir().mkpath(directory))
            return Error::storage(u"Cannot create %1"_s.arg(directory));
        const QString path = filePath(account);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error::storage(u"Cannot write %1: %2"_s.arg(path, file.errorString()));
        // Before the token is in it: the temporary file starts out with the
        // umask's permissions (or those of the file it replaces).
        if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || !isOwnerOnly(file.permissions())) {
            file.cancelWriting();
            return Error::storage(u"Cannot make %1 readable by its owner only"_s.arg(path));
        }
        if (file.write(token) != token.size() || !file.commit())
            return Error::storage(u"Cannot write %1: %2"_s.arg(path, file.errorString()));
        return {};
    }

    Result<QByteArray> readFile(const QString &account) const
    {
        QFile file(filePath(account));
        if (!file.exists())
            return QByteArray();
        if (!file.open(QIODevice::ReadOnly))
            return Error::storage(u"Cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        return file.readAll();
    }

    Result<void> removeFile(const QString &account) const
    {
        QFile file(filePath(account));
        if (file.exists() && !file.remove())
            return Error::storage(
                u"Cannot remove %1: %2"_s.arg(file.fileName(), file.errorString()));
        return {};
    }
};

TokenStore::TokenStore(QString service, QString fallbackDirectory, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->service = std::move(service);
    d->directory = std::move(fallbackDirectory);
}

TokenStore::~TokenStore() = default;

void TokenStore::save(
    const QString &account, const QByteArray &token, std::function<void(Result<void>)> done)
{
    d->enqueue([this, account, token, done = std::move(done)] {
        if (!d->keychainUsable())
            return d->finish(done, d->writeFile(account, token));
        auto *job = new QKeychain::WritePasswordJob(d->service);
        job->setKey(account);
        job->setBinaryData(token);
        connect(job, &QKeychain::Job::finished, this,
            [this, account, token, done](QKeychain::Job *job) {
                switch (classify(job->error())) {
                case Outcome::Ok: {
                    // A copy saved while the keychain was down is stale now.
                    if (const auto removed = d->removeFile(account); !removed)
                        qCWarning(lcNet) << removed.error().message;
                    return d->finish(done, Result<void>());
                }
                case Outcome::Unavailable:
                    d->keychainUnavailable(*job);
                    return d->finish(done, d->writeFile(account, token));
                case Outcome::Missing:
                case Outcome::Failed:
                    return d->finish(done, Result<void>(keychainError(*job)));
                }
            });
        job->start();
    });
}

void TokenStore::load(const QString &account, std::function<void(Result<QByteArray>)> done)
{
    d->enqueue([this, account, done = std::move(done)] {
        if (!d->keychainUsable())
            return d->finish(done, d->readFile(account));
        auto *job = new QKeychain::ReadPasswordJob(d->service);
        job->setKey(account);
        connect(job, &QKeychain::Job::finished, this, [this, account, done](QKeychain::Job *job) {
            switch (classify(job->error())) {
            case Outcome::Ok:
                return d->finish(done,
                    Result<QByteArray>(
                        static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData()));
            case Outcome::Unavailable:
                d->keychainUnavailable(*job);
                [[fallthrough]];
            case Outcome::Missing: // perhaps saved while the keychain was down
                return d->finish(done, d->readFile(account));
            case Outcome::Failed:
                return d->finish(done, Result<QByteArray>(keychainError(*job)));
            }
        });
        job->start();
    });
}

void TokenStore::remove(const QString &account, std::function<void(Result<void>)> done)
{
    d->enqueue([this, account, done = std::move(done)] {
        if (!d->keychainUsable())
            return d->finish(done, d->removeFile(account));
        auto *job = new QKeychain::DeletePasswordJob(d->service);
        job->setKey(account);
        connect(job, &QKeychain::Job::finished, this, [this, account, done](QKeychain::Job *job) {
            // The file goes whatever the keychain said; its error wins the report.
            const Outcome outcome = classify(job->error());
            if (outcome == Outcome::Unavailable)
                d->keychainUnavailable(*job);
            const Result<void> removed = d->removeFile(account);
            d->finish(
                done, outcome == Outcome::Failed ? Result<void>(keychainError(*job)) : removed);
        });
        job->start();
    });
}

bool TokenStore::usesFallback() const
{
    return !d->keychainUsable();
}

QString TokenStore::fallbackFilePath(const QString &account) const
{
    return d->filePath(account);
}

void TokenStore::setKeychainEnabled(bool enabled)
{
    d->keychainEnabled = enabled;
    d->keychainFailed = false;
}

} // namespace Tessera::Net
