// SPDX-License-Identifier: GPL-3.0-or-later
// tessera-server: the same EmbeddedServer as the desktop's local workspace,
// headless, for a team.
#include "embeddedserver.h"
#include "shutdownsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Tessera;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Tessera"_s);
    QCoreApplication::setApplicationName(u"tessera-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TESSERA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Tessera helpdesk server: the REST API and change feed that desktop clients sync with."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenOption(
        u"listen"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s, u"127.0.0.1"_s);
    const QCommandLineOption portOption(
        u"port"_s, u"TCP port (default 8417; 0 picks a free one)."_s, u"port"_s, u"8417"_s);
    const QCommandLineOption dataOption(
        u"data-dir"_s, u"Folder for the database and attachments."_s, u"dir"_s, u"."_s);
    parser.addOptions({ listenOption, portOption, dataOption });
    parser.process(app);

    QHostAddress address;
    if (!address.setAddress(parser.value(listenOption))) {
        std::fprintf(stderr, "tessera-server: --listen: '%s' is not an IP address\n",
            qPrintable(parser.value(listenOption)));
        return 2;
    }
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        std::fprintf(stderr, "tessera-server: --port: '%s' is not a port number (0-65535)\n",
            qPrintable(parser.value(portOption)));
        return 2;
    }
    const QString dataDir = QDir(parser.value(dataOption)).absolutePath();
    if (!QDir().mkpath(dataDir)) {
        std::fprintf(stderr, "tessera-server: cannot create data folder %s\n", qPrintable(dataDir));
        return 2;
    }

    Server::EmbeddedServer server({ address, quint16(port), dataDir });
    const auto started = server.start();
    if (!started) {
        std::fprintf(stderr, "tessera-server: %s\n", qPrintable(started.error().message));
        return 1;
    }
    std::printf(
        "tessera-server %s listening on %s\n", TESSERA_VERSION, qPrintable(server.baseUrl()));
    std::fflush(stdout);

    Server::quitOnTerminationSignals(&app);
    const int status = QCoreApplication::exec();
    server.stop();
    return status;
}
