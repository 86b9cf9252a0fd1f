// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/ticketdetailswidget.h"

#include "conversations/conversationstab.h"
#include "conversations/replyeditor.h"
#include "details/activitytab.h"
#include "details/attachmentlist.h"
#include "details/conflictbanner.h"
#include "details/descriptioneditor.h"
#include "details/linkstab.h"
#include "details/presencebar.h"
#include "details/presencetracker.h"
#include "details/propertiespanel.h"
#include "details/requestertab.h"
#include "details/ticketheader.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "time/timetab.h"
#include "time/workflow.h"
#include "time/worktimer.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedLayout>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
// Wider than this, properties and tabs sit side by side (a ticket window).
int wideThreshold(const QWidget *w)
{
    return w->fontMetrics().averageCharWidth() * 130;
}

bool isDefinition(EntityKind kind)
{
    switch (kind) {
    case EntityKind::TicketType:
    case EntityKind::Status:
    case EntityKind::CustomField:
    case EntityKind::Person:
    case EntityKind::Department:
    case EntityKind::Organization:
    case EntityKind::Project:
        return true;
    default:
        return false;
    }
}
} // namespace

struct TicketDetailsWidget::Private
{
    Store &store;
    QueryContext context;
    QString settingsKey;
    TicketId ticket;
    QPointer<Sync::SyncEngine> engine;
    QPointer<PresenceTracker> presence;
    PresenceBar *presenceBar = nullptr;
    ConflictBanner *conflicts = nullptr;
    QVBoxLayout *pageLayout = nullptr;

    QStackedLayout *pages = nullptr;
    QLabel *empty = nullptr;
    TicketHeader *header = nullptr;
    QSplitter *splitter = nullptr;
    PropertiesPanel *properties = nullptr;
    DescriptionEditor *description = nullptr;
    AttachmentList *attachments = nullptr;
    QTabWidget *tabs = nullptr;
    ConversationsTab *conversations = nullptr;
    TimeTab *time = nullptr;
    QAction *startWork = nullptr;
    QPointer<WorkTimer> timer;
    ActivityTab *activity = nullptr;
    LinksTab *links = nullptr;
    RequesterTab *requester = nullptr;
    QWidget *column = nullptr;
    QTimer definitionsChanged;
    bool wide = false;
};

