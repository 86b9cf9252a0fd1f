// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Qt::StringLiterals;
using namespace Tessera;
using Tessera::Net::TokenStore;

namespace {

const QString alice = u"https://helpdesk.example|alice@example.com"_s;
const QString bob = u"https://helpdesk.example|bob@example.com"_s;

// Keychain jobs go over D-Bus; a slow or absent service answers within its timeout.
constexpr int waitMs = 60000;

Result<void> save(TokenStore &store, const QString &account, const QByteArray &token)
{
    std::optional<Result<void>> result;
    store.save(account, token, [&result](Result<void> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, waitMs))
        return Error { Error::Code::Internal, u"save() never called back"_s };
    return *result;
}

Result<QByteArray> load(TokenStore &store, const QString &account)
{
    std::optional<Result<QByteArray>> result;
    store.load(account, [&result](Result<QByteArray> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, waitMs))
        return Error { Error::Code::Internal, u"load() never called back"_s };
    return *result;
}

Result<void> remove(TokenStore &store, const QString &account)
{
    std::optional<Result<void>> result;
    store.remove(account, [&result](Result<void> r) { result = std::move(r); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, waitMs))
        return Error { Error::Code::Internal, u"remove() never called back"_s };
    return *result;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

#define QVERIFY_OK(result) QVERIFY2((result).isOk(), qPrintable((result).error().message))

class TestTokenStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_directory;

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_directory = m_tmp->filePath(u"tokens"_s); // created on first save
    }

    void fallbackRoundTrip()
    {
        TokenStore store(u"Tessera"_s, m_directory);
        store.setKeychainEnabled(false);
        QVERIFY(store.usesFallback());

        auto none = load(store, alice);
        QVERIFY_OK(none);
        QVERIFY(none->isEmpty());

        // Callbacks come from the event loop, not from inside the call.
        bool called = false;
        store.save(alice, "secret-1", [&called](Result<void>) { called = true; });
        QVERIFY(!called);
        QTRY_VERIFY(called);

        auto loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QCOMPARE(*loaded, "secret-1");

        QVERIFY_OK(save(store, alice, "secret-2"));
        loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QCOMPARE(*loaded, "secret-2");

        const QString path = store.fallbackFilePath(alice);
        QVERIFY(QFile::exists(path));
        QVERIFY_OK(remove(store, alice));
        QVERIFY(!QFile::exists(path));
        loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QVERIFY(loaded->isEmpty());
        QVERIFY_OK(remove(store, alice)); // nothing left to remove is no error
    }

