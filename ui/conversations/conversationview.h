// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QWidget>

#include <memory>

class QTextBrowser;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// A ticket's conversations as people read them (PRODUCT.md D1–D5): each
/// thread under its heading, its messages with author, time and channel,
/// Markdown rendered and code highlighted; internal threads tinted, with a
/// padlock and an "Internal" label. Only the newest messages of a long
/// thread are laid out until the agent asks for the earlier ones, so a
/// ticket with hundreds of messages opens as fast as a short one.
class ConversationView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationView)

public:
    enum class Filter { All, Public, Internal };
    Q_ENUM(Filter)

    explicit ConversationView(Store &store, QWidget *parent = nullptr);
    ~ConversationView() override;

    void setTicket(TicketId id);
    TicketId ticket() const;

    void setFilter(Filter filter);
    Filter filter() const;
    void setNewestFirst(bool newestFirst);
    bool newestFirst() const;
    /// How many messages of each thread are laid out before "Show earlier".
    void setPageSize(int messages);

    /// The messages shown, in display order.
    QList<MessageId> shownMessages() const;
    /// The text a code block's "Copy" link puts on the clipboard.
    QString codeBlockText(const QString &key) const;
    QTextBrowser *browser() const;

    /// Follows a link of the view ("copy:", "expand:", "reply:"…) as a click would.
    void activateLink(const QUrl &url);

Q_SIGNALS:
    void replyRequested(Tessera::ConversationId conversation);
    void attachmentActivated(Tessera::AttachmentId attachment);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void render();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
