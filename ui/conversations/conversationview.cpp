// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/conversationview.h"

#include "details/activityformat.h"
#include "details/cacherows.h"
#include "highlight/markdownrenderer.h"
#include "protocol/codec.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "uilogging.h"
#include "views/viewlabels.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QEvent>
#include <QJsonDocument>
#include <QLocale>
#include <QScrollBar>
#include <QSqlQuery>
#include <QTextBrowser>
#include <QTextFrame>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

const QUrl LockImage(u"tessera-icon:lock"_s);

QString fileSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

struct ConversationView::Private
{
    Store &store;
    QTextBrowser *browser = nullptr;
    TicketId ticket;
    Filter filter = Filter::All;
    bool newestFirst = false;
    int pageSize = 50;

    QList<Conversation> threads;
    QList<Message> messages; // oldest first
    QHash<AttachmentId, Attachment> attachments;
    QHash<QString, int> shownPerThread; // conversation id → how many messages are laid out
    QSet<QString> expanded; // code block keys shown in full
    QHash<QString, QString> codeBlocks;
    QList<MessageId> shown;
    QTimer *reloadTimer = nullptr;
    bool stale = false; // the cache changed while the view was hidden

    QString personName(PersonId id) const
    {
        const auto person = store.get<Person>(id);
        return person ? person->name : ConversationView::tr("Unknown");
    }
    bool passes(const Conversation &c) const
    {
        const bool internal = c.visibility == ThreadVisibility::Internal;
        return filter == Filter::All || (filter == Filter::Internal) == internal;
    }
    QList<Message> messagesOf(ConversationId thread) const
    {
        QList<Message> list;
        for (const Message &m : messages) {
            if (m.conversationId == thread)
                list.append(m);
        }
        return list;
    }
    QDateTime lastActivity(const Conversation &c) const
    {
        QDateTime last = c.createdAt;
        for (const Message &m : messages) {
            if (m.conversationId == c.id && m.createdAt > last)
                last = m.createdAt;
        }
        return last;
    }

    void insertLink(QTextCursor &cursor, const QString &href, const QString &text,
        const QTextCharFormat &base) const
    {
        QTextCharFormat anchor = base;
        anchor.setAnchor(true);
        anchor.setAnchorHref(href);
        anchor.setForeground(browser->palette().color(QPalette::Link));
        anchor.setFontUnderline(true);
        cursor.insertText(text, anchor);
        cursor.setCharFormat(base);
    }
    void insertThreadHeading(
        QTextCursor &cursor, const Conversation &c, int count, bool first) const;
    void insertMessage(QTextCursor &cursor, const Message &m, bool internal);
    void insertMoreLink(QTextCursor &cursor, const Conversation &c, int hidden) const;
};

void ConversationView::Private::insertThreadHeading(
    QTextCursor &cursor, const Conversation &c, int count, bool first) const
{
    const bool internal = c.visibility == ThreadVisibility::Internal;
    QTextBlockFormat block;
    block.setTopMargin(first ? 0 : 14);
    block.setBottomMargin(2);
    if (first)
        cursor.setBlockFormat(block); // the document's own first block
    else
        cursor.insertBlock(block);
    QTextCharFormat heading;
    heading.setFontWeight(QFont::Bold);
    heading.setForeground(browser->palette().color(QPalette::Text));
    if (internal) {
        QTextImageFormat lock;
        lock.setName(LockImage.toString());
        lock.setWidth(14);
        lock.setHeight(14);
        lock.setVerticalAlignment(QTextCharFormat::AlignMiddle);
        cursor.insertImage(lock);
        cursor.insertText(u" "_s, heading);
    }
    QString title = internal ? ConversationView::tr("Internal notes")
                             : ConversationView::tr("Conversation with the requester");
    if (!c.subject.isEmpty())
        title += u" — "_s + c.subject;
    cursor.insertText(title, heading);
    QTextCharFormat muted;
    muted.setForeground(browser->palette().color(QPalette::PlaceholderText));
    cursor.insertText(u"  ·  "_s + ConversationView::tr("%n message(s)", nullptr, count), muted);
    cursor.insertText(u"  ·  "_s, muted);
    insertLink(cursor, u"reply:"_s + c.id.toString(),
        internal ? ConversationView::tr("Add note") : ConversationView::tr("Reply"), muted);
}

void ConversationView::Private::insertMoreLink(
    QTextCursor &cursor, const Conversation &c, int hidden) const
{
    QTextBlockFormat block;
    block.setTopMargin(4);
    block.setBottomMargin(4);
    cursor.insertBlock(block);
    QTextCharFormat base;
    insertLink(cursor, u"more:"_s + c.id.toString(),
        newestFirst ? ConversationView::tr("Show %n older message(s)", nullptr, hidden)
                    : ConversationView::tr("Show %n earlier message(s)", nullptr, hidden),
        base);
}

