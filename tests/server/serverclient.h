// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHttpHeaders>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>

#include <memory>
#include <optional>

namespace Tessera::Test {

/// A small HTTP client for server tests: the way an integrator calls the API.
class ServerClient
{
public:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QHttpHeaders headers;
    };

    explicit ServerClient(QString baseUrl)
        : m_base(std::move(baseUrl))
    { }

    QByteArray token;
    /// For https:// (the CA to trust, …); unset: the system's defaults.
    std::optional<QSslConfiguration> tls;

    Reply get(const QString &path) { return send("GET", path, {}); }
    Reply post(const QString &path, const QJsonObject &body)
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body,
        const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request { QUrl(m_base + path) };
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        if (tls)
            request.setSslConfiguration(*tls);
        std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(30'000))
            return {};
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        r.headers = reply->headers();
        return r;
    }

    bool login(const QString &email, const QString &password)
    {
        token.clear();
        const Reply r = post(QStringLiteral("/api/v1/auth/login"),
            { { QStringLiteral("email"), email }, { QStringLiteral("password"), password } });
        token = r.json.value(QStringLiteral("token")).toString().toLatin1();
        return r.status == 200 && !token.isEmpty();
    }

private:
    QString m_base;
    QNetworkAccessManager m_network;
};

} // namespace Tessera::Test
