// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QToolButton;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// The top of the ticket details: number (or a pending marker until the
/// server assigns one), type icon, the title edited in place, the status as
/// a coloured bubble with the type's lifecycle in its menu, priority,
/// channel, when it was opened and by whom.
class TicketHeader : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketHeader)

public:
    TicketHeader(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~TicketHeader() override;

    void setTicket(const QJsonObject &ticket);

    QLineEdit *titleEdit() const;
    QToolButton *statusButton() const;
    QToolButton *priorityButton() const;
    /// "#1042", or the pending text while the ticket waits for its number.
    QString numberText() const;
    /// The last refusal of an edit made here ("" when none).
    QString errorText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