    void fileIsOwnerOnly()
    {
        TokenStore store(u"Tessera"_s, m_directory);
        store.setKeychainEnabled(false);
        const QString path = store.fallbackFilePath(alice);

#ifdef Q_OS_UNIX
        // Even with a permissive umask, and over a file readable by all.
        const mode_t previousUmask = ::umask(0);
        QVERIFY(QDir().mkpath(m_directory));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        }
        const auto saved = save(store, alice, "secret");
        ::umask(previousUmask);
        QVERIFY_OK(saved);

        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
#else
        QVERIFY_OK(save(store, alice, "secret"));
#endif
        const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        QCOMPARE(
            QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), owner);
    }

    void fileHoldsOnlyTheToken()
    {
        TokenStore store(u"Tessera"_s, m_directory);
        store.setKeychainEnabled(false);
        const QByteArray token = QByteArray::fromHex("746f6b00656eff0a"); // NUL, 0xff, newline
        QVERIFY_OK(save(store, alice, token));

        const QString path = store.fallbackFilePath(alice);
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(m_directory).absolutePath());
        QCOMPARE(contents(path), token);
        // The name says nothing about the account.
        QVERIFY(!QFileInfo(path).fileName().contains(u"example"_s));
        const QStringList entries
            = QDir(m_directory)
                  .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        QCOMPARE(entries, QStringList { QFileInfo(path).fileName() });

        auto loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QCOMPARE(*loaded, token);
    }

    void accountsDoNotCollide()
    {
        TokenStore store(u"Tessera"_s, m_directory);
        store.setKeychainEnabled(false);
        QVERIFY(store.fallbackFilePath(alice) != store.fallbackFilePath(bob));
        QVERIFY_OK(save(store, alice, "alice-token"));
        QVERIFY_OK(save(store, bob, "bob-token"));

        QCOMPARE(*load(store, alice), "alice-token");
        QCOMPARE(*load(store, bob), "bob-token");

        QVERIFY_OK(remove(store, alice));
        QVERIFY(!QFile::exists(store.fallbackFilePath(alice)));
        QCOMPARE(*load(store, alice), QByteArray());
        QCOMPARE(*load(store, bob), "bob-token");
    }

    // Operations run in call order, so there is no need to wait in between.
    void operationsRunInOrder()
    {
        TokenStore store(u"Tessera"_s, m_directory);
        store.setKeychainEnabled(false);
        QStringList order;
        QByteArray loaded;
        store.save(alice, "first", [&order](Result<void>) { order << u"save"_s; });
        store.load(alice, [&order, &loaded](Result<QByteArray> r) {
            order << u"load"_s;
            loaded = r.value();
        });
        store.remove(alice, [&order](Result<void>) { order << u"remove"_s; });
        QTRY_COMPARE(order.size(), 3);
        QCOMPARE(order, (QStringList { u"save"_s, u"load"_s, u"remove"_s }));
        QCOMPARE(loaded, "first");
        QVERIFY(!QFile::exists(store.fallbackFilePath(alice)));
    }

    void noCallbackAfterDestruction()
    {
        auto store = std::make_unique<TokenStore>(u"Tessera"_s, m_directory);
        store->setKeychainEnabled(false);
        bool called = false;
        store->load(alice, [&called](Result<QByteArray>) { called = true; });
        store.reset();
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }

    void unwritableDirectoryFails()
    {
        // A regular file where the directory should be.
        const QString blocker = m_tmp->filePath(u"blocker"_s);
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        TokenStore store(u"Tessera"_s, blocker + u"/tokens"_s);
        store.setKeychainEnabled(false);
        const auto saved = save(store, alice, "secret");
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, Error::Code::Storage);
    }

    // With the keychain enabled: the OS keychain where one runs, otherwise
    // (headless CI: no D-Bus session, no Secret Service) the fallback file.
    void keychainOrFallback()
    {
        // A service of its own, so a desktop keychain is left as it was.
        const QString service
            = u"Tessera test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        TokenStore store(service, m_directory);
        QVERIFY(!store.usesFallback());

        QVERIFY_OK(save(store, alice, "kc-secret"));
        auto loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QCOMPARE(*loaded, "kc-secret");
        qInfo() << "token stored in"
                << (store.usesFallback() ? "the fallback file" : "the keychain");
        QCOMPARE(QFile::exists(store.fallbackFilePath(alice)), store.usesFallback());

        const bool sessionBus = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")
            || QFile::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/bus"_s);
        if (!sessionBus)
            QVERIFY(store.usesFallback());

        QVERIFY_OK(remove(store, alice));
        QVERIFY(!QFile::exists(store.fallbackFilePath(alice)));
        loaded = load(store, alice);
        QVERIFY_OK(loaded);
        QVERIFY(loaded->isEmpty());
    }

    // A token saved while the keychain was down is found once it is back,
    // and remove() clears it from both places.
    void fileFoundWhenKeychainHasNoEntry()
    {
        const QString service
            = u"Tessera test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        TokenStore store(service, m_directory);
        store.setKeychainEnabled(false);
        QVERIFY_OK(save(store, bob, "saved-offline"));

        store.setKeychainEnabled(true);
        auto loaded = load(store, bob);
        QVERIFY_OK(loaded);
        QCOMPARE(*loaded, "saved-offline");

        QVERIFY_OK(remove(store, bob));
        QVERIFY(!QFile::exists(store.fallbackFilePath(bob)));
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
