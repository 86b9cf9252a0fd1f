// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/attachmentlist.h"

#include "details/attachmentopener.h"
#include "domain/mutation.h"
#include "protocol/codec.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "tickets/ticketstyle.h"
#include "uilogging.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QMimeDatabase>
#include <QSqlQuery>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct AttachmentList::Private
{
    Store &store;
    PersonId me;
    QPointer<Sync::SyncEngine> engine;
    TicketId ticket;
    QList<Attachment> attachments;
    QSet<QString> queued; // ids still waiting for upload
    QListWidget *list = nullptr;
    QLabel *status = nullptr;
    AttachmentOpener *opener = nullptr;
};

AttachmentList::AttachmentList(Store &store, PersonId me, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(store, me))
{
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("<b>Attachments</b>"), this));
    top->addStretch();
    auto *add = new QToolButton(this);
    add->setObjectName(u"attachFile"_s);
    add->setIcon(QIcon::fromTheme(u"mail-attachment"_s));
    add->setText(tr("Attach…"));
    add->setToolTip(tr("Attach files (or drop them here)"));
    add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    add->setAutoRaise(true);
    top->addWidget(add);
    layout->addLayout(top);
    d->list = new QListWidget(this);
    d->list->setObjectName(u"attachmentList"_s);
    d->list->setContextMenuPolicy(Qt::CustomContextMenu);
    d->list->setMaximumHeight(fontMetrics().height() * 7);
    d->list->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(d->list);
    d->status = new QLabel(this);
    d->status->setWordWrap(true);
    d->status->hide();
    layout->addWidget(d->status);
    d->opener = new AttachmentOpener(store, this);
    connect(d->opener, &AttachmentOpener::statusChanged, this, [this](const QString &text) {
        d->status->setText(text);
        d->status->setVisible(!text.isEmpty());
    });

    connect(add, &QToolButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
        if (!files.isEmpty())
            attachFiles(files);
    });
    connect(d->list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        open(AttachmentId::fromString(item->data(Qt::UserRole).toString()));
    });
    connect(d->list, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QListWidgetItem *item = d->list->itemAt(at);
        if (!item)
            return;
        const AttachmentId id = AttachmentId::fromString(item->data(Qt::UserRole).toString());
        QMenu menu;
        menu.addAction(
            QIcon::fromTheme(u"document-open"_s), tr("&Open"), this, [this, id] { open(id); });
        menu.addAction(
            QIcon::fromTheme(u"edit-delete"_s), tr("&Remove"), this, [this, id] { remove(id); });
        menu.exec(d->list->viewport()->mapToGlobal(at));
    });
    auto *removeKey = new QAction(this);
    removeKey->setShortcut(QKeySequence::Delete);
    removeKey->setShortcutContext(Qt::WidgetShortcut);
    d->list->addAction(removeKey);
    connect(removeKey, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = d->list->currentItem())
            remove(AttachmentId::fromString(item->data(Qt::UserRole).toString()));
    });
    connect(&store, &Store::changed, this, [this](EntityKind kind) {
        if (kind == EntityKind::Attachment)
            reload();
    });
}

AttachmentList::~AttachmentList() = default;

void AttachmentList::setEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
    d->opener->setEngine(engine);
}

void AttachmentList::setTicket(TicketId id)
{
    if (id == d->ticket)
        return;
    d->ticket = id;
    d->status->hide();
    reload();
}

void AttachmentList::reload()
{
    d->attachments.clear();
    d->queued.clear();
    for (const Attachment &a : d->store.pendingUploads())
        d->queued.insert(a.id.toString());
    QSqlQuery query(d->store.connection());
    query.prepare(u"SELECT data FROM attachments WHERE ticket_id = ? ORDER BY seq"_s);
    query.addBindValue(d->ticket.toString());
    if (d->ticket.isValid() && query.exec()) {
        while (query.next()) {
            auto a = Protocol::fromJson<Attachment>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
            if (a && !a->messageId.isValid())
                d->attachments.append(std::move(a).value());
        }
    }
    d->list->clear();
    QMimeDatabase mimes;
    for (const Attachment &a : std::as_const(d->attachments)) {
        const bool waiting = d->queued.contains(a.id.toString());
        QString text = tr("%1 (%2)").arg(a.fileName, QLocale().formattedDataSize(a.size));
        if (waiting)
            text += tr(" — waiting to upload");
        auto *item = new QListWidgetItem(text, d->list);
        const QMimeType mime = mimes.mimeTypeForName(a.mimeType);
        item->setIcon(QIcon::fromTheme(mime.iconName(), QIcon::fromTheme(mime.genericIconName())));
        item->setData(Qt::UserRole, a.id.toString());
        item->setToolTip(tr("Double-click to open · Delete to remove"));
    }
    d->list->setVisible(!d->attachments.isEmpty());
}

