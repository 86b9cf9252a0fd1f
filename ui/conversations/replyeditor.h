// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "query/viewspec.h"

#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTabBar;
class QTextBrowser;
class QTextDocument;
class QToolButton;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

class CannedPicker;

/// The reply editor under a ticket's conversations: Markdown with a
/// preview, public reply or internal note (Ctrl+Shift+J), files attached by
/// button, drop or paste, canned responses (Ctrl+Shift+R or "::"), and
/// "Send as <status>" (Ctrl+Return). The text is kept as a draft per
/// ticket in the cache while it is written, so nothing is lost.
class ReplyEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplyEditor)

public:
    /// `context.me` is the agent who writes.
    ReplyEditor(Store &store, QueryContext context, QWidget *parent = nullptr);
    /// Saves the draft.
    ~ReplyEditor() override;

    /// Saves the current ticket's draft and restores `id`'s.
    void setTicket(TicketId id);
    TicketId ticket() const;
    /// Replies into that thread; the mode follows its visibility.
    void setConversation(ConversationId id);
    /// The next send starts a new thread of `visibility`, then posts in it.
    void startNewConversation(ThreadVisibility visibility);
    /// Renders the Preview tab; without one, Qt's own Markdown is used.
    void setPreviewRenderer(std::function<void(QTextDocument *, const QString &markdown)> renderer);

    ThreadVisibility visibility() const;
    void setVisibility(ThreadVisibility visibility);
    /// The thread the next send goes to; invalid when it starts a new one.
    ConversationId targetConversation() const;
    bool startsNewConversation() const;

    QString text() const;
    void setText(const QString &markdown);

    /// The status a public reply sets by default: the first Pending one of
    /// the ticket's type; invalid when the type has none.
    StatusId defaultStatus() const;
    /// Sends as the default ("Send as Pending"; an internal note: no status).
    MessageId send();
    /// Sends setting `status` (ignored for an internal note); invalid when
    /// nothing was sent (no text, no ticket, a store error: see errorText()).
    MessageId sendAs(StatusId status);

    /// Attaches local files; returns the error of the first one refused.
    QString attachFiles(const QStringList &paths);
    /// Attaches content that has no file (a pasted image).
    void attachData(const QString &fileName, const QString &mimeType, const QByteArray &content);
    QStringList attachmentNames() const;
    void removeAttachment(int index);

    /// Opens the canned response picker at the cursor.
    void openCannedPicker();
    /// Inserts a canned response's body, placeholders filled, at the cursor.
    void insertCanned(const CannedResponse &response);
    /// Opens "Save as Canned Response…" with the current text.
    void saveAsCanned();

    QString errorText() const;

    QPlainTextEdit *textEdit() const;
    QTextBrowser *preview() const;
    QTabBar *modeTabs() const;
    QToolButton *sendButton() const;
    /// "Send as …" entries of the send button's menu (status id in data()),
    /// then "Send without changing status".
    QMenu *statusMenu() const;
    QAction *sendAction() const;
    QAction *internalAction() const;
    QAction *cannedAction() const;
    QAction *saveCannedAction() const;
    QAction *attachAction() const;
    CannedPicker *cannedPicker() const;
    /// "To <requester>" or "Internal note".
    QLabel *targetLabel() const;

Q_SIGNALS:
    /// A message was written to the cache (and queued for the server).
    void sent(Tessera::MessageId id, Tessera::ConversationId conversation);

protected:
    void changeEvent(QEvent *event) override;
    // Files dropped anywhere on the editor are attached, not only on the text.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
