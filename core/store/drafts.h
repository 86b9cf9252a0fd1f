// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Tessera {

class Store;

/// A file attached to a draft, kept whole: a pasted image exists nowhere else.
struct DraftAttachment
{
    QString id; // stable while the draft lives, so a save writes only new files
    QString fileName;
    QString mimeType;
    QByteArray content;
    friend bool operator==(const DraftAttachment &, const DraftAttachment &) = default;
};

/// The reply an agent is writing on one ticket.
struct Draft
{
    TicketId ticketId;
    QString body; // Markdown
    ThreadVisibility visibility = ThreadVisibility::Public;
    ConversationId conversationId; // the thread replied to; invalid: chosen on send
    bool newConversation = false; // the send starts a thread of `visibility`
    QList<DraftAttachment> attachments;
    QDateTime updatedAt;

    /// Nothing worth keeping: no text and no file.
    bool isEmpty() const { return body.trimmed().isEmpty() && attachments.isEmpty(); }
    friend bool operator==(const Draft &, const Draft &) = default;
};

/// Drafts in the local cache (never synced): one per ticket, so switching
/// tickets keeps each, and a crash or restart restores them.
class Drafts
{
public:
    explicit Drafts(Store &store);

    std::optional<Draft> load(TicketId ticket) const;
    /// Writes `draft` (an empty one is removed): the text row is replaced,
    /// files no longer attached are dropped and only new ones are written.
    Result<void> save(const Draft &draft);
    Result<void> remove(TicketId ticket);
    /// The tickets with a draft, the most recently edited first.
    QList<TicketId> tickets() const;

private:
    Store &m_store;
};

} // namespace Tessera