void ConversationView::Private::insertMessage(QTextCursor &cursor, const Message &m, bool internal)
{
    const QPalette palette = browser->palette();
    QTextFrameFormat frame;
    frame.setBackground(
        internal ? TicketStyle::internalTint(palette) : palette.color(QPalette::Base));
    frame.setBorder(1);
    frame.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    frame.setBorderBrush(
        internal ? TicketStyle::internalTint(palette).darker(135) : palette.color(QPalette::Mid));
    frame.setPadding(8);
    frame.setTopMargin(6);
    frame.setBottomMargin(2);
    QTextFrame *messageFrame = cursor.insertFrame(frame);

    QTextCharFormat author;
    author.setFontWeight(QFont::Bold);
    author.setForeground(palette.color(QPalette::Text));
    QTextCharFormat muted;
    muted.setForeground(palette.color(QPalette::PlaceholderText));
    cursor.insertText(personName(m.authorId), author);
    const QString when = QLocale().toString(m.createdAt.toLocalTime(), QLocale::ShortFormat);
    cursor.insertText(u"  ·  "_s + when, muted);
    cursor.insertText(
        u"  ·  "_s + ConversationView::tr("via %1").arg(ViewLabels::enumValue(toWireName(m.via))),
        muted);
    if (internal) {
        cursor.insertText(u"  ·  "_s, muted);
        QTextImageFormat lock;
        lock.setName(LockImage.toString());
        lock.setWidth(12);
        lock.setHeight(12);
        lock.setVerticalAlignment(QTextCharFormat::AlignMiddle);
        cursor.insertImage(lock);
        QTextCharFormat label = author;
        cursor.insertText(u" "_s + ConversationView::tr("Internal"), label);
    }
    if (m.setStatusId.isValid()) {
        const auto status = store.get<Status>(m.setStatusId);
        if (status)
            cursor.insertText(
                u"  ·  "_s + ConversationView::tr("set the status to %1").arg(status->name), muted);
    }
    if (m.authorId.isValid() && m.version == 0)
        cursor.insertText(u"  ·  "_s + ConversationView::tr("not sent yet"), muted);

    QTextBlockFormat body;
    body.setTopMargin(4);
    cursor.insertBlock(body, QTextCharFormat());
    MarkdownRenderOptions options;
    options.palette = palette;
    options.keyPrefix = m.id.toString();
    options.isExpanded = [this](const QString &key) {
        return expanded.contains(key);
    };
    options.codeBlocks = &codeBlocks;
    insertMarkdown(cursor, m.body, options);

    if (!m.attachmentIds.isEmpty()) {
        cursor.insertBlock(body, QTextCharFormat());
        cursor.insertText(ConversationView::tr("Attachments:") + u' ', muted);
        for (const AttachmentId &id : m.attachmentIds) {
            const auto found = attachments.constFind(id);
            if (found == attachments.cend())
                continue;
            insertLink(cursor, u"attachment:"_s + id.toString(),
                u"%1 (%2)"_s.arg(found->fileName, fileSize(found->size)), QTextCharFormat());
            cursor.insertText(u"   "_s);
        }
    }
    cursor.setPosition(messageFrame->lastPosition());
    cursor.movePosition(QTextCursor::NextCharacter);
    shown.append(m.id);
}

ConversationView::ConversationView(Store &store, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(Private { store }))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->browser = new QTextBrowser(this);
    d->browser->setObjectName(u"conversationBrowser"_s);
    d->browser->setOpenLinks(false);
    d->browser->setFrameShape(QFrame::NoFrame);
    layout->addWidget(d->browser);
    connect(d->browser, &QTextBrowser::anchorClicked, this, &ConversationView::activateLink);
    // A sync page can change thousands of messages at once: one reload after
    // the burst, and none while the view is hidden (another tab is up).
    d->reloadTimer = new QTimer(this);
    d->reloadTimer->setSingleShot(true);
    d->reloadTimer->setInterval(20);
    connect(d->reloadTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
        else
            d->stale = true;
    });
    connect(&store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &) {
        if (d->ticket.isValid()
            && (kind == EntityKind::Message || kind == EntityKind::Conversation
                || kind == EntityKind::Attachment || kind == EntityKind::Person))
            d->reloadTimer->start();
    });
}

ConversationView::~ConversationView() = default;

void ConversationView::setTicket(TicketId id)
{
    if (id == d->ticket)
        return;
    d->ticket = id;
    d->shownPerThread.clear();
    d->expanded.clear();
    reload();
    d->browser->verticalScrollBar()->setValue(
        d->newestFirst ? 0 : d->browser->verticalScrollBar()->maximum());
}

TicketId ConversationView::ticket() const
{
    return d->ticket;
}

void ConversationView::setFilter(Filter filter)
{
    if (filter == d->filter)
        return;
    d->filter = filter;
    render();
}

ConversationView::Filter ConversationView::filter() const
{
    return d->filter;
}

void ConversationView::setNewestFirst(bool newestFirst)
{
    if (newestFirst == d->newestFirst)
        return;
    d->newestFirst = newestFirst;
    render();
}