QString AttachmentList::attachFiles(const QStringList &paths)
{
    QString firstError;
    QMimeDatabase mimes;
    for (const QString &path : paths) {
        const auto content = readFile(path);
        QString error = content ? QString() : content.error().message;
        if (content) {
            Attachment a;
            a.id = AttachmentId::create();
            a.ticketId = d->ticket;
            a.fileName = QFileInfo(path).fileName();
            a.mimeType = mimes.mimeTypeForFile(path).name();
            if (auto done = d->store.queueUpload(a, content.value()); !done)
                error = done.error().message;
        }
        if (!error.isEmpty() && firstError.isEmpty())
            firstError = error;
    }
    if (d->engine)
        QMetaObject::invokeMethod(d->engine, &Sync::SyncEngine::syncNow);
    QPalette p = d->status->palette();
    p.setColor(QPalette::WindowText, TicketStyle::priorityColor(Priority::Urgent, palette()));
    d->status->setPalette(p);
    d->status->setText(firstError);
    d->status->setVisible(!firstError.isEmpty());
    return firstError;
}

QString AttachmentList::sizeError(const QString &fileName, qint64 size)
{
    return size > MaxFileBytes
        ? tr("%1 is larger than %2.").arg(fileName, QLocale().formattedDataSize(MaxFileBytes))
        : QString();
}

Result<QByteArray> AttachmentList::readFile(const QString &path)
{
    const QFileInfo info(path);
    if (const QString tooLarge = sizeError(info.fileName(), info.size()); !tooLarge.isEmpty())
        return Error::invalid(tooLarge);
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly))
        return Error::invalid(
            tr("%1 cannot be read: %2")
                .arg(info.fileName(), info.isFile() ? file.errorString() : tr("not a file")));
    return file.readAll();
}

bool AttachmentList::acceptsDrop(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    const QList<QUrl> urls = mime->urls();
    return std::all_of(
        urls.cbegin(), urls.cend(), [](const QUrl &url) { return url.isLocalFile(); });
}

void AttachmentList::dragEnterEvent(QDragEnterEvent *event)
{
    if (d->ticket.isValid() && acceptsDrop(event->mimeData()))
        event->acceptProposedAction();
}

void AttachmentList::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        paths.append(url.toLocalFile());
    attachFiles(paths);
    event->acceptProposedAction();
}

void AttachmentList::open(AttachmentId id)
{
    const auto it = std::find_if(d->attachments.cbegin(), d->attachments.cend(),
        [&](const Attachment &a) { return a.id == id; });
    if (it != d->attachments.cend())
        d->opener->open(*it);
}

QString AttachmentList::remove(AttachmentId id)
{
    auto cancelled = d->store.cancelUpload(id);
    QString error;
    if (!cancelled) {
        error = cancelled.error().message;
    } else if (!cancelled.value()) {
        const auto json = d->store.entityJson(EntityKind::Attachment, id.as<EntityId>());
        if (json) {
            if (auto done = d->store.apply(
                    Mutation::deleting(EntityKind::Attachment, id.as<EntityId>(), *json, d->me));
                !done)
                error = done.error().message;
        }
    }
    d->status->setText(error);
    d->status->setVisible(!error.isEmpty());
    return error;
}

QListWidget *AttachmentList::list() const
{
    return d->list;
}

QList<Attachment> AttachmentList::attachments() const
{
    return d->attachments;
}

} // namespace Tessera::Ui
