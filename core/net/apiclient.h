// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QByteArray>
#include <QHttpHeaders>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Tessera::Net {

class TokenStore;

/// One answer of the server. `status` 0 means no HTTP answer arrived (no
/// connection, a timeout, a cut): the request may or may not have been
/// carried out, so only idempotent requests may be repeated blindly.
struct ApiReply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QString error; // the network error, or the server's error message
    QHttpHeaders headers;

    bool isOk() const { return status >= 200 && status < 300; }
    bool reachedServer() const { return status != 0; }
    /// Worth another try later: nothing arrived, or the server was unwell.
    bool isTransient() const { return status == 0 || status == 429 || status >= 500; }
};

/// The REST API of a Tessera server (GET /api/v1/openapi.json), over a
/// QNetworkAccessManager the owner provides. Asynchronous: every call
/// answers once through its callback, on the thread the client lives in.
/// Retrying is the caller's decision (see Backoff), since only the caller
/// knows which requests are idempotent.
class ApiClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    using Callback = std::function<void(const ApiReply &)>;

    ApiClient(QNetworkAccessManager *network, QUrl baseUrl, QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl baseUrl() const;
    void setToken(const QByteArray &token);
    QByteArray token() const;

    /// Where the token is kept between runs (the OS keychain, or its
    /// fallback file): login() saves it there, logout() removes it, and
    /// restoreSession() reads it back. Not owned.
    void setTokenStore(TokenStore *store);
    /// The keychain account of this server and e-mail.
    QString account(const QString &email) const;
    /// Reads the token saved for `email`; the callback says whether one was found.
    void restoreSession(const QString &email, std::function<void(bool found)> done);
    /// No request waits longer than this for progress (default 30 s).
    void setTimeout(std::chrono::milliseconds timeout);

    /// Signs in; the token is then used by every request (and saved, see setTokenStore()).
    void login(const QString &email, const QString &password, Callback done);
    void logout(Callback done);
    /// POST /mutations: one batch, answered per mutation.
    void pushMutations(const QJsonArray &mutations, Callback done);
    /// How a successful answer's body is handed over.
    enum class Body { Json, Text };
    /// GET /changes: a page of the change feed after `since`. With Body::Text
    /// a successful page stays text (ApiReply::body) for whoever stores it
    /// from there; ApiReply::json is then empty.
    /// `readStart`: while reading from 0 page by page, the head the first
    /// page reported (see the server's `from`); 0 otherwise.
    void changes(
        qint64 since, int limit, Callback done, Body body = Body::Json, qint64 readStart = 0);
    /// The content of an attachment (in ApiReply::body).
    void downloadAttachment(AttachmentId id, Callback done);
    /// Uploads a file under the attachment id the client chose, so a repeat
    /// after a lost answer finds the first upload instead of adding another.
    void uploadAttachment(AttachmentId id, TicketId ticket, const QString &fileName,
        const QString &mimeType, const QByteArray &content, Callback done);
    /// POST /agents/invite (admins): a new agent with a login under a
    /// temporary password; answers 201 {"person", "temporary_password"}.
    void inviteAgent(const QString &name, const QString &email, const QString &role,
        const QList<DepartmentId> &departments, Callback done);
    /// ws(s)://…/api/v1/stream with the token.
    QUrl streamUrl() const;

    /// Test hook: called with each request's path before it is sent; true
    /// makes it fail as if the network were down.
    void setFaultInjector(std::function<bool(const QString &path)> injector);

Q_SIGNALS:
    /// The server no longer accepts the token (expired or revoked).
    void unauthorized();

private:
    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
        const QByteArray &contentType, Callback done, Body answer = Body::Json);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_token;
    QString m_email;
    TokenStore *m_tokens = nullptr;
    std::chrono::milliseconds m_timeout { 30'000 };
    std::function<bool(const QString &)> m_faultInjector;
};

} // namespace Tessera::Net
