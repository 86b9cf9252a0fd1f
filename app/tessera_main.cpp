// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client: parse arguments, start the local workspace's embedded
// server on its thread, show the main window.
#include "colorscheme.h"
#include "demo/demodata.h"
#include "mainwindow.h"
#include "serverthread.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

// Fills an empty local workspace with demo data on a worker thread, showing progress.
Result<void> fillWithDemoData(Store &store, int tickets)
{
    DemoOptions options;
    options.tickets = tickets;
    QProgressDialog progress(
        QApplication::translate("main", "Creating the demo workspace…"), QString(), 0, tickets);
    progress.setWindowTitle(QApplication::translate("main", "Tessera"));
    progress.setMinimumDuration(300);
    progress.setValue(0);
    Result<void> result;
    QEventLoop loop;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        result = loadDemoData(store, options, [&progress](int done, int) {
            QMetaObject::invokeMethod(
                &progress, [&progress, done] { progress.setValue(done); }, Qt::QueuedConnection);
        });
    }));
    QObject::connect(worker.get(), &QThread::finished, &loop, &QEventLoop::quit);
    worker->start();
    loop.exec();
    worker->wait();
    return result;
}

// The local workspace's agent: its admin (the person who created it).
QueryContext localContext(const Store &store)
{
    QueryContext context;
    for (const Person &person : store.all<Person>()) {
        if (person.kind == PersonKind::Agent && person.role == Role::Admin) {
            context.me = person.id;
            context.myDepartments = person.departmentIds;
            break;
        }
    }
    return context;
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
    QDir().mkpath(workspaceDir);
    Server::ServerThread server({ QHostAddress::LocalHost, 0, workspaceDir });
    if (auto started = server.start(); !started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tessera"),
            QApplication::translate("main", "The local workspace could not start:\n%1")
                .arg(started.error().message));
        return 1;
    }

    Store cache(workspaceDir + u"/cache.sqlite"_s);
    if (auto opened = cache.open(); !opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tessera"),
            QApplication::translate("main", "The local cache could not be opened:\n%1")
                .arg(opened.error().message));
        return 1;
    }
    if (parser.isSet(demoOption) && cache.all<TicketType>().isEmpty()) {
        const int tickets = std::clamp(parser.value(demoSizeOption).toInt(), 1, 200'000);
        if (auto filled = fillWithDemoData(cache, tickets); !filled) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Tessera"),
                QApplication::translate("main", "The demo workspace could not be created:\n%1")
                    .arg(filled.error().message));
            return 1;
        }
    }

    std::optional<Ui::MainWindow> window;
    window.emplace(Ui::WorkspaceInfo { QApplication::translate("main", "Local workspace"),
                       server.baseUrl(), true },
        &cache, localContext(cache));
    window->show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(1500, &*window, [&window, file] {
            window->grab().save(file);
            window->close();
        });
    }

    const int status = QApplication::exec();
    // Fixed order: the window goes, background reads of the cache finish,
    // then the server stops and the cache closes.
    window.reset();
    QThreadPool::globalInstance()->waitForDone();
    server.stop();
    return status;
}
