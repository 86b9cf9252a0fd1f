// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

/// Opens attachments, wherever they are listed: text files (logs,
/// configuration, data, source) in the highlighted preview, anything else
/// with the desktop's application. Content not in the cache yet is
/// downloaded once through the sync engine and kept.
class AttachmentOpener : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachmentOpener)

public:
    /// `window`: the parent of the preview dialogs.
    AttachmentOpener(Store &store, QWidget *window);

    void setEngine(Sync::SyncEngine *engine);
    void open(const Attachment &attachment);

Q_SIGNALS:
    /// "Downloading…", an error, or "" once the file is open.
    void statusChanged(const QString &text);

private:
    void show(const Attachment &attachment, const QString &path);
    Store &m_store;
    QPointer<QWidget> m_window;
    QPointer<Sync::SyncEngine> m_engine;
};

} // namespace Tessera::Ui