TicketDetailsWidget::TicketDetailsWidget(
    Store &store, QueryContext context, const QString &settingsKey, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(store, std::move(context), settingsKey))
{
    setAcceptDrops(true);
    d->pages = new QStackedLayout(this);
    d->empty = new QLabel(tr("Select a ticket to see its details here."), this);
    d->empty->setObjectName(u"detailsEmpty"_s);
    d->empty->setAlignment(Qt::AlignCenter);
    d->empty->setWordWrap(true);
    d->empty->setEnabled(false);
    d->pages->addWidget(d->empty);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    d->pageLayout = layout;
    d->conflicts = new ConflictBanner(store, page);
    d->conflicts->setObjectName(u"conflictBanner"_s);
    layout->addWidget(d->conflicts);
    d->header = new TicketHeader(store, d->context, page);
    layout->addWidget(d->header);

    d->splitter = new QSplitter(Qt::Vertical, page);
    d->splitter->setObjectName(u"detailsSplitter"_s);
    d->splitter->setChildrenCollapsible(false);
    auto *scroll = new QScrollArea(d->splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *column = new QWidget(scroll);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 6, 0);
    d->properties = new PropertiesPanel(store, d->context, column);
    d->properties->setObjectName(u"propertiesPanel"_s);
    d->description = new DescriptionEditor(store, d->context.me, column);
    d->attachments = new AttachmentList(store, d->context.me, column);
    columnLayout->addWidget(d->properties);
    columnLayout->addWidget(d->description, 1);
    columnLayout->addWidget(d->attachments);
    scroll->setWidget(column);
    d->column = column;
    d->splitter->addWidget(scroll);

    d->tabs = new QTabWidget(d->splitter);
    d->tabs->setObjectName(u"detailsTabs"_s);
    d->tabs->setDocumentMode(true);
    // Five tabs must not make a narrow dock wider: the bar scrolls instead.
    d->tabs->setUsesScrollButtons(true);
    d->tabs->setElideMode(Qt::ElideRight);
    d->conversations = new ConversationsTab(store, d->context, d->tabs);
    d->tabs->addTab(d->conversations, QIcon::fromTheme(u"mail-message"_s), tr("&Conversations"));
    // Colleagues see that this agent is writing to the ticket while a reply is being written.
    connect(d->conversations->editor()->textEdit(), &QPlainTextEdit::textChanged, this, [this] {
        if (d->presence && d->ticket.isValid())
            d->presence->replying(d->ticket,
                !d->conversations->editor()->textEdit()->toPlainText().trimmed().isEmpty());
    });
    d->time = new TimeTab(store, d->context.me, d->tabs);
    d->tabs->addTab(d->time, QIcon::fromTheme(u"chronometer"_s), tr("&Time"));
    d->activity = new ActivityTab(store, d->tabs);
    d->tabs->addTab(d->activity, QIcon::fromTheme(u"view-history"_s), tr("&Activity"));
    d->links = new LinksTab(store, d->context.me, d->tabs);
    d->tabs->addTab(d->links, QIcon::fromTheme(u"insert-link"_s), tr("Subtasks && &Links"));
    d->requester = new RequesterTab(store, d->tabs);
    d->tabs->addTab(d->requester, QIcon::fromTheme(u"user-identity"_s), tr("&Requester"));
    for (DetailsTab *tab :
        std::initializer_list<DetailsTab *> { d->activity, d->links, d->requester })
        connect(
            tab, &DetailsTab::openTicketRequested, this, &TicketDetailsWidget::openTicketRequested);
    connect(d->links, &LinksTab::createChildRequested, this,
        &TicketDetailsWidget::createChildRequested);
    // The ticket's own actions, beside the tabs wherever the widget is.
    auto *more = new QToolButton(d->tabs);
    more->setObjectName(u"ticketActions"_s);
    more->setIcon(QIcon::fromTheme(u"application-menu"_s, QIcon::fromTheme(u"open-menu"_s)));
    more->setText(tr("Actions"));
    more->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    more->setAutoRaise(true);
    more->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(more);
    d->startWork
        = new QAction(QIcon::fromTheme(u"media-playback-start"_s), tr("Start &Work"), this);
    d->startWork->setObjectName(u"actionStartWorkHere"_s);
    d->startWork->setVisible(false);
    connect(d->startWork, &QAction::triggered, this, [this] {
        if (!d->timer)
            return;
        if (d->timer->isRunningOn(d->ticket))
            TimeWorkflow::stopWork(*d->timer, d->store, this);
        else
            TimeWorkflow::startWork(*d->timer, d->ticket, this);
    });
    menu->addAction(d->startWork);
    menu->addSeparator();
    menu->addActions(d->links->editActions());
    more->setMenu(menu);
    d->tabs->setCornerWidget(more, Qt::TopRightCorner);
    d->splitter->addWidget(d->tabs);
    d->splitter->setStretchFactor(0, 1);
    d->splitter->setStretchFactor(1, 1);
    layout->addWidget(d->splitter, 1);
    d->pages->addWidget(page);

    // Keyboard: the title and the description are one key away, in this widget only.
    auto *editTitle = new QAction(tr("Edit Title"), this);
    editTitle->setShortcut(Qt::Key_F2);
    editTitle->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(editTitle, &QAction::triggered, this, [this] {
        d->header->titleEdit()->setFocus(Qt::ShortcutFocusReason);
        d->header->titleEdit()->selectAll();
    });
    addAction(editTitle);
    auto *editDescription = new QAction(tr("Edit Description"), this);
    editDescription->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    editDescription->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(editDescription, &QAction::triggered, d->description, &DescriptionEditor::startEditing);
    addAction(editDescription);
    auto *statusMenu = new QAction(tr("Change Status"), this);
    statusMenu->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    statusMenu->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(statusMenu, &QAction::triggered, d->header,
        [this] { d->header->statusButton()->showMenu(); });
    addAction(statusMenu);

    d->definitionsChanged.setSingleShot(true);
    connect(&d->definitionsChanged, &QTimer::timeout, this, [this] {
        d->properties->reloadDefinitions();
        refresh();
    });
    connect(&store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &ids) {
        if (!d->ticket.isValid())
            return;
        if (kind == EntityKind::Ticket && ids.contains(d->ticket.as<EntityId>()))
            refresh();
        else if (isDefinition(kind))
            d->definitionsChanged.start(0); // a sync page brings many at once
    });

    QSettings settings;
    settings.beginGroup(u"TicketDetails/"_s + d->settingsKey);
    d->tabs->setCurrentIndex(settings.value(u"tab"_s, 0).toInt());
    connect(d->tabs, &QTabWidget::currentChanged, this, [this](int index) {
        QSettings().setValue(u"TicketDetails/%1/tab"_s.arg(d->settingsKey), index);
    });
    connect(d->splitter, &QSplitter::splitterMoved, this, [this] {
        QSettings().setValue(
            u"TicketDetails/%1/splitter%2"_s.arg(d->settingsKey, d->wide ? u"Wide"_s : u""_s),
            d->splitter->saveState());
    });
    d->splitter->restoreState(settings.value(u"splitter"_s).toByteArray());
}

