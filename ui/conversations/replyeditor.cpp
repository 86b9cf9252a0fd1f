// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/replyeditor.h"

#include "conversations/cannedpicker.h"
#include "conversations/placeholders.h"
#include "conversations/savecanneddialog.h"
#include "details/attachmentlist.h"
#include "details/cacherows.h"
#include "store/drafts.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "uilogging.h"

#include <QAction>
#include <QBuffer>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int DraftDelayMs = 500;

// The edit hands files (dropped or pasted) and pasted images to the
// editor as attachments instead of inserting them as text, and sends on
// Ctrl+Return where no shortcut took the key first.
class ReplyTextEdit : public QPlainTextEdit
{
public:
    using QPlainTextEdit::QPlainTextEdit;

    std::function<bool(const QMimeData *)> takeFiles;
    std::function<void()> sendRequested;

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override
    {
        return AttachmentList::acceptsDrop(source) || source->hasImage()
            || QPlainTextEdit::canInsertFromMimeData(source);
    }
    void insertFromMimeData(const QMimeData *source) override
    {
        if (takeFiles && takeFiles(source))
            return;
        QPlainTextEdit::insertFromMimeData(source);
    }
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            && (event->modifiers() & Qt::ControlModifier) && sendRequested) {
            sendRequested();
            return;
        }
        QPlainTextEdit::keyPressEvent(event);
    }
};

QString chipText(const DraftAttachment &a)
{
    return ReplyEditor::tr("%1 (%2)", "file name (size)")
        .arg(a.fileName, QLocale().formattedDataSize(a.content.size()));
}

} // namespace

struct ReplyEditor::Private
{
    Store &store;
    QueryContext context;
    Drafts drafts { store };

    TicketId ticket;
    ConversationId conversation; // the thread chosen; invalid: the first of the mode
    bool newConversation = false;
    ThreadVisibility visibility = ThreadVisibility::Public;
    QList<DraftAttachment> attachments;
    bool restoring = false; // the widgets are being filled from a draft
    bool menuStale = false; // the cache changed while the status menu was open
    qsizetype lastLength = 0;
    int triggerStart = -1; // where the "::" that opened the picker starts
    int dismissedTrigger = -1; // a "::" whose picker was closed: not reopened
    std::function<void(QTextDocument *, const QString &)> renderer;

    QTabBar *tabs = nullptr;
    QStackedWidget *pages = nullptr;
    ReplyTextEdit *edit = nullptr;
    QTextBrowser *preview = nullptr;
    QLabel *targetIcon = nullptr;
    QLabel *target = nullptr;
    QWidget *chips = nullptr;
    QHBoxLayout *chipLayout = nullptr;
    QLabel *error = nullptr;
    QToolButton *send = nullptr;
    QMenu *statusMenu = nullptr;
    QAction *sendAction = nullptr;
    QAction *internal = nullptr;
    QAction *canned = nullptr;
    QAction *saveCanned = nullptr;
    QAction *attach = nullptr;
    CannedPicker *picker = nullptr;
    QTimer *saveTimer = nullptr;

    Draft draft() const
    {
        Draft d;
        d.ticketId = ticket;
        d.body = edit->toPlainText();
        d.visibility = visibility;
        d.conversationId = conversation;
        d.newConversation = newConversation;
        d.attachments = attachments;
        d.updatedAt = QDateTime::currentDateTimeUtc();
        return d;
    }

    void saveDraft()
    {
        saveTimer->stop();
        if (!ticket.isValid() || restoring)
            return;
        if (const auto saved = drafts.save(draft()); !saved) {
            qCWarning(lcUi) << "cannot keep the draft of" << ticket.toString() << ":"
                            << saved.error().message;
            // The text is still in the editor; the agent must know it is not kept.
            error->setText(
                ReplyEditor::tr("The draft could not be saved: %1").arg(saved.error().message));
            error->show();
        }
    }

    void scheduleSave()
    {
        if (!restoring && ticket.isValid())
            saveTimer->start();
    }

