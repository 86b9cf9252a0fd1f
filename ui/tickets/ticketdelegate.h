// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Tessera::Ui {

/// Paints ticket rows: the status bubble, the priority bars, the SLA due
/// badge, the solved check, and the row tints (overdue, due today, solved),
/// all derived from the palette so they read in light and dark schemes.
/// Group header rows are painted whole by paintGroupRow().
class TicketDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TicketDelegate)

public:
    explicit TicketDelegate(QObject *parent = nullptr);
    ~TicketDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// A group header across `option.rect`: chevron, status colour, bold
    /// label and a count badge.
    void paintGroupRow(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index, bool expanded) const;
};

} // namespace Tessera::Ui
