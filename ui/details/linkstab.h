// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailstab.h"

class QAction;
class QTreeWidget;
class QTreeWidgetItem;

namespace Tessera::Ui {

/// The "Subtasks & links" tab of the ticket details panel (PRODUCT.md A2):
/// the parent, the subtickets and subtasks, and the links in both
/// directions, each in words from this ticket's side ("Blocked by #40").
/// Links, subtickets and the conversion to a task are edited from here;
/// every edit is one Ticket mutation.
class LinksTab : public DetailsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinksTab)

public:
    /// The kind of a row of view().
    enum class Row { Section, Parent, Child, Outgoing, Incoming };
    static constexpr int RowRole = Qt::UserRole + 100; // int: Row
    static constexpr int LinkTypeRole = Qt::UserRole + 101; // wire name, link rows

    /// `me` signs the edits.
    LinksTab(Store &store, PersonId me, QWidget *parent = nullptr);
    ~LinksTab() override;

    QTreeWidget *view() const { return m_view; }
    /// New Subticket…, New Subtask…, Link Ticket…, Remove Link, Convert to
    /// Task, as the tab's buttons and context menu use them.
    QList<QAction *> editActions() const;
    QAction *convertAction() const { return m_convert; }

    /// Adds a link of `type` from this ticket to `other`. False when it
    /// exists already, points here, or the store refused it.
    bool addLink(TicketId other, LinkType type);
    /// Removes the link `from` holds to `to` (one of them is this ticket):
    /// an incoming link is removed from the other ticket.
    bool removeLink(TicketId from, TicketId to, LinkType type);
    /// Makes this ticket a task of the first task type, in that type's
    /// default status, after the agent confirms. False for a task, when
    /// there is no task type, when the agent declines or the store refuses.
    bool convertToTask();

Q_SIGNALS:
    /// New Subticket… / New Subtask…: the panel opens the new ticket form
    /// with `parent` preset.
    void createChildRequested(Tessera::TicketId parent, Tessera::TicketKind kind);

protected:
    void reload() override;
    bool dependsOn(EntityKind kind) const override;

private:
    QTreeWidgetItem *addSection(const QString &title);
    QTreeWidgetItem *addRow(QTreeWidgetItem *section, Row row, const TicketSummary &other,
        TicketId otherId, const QString &relation, std::optional<LinkType> type = std::nullopt);
    void updateActions();
    void linkTicket();
    void removeCurrentLink();
    void showMenu(const QPoint &pos);
    std::optional<TicketType> firstTaskType() const;

    PersonId m_me;
    QTreeWidget *m_view;
    TicketKind m_kind = TicketKind::Ticket;
    bool m_known = false; // the ticket is in the cache
    QAction *m_newSubticket;
    QAction *m_newSubtask;
    QAction *m_link;
    QAction *m_remove;
    QAction *m_convert;
    QAction *m_open;
};

} // namespace Tessera::Ui