    // The text cursor on the screen, where the canned picker opens.
    QRect cursorAnchor() const
    {
        const QRect cursor = edit->cursorRect();
        return { edit->viewport()->mapToGlobal(cursor.topLeft()), cursor.size() };
    }

    QList<Conversation> threads() const
    {
        return rowsOf<Conversation>(store,
            u"SELECT data FROM conversations WHERE ticket_id = ? ORDER BY seq"_s, ticket.uuid());
    }

    // The thread a send goes to: the chosen one, else the ticket's first of
    // the mode's visibility; invalid when a new one is to be started.
    ConversationId resolveTarget() const
    {
        if (newConversation)
            return {};
        const QList<Conversation> all = threads();
        for (const Conversation &c : all) {
            if (c.id == conversation && c.visibility == visibility)
                return c.id;
        }
        for (const Conversation &c : all) {
            if (c.visibility == visibility)
                return c.id;
        }
        return {};
    }

    QList<Status> typeStatuses() const
    {
        const auto t = store.get<Ticket>(ticket);
        if (!t)
            return {};
        return rowsOf<Status>(store,
            u"SELECT data FROM statuses WHERE type_id = ? ORDER BY position, seq"_s,
            t->typeId.uuid());
    }

    std::optional<Status> defaultStatus() const
    {
        for (const Status &s : typeStatuses()) {
            if (s.category == StatusCategory::Pending)
                return s;
        }
        return std::nullopt;
    }

