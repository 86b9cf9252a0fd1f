// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"

#include <QFrame>

#include <memory>

class QLineEdit;
class QListWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// A popup to pick a canned response: a search field over the shared
/// responses and the agent's personal ones (name and a preview of the
/// body), filtered as one types. Up / Down move, Enter picks, Esc closes.
class CannedPicker : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CannedPicker)

public:
    /// What the list's items hold besides the name (Qt::DisplayRole).
    enum Roles {
        IdRole = Qt::UserRole, // CannedResponseId as text
        PreviewRole, // the start of the body, on one line
        KindRole, // "Shared" or "Personal"
    };

    CannedPicker(Store &store, PersonId me, QWidget *parent = nullptr);
    ~CannedPicker() override;

    /// Shows the popup below `anchor` (global coordinates; the text
    /// cursor), or above it when there is no room below, the search seeded
    /// with `query`.
    void popup(const QRect &anchor, const QString &query = {});
    /// The responses listed, in order, for the current search.
    QList<CannedResponseId> shownResponses() const;
    /// Picks the current row (as Enter does).
    void pickCurrent();

    QLineEdit *searchField() const;
    QListWidget *list() const;

Q_SIGNALS:
    void picked(const Tessera::CannedResponse &response);
    /// Closed without a pick.
    void dismissed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refill();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
