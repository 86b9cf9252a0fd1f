// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client: parse arguments, start the local workspace's embedded
// server, show the main window.
#include "colorscheme.h"
#include "embeddedserver.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Tessera;

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
    parser.addOptions({ workspaceOption, paletteOption, screenshotOption });
    parser.process(app);

    Ui::applyColorScheme(Ui::colorSchemeFromString(parser.value(paletteOption)));

    const QString workspaceDir = parser.value(workspaceOption);
    QDir().mkpath(workspaceDir);
    Server::EmbeddedServer server({ QHostAddress::LocalHost, 0, workspaceDir });
    if (auto started = server.start(); !started) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Tessera"),
            QApplication::translate("main", "The local workspace could not start:\n%1")
                .arg(started.error().message));
        return 1;
    }

    Ui::MainWindow window(
        { QApplication::translate("main", "Local workspace"), server.baseUrl(), true });
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(1500, &window, [&window, file] {
            window.grab().save(file);
            window.close();
        });
    }

    const int status = QApplication::exec();
    server.stop(); // fixed order: the window is closed, then the server stops
    return status;
}
