// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Tessera::Test {

/// A throwaway PostgreSQL cluster for tests and benchmarks: initdb and
/// pg_ctl in a temporary folder, listening on 127.0.0.1 only, on a free
/// port, without durability (fsync off). Stopped and deleted on destruction.
/// Run as root (the build root), the server programs run as the `postgres`
/// user, since PostgreSQL refuses to run as root.
class PostgresCluster
{
    Q_DISABLE_COPY_MOVE(PostgresCluster)

public:
    PostgresCluster();
    ~PostgresCluster();

    /// Where initdb and pg_ctl are: $TESSERA_PG_BINDIR, else the newest
    /// /usr/lib/postgresql/N/bin, else PATH. Empty when PostgreSQL is absent.
    static QString binDirectory();
    /// True when the build environment promises PostgreSQL, so its absence
    /// is a failure rather than a reason to skip ($TESSERA_REQUIRE_POSTGRES).
    static bool required();

    bool start();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }

    /// A new, empty database in the cluster: its postgresql:// URL, or an
    /// empty string (see errorString()).
    QString createDatabase();

private:
    bool run(const QString &program, const QStringList &arguments, int timeoutMs);

    QTemporaryDir m_dir;
    QString m_bin;
    QString m_error;
    quint16 m_port = 0;
    bool m_running = false;
    int m_databases = 0;
    int m_uid = -1; // the user the server programs run as, when we are root
    int m_gid = -1;
};

/// One cluster per process, started on first use. Null, with `why` set, when
/// PostgreSQL is not installed or does not start.
PostgresCluster *sharedPostgres(QString *why = nullptr);

} // namespace Tessera::Test
