// SPDX-License-Identifier: GPL-3.0-or-later
// tessera-server: the same EmbeddedServer as the desktop's local workspace,
// headless, for a team.
#include "demo/demodata.h"
#include "embeddedserver.h"
#include "serverstore.h"
#include "shutdownsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "tessera-server: %s\n", qPrintable(message));
    return 2;
}

} // namespace

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
    const QCommandLineOption listenOption(u"listen"_s,
        u"Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one)."_s,
        u"host:port"_s, u"127.0.0.1:8080"_s);
    const QCommandLineOption dataOption(u"data-dir"_s,
        u"Folder for the database and attachments (default: current folder)."_s, u"dir"_s, u"."_s);
    const QCommandLineOption dbOption(u"db"_s,
        u"Database: sqlite:PATH (default: tessera.sqlite in the data folder) or postgresql://…"_s,
        u"url"_s);
    const QCommandLineOption initAdminOption(u"init-admin"_s,
        u"Create the first admin with this e-mail; the password comes from TESSERA_ADMIN_PASSWORD or stdin."_s,
        u"email"_s);
    const QCommandLineOption demoOption(
        u"demo"_s, u"Fill an empty server with demo data and print the demo logins."_s);
    const QCommandLineOption demoTicketsOption(
        u"demo-tickets"_s, u"Number of demo tickets (default 600)."_s, u"n"_s, u"600"_s);
    const QCommandLineOption tlsCertOption(u"tls-cert"_s,
        u"Serve HTTPS (and wss:// for the stream) with this PEM certificate; needs --tls-key."_s,
        u"file"_s);
    const QCommandLineOption tlsKeyOption(u"tls-key"_s,
        u"The unencrypted PEM private key of the --tls-cert certificate."_s, u"file"_s);
    parser.addOptions({ listenOption, dataOption, dbOption, tlsCertOption, tlsKeyOption,
        initAdminOption, demoOption, demoTicketsOption });
    parser.process(app);

    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(u':');
    QHostAddress address;
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (!address.setAddress(host))
        return fail(u"--listen: '%1' is not HOST:PORT with an IP address"_s.arg(listen));
    if (!portOk || port > 65535)
        return fail(u"--listen: '%1' has no valid port (0-65535)"_s.arg(listen));
    if (parser.isSet(tlsCertOption) != parser.isSet(tlsKeyOption))
        return fail(u"--tls-cert and --tls-key go together: give both, or neither"_s);
    const QString dataDir = QDir(parser.value(dataOption)).absolutePath();
    if (!QDir().mkpath(dataDir))
        return fail(u"cannot create data folder %1"_s.arg(dataDir));

    Server::EmbeddedServer server({ address, quint16(port), dataDir, parser.value(dbOption),
        parser.value(tlsCertOption), parser.value(tlsKeyOption) });
    const auto started = server.start();
    if (!started) {
        std::fprintf(stderr, "tessera-server: %s\n", qPrintable(started.error().message));
        return 1;
    }

    if (parser.isSet(initAdminOption)) {
        QString password = qEnvironmentVariable("TESSERA_ADMIN_PASSWORD");
        if (password.isEmpty()) {
            std::fprintf(stderr, "Password for %s: ", qPrintable(parser.value(initAdminOption)));
            password = QTextStream(stdin).readLine();
        }
        const auto admin = server.store()->initAdmin(parser.value(initAdminOption), password);
        if (!admin)
            return fail(u"--init-admin: "_s + admin.error().message);
        std::printf("admin %s created\n", qPrintable(parser.value(initAdminOption)));
    }
    if (parser.isSet(demoOption)) {
        DemoOptions options;
        options.tickets = std::clamp(parser.value(demoTicketsOption).toInt(), 1, 200'000);
        const QString password = u"tessera-demo"_s;
        const auto logins = server.store()->seedDemo(options, password);
        if (!logins) {
            std::fprintf(
                stderr, "tessera-server: --demo: %s\n", qPrintable(logins.error().message));
        } else {
            std::printf("demo data: %d tickets. Logins (password \"%s\"):\n", options.tickets,
                qPrintable(password));
            for (const auto &[email, role] : logins.value())
                std::printf("  %-40s %s\n", qPrintable(email), qPrintable(toWireName(role)));
            // A few requesters get portal logins, so the customer endpoints can be tried.
            const QList<Person> customers = DemoGenerator(options).people(PersonKind::Customer);
            for (const Person &customer : customers.mid(0, 2)) {
                if (server.store()->setCredentials(customer.id, customer.email, password))
                    std::printf("  %-40s customer (portal)\n", qPrintable(customer.email));
            }
        }
    }

    std::printf(
        "tessera-server %s listening on %s\n", TESSERA_VERSION, qPrintable(server.baseUrl()));
    std::fflush(stdout);

    Server::quitOnTerminationSignals(&app);
    const int status = QCoreApplication::exec();
    server.stop();
    return status;
}
