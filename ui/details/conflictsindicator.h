// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QToolButton>

#include <memory>

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

/// The status bar's count of unresolved conflicts and refusals. Its menu
/// lists every one; each opens its ticket or resolves it in place. Hidden
/// while there is none.
class ConflictsIndicator : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictsIndicator)

public:
    explicit ConflictsIndicator(Store &store, QWidget *parent = nullptr);
    ~ConflictsIndicator() override;

    void setEngine(Sync::SyncEngine *engine);
    int count() const;

    /// The menu as it opens (rebuilt from the store each time).
    QMenu *conflictsMenu() const;

Q_SIGNALS:
    void openTicketRequested(Tessera::TicketId ticket);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void rebuildMenu();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
