// SPDX-License-Identifier: GPL-3.0-or-later
#include "postgrescluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QVersionNumber>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Tessera::Test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed again at once; a small race, fine for tests
}

} // namespace

PostgresCluster::PostgresCluster()
    : m_dir(QDir::tempPath() + u"/tessera-pg-XXXXXX"_s)
{ }

PostgresCluster::~PostgresCluster()
{
    if (m_running)
        run(m_bin + u"/pg_ctl"_s,
            { u"-D"_s, m_dir.path() + u"/data"_s, u"-m"_s, u"immediate"_s, u"-w"_s, u"stop"_s },
            30'000);
}

QString PostgresCluster::binDirectory()
{
    const QString configured = qEnvironmentVariable("TESSERA_PG_BINDIR");
    if (!configured.isEmpty())
        return configured;
    QDir versions(u"/usr/lib/postgresql"_s);
    QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(found.begin(), found.end(), [](const QString &a, const QString &b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString &version : std::as_const(found)) {
        const QString bin = versions.filePath(version + u"/bin"_s);
        if (QFileInfo::exists(bin + u"/initdb"_s))
            return bin;
    }
    const QString initdb = QStandardPaths::findExecutable(u"initdb"_s);
    return initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
}

bool PostgresCluster::required()
{
    return qEnvironmentVariableIntValue("TESSERA_REQUIRE_POSTGRES") == 1;
}

bool PostgresCluster::run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (m_uid >= 0) {
        const uid_t uid = uid_t(m_uid);
        const gid_t gid = gid_t(m_gid);
        process.setChildProcessModifier([uid, gid] {
            if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
                _exit(126);
        });
    }
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        const QString output = QString::fromLocal8Bit(process.readAll()).trimmed().right(600);
        m_error = u"%1 failed: %2"_s.arg(
            QFileInfo(program).fileName(), output.isEmpty() ? process.errorString() : output);
        return false;
    }
    return true;
}

bool PostgresCluster::start()
{
    m_bin = binDirectory();
    if (m_bin.isEmpty()) {
        m_error = u"PostgreSQL is not installed (no initdb; set TESSERA_PG_BINDIR)"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary folder"_s;
        return false;
    }
    if (geteuid() == 0) {
        const passwd *user = getpwnam("postgres");
        if (!user)
            user = getpwnam("nobody");
        if (!user) {
            m_error = u"running as root, and there is no postgres user to run PostgreSQL as"_s;
            return false;
        }
        m_uid = int(user->pw_uid);
        m_gid = int(user->pw_gid);
        if (chown(QFile::encodeName(m_dir.path()).constData(), user->pw_uid, user->pw_gid) != 0) {
            m_error = u"cannot hand the temporary folder to the postgres user"_s;
            return false;
        }
    }
    const QString data = m_dir.path() + u"/data"_s;
    if (!run(m_bin + u"/initdb"_s,
            { u"-D"_s, data, u"-U"_s, u"tessera"_s, u"--auth=trust"_s, u"-E"_s, u"UTF8"_s,
                u"--no-locale"_s, u"--no-sync"_s },
            120'000))
        return false;
    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freePort();
        const QString options = u"-p %1 -c listen_addresses=127.0.0.1 -k %2 -c fsync=off"
                                u" -c synchronous_commit=off -c full_page_writes=off"
                                u" -c max_connections=200"_s.arg(m_port)
                                    .arg(m_dir.path());
        m_running = run(m_bin + u"/pg_ctl"_s,
            { u"-D"_s, data, u"-o"_s, options, u"-l"_s, m_dir.path() + u"/server.log"_s, u"-w"_s,
                u"-t"_s, u"60"_s, u"start"_s },
            90'000);
    }
    return m_running;
}

QString PostgresCluster::createDatabase()
{
    const QString name = u"tessera_%1"_s.arg(++m_databases);
    {
        const QString connection = u"tessera.cluster.%1"_s.arg(quintptr(this), 0, 16);
        QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        admin.setHostName(u"127.0.0.1"_s);
        admin.setPort(m_port);
        admin.setUserName(u"tessera"_s);
        admin.setDatabaseName(u"postgres"_s);
        bool made = false;
        if (admin.open()) {
            QSqlQuery query(admin);
            made = query.exec(u"CREATE DATABASE %1"_s.arg(name));
            if (!made)
                m_error = query.lastError().text();
        } else {
            m_error = admin.lastError().text();
        }
        admin.close();
        admin = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
        if (!made)
            return {};
    }
    return u"postgresql://tessera@127.0.0.1:%1/%2"_s.arg(m_port).arg(name);
}

PostgresCluster *sharedPostgres(QString *why)
{
    static std::unique_ptr<PostgresCluster> cluster;
    static QString failure;
    if (!cluster && failure.isEmpty()) {
        auto candidate = std::make_unique<PostgresCluster>();
        if (candidate->start())
            cluster = std::move(candidate);
        else
            failure = candidate->errorString();
        // Stopped before QCoreApplication goes, while Qt SQL still works.
        qAddPostRoutine([] { cluster.reset(); });
    }
    if (why)
        *why = failure;
    return cluster.get();
}

} // namespace Tessera::Test
