// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client: parse arguments, open the current account (the local
// workspace's embedded server on its thread, or a team server), its cache and
// sync engine, and show the main window; again after an account switch.
#include "accounts/accountdialog.h"
#include "accounts/accounts.h"
#include "colorscheme.h"
#include "demo/demodata.h"
#include "localworkspace.h"
#include "mainwindow.h"
#include "net/apiclient.h"
#include "net/tokenstore.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "sync/syncthread.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

QString tr(const char *text)
{
    return QApplication::translate("main", text);
}

// Runs `work` on a worker thread while a progress dialog (busy, or counting
// when `progress` is fed) keeps the window alive.
template<typename Work>
void withProgress(const QString &label, Work work)
{
    QProgressDialog progress(label, QString(), 0, 0);
    progress.setWindowTitle(tr("Tessera"));
    progress.setMinimumDuration(300);
    progress.setValue(0);
    QEventLoop loop;
    std::unique_ptr<QThread> worker(QThread::create(work));
    QObject::connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
}

// Waits, with the event loop running, until `call` has called back (or 10 s).
void waitForCallback(const std::function<void(std::function<void()> done)> &call)
{
    QEventLoop loop;
    bool finished = false;
    call([&] {
        finished = true;
        loop.quit();
    });
    if (!finished) {
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

struct SignedIn
{
    QByteArray token;
    QJsonObject user;
};

// Signs in through the API, the same way for the local workspace and a team server.
Result<SignedIn> signIn(Net::ApiClient &api, const QString &email, const QString &password)
{
    std::optional<Net::ApiReply> answer;
    waitForCallback([&](std::function<void()> done) {
        api.login(email, password, [&answer, done](const Net::ApiReply &reply) {
            answer = reply;
            done();
        });
    });
    if (!answer)
        return Error { Error::Code::Storage, tr("no answer from the server") };
    if (!answer->isOk())
        return Error { answer->reachedServer() ? Error::Code::Invalid : Error::Code::Storage,
            answer->error.isEmpty() ? tr("the server refused the sign-in") : answer->error };
    return SignedIn { api.token(), answer->json.value(u"user"_s).toObject() };
}

// Who the agent is, for views such as "My tickets".
QueryContext contextFor(const Store &store, const QJsonObject &user, PersonId me)
{
    QueryContext context;
    context.me = me;
    if (const auto person = store.get<Person>(me))
        context.myDepartments = person->departmentIds;
    else if (const auto fromLogin = Protocol::fromJson<Person>(user))
        context.myDepartments = fromLogin->departmentIds;
    return context;
}

/// One account opened: its server (the local workspace's, when local), its
/// cache, the sync engine on its thread and the window. Torn down in a fixed
/// order: window, background reads, engine, server.
struct Session
{
    std::unique_ptr<Server::LocalWorkspace> local;
    std::unique_ptr<Store> store;
    std::unique_ptr<Sync::SyncThread> sync;
    std::unique_ptr<Ui::MainWindow> window;

    ~Session()
    {
        window.reset();
        QThreadPool::globalInstance()->waitForDone();
        sync.reset();
        if (local)
            local->stop();
    }
};

void showError(const QString &what, const QString &detail)
{
    QMessageBox::critical(nullptr, tr("Tessera"), what + u"\n"_s + detail);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Tessera"_s);
    QApplication::setApplicationName(u"Tessera"_s);
    QApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION));
    QApplication::setDesktopFileName(u"org.tessera.Tessera"_s);

    QTranslator qtTranslator;
    if (qtTranslator.load(
            QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"tessera"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Tessera helpdesk client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(u"workspace"_s,
        QApplication::translate("main", "Folder of the local workspace."),
        QApplication::translate("main", "dir"),
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/local-workspace"_s);
    const QCommandLineOption paletteOption(u"color-scheme"_s,
        QApplication::translate("main", "system, light or dark."),
        QApplication::translate("main", "scheme"), u"system"_s);
    const QCommandLineOption screenshotOption(u"screenshot"_s,
        QApplication::translate("main", "Save a picture of the main window to file, then quit."),
        QApplication::translate("main", "file"));
    const QCommandLineOption demoOption(u"demo"_s,
        QApplication::translate("main", "Fill an empty local workspace with demo data."));
    const QCommandLineOption demoSizeOption(u"demo-tickets"_s,
        QApplication::translate("main", "Number of demo tickets (default 600)."),
        QApplication::translate("main", "n"), u"600"_s);
    parser.addOptions(
        { workspaceOption, paletteOption, screenshotOption, demoOption, demoSizeOption });
    parser.process(app);

    Ui::applyColorScheme(Ui::colorSchemeFromString(parser.value(paletteOption)));

    const QString workspaceDir = parser.value(workspaceOption);
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    Ui::AccountSettings accounts;
    QNetworkAccessManager network;
    Net::TokenStore tokens(u"Tessera"_s, dataDir + u"/tokens"_s);
    QApplication::setQuitOnLastWindowClosed(false);

    // Connects to a team server from the account dialog; remembers it on success.
    const auto connectTeam = [&](QWidget *parent) -> bool {
        Ui::AccountDialog dialog(
            [&](const QUrl &server, const QString &email, const QString &password,
                std::function<void(const QString &)> finished) {
                auto api = std::make_shared<Net::ApiClient>(&network, server);
                api->setTokenStore(&tokens);
                api->login(email, password, [api, finished](const Net::ApiReply &reply) {
                    finished(reply.isOk()           ? QString()
                            : reply.error.isEmpty() ? tr("no answer from the server")
                                                    : reply.error);
                });
            },
            parent);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        const Ui::Account account = Ui::Account::team(dialog.server(), dialog.email());
        accounts.remember(account);
        accounts.setCurrent(account.key);
        return true;
    };

    int status = 0;
    for (;;) {
        const Ui::Account account = accounts.current();
        Session session;
        QString baseUrl;
        Result<SignedIn> signedIn = Error::invalid(u"not signed in"_s);
        QString cachePath;
        std::unique_ptr<Net::ApiClient> api;
        if (account.isLocal()) {
            session.local = std::make_unique<Server::LocalWorkspace>(workspaceDir);
            std::optional<DemoOptions> demo;
            if (parser.isSet(demoOption)) {
                demo.emplace();
                demo->tickets = std::clamp(parser.value(demoSizeOption).toInt(), 1, 200'000);
            }
            Result<Server::LocalWorkspace::Owner> owner = Error::invalid(u"not started"_s);
            withProgress(demo ? tr("Creating the demo workspace…") : tr("Opening the workspace…"),
                [&] { owner = session.local->start(demo); });
            if (!owner) {
                showError(tr("The local workspace could not start:"), owner.error().message);
                return 1;
            }
            baseUrl = session.local->baseUrl();
            api = std::make_unique<Net::ApiClient>(&network, QUrl(baseUrl));
            signedIn = signIn(*api, owner->email, owner->password);
            cachePath = workspaceDir + u"/cache.sqlite"_s;
        } else {
            baseUrl = account.server.toString();
            api = std::make_unique<Net::ApiClient>(&network, account.server);
            api->setTokenStore(&tokens);
            std::optional<bool> found;
            waitForCallback([&](std::function<void()> done) {
                api->restoreSession(account.email, [&found, done](bool restored) {
                    found = restored;
                    done();
                });
            });
            if (found.value_or(false))
                signedIn = SignedIn { api->token(), {} };
            else if (!connectTeam(nullptr)) {
                accounts.setCurrent(Ui::Account::local().key);
                continue;
            } else {
                continue; // the dialog signed in and saved the token
            }
            cachePath = dataDir + u"/accounts/"_s + account.key + u"/cache.sqlite"_s;
        }
        if (!signedIn) {
            showError(tr("Could not sign in:"), signedIn.error().message);
            return 1;
        }
        QDir().mkpath(QFileInfo(cachePath).absolutePath());
        session.store = std::make_unique<Store>(cachePath);
        if (auto opened = session.store->open(); !opened) {
            showError(tr("The local cache could not be opened:"), opened.error().message);
            return 1;
        }
        // Who is signed in: from the sign-in, or remembered from an earlier one.
        QSettings settings;
        const QString personKey = u"AccountPeople/"_s + account.key;
        if (const QString id = signedIn->user.value(u"id"_s).toString(); !id.isEmpty())
            settings.setValue(personKey, id);
        const PersonId me = PersonId::fromString(settings.value(personKey).toString());

        session.sync
            = std::make_unique<Sync::SyncThread>(*session.store, QUrl(baseUrl), signedIn->token);
        session.window = std::make_unique<Ui::MainWindow>(
            Ui::WorkspaceInfo { account.name, baseUrl, account.isLocal() }, session.store.get(),
            contextFor(*session.store, signedIn->user, me));
        session.sync->start();
        session.window->setSyncEngine(session.sync->engine());
        session.window->setAccounts(accounts.accounts(), account.key);

        constexpr int Quit = 0;
        constexpr int Switch = 2;
        QObject::connect(session.window.get(), &Ui::MainWindow::switchAccountRequested,
            session.window.get(), [&](const QString &key) {
                accounts.setCurrent(key);
                QApplication::exit(Switch);
            });
        QObject::connect(session.window.get(), &Ui::MainWindow::connectAccountRequested,
            session.window.get(), [&] {
                if (connectTeam(session.window.get()))
                    QApplication::exit(Switch);
            });
        QObject::connect(
            session.window.get(), &Ui::MainWindow::signOutRequested, session.window.get(), [&] {
                waitForCallback([&](std::function<void()> done) {
                    api->logout([done](const Net::ApiReply &) { done(); });
                });
                accounts.forget(account.key);
                QApplication::exit(Switch);
            });
        QObject::connect(session.window.get(), &Ui::MainWindow::closed, session.window.get(),
            [] { QApplication::exit(Quit); });
        session.window->show();

        if (parser.isSet(screenshotOption)) {
            const QString file = parser.value(screenshotOption);
            QTimer::singleShot(3000, session.window.get(), [&session, file] {
                session.window->grab().save(file);
                session.window->close();
            });
        }
        status = QApplication::exec();
        if (status != Switch)
            break;
    }
    return status;
}