    // One chip per file: its icon, name and size, and a button to remove it.
    void refreshChips(ReplyEditor *q)
    {
        while (QLayoutItem *item = chipLayout->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        QMimeDatabase mimes;
        for (qsizetype i = 0; i < attachments.size(); ++i) {
            const DraftAttachment &a = attachments.at(i);
            auto *chip = new QFrame(chips);
            chip->setObjectName(u"attachmentChip"_s);
            chip->setFrameShape(QFrame::StyledPanel);
            chip->setToolTip(a.fileName);
            auto *row = new QHBoxLayout(chip);
            row->setContentsMargins(6, 2, 2, 2);
            row->setSpacing(4);
            const QMimeType mime = mimes.mimeTypeForName(a.mimeType);
            auto *icon = new QLabel(chip);
            const int size = q->fontMetrics().height();
            icon->setPixmap(QIcon::fromTheme(mime.iconName(),
                QIcon::fromTheme(
                    mime.genericIconName(), q->style()->standardIcon(QStyle::SP_FileIcon)))
                                .pixmap(size));
            row->addWidget(icon);
            row->addWidget(new QLabel(chipText(a), chip));
            auto *remove = new QToolButton(chip);
            remove->setObjectName(u"removeAttachment"_s);
            remove->setAutoRaise(true);
            remove->setIcon(QIcon::fromTheme(u"edit-delete-remove"_s,
                QIcon::fromTheme(
                    u"window-close"_s, q->style()->standardIcon(QStyle::SP_TitleBarCloseButton))));
            remove->setToolTip(ReplyEditor::tr("Remove %1").arg(a.fileName));
            const QString id = a.id;
            QObject::connect(remove, &QToolButton::clicked, q, [this, q, id] {
                for (int j = 0; j < attachments.size(); ++j) {
                    if (attachments.at(j).id == id)
                        return q->removeAttachment(j);
                }
            });
            row->addWidget(remove);
            chipLayout->addWidget(chip);
        }
        chipLayout->addStretch(1);
        chips->setVisible(!attachments.isEmpty());
    }

    void refreshSendable()
    {
        const bool hasText = !edit->toPlainText().trimmed().isEmpty();
        send->setEnabled(ticket.isValid() && hasText);
        sendAction->setEnabled(ticket.isValid() && hasText);
        saveCanned->setEnabled(hasText);
    }

    QString recipient() const
    {
        const auto t = store.get<Ticket>(ticket);
        const auto requester = t ? store.get<Person>(t->requesterId) : std::optional<Person>();
        if (!requester)
            return ReplyEditor::tr("the requester");
        if (requester->email.isEmpty())
            return requester->name;
        return ReplyEditor::tr("%1 <%2>", "name <email>").arg(requester->name, requester->email);
    }

    // The mode's look (tint, padlock, who reads it) and the send button.
    void refreshMode(ReplyEditor *q)
    {
        const bool isInternal = visibility == ThreadVisibility::Internal;
        {
            const QSignalBlocker block(internal);
            internal->setChecked(isInternal);
        }
        const QPalette palette = q->palette();
        internal->setIcon(TicketStyle::lockIcon(palette));
        QPalette tinted = palette;
        if (isInternal)
            tinted.setColor(QPalette::Base, TicketStyle::internalTint(palette));
        edit->setPalette(tinted);
        const int iconSize = q->fontMetrics().height();
        if (isInternal) {
            targetIcon->setPixmap(TicketStyle::lockIcon(palette).pixmap(iconSize));
            target->setText(newConversation
                    ? ReplyEditor::tr("Internal note, in a new internal conversation")
                    : ReplyEditor::tr("Internal note — only agents see it"));
        } else {
            targetIcon->setPixmap(QIcon::fromTheme(u"mail-reply-sender"_s).pixmap(iconSize));
            target->setText(newConversation
                    ? ReplyEditor::tr("New conversation with %1").arg(recipient())
                    : ReplyEditor::tr("To %1").arg(recipient()));
        }
        edit->setPlaceholderText(isInternal ? ReplyEditor::tr("Write an internal note in Markdown…")
                                            : ReplyEditor::tr("Write a reply in Markdown…"));

        statusMenu->clear();
        if (isInternal) {
            send->setText(ReplyEditor::tr("Add Note"));
            send->setToolTip(ReplyEditor::tr("Add the internal note (Ctrl+Return)"));
            send->setMenu(nullptr);
            send->setPopupMode(QToolButton::DelayedPopup);
            return;
        }
        const auto byDefault = defaultStatus();
        send->setText(byDefault ? ReplyEditor::tr("Send as %1").arg(byDefault->name)
                                : ReplyEditor::tr("Send"));
        send->setToolTip(ReplyEditor::tr("Send the reply (Ctrl+Return)"));
        for (const Status &s : typeStatuses()) {
            const bool offered = s.category == StatusCategory::Open
                || s.category == StatusCategory::OnHold || s.category == StatusCategory::Solved
                || (s.category == StatusCategory::Pending && (!byDefault || s.id != byDefault->id));
            if (!offered)
                continue;
            QAction *action = statusMenu->addAction(ReplyEditor::tr("Send as %1").arg(s.name));
            action->setData(s.id.toString());
            const StatusId id = s.id;
            QObject::connect(action, &QAction::triggered, q, [q, id] { q->sendAs(id); });
        }
        statusMenu->addSeparator();
        QAction *keep = statusMenu->addAction(ReplyEditor::tr("Send without changing status"));
        keep->setObjectName(u"sendKeepStatus"_s);
        QObject::connect(keep, &QAction::triggered, q, [this, q] {
            // The ticket's own status, so the server's Pending default does not apply.
            const auto t = store.get<Ticket>(ticket);
            q->sendAs(t ? t->statusId : StatusId());
        });
        send->setMenu(statusMenu);
        send->setPopupMode(QToolButton::MenuButtonPopup);
    }
};

ReplyEditor::ReplyEditor(Store &store, QueryContext context, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(Private { store, std::move(context) }))
{
    setObjectName(u"replyEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // Write / Preview on the left, the tools on the right.
    auto *top = new QHBoxLayout;
    d->tabs = new QTabBar(this);
    d->tabs->setObjectName(u"replyModeTabs"_s);
    d->tabs->setDocumentMode(true);
    d->tabs->setDrawBase(false);
    d->tabs->addTab(tr("Write"));
    d->tabs->addTab(tr("Preview"));
    top->addWidget(d->tabs);

    // In a tool bar, so that a narrow dock folds the tools into its overflow
    // menu instead of growing wider.
    auto *tools = new QToolBar(this);
    tools->setObjectName(u"replyTools"_s);
    tools->setIconSize(QSize(16, 16));
    tools->setToolButtonStyle(Qt::ToolButtonIconOnly);
    tools->setMinimumWidth(tools->fontMetrics().height() * 3); // room for the overflow button
    auto *spacer = new QWidget(tools); // keeps the tools at the right
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    top->addWidget(tools, 1);
    const auto toolButton = [tools](QAction *action, bool withText) {
        tools->addAction(action);
        auto *button = qobject_cast<QToolButton *>(tools->widgetForAction(action));
        if (withText)
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        return button;
    };
    d->canned = new QAction(QIcon::fromTheme(u"insert-text"_s), tr("Canned Responses"), this);
    d->canned->setObjectName(u"cannedResponsesAction"_s);
    d->canned->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    d->canned->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    d->canned->setToolTip(tr("Insert a canned response (Ctrl+Shift+R, or type :: in the text)"));
    addAction(d->canned);
    toolButton(d->canned, false)->setObjectName(u"cannedButton"_s);
    d->saveCanned = new QAction(
        QIcon::fromTheme(u"document-save-as"_s), tr("Save as Canned Response…"), this);
    d->saveCanned->setObjectName(u"saveCannedAction"_s);
    toolButton(d->saveCanned, false)->setObjectName(u"saveCannedButton"_s);
    d->attach = new QAction(QIcon::fromTheme(u"mail-attachment"_s), tr("Attach…"), this);
    d->attach->setObjectName(u"attachAction"_s);
    d->attach->setToolTip(tr("Attach files (or drop them on the text, or paste an image)"));
    toolButton(d->attach, false)->setObjectName(u"attachButton"_s);
    d->internal = new QAction(TicketStyle::lockIcon(palette()), tr("Internal"), this);
    d->internal->setObjectName(u"internalAction"_s);
    d->internal->setCheckable(true);
    d->internal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    d->internal->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    d->internal->setToolTip(tr("Write an internal note only agents see (Ctrl+Shift+J)"));
    addAction(d->internal);
    toolButton(d->internal, true)->setObjectName(u"internalButton"_s);
    layout->addLayout(top);

    // Who reads it.
    auto *targetRow = new QHBoxLayout;
    targetRow->setContentsMargins(4, 0, 4, 0);
    d->targetIcon = new QLabel(this);
    d->targetIcon->setObjectName(u"replyTargetIcon"_s);
    targetRow->addWidget(d->targetIcon);
    d->target = new QLabel(this);
    d->target->setObjectName(u"replyTarget"_s);
    d->target->setTextFormat(Qt::PlainText);
    d->target->setWordWrap(true);
    d->target->setMinimumWidth(1); // wraps to whatever width the dock leaves
    targetRow->addWidget(d->target, 1);
    layout->addLayout(targetRow);

    d->pages = new QStackedWidget(this);
    d->edit = new ReplyTextEdit(d->pages);
    d->edit->setObjectName(u"replyText"_s);
    d->edit->setPlaceholderText(tr("Write a reply in Markdown…"));
    d->edit->setTabChangesFocus(true);
    d->pages->addWidget(d->edit);
    d->preview = new QTextBrowser(d->pages);
    d->preview->setObjectName(u"replyPreview"_s);
    d->preview->setOpenExternalLinks(true);
    d->pages->addWidget(d->preview);
    layout->addWidget(d->pages, 1);

    d->chips = new QWidget(this);
    d->chips->setObjectName(u"replyAttachments"_s);
    d->chipLayout = new QHBoxLayout(d->chips);
    d->chipLayout->setContentsMargins(0, 0, 0, 0);
    d->chips->hide();
    layout->addWidget(d->chips);

    auto *bottom = new QHBoxLayout;
    d->error = new QLabel(this);
    d->error->setObjectName(u"replyError"_s);
    d->error->setWordWrap(true);
    d->error->hide();
    bottom->addWidget(d->error, 1);
    bottom->addStretch(); // the send button stays right when there is no error
    d->send = new QToolButton(this);
    d->send->setObjectName(u"sendButton"_s);
    d->send->setPopupMode(QToolButton::MenuButtonPopup);
    d->send->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    d->send->setIcon(QIcon::fromTheme(u"mail-send"_s));
    d->statusMenu = new QMenu(d->send);
    d->statusMenu->setObjectName(u"sendStatusMenu"_s);
    bottom->addWidget(d->send);
    layout->addLayout(bottom);

    d->sendAction = new QAction(tr("Send"), this);
    d->sendAction->setObjectName(u"sendAction"_s);
    d->sendAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    d->sendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(d->sendAction);

    d->picker = new CannedPicker(store, d->context.me, this);

    d->saveTimer = new QTimer(this);
    d->saveTimer->setSingleShot(true);
    d->saveTimer->setInterval(DraftDelayMs);
    connect(d->saveTimer, &QTimer::timeout, this, [this] { d->saveDraft(); });

    connect(d->send, &QToolButton::clicked, this, [this] { send(); });
    connect(d->sendAction, &QAction::triggered, this, [this] { send(); });
    d->edit->sendRequested = [this] {
        send();
    };
    d->edit->takeFiles = [this](const QMimeData *mime) {
        if (AttachmentList::acceptsDrop(mime)) {
            QStringList paths;
            for (const QUrl &url : mime->urls())
                paths.append(url.toLocalFile());
            attachFiles(paths);
            return true;
        }
        if (mime->hasImage()) {
            const QImage image = qvariant_cast<QImage>(mime->imageData());
            if (image.isNull())
                return false;
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            image.save(&buffer, "PNG");
            int n = 1;
            const QStringList names = attachmentNames();
            while (names.contains(u"pasted-image-%1.png"_s.arg(n)))
                ++n;
            attachData(u"pasted-image-%1.png"_s.arg(n), u"image/png"_s, png);
            return true;
        }
        return false;
    };
    connect(d->internal, &QAction::toggled, this, [this](bool on) {
        setVisibility(on ? ThreadVisibility::Internal : ThreadVisibility::Public);
    });
    connect(d->canned, &QAction::triggered, this, &ReplyEditor::openCannedPicker);
    connect(d->saveCanned, &QAction::triggered, this, &ReplyEditor::saveAsCanned);
    connect(d->attach, &QAction::triggered, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
        if (!paths.isEmpty())
            attachFiles(paths);
    });
    connect(d->tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index == 1) {
            if (d->renderer)
                d->renderer(d->preview->document(), d->edit->toPlainText());
            else
                d->preview->setMarkdown(d->edit->toPlainText());
        }
        d->pages->setCurrentIndex(index);
        if (index == 0)
            d->edit->setFocus();
    });
    connect(d->edit, &QPlainTextEdit::textChanged, this, [this] {
        d->refreshSendable();
        const qsizetype length = d->edit->document()->characterCount();
        const bool grew = length > d->lastLength;
        d->lastLength = length;
        if (d->restoring)
            return;
        d->scheduleSave();
        if (!grew)
            d->dismissedTrigger = -1; // the "::" may be gone; a new one opens the picker
        if (!grew || d->picker->isVisible())
            return;
        // "::" at the start of a word opens the picker; what follows seeds its search.
        static const QRegularExpression trigger(u"(?:^|\\s)(::)(\\S*)$"_s);
        const QTextCursor cursor = d->edit->textCursor();
        const QString before = cursor.block().text().left(cursor.positionInBlock());
        const QRegularExpressionMatch match = trigger.match(before);
        if (!match.hasMatch())
            return;
        const int start = cursor.block().position() + int(match.capturedStart(1));
        if (start == d->dismissedTrigger)
            return;
        d->triggerStart = start;
        d->picker->popup(d->cursorAnchor(), match.captured(2));
    });
    connect(d->picker, &CannedPicker::picked, this, &ReplyEditor::insertCanned);
    connect(d->picker, &CannedPicker::dismissed, this, [this] {
        d->dismissedTrigger = d->triggerStart;
        d->triggerStart = -1;
        d->edit->setFocus();
    });
    connect(&store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &ids) {
        if (!d->ticket.isValid())
            return;
        // Not under the agent's pointer: an open menu is rebuilt once closed.
        if (d->statusMenu->isVisible()) {
            d->menuStale = true;
            return;
        }
        if ((kind == EntityKind::Ticket && ids.contains(d->ticket.as<EntityId>()))
            || kind == EntityKind::Status || kind == EntityKind::TicketType
            || kind == EntityKind::Person)
            d->refreshMode(this);
    });
    connect(d->statusMenu, &QMenu::aboutToHide, this, [this] {
        // After the chosen action has run: it belongs to the menu.
        if (std::exchange(d->menuStale, false))
            QTimer::singleShot(0, this, [this] { d->refreshMode(this); });
    });
    d->refreshMode(this);
    d->refreshSendable();
    setFocusProxy(d->edit);
    setAcceptDrops(true);
}

