// SPDX-License-Identifier: GPL-3.0-or-later
#include "localworkspace.h"

#include "serverlogging.h"
#include "serverstore.h"
#include "serverthread.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Tessera::Server {

namespace {

const QString OwnerFile = u"owner.json"_s;
const QString LocalEmail = u"me@workspace.local"_s;

QString generatedPassword()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / int(sizeof(quint32)));
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

struct LocalWorkspace::Private
{
    QString directory;
    std::unique_ptr<ServerThread> server;

    QString ownerPath() const { return QDir(directory).filePath(OwnerFile); }

    std::optional<Owner> readOwner() const
    {
        QFile file(ownerPath());
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        Owner owner { json.value(u"email"_s).toString(), json.value(u"password"_s).toString() };
        if (owner.email.isEmpty() || owner.password.isEmpty())
            return std::nullopt;
        return owner;
    }

    Result<void> writeOwner(const Owner &owner) const
    {
        QSaveFile file(ownerPath());
        if (!file.open(QIODevice::WriteOnly))
            return Error::storage(u"cannot write %1: %2"_s.arg(ownerPath(), file.errorString()));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(QJsonDocument(
            QJsonObject { { u"email"_s, owner.email }, { u"password"_s, owner.password } })
                       .toJson(QJsonDocument::Compact));
        if (!file.commit())
            return Error::storage(u"cannot write %1: %2"_s.arg(ownerPath(), file.errorString()));
        return {};
    }
};

LocalWorkspace::LocalWorkspace(QString directory)
    : d(std::make_unique<Private>())
{
    d->directory = std::move(directory);
}

LocalWorkspace::~LocalWorkspace()
{
    stop();
}

Result<LocalWorkspace::Owner> LocalWorkspace::start(const std::optional<DemoOptions> &demo)
{
    if (!QDir().mkpath(d->directory))
        return Error::storage(u"cannot create the workspace folder %1"_s.arg(d->directory));
    ServerConfig config;
    config.dataDirectory = d->directory;
    d->server = std::make_unique<ServerThread>(config);
    if (auto started = d->server->start(); !started)
        return started.error();
    if (auto owner = d->readOwner())
        return *owner;

    // The first start: the owner's login is written only once the workspace
    // holds it, so an interrupted first start simply starts over.
    Owner owner { LocalEmail, generatedPassword() };
    Result<void> created;
    d->server->run([&](EmbeddedServer &server) {
        if (demo) {
            auto logins = server.store()->seedDemo(*demo, owner.password);
            if (!logins) {
                created = logins.error();
                return;
            }
            for (const auto &[email, role] : logins.value()) {
                if (role == Role::Admin) {
                    owner.email = email;
                    break;
                }
            }
            return;
        }
        if (auto admin = server.store()->initAdmin(owner.email, owner.password); !admin)
            created = admin.error();
    });
    if (!created)
        return created.error();
    if (auto written = d->writeOwner(owner); !written)
        return written.error();
    qCInfo(lcServer) << "local workspace created in" << d->directory << "for" << owner.email;
    return owner;
}

void LocalWorkspace::stop()
{
    if (d->server)
        d->server->stop();
}

QString LocalWorkspace::baseUrl() const
{
    return d->server ? d->server->baseUrl() : QString();
}

QString LocalWorkspace::directory() const
{
    return d->directory;
}

} // namespace Tessera::Server
