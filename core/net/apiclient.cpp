// SPDX-License-Identifier: GPL-3.0-or-later
#include "net/apiclient.h"

#include "logging.h"
#include "net/tokenstore.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Tessera::Net {

ApiClient::ApiClient(QNetworkAccessManager *network, QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_baseUrl(std::move(baseUrl))
{ }

ApiClient::~ApiClient() = default;

QUrl ApiClient::baseUrl() const
{
    return m_baseUrl;
}

void ApiClient::setToken(const QByteArray &token)
{
    m_token = token;
}

QByteArray ApiClient::token() const
{
    return m_token;
}

void ApiClient::setTokenStore(TokenStore *store)
{
    m_tokens = store;
}

QString ApiClient::account(const QString &email) const
{
    return m_baseUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash) + u'|'
        + email.trimmed().toLower();
}

void ApiClient::restoreSession(const QString &email, std::function<void(bool)> done)
{
    if (!m_tokens) {
        QTimer::singleShot(0, this, [done = std::move(done)] { done(false); });
        return;
    }
    m_tokens->load(account(email), [this, email, done = std::move(done)](Result<QByteArray> token) {
        const bool found = token && !token->isEmpty();
        if (found) {
            m_token = token.value();
            m_email = email;
        }
        done(found);
    });
}

void ApiClient::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void ApiClient::setFaultInjector(std::function<bool(const QString &)> injector)
{
    m_faultInjector = std::move(injector);
}

void ApiClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
    const QByteArray &contentType, Callback done, Body answerBody)
{
    if (m_faultInjector && m_faultInjector(path)) {
        // Answered later, like a real failure, never from inside the call.
        QTimer::singleShot(0, this, [done = std::move(done)] {
            ApiReply failed;
            failed.error = u"injected network fault"_s;
            done(failed);
        });
        return;
    }
    QUrl url = m_baseUrl;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(url.path() + path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, path, answerBody, done = std::move(done)] {
            reply->deleteLater();
            ApiReply answer;
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.body = reply->readAll();
            answer.headers = reply->headers();
            // A success whose body was cut off is no answer at all.
            if (answer.status >= 200 && answer.status < 300
                && reply->error() != QNetworkReply::NoError)
                answer.status = 0;
            if (answer.status == 0) {
                answer.error = reply->errorString();
                qCDebug(lcNet) << path << "failed:" << answer.error;
            } else if (answerBody == Body::Json || answer.status >= 300) {
                answer.json = QJsonDocument::fromJson(answer.body).object();
                answer.error
                    = answer.json.value(u"error"_s).toObject().value(u"message"_s).toString();
            }
            if (answer.status == 401 && !m_token.isEmpty())
                Q_EMIT unauthorized();
            done(answer);
        });
}

void ApiClient::login(const QString &email, const QString &password, Callback done)
{
    const QJsonObject body { { u"email"_s, email }, { u"password"_s, password } };
    send("POST", u"/api/v1/auth/login"_s, QJsonDocument(body).toJson(QJsonDocument::Compact),
        "application/json", [this, email, done = std::move(done)](const ApiReply &reply) {
            if (reply.isOk()) {
                m_token = reply.json.value(u"token"_s).toString().toLatin1();
                m_email = email;
                if (m_tokens) {
                    m_tokens->save(account(email), m_token, [](Result<void> saved) {
                        if (!saved)
                            qCWarning(lcNet)
                                << "the session token was not kept:" << saved.error().message;
                    });
                }
            }
            done(reply);
        });
}

void ApiClient::logout(Callback done)
{
    send("POST", u"/api/v1/auth/logout"_s, {}, {},
        [this, done = std::move(done)](const ApiReply &reply) {
            if (reply.reachedServer()) {
                m_token.clear();
                if (m_tokens && !m_email.isEmpty())
                    m_tokens->remove(account(m_email), [](Result<void>) {});
            }
            done(reply);
        });
}

void ApiClient::pushMutations(const QJsonArray &mutations, Callback done)
{
    const QJsonObject body { { u"mutations"_s, mutations } };
    send("POST", u"/api/v1/mutations"_s, QJsonDocument(body).toJson(QJsonDocument::Compact),
        "application/json", std::move(done));
}

void ApiClient::inviteAgent(const QString &name, const QString &email, const QString &role,
    const QList<DepartmentId> &departments, Callback done)
{
    QJsonArray ids;
    for (const DepartmentId &id : departments)
        ids.append(id.toString());
    const QJsonObject body { { u"name"_s, name }, { u"email"_s, email }, { u"role"_s, role },
        { u"department_ids"_s, ids } };
    send("POST", u"/api/v1/agents/invite"_s, QJsonDocument(body).toJson(QJsonDocument::Compact),
        "application/json", std::move(done));
}

void ApiClient::changes(qint64 since, int limit, Callback done, Body body, qint64 readStart)
{
    QString path = u"/api/v1/changes?since=%1&limit=%2"_s.arg(since).arg(limit);
    if (readStart > 0)
        path += u"&from=%1"_s.arg(readStart);
    send("GET", path, {}, {}, std::move(done), body);
}

void ApiClient::downloadAttachment(AttachmentId id, Callback done)
{
    send("GET", u"/api/v1/attachments/%1/content"_s.arg(id.toString()), {}, {}, std::move(done));
}

void ApiClient::uploadAttachment(AttachmentId id, TicketId ticket, const QString &fileName,
    const QString &mimeType, const QByteArray &content, Callback done)
{
    QUrlQuery query;
    query.addQueryItem(u"id"_s, id.toString());
    query.addQueryItem(u"ticket_id"_s, ticket.toString());
    query.addQueryItem(u"file_name"_s, QString::fromLatin1(QUrl::toPercentEncoding(fileName)));
    send("POST", u"/api/v1/attachments?"_s + query.toString(QUrl::FullyEncoded), content,
        mimeType.isEmpty() ? QByteArray("application/octet-stream") : mimeType.toLatin1(),
        std::move(done));
}

QUrl ApiClient::streamUrl() const
{
    QUrl url = m_baseUrl;
    url.setScheme(m_baseUrl.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    url.setPath(url.path() + u"/api/v1/stream"_s);
    url.setQuery(u"token="_s + QString::fromLatin1(m_token));
    return url;
}

} // namespace Tessera::Net
