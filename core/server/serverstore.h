// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/mutation.h"
#include "query/viewspec.h"
#include "result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>

namespace Tessera {
struct DemoOptions;
}

namespace Tessera::Server {

/// Who is calling: the signed-in agent, their role and departments; or a
/// customer signed in to the portal, who only ever sees their own tickets'
/// public conversations (authenticateCustomer()).
struct Session
{
    PersonId personId;
    Role role = Role::Agent;
    QList<DepartmentId> departmentIds;
    QDateTime expiresAt;
    PersonKind kind = PersonKind::Agent;

    bool isCustomer() const { return kind == PersonKind::Customer; }
    bool seesEverything() const
    {
        return !isCustomer() && (role == Role::Admin || role == Role::Lead);
    }
};

/// A public agent reply waiting for the mail transport.
struct QueuedMail
{
    MessageId messageId;
    TicketId ticketId;
    QStringList recipients; // e-mail addresses: the requester and followers
};

struct LoginResult
{
    QByteArray token;
    QDateTime expiresAt;
    QJsonObject user;
};

/// One change of the feed: the entity's current state as stored (compact
/// JSON, UTF-8), or an eviction when `snapshot` is empty.
struct FeedEntry
{
    qint64 seq = 0;
    EntityKind kind = EntityKind::Ticket;
    QString id;
    QByteArray snapshot;
};

/// One page of the change feed (DESIGN.md §5).
struct ChangesPage
{
    QList<FeedEntry> entries;
    qint64 next = 0;
    bool more = false;

    /// {"seq","entity","id","snapshot"} or {"seq","entity","id","evicted":true} per entry.
    QJsonArray changes() const;
    /// The wire body: {"changes":[…],"next":…,"more":…,"head":…}, with the
    /// stored snapshots spliced in as they are.
    QByteArray toJson(qint64 head) const;
};

/// The server's source of truth: the same entity tables as the client cache
/// plus credentials, sessions, the change log and mutation results. Every
/// read and write is scoped by the caller's Session.
class ServerStore
{
    Q_DISABLE_COPY_MOVE(ServerStore)

public:
    /// `url`: "sqlite:/path/file.sqlite" or "postgresql://user:password@host:port/database".
    explicit ServerStore(QString url);
    ~ServerStore();

    Result<void> open();

    // --- accounts and sessions ------------------------------------------------
    /// Creates or updates an agent's login (email and argon2id hash).
    Result<void> setCredentials(PersonId person, const QString &email, const QString &password);
    /// An admin invites an agent: the Person is written like any entity (so
    /// it reaches the change feed) with a login under a random temporary
    /// password, returned once. Forbidden for non-admins; Conflict when the
    /// e-mail address is taken.
    Result<std::pair<QJsonObject, QString>> inviteAgent(const Session &session, const QString &name,
        const QString &email, Role role, const QList<DepartmentId> &departments);
    /// Creates the first admin (a new agent with role admin) with this login.
    Result<PersonId> initAdmin(const QString &email, const QString &password);
    /// Checks a login; too many failures for an email or address answer
    /// Error::Code::Forbidden with "rate limited" until the window passes.
    Result<LoginResult> login(
        const QString &email, const QString &password, const QString &clientAddress);
    /// An agent's session; customers' tokens are refused here, so no agent
    /// endpoint ever serves a customer.
    std::optional<Session> authenticate(const QByteArray &token);
    /// A customer's portal session (Session::isCustomer()).
    std::optional<Session> authenticateCustomer(const QByteArray &token);
    Result<void> logout(const QByteArray &token);

    // --- the protocol ------------------------------------------------------------
    /// Applies a batch in order; one result object per mutation (DESIGN.md §5).
    Result<QJsonArray> applyMutations(const Session &session, const QList<Mutation> &mutations);
    /// Changes after `since` in cursor order; Error::Code::NotFound ("gone")
    /// when `since` is older than what the log retains, or than a change of
    /// the caller's access. `readStart`: the head a read from 0 began at; its
    /// later pages are gone only if the log or the access changed after that.
    Result<ChangesPage> changes(
        const Session &session, qint64 since, int limit, qint64 readStart = 0);
    qint64 currentCursor() const;
    /// Forgets tombstones written before `cutoff`; cursors older than the
    /// newest forgotten one must resync from scratch.
    Result<void> compactChangeLog(const QDateTime &cutoff);
    /// Runs the time-based automations due at `now` (hours since a ticket
    /// was created, updated or set Pending; before or after its SLA due
    /// times), each once per ticket and moment it measures from: a rule
    /// whose conditions do not hold then lets that moment pass. Then it
    /// recomputes the due times of up to 500 unresolved tickets an SLA
    /// policy change concerns. Returns the tickets rules fired on (once per
    /// firing) and those whose due times moved. The embedded server calls
    /// it every minute.
    Result<QList<TicketId>> runTimedAutomations(const QDateTime &now);
    /// Tickets of a view the caller may see, with its total; `search`: full-text terms.
    Result<QJsonObject> listTickets(const Session &session, const ViewSpec &view,
        const QString &search, qint64 offset, int limit);
    std::optional<QJsonObject> entity(const Session &session, EntityKind kind, EntityId id);
    /// A ticket's conversations, messages, attachments… that the caller may
    /// see, in the order they were stored.
    QList<QJsonObject> ticketChildren(const Session &session, EntityKind kind, TicketId ticket);
    /// Replies not mailed yet, oldest first.
    QList<QueuedMail> pendingMail() const;
    /// Who may see an entity, read once and asked for many sessions (the
    /// stream's fan-out). An entity that is gone concerns everyone: any
    /// client may hold a copy to evict.
    std::function<bool(const Session &)> audience(EntityKind kind, EntityId id);

    /// Stores a file for a ticket the caller may see: its content under
    /// `directory` by SHA-256 (written once, atomically), and an Attachment
    /// entity in the change feed. Returns the Attachment. With a valid `id`
    /// (chosen by a client that queued the upload offline), a repeat answers
    /// the attachment already stored under it.
    Result<QJsonObject> addAttachment(const Session &session, AttachmentId id, TicketId ticket,
        const QString &fileName, const QString &mimeType, const QByteArray &content,
        const QString &directory);
    /// The Attachment and the path of its content, if the caller may see it.
    std::optional<std::pair<QJsonObject, QString>> attachmentContent(
        const Session &session, AttachmentId id, const QString &directory);

    /// The workspace settings (PRODUCT.md F7); defaults when none were saved.
    WorkspaceSettings workspaceSettings() const;
    /// The ticket type and status a ticket opened outside the client gets:
    /// the first ticket type and its default status (or its first New one).
    Result<std::pair<TicketTypeId, StatusId>> defaultTypeAndStatus() const;

    /// Fills an empty server with demo data; every demo agent gets `password`.
    /// Returns the demo logins (email, role).
    Result<QList<std::pair<QString, Role>>> seedDemo(
        const DemoOptions &options, const QString &password);

    /// Integrity check of the database ("ok" when sound): the engine's own
    /// check (SQLite's integrity_check, PostgreSQL's amcheck where installed)
    /// and the store's invariants.
    QString integrityCheck() const;

private:
    std::optional<Session> sessionFor(const QByteArray &token);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Server