ReplyEditor::~ReplyEditor()
{
    d->saveDraft();
}

void ReplyEditor::setTicket(TicketId id)
{
    if (id == d->ticket)
        return;
    d->saveDraft();
    d->ticket = id;
    const Draft draft = id.isValid() ? d->drafts.load(id).value_or(Draft {}) : Draft {};
    d->restoring = true;
    d->conversation = draft.conversationId;
    d->newConversation = draft.newConversation;
    d->visibility = draft.visibility;
    d->attachments = draft.attachments;
    d->triggerStart = d->dismissedTrigger = -1;
    d->edit->setPlainText(draft.body);
    d->edit->moveCursor(QTextCursor::End);
    d->tabs->setCurrentIndex(0);
    d->error->hide();
    d->restoring = false;
    d->refreshChips(this);
    d->refreshMode(this);
    d->refreshSendable();
}

TicketId ReplyEditor::ticket() const
{
    return d->ticket;
}

void ReplyEditor::setConversation(ConversationId id)
{
    const auto thread = d->store.get<Conversation>(id);
    if (!thread) {
        qCWarning(lcUi) << "a reply into a conversation not in the cache:" << id.toString();
        return;
    }
    d->conversation = id;
    d->newConversation = false;
    d->visibility = thread->visibility;
    d->refreshMode(this);
    d->scheduleSave();
}

