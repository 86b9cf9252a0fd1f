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
/// channel, an "Overdue" badge past a missed due time, when it was opened
/// and by whom.
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
    /// "Overdue": shown while a first-response or resolution due time has
    /// passed without being met.
    QLabel *overdueBadge() const;
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
