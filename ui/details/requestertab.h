// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailstab.h"

class QLabel;
class QTreeWidget;

namespace Tessera::Ui {

/// The Requester tab of the ticket details panel (PRODUCT.md A4): how to
/// reach the requester, their organization, and their other tickets,
/// newest first, each openable.
class RequesterTab : public DetailsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequesterTab)

public:
    explicit RequesterTab(Store &store, QWidget *parent = nullptr);
    ~RequesterTab() override;

    /// The requester's other tickets.
    QTreeWidget *ticketsView() const { return m_tickets; }
    QLabel *nameLabel() const { return m_name; }
    QLabel *emailLabel() const { return m_email; }

protected:
    void reload() override;
    bool dependsOn(EntityKind kind) const override;

private:
    void showRequester(const std::optional<Person> &person);

    QLabel *m_name;
    QLabel *m_email;
    QLabel *m_phone;
    QLabel *m_organization;
    QLabel *m_heading;
    QTreeWidget *m_tickets;
    QLabel *m_more;
};

} // namespace Tessera::Ui