void ReplyEditor::startNewConversation(ThreadVisibility visibility)
{
    d->conversation = {};
    d->newConversation = true;
    d->visibility = visibility;
    d->refreshMode(this);
    d->scheduleSave();
    d->tabs->setCurrentIndex(0);
    d->edit->setFocus();
}

void ReplyEditor::setPreviewRenderer(
    std::function<void(QTextDocument *, const QString &markdown)> renderer)
{
    d->renderer = std::move(renderer);
}

ThreadVisibility ReplyEditor::visibility() const
{
    return d->visibility;
}

void ReplyEditor::setVisibility(ThreadVisibility visibility)
{
    if (visibility == d->visibility)
        return;
    d->visibility = visibility;
    // The chosen thread has the other visibility: the mode's first thread
    // (or a new one, when that was asked for) takes its place.
    d->conversation = {};
    d->refreshMode(this);
    d->scheduleSave();
}

ConversationId ReplyEditor::targetConversation() const
{
    return d->resolveTarget();
}

bool ReplyEditor::startsNewConversation() const
{
    return !d->resolveTarget().isValid();
}

QString ReplyEditor::text() const
{
    return d->edit->toPlainText();
}

void ReplyEditor::setText(const QString &markdown)
{
    d->edit->setPlainText(markdown);
    d->edit->moveCursor(QTextCursor::End);
}

