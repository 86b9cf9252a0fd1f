// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QFrame>

#include <memory>

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

/// The ticket panel's notice of the agent's changes to this ticket that the
/// server did not take as sent: per conflicting field both values, with
/// "Keep Theirs" and "Use Mine"; per refusal the server's reason and
/// "Discard". Hidden while there is none.
class ConflictBanner : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictBanner)

public:
    explicit ConflictBanner(Store &store, QWidget *parent = nullptr);
    ~ConflictBanner() override;

    /// Resolutions go through this engine (none: the buttons are disabled).
    void setEngine(Sync::SyncEngine *engine);
    void setTicket(TicketId ticket);
    TicketId ticket() const;

    /// The conflicts shown, by id, in order.
    QList<qint64> shownConflicts() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void resolve(qint64 conflictId, bool mine);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
