// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/ids.h"

#include <QWidget>

#include <memory>

namespace Tessera::Ui {

class PresenceTracker;

/// The collision notice of the ticket panel: one compact line of the
/// colleagues who have the ticket open ("Bruno Lima is viewing · Carla Dias
/// is replying…"), each with an initials avatar; those replying come first
/// and stand out. Hidden when nobody else is there.
class PresenceBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenceBar)

public:
    explicit PresenceBar(PresenceTracker &tracker, QWidget *parent = nullptr);
    ~PresenceBar() override;

    void setTicket(TicketId ticket);
    TicketId ticket() const;

    /// The line as read aloud (also the accessible description).
    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