StatusId ReplyEditor::defaultStatus() const
{
    const auto status = d->defaultStatus();
    return status ? status->id : StatusId();
}

MessageId ReplyEditor::send()
{
    return sendAs(d->visibility == ThreadVisibility::Public ? defaultStatus() : StatusId());
}

MessageId ReplyEditor::sendAs(StatusId status)
{
    const QString body = d->edit->toPlainText();
    if (!d->ticket.isValid() || body.trimmed().isEmpty())
        return {};
    const auto fail = [this](const QString &text) {
        d->error->setText(text);
        d->error->show();
        return MessageId();
    };
    const auto ticket = d->store.get<Ticket>(d->ticket);
    if (!ticket)
        return fail(tr("The ticket is no longer in the cache; the reply is kept as a draft."));
    // The draft stays until the message is written: a failure loses nothing.
    d->saveDraft();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    ConversationId thread = d->resolveTarget();
    if (!thread.isValid()) {
        Conversation conversation;
        conversation.id = ConversationId::create();
        conversation.ticketId = ticket->id;
        conversation.visibility = d->visibility;
        conversation.createdAt = now;
        if (const auto made = d->store.apply(
                Mutation::creating(EntityKind::Conversation, conversation, d->context.me));
            !made)
            return fail(tr("Cannot start the conversation: %1").arg(made.error().message));
        thread = conversation.id;
        // A second attempt after a failure below posts in it, not in another new one.
        d->conversation = thread;
        d->newConversation = false;
    }

    Message message;
    message.id = MessageId::create();
    message.conversationId = thread;
    message.ticketId = ticket->id;
    message.authorId = d->context.me;
    message.body = body;
    message.via = Channel::Agent;
    // Internal notes never move the ticket.
    if (d->visibility == ThreadVisibility::Public)
        message.setStatusId = status;
    message.createdAt = now;
    QList<Attachment> files;
    for (const DraftAttachment &a : std::as_const(d->attachments)) {
        Attachment attachment;
        attachment.id = AttachmentId::create();
        attachment.ticketId = ticket->id;
        attachment.messageId = message.id;
        attachment.fileName = a.fileName;
        attachment.mimeType = a.mimeType;
        attachment.size = a.content.size();
        attachment.createdAt = now;
        files.append(attachment);
        message.attachmentIds.append(attachment.id);
    }
    if (const auto made
        = d->store.apply(Mutation::creating(EntityKind::Message, message, d->context.me));
        !made)
        return fail(tr("Cannot send: %1").arg(made.error().message));
    QStringList refused;
    for (qsizetype i = 0; i < files.size(); ++i) {
        // The message exists by now, so a failure here is reported, not undone.
        if (const auto queued = d->store.queueUpload(files.at(i), d->attachments.at(i).content);
            !queued) {
            qCWarning(lcUi) << "cannot queue" << files.at(i).fileName
                            << "for upload:" << queued.error().message;
            refused.append(files.at(i).fileName);
        }
    }

    d->restoring = true;
    d->edit->clear();
    d->attachments.clear();
    d->conversation = thread;
    d->newConversation = false;
    d->triggerStart = d->dismissedTrigger = -1;
    d->restoring = false;
    d->saveTimer->stop();
    if (const auto removed = d->drafts.remove(d->ticket); !removed)
        qCWarning(lcUi) << "cannot remove the sent draft:" << removed.error().message;
    d->refreshChips(this);
    d->refreshMode(this);
    d->refreshSendable();
    d->tabs->setCurrentIndex(0);
    if (refused.isEmpty())
        d->error->hide();
    else
        fail(tr("Sent, but these files could not be kept for upload: %1")
                 .arg(refused.join(u", "_s)));
    Q_EMIT sent(message.id, thread);
    return message.id;
}