bool ConversationView::newestFirst() const
{
    return d->newestFirst;
}

void ConversationView::setPageSize(int messages)
{
    d->pageSize = std::max(1, messages);
    render();
}

QList<MessageId> ConversationView::shownMessages() const
{
    return d->shown;
}

QString ConversationView::codeBlockText(const QString &key) const
{
    return d->codeBlocks.value(key);
}

QTextBrowser *ConversationView::browser() const
{
    return d->browser;
}

void ConversationView::activateLink(const QUrl &url)
{
    const QString scheme = url.scheme();
    const QString target = url.path();
    if (scheme == u"copy"_s) {
        QGuiApplication::clipboard()->setText(d->codeBlocks.value(target));
    } else if (scheme == u"expand"_s || scheme == u"collapse"_s) {
        if (scheme == u"expand"_s)
            d->expanded.insert(target);
        else
            d->expanded.remove(target);
        render();
    } else if (scheme == u"more"_s) {
        d->shownPerThread[target] = d->shownPerThread.value(target, d->pageSize) + 4 * d->pageSize;
        render();
    } else if (scheme == u"reply"_s) {
        Q_EMIT replyRequested(ConversationId::fromString(target));
    } else if (scheme == u"attachment"_s) {
        Q_EMIT attachmentActivated(AttachmentId::fromString(target));
    } else if (scheme == u"http"_s || scheme == u"https"_s || scheme == u"mailto"_s) {
        QDesktopServices::openUrl(url);
    } else {
        qCInfo(lcUi) << "ignored link" << url.toString();
    }
}

void ConversationView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

void ConversationView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (d->stale)
        reload();
}

void ConversationView::reload()
{
    d->stale = false;
    d->reloadTimer->stop();
    d->threads = rowsOf<Conversation>(d->store,
        u"SELECT data FROM conversations WHERE ticket_id = ? ORDER BY seq"_s, d->ticket.uuid());
    d->messages = rowsOf<Message>(d->store,
        u"SELECT d.data FROM messages m JOIN message_documents d ON d.id = m.id"
        u" WHERE m.ticket_id = ? ORDER BY m.created_at, m.seq"_s,
        d->ticket.uuid());
    d->attachments.clear();
    for (const Attachment &a : rowsOf<Attachment>(
             d->store, u"SELECT data FROM attachments WHERE ticket_id = ?"_s, d->ticket.uuid()))
        d->attachments.insert(a.id, a);
    render();
}

void ConversationView::render()
{
    QScrollBar *scroll = d->browser->verticalScrollBar();
    const int position = scroll->value();
    const bool atEnd = position >= scroll->maximum() - 4;

    QTextDocument *document = d->browser->document();
    document->clear();
    document->setDocumentMargin(8);
    const QPalette palette = d->browser->palette();
    document->addResource(QTextDocument::ImageResource, LockImage,
        TicketStyle::lockIcon(palette).pixmap(QSize(16, 16), devicePixelRatioF()).toImage());
    d->codeBlocks.clear();
    d->shown.clear();

    QList<Conversation> threads;
    for (const Conversation &c : std::as_const(d->threads)) {
        if (d->passes(c))
            threads.append(c);
    }
    // Public threads first: what the customer sees leads.
    std::stable_sort(
        threads.begin(), threads.end(), [](const Conversation &a, const Conversation &b) {
            return a.visibility == ThreadVisibility::Public
                && b.visibility != ThreadVisibility::Public;
        });

    QTextCursor cursor(document);
    cursor.beginEditBlock();
    bool first = true;
    for (const Conversation &c : std::as_const(threads)) {
        QList<Message> messages = d->messagesOf(c.id);
        d->insertThreadHeading(cursor, c, int(messages.size()), first);
        first = false;
        const int limit = d->shownPerThread.value(c.id.toString(), d->pageSize);
        const int hidden = std::max(0, int(messages.size()) - limit);
        messages = messages.mid(hidden); // the newest `limit`
        if (d->newestFirst)
            std::reverse(messages.begin(), messages.end());
        if (hidden > 0 && !d->newestFirst)
            d->insertMoreLink(cursor, c, hidden);
        const bool internal = c.visibility == ThreadVisibility::Internal;
        for (const Message &m : std::as_const(messages))
            d->insertMessage(cursor, m, internal);
        if (hidden > 0 && d->newestFirst)
            d->insertMoreLink(cursor, c, hidden);
    }
    if (threads.isEmpty()) {
        QTextCharFormat muted;
        muted.setForeground(palette.color(QPalette::PlaceholderText));
        cursor.insertText(d->threads.isEmpty() ? tr("No conversations yet.")
                                               : tr("No conversations match the filter."),
            muted);
    }
    cursor.endEditBlock();
    scroll->setValue(atEnd && !d->newestFirst ? scroll->maximum() : position);
}

} // namespace Tessera::Ui
