// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/drafts.h"

#include "store/store.h"
#include "store/transaction.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

Error failed(const QSqlQuery &query, const QString &what)
{
    return Error::storage(u"%1: %2"_s.arg(what, query.lastError().text()));
}

} // namespace

Drafts::Drafts(Store &store)
    : m_store(store)
{ }

std::optional<Draft> Drafts::load(TicketId ticket) const
{
    QSqlQuery query(m_store.connection());
    query.prepare(u"SELECT body, visibility, conversation_id, new_conversation, updated_at"
                  u" FROM drafts WHERE ticket_id = ?"_s);
    query.addBindValue(ticket.toString());
    if (!query.exec() || !query.next())
        return std::nullopt;
    Draft draft;
    draft.ticketId = ticket;
    draft.body = query.value(0).toString();
    draft.visibility = fromWireName<ThreadVisibility>(query.value(1).toString())
                           .value_or(ThreadVisibility::Public);
    draft.conversationId = ConversationId::fromString(query.value(2).toString());
    draft.newConversation = query.value(3).toBool();
    draft.updatedAt = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), QTimeZone::UTC);

    query.prepare(u"SELECT id, file_name, mime_type, content FROM draft_attachments"
                  u" WHERE ticket_id = ? ORDER BY position"_s);
    query.addBindValue(ticket.toString());
    if (query.exec()) {
        while (query.next()) {
            draft.attachments.append({ query.value(0).toString(), query.value(1).toString(),
                query.value(2).toString(), query.value(3).toByteArray() });
        }
    }
    return draft;
}

Result<void> Drafts::save(const Draft &draft)
{
    if (draft.isEmpty())
        return remove(draft.ticketId);
    QSqlDatabase db = m_store.connection();
    auto write = m_store.beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &transaction = *write.value();
    QSqlQuery query(db);
    const QString ticket = draft.ticketId.toString();
    query.prepare(
        u"INSERT INTO drafts(ticket_id, body, visibility, conversation_id,"
        u" new_conversation, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
        u" ON CONFLICT(ticket_id) DO UPDATE SET body = excluded.body,"
        u" visibility = excluded.visibility, conversation_id = excluded.conversation_id,"
        u" new_conversation = excluded.new_conversation, updated_at = excluded.updated_at"_s);
    query.addBindValue(ticket);
    query.addBindValue(draft.body);
    query.addBindValue(toWireName(draft.visibility));
    query.addBindValue(
        draft.conversationId.isValid() ? draft.conversationId.toString() : QVariant());
    query.addBindValue(draft.newConversation ? 1 : 0);
    const QDateTime at
        = draft.updatedAt.isValid() ? draft.updatedAt : QDateTime::currentDateTimeUtc();
    query.addBindValue(at.toMSecsSinceEpoch());
    if (!query.exec())
        return failed(query, u"cannot save the draft"_s);

    // Files are immutable once attached: only their order and presence change.
    QSet<QString> stored;
    query.prepare(u"SELECT id FROM draft_attachments WHERE ticket_id = ?"_s);
    query.addBindValue(ticket);
    if (!query.exec())
        return failed(query, u"cannot read the draft's files"_s);
    while (query.next())
        stored.insert(query.value(0).toString());
    QSet<QString> kept;
    for (qsizetype i = 0; i < draft.attachments.size(); ++i) {
        const DraftAttachment &a = draft.attachments.at(i);
        kept.insert(a.id);
        if (stored.contains(a.id)) {
            query.prepare(u"UPDATE draft_attachments SET position = ? WHERE id = ?"_s);
            query.addBindValue(int(i));
            query.addBindValue(a.id);
        } else {
            query.prepare(u"INSERT INTO draft_attachments(id, ticket_id, position, file_name,"
                          u" mime_type, content) VALUES (?, ?, ?, ?, ?, ?)"_s);
            query.addBindValue(a.id);
            query.addBindValue(ticket);
            query.addBindValue(int(i));
            query.addBindValue(a.fileName);
            query.addBindValue(a.mimeType);
            query.addBindValue(a.content);
        }
        if (!query.exec())
            return failed(query, u"cannot save the draft's file %1"_s.arg(a.fileName));
    }
    for (const QString &id : std::as_const(stored)) {
        if (kept.contains(id))
            continue;
        query.prepare(u"DELETE FROM draft_attachments WHERE id = ?"_s);
        query.addBindValue(id);
        if (!query.exec())
            return failed(query, u"cannot drop a file from the draft"_s);
    }
    return transaction.commit();
}

Result<void> Drafts::remove(TicketId ticket)
{
    QSqlDatabase db = m_store.connection();
    auto write = m_store.beginWrite();
    if (!write)
        return write.error();
    Sql::Transaction &transaction = *write.value();
    QSqlQuery query(db);
    // Explicit rather than through the cascade: it must not depend on foreign_keys.
    for (const QString &sql : { u"DELETE FROM draft_attachments WHERE ticket_id = ?"_s,
             u"DELETE FROM drafts WHERE ticket_id = ?"_s }) {
        query.prepare(sql);
        query.addBindValue(ticket.toString());
        if (!query.exec())
            return failed(query, u"cannot remove the draft"_s);
    }
    return transaction.commit();
}

QList<TicketId> Drafts::tickets() const
{
    QList<TicketId> result;
    QSqlQuery query(m_store.connection());
    if (!query.exec(u"SELECT ticket_id FROM drafts ORDER BY updated_at DESC"_s))
        return result;
    while (query.next())
        result.append(TicketId::fromString(query.value(0).toString()));
    return result;
}

} // namespace Tessera