QString ReplyEditor::attachFiles(const QStringList &paths)
{
    QString firstError;
    QMimeDatabase mimes;
    for (const QString &path : paths) {
        const auto content = AttachmentList::readFile(path);
        if (content)
            attachData(
                QFileInfo(path).fileName(), mimes.mimeTypeForFile(path).name(), content.value());
        else if (firstError.isEmpty())
            firstError = content.error().message;
    }
    if (!firstError.isEmpty()) {
        d->error->setText(firstError);
        d->error->show();
    }
    return firstError;
}

void ReplyEditor::attachData(
    const QString &fileName, const QString &mimeType, const QByteArray &content)
{
    if (const QString tooLarge = AttachmentList::sizeError(fileName, content.size());
        !tooLarge.isEmpty()) {
        d->error->setText(tooLarge);
        d->error->show();
        return;
    }
    d->attachments.append(
        { QUuid::createUuid().toString(QUuid::WithoutBraces), fileName, mimeType, content });
    d->error->hide();
    d->refreshChips(this);
    // Files are kept at once: a pasted image exists nowhere else.
    d->saveDraft();
}

QStringList ReplyEditor::attachmentNames() const
{
    QStringList names;
    for (const DraftAttachment &a : std::as_const(d->attachments))
        names.append(a.fileName);
    return names;
}