TicketDetailsWidget::~TicketDetailsWidget()
{
    if (d->presence && d->ticket.isValid())
        d->presence->hide(d->ticket);
}

void TicketDetailsWidget::setEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
    d->attachments->setEngine(engine);
    d->conflicts->setEngine(engine);
    d->conversations->setEngine(engine);
}

void TicketDetailsWidget::setWorkTimer(WorkTimer *timer)
{
    d->timer = timer;
    d->time->setWorkTimer(timer);
    d->startWork->setVisible(timer != nullptr);
    if (!timer)
        return;
    const auto label = [this] {
        const bool here = d->timer && d->timer->isRunningOn(d->ticket);
        d->startWork->setText(here ? tr("Stop &Work…") : tr("Start &Work"));
        d->startWork->setIcon(
            QIcon::fromTheme(here ? u"media-playback-stop"_s : u"media-playback-start"_s));
    };
    connect(timer, &WorkTimer::runningChanged, this, label);
    connect(this, &TicketDetailsWidget::titleChanged, this, label);
    label();
}

QAction *TicketDetailsWidget::startWorkAction() const
{
    return d->startWork;
}

void TicketDetailsWidget::setPresence(PresenceTracker *tracker)
{
    if (d->presence && d->ticket.isValid())
        d->presence->hide(d->ticket);
    delete d->presenceBar;
    d->presenceBar = nullptr;
    d->presence = tracker;
    if (!tracker)
        return;
    // Above everything: a colleague already replying is the first thing to know.
    d->presenceBar = new PresenceBar(*tracker, this);
    d->presenceBar->setObjectName(u"presenceBar"_s);
    d->pageLayout->insertWidget(0, d->presenceBar);
    d->presenceBar->setTicket(d->ticket);
    if (d->ticket.isValid())
        tracker->show(d->ticket);
}

void TicketDetailsWidget::setTicket(TicketId id)
{
    if (id == d->ticket)
        return;
    if (d->presence)
        d->presence->switchTicket(d->ticket, id);
    if (d->presenceBar)
        d->presenceBar->setTicket(id);
    d->conflicts->setTicket(id);
    d->ticket = id;
    d->conversations->setTicket(id);
    d->time->setTicket(id);
    d->activity->setTicket(id);
    d->links->setTicket(id);
    d->requester->setTicket(id);
    d->attachments->setTicket(id);
    refresh();
}

