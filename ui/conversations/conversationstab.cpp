// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/conversationstab.h"

#include "conversations/conversationview.h"
#include "conversations/replyeditor.h"
#include "details/attachmentopener.h"
#include "highlight/markdownrenderer.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
const QString FilterKey = u"conversations/filter"_s;
const QString NewestFirstKey = u"conversations/newestFirst"_s;
const QString SplitterKey = u"conversations/splitter"_s;
} // namespace

struct ConversationsTab::Private
{
    Store &store;
    ConversationView *view = nullptr;
    ReplyEditor *editor = nullptr;
    QComboBox *filter = nullptr;
    QToolButton *order = nullptr;
    QToolButton *newConversation = nullptr;
    QSplitter *splitter = nullptr;
    AttachmentOpener *opener = nullptr;
    QLabel *status = nullptr;
};

ConversationsTab::ConversationsTab(Store &store, QueryContext context, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(Private { store }))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // A tool bar: in a narrow dock the filter and the order fold into its
    // overflow menu instead of widening the panel.
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"conversationTools"_s);
    bar->setIconSize(QSize(16, 16));
    d->newConversation = new QToolButton(this);
    d->newConversation->setObjectName(u"newConversation"_s);
    d->newConversation->setText(tr("New Conversation"));
    d->newConversation->setIcon(QIcon::fromTheme(u"mail-message-new"_s));
    d->newConversation->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    d->newConversation->setPopupMode(QToolButton::InstantPopup);
    d->newConversation->setAutoRaise(true);
    auto *newMenu = new QMenu(d->newConversation);
    newMenu->addAction(QIcon::fromTheme(u"mail-reply-sender"_s), tr("&Public — with the requester"),
        this, [this] { d->editor->startNewConversation(ThreadVisibility::Public); });
    newMenu->addAction(TicketStyle::lockIcon(palette()), tr("&Internal — agents only"), this,
        [this] { d->editor->startNewConversation(ThreadVisibility::Internal); });
    d->newConversation->setMenu(newMenu);
    bar->addWidget(d->newConversation);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    bar->addWidget(new QLabel(tr("Show:"), this));
    d->filter = new QComboBox(this);
    d->filter->setObjectName(u"conversationFilter"_s);
    d->filter->addItem(tr("All"), int(ConversationView::Filter::All));
    d->filter->addItem(tr("Public"), int(ConversationView::Filter::Public));
    d->filter->addItem(
        TicketStyle::lockIcon(palette()), tr("Internal"), int(ConversationView::Filter::Internal));
    bar->addWidget(d->filter);

    d->order = new QToolButton(this);
    d->order->setObjectName(u"conversationOrder"_s);
    d->order->setCheckable(true);
    d->order->setAutoRaise(true);
    d->order->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(d->order);
    layout->addWidget(bar);

    d->splitter = new QSplitter(Qt::Vertical, this);
    d->splitter->setChildrenCollapsible(false);
    d->view = new ConversationView(store, d->splitter);
    d->editor = new ReplyEditor(store, context, d->splitter);
    d->editor->setPreviewRenderer([this](QTextDocument *document, const QString &markdown) {
        renderMarkdown(document, markdown, palette());
    });
    d->splitter->addWidget(d->view);
    d->splitter->addWidget(d->editor);
    d->splitter->setStretchFactor(0, 3);
    d->splitter->setStretchFactor(1, 1);
    layout->addWidget(d->splitter, 1);
    d->status = new QLabel(this);
    d->status->hide();
    layout->addWidget(d->status);

    d->opener = new AttachmentOpener(store, this);
    connect(d->opener, &AttachmentOpener::statusChanged, this, [this](const QString &text) {
        d->status->setText(text);
        d->status->setVisible(!text.isEmpty());
    });
    connect(d->view, &ConversationView::attachmentActivated, this, [this](AttachmentId id) {
        if (const auto attachment = d->store.get<Attachment>(id))
            d->opener->open(*attachment);
    });
    connect(d->view, &ConversationView::replyRequested, this, [this](ConversationId thread) {
        d->editor->setConversation(thread);
        d->editor->setFocus();
    });

    // The agent's choices hold for every ticket and across restarts.
    QSettings settings;
    const int savedFilter = settings.value(FilterKey, int(ConversationView::Filter::All)).toInt();
    d->filter->setCurrentIndex(std::max(0, d->filter->findData(savedFilter)));
    d->view->setFilter(ConversationView::Filter(d->filter->currentData().toInt()));
    const auto showOrder = [this](bool newestFirst) {
        d->order->setText(newestFirst ? tr("Newest First") : tr("Oldest First"));
        d->order->setToolTip(tr("Click to show the %1 messages first")
                                 .arg(newestFirst ? tr("oldest") : tr("newest")));
        d->view->setNewestFirst(newestFirst);
    };
    const bool newestFirst = settings.value(NewestFirstKey, false).toBool();
    d->order->setChecked(newestFirst);
    showOrder(newestFirst);
    d->splitter->restoreState(settings.value(SplitterKey).toByteArray());

    connect(d->filter, &QComboBox::currentIndexChanged, this, [this] {
        const int value = d->filter->currentData().toInt();
        d->view->setFilter(ConversationView::Filter(value));
        QSettings().setValue(FilterKey, value);
    });
    connect(d->order, &QToolButton::toggled, this, [showOrder](bool on) {
        showOrder(on);
        QSettings().setValue(NewestFirstKey, on);
    });
    connect(d->splitter, &QSplitter::splitterMoved, this,
        [this] { QSettings().setValue(SplitterKey, d->splitter->saveState()); });
}

ConversationsTab::~ConversationsTab() = default;

void ConversationsTab::setTicket(TicketId id)
{
    d->view->setTicket(id);
    d->editor->setTicket(id);
}

void ConversationsTab::setEngine(Sync::SyncEngine *engine)
{
    d->opener->setEngine(engine);
}

ConversationView *ConversationsTab::view() const
{
    return d->view;
}

ReplyEditor *ConversationsTab::editor() const
{
    return d->editor;
}

QComboBox *ConversationsTab::filterBox() const
{
    return d->filter;
}

QToolButton *ConversationsTab::orderButton() const
{
    return d->order;
}

QToolButton *ConversationsTab::newConversationButton() const
{
    return d->newConversation;
}

} // namespace Tessera::Ui