void ReplyEditor::removeAttachment(int index)
{
    if (index < 0 || index >= d->attachments.size())
        return;
    d->attachments.removeAt(index);
    d->refreshChips(this);
    d->saveDraft();
}

void ReplyEditor::openCannedPicker()
{
    d->triggerStart = -1;
    d->tabs->setCurrentIndex(0);
    d->picker->popup(d->cursorAnchor());
}

void ReplyEditor::insertCanned(const CannedResponse &response)
{
    const QString filled
        = fillPlaceholders(response.body, placeholderValues(d->store, d->ticket, d->context.me));
    QTextCursor cursor = d->edit->textCursor();
    if (d->triggerStart >= 0 && d->triggerStart <= cursor.position()) {
        // Replaces the "::query" that opened the picker.
        const int end = cursor.position();
        cursor.setPosition(d->triggerStart);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
    }
    d->triggerStart = -1;
    cursor.insertText(filled);
    d->edit->setTextCursor(cursor);
    d->edit->setFocus();
}

void ReplyEditor::saveAsCanned()
{
    auto *dialog = new SaveCannedDialog(d->store, d->context.me, d->edit->toPlainText(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString ReplyEditor::errorText() const
{
    return d->error->isHidden() ? QString() : d->error->text();
}

QPlainTextEdit *ReplyEditor::textEdit() const
{
    return d->edit;
}

QTextBrowser *ReplyEditor::preview() const
{
    return d->preview;
}

QTabBar *ReplyEditor::modeTabs() const
{
    return d->tabs;
}

QToolButton *ReplyEditor::sendButton() const
{
    return d->send;
}

QMenu *ReplyEditor::statusMenu() const
{
    return d->statusMenu;
}

QAction *ReplyEditor::sendAction() const
{
    return d->sendAction;
}

QAction *ReplyEditor::internalAction() const
{
    return d->internal;
}

QAction *ReplyEditor::cannedAction() const
{
    return d->canned;
}

QAction *ReplyEditor::saveCannedAction() const
{
    return d->saveCanned;
}

QAction *ReplyEditor::attachAction() const
{
    return d->attach;
}

CannedPicker *ReplyEditor::cannedPicker() const
{
    return d->picker;
}

QLabel *ReplyEditor::targetLabel() const
{
    return d->target;
}

void ReplyEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        d->refreshMode(this);
}

void ReplyEditor::dragEnterEvent(QDragEnterEvent *event)
{
    if (AttachmentList::acceptsDrop(event->mimeData()))
        event->acceptProposedAction();
}

void ReplyEditor::dropEvent(QDropEvent *event)
{
    if (AttachmentList::acceptsDrop(event->mimeData()) && d->edit->takeFiles(event->mimeData()))
        event->acceptProposedAction();
}

} // namespace Tessera::Ui