void TicketDetailsWidget::refresh()
{
    const auto json = d->ticket.isValid()
        ? d->store.entityJson(EntityKind::Ticket, d->ticket.as<EntityId>())
        : std::nullopt;
    if (!json) {
        if (d->ticket.isValid())
            d->empty->setText(tr("This ticket is no longer available to you."));
        else
            d->empty->setText(tr("Select a ticket to see its details here."));
        d->pages->setCurrentIndex(0);
        Q_EMIT titleChanged({});
        return;
    }
    d->pages->setCurrentIndex(1);
    d->header->setTicket(*json);
    d->properties->setTicket(*json);
    d->description->setTicket(d->ticket, json->value(u"description"_s).toString());
    const qint64 number = json->value(u"number"_s).toInteger();
    const QString title = json->value(u"title"_s).toString();
    Q_EMIT titleChanged(number > 0 ? tr("#%1 %2").arg(number).arg(title) : title);
}

TicketId TicketDetailsWidget::ticket() const
{
    return d->ticket;
}

TicketHeader *TicketDetailsWidget::header() const
{
    return d->header;
}

PropertiesPanel *TicketDetailsWidget::properties() const
{
    return d->properties;
}

DescriptionEditor *TicketDetailsWidget::description() const
{
    return d->description;
}

AttachmentList *TicketDetailsWidget::attachments() const
{
    return d->attachments;
}

ConflictBanner *TicketDetailsWidget::conflicts() const
{
    return d->conflicts;
}

QTabWidget *TicketDetailsWidget::tabs() const
{
    return d->tabs;
}

QString TicketDetailsWidget::shownText() const
{
    if (d->pages->currentIndex() == 0)
        return d->empty->text();
    QStringList lines { d->header->numberText(), d->header->titleEdit()->text(),
        d->header->statusButton()->text(), d->header->priorityButton()->text() };
    for (const QString &key : d->properties->shownKeys()) {
        const QWidget *editor = d->properties->editor(key);
        QString value;
        if (const auto *combo = qobject_cast<const QComboBox *>(editor))
            value = combo->currentText();
        else if (const auto *label = qobject_cast<const QLabel *>(editor))
            value = label->text();
        else if (const auto *button = qobject_cast<const QToolButton *>(editor))
            value = button->text();
        else if (const auto *line = qobject_cast<const QLineEdit *>(editor))
            value = line->text();
        else if (const auto *name = editor->findChild<QLabel *>())
            value = name->text();
        lines.append(key + u": "_s + value);
    }
    return lines.join(u'\n');
}

bool TicketDetailsWidget::isWide() const
{
    return d->wide;
}

void TicketDetailsWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool wide = width() >= wideThreshold(this);
    if (wide == d->wide)
        return;
    d->wide = wide;
    d->splitter->setOrientation(wide ? Qt::Horizontal : Qt::Vertical);
    // Side by side, the properties stay usable however far the splitter is
    // dragged; stacked in a dock, they take the dock's width, whatever it is.
    d->column->setMinimumWidth(wide ? fontMetrics().averageCharWidth() * 48 : 0);
    const QByteArray state
        = QSettings()
              .value(u"TicketDetails/%1/splitter%2"_s.arg(d->settingsKey, wide ? u"Wide"_s : u""_s))
              .toByteArray();
    if (!d->splitter->restoreState(state)) {
        // The splitter is laid out after this event: size it from the widget.
        const int total = wide ? width() : std::max(height() - d->header->height(), 200);
        d->splitter->setSizes(wide ? QList<int> { total * 2 / 5, total * 3 / 5 }
                                   : QList<int> { total / 2, total / 2 });
    }
}

void TicketDetailsWidget::dragEnterEvent(QDragEnterEvent *event)
{
    if (d->ticket.isValid() && AttachmentList::acceptsDrop(event->mimeData()))
        event->acceptProposedAction();
}

void TicketDetailsWidget::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths.append(url.toLocalFile());
    d->attachments->attachFiles(paths);
    event->acceptProposedAction();
}

} // namespace Tessera::Ui
