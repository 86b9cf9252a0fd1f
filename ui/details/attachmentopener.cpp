// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/attachmentopener.h"

#include "highlight/textpreviewdialog.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QFile>
#include <QUrl>
#include <QWidget>

namespace Tessera::Ui {

AttachmentOpener::AttachmentOpener(Store &store, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_window(window)
{ }

void AttachmentOpener::setEngine(Sync::SyncEngine *engine)
{
    m_engine = engine;
}

void AttachmentOpener::open(const Attachment &attachment)
{
    const QString local = m_store.contentPath(attachment.contentHash);
    if (QFile::exists(local)) {
        show(attachment, local);
        return;
    }
    if (!m_engine) {
        Q_EMIT statusChanged(
            tr("%1 is not downloaded yet, and there is no connection.").arg(attachment.fileName));
        return;
    }
    Q_EMIT statusChanged(tr("Downloading %1…").arg(attachment.fileName));
    // The engine answers on its own thread: come back to this one.
    QPointer<AttachmentOpener> self(this);
    QMetaObject::invokeMethod(m_engine, [engine = m_engine, attachment, self] {
        engine->fetchAttachment(attachment.id, [self, attachment](Result<QString> path) {
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, attachment, path] {
                if (!self)
                    return;
                if (path)
                    self->show(attachment, path.value());
                else
                    Q_EMIT self->statusChanged(tr("Cannot download: %1").arg(path.error().message));
            });
        });
    });
}

void AttachmentOpener::show(const Attachment &attachment, const QString &path)
{
    Q_EMIT statusChanged({});
    if (!isPreviewableText(attachment.fileName, attachment.mimeType)) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT statusChanged(tr("Cannot read %1: %2").arg(attachment.fileName, file.errorString()));
        return;
    }
    auto *dialog = new TextPreviewDialog(
        attachment.fileName, file.read(TextPreviewDialog::MaxPreviewBytes + 1), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace Tessera::Ui
