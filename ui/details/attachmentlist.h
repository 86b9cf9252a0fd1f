// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QListWidget;
class QMimeData;

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

/// The files attached to the ticket itself (message attachments belong to
/// their conversation). Files are added with the button or by dropping them
/// here; they are kept in the cache at once and uploaded when the server is
/// reachable. Opening downloads the content once and keeps it.
class AttachmentList : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentList)

public:
    AttachmentList(Store &store, PersonId me, QWidget *parent = nullptr);
    ~AttachmentList() override;

    void setEngine(Sync::SyncEngine *engine);
    void setTicket(TicketId id);

    /// Attaches local files; returns the error of the first one refused.
    QString attachFiles(const QStringList &paths);
    /// Whether a drag carries files this list takes.
    static bool acceptsDrop(const QMimeData *mime);
    void open(AttachmentId id);
    /// Removes an attachment: a queued one leaves the queue, a stored one is deleted.
    QString remove(AttachmentId id);

    QListWidget *list() const;
    QList<Attachment> attachments() const;

    /// Larger files are refused before they are queued (the server's limit).
    static constexpr qint64 MaxFileBytes = 25 * 1024 * 1024;
    /// Why a file of `size` bytes is refused; empty when it is not.
    static QString sizeError(const QString &fileName, qint64 size);
    /// A local file's content, or why it cannot be attached (too large, unreadable).
    static Result<QByteArray> readFile(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void reload();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
