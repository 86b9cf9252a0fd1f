// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailstab.h"

class QTreeWidget;

namespace Tessera::Ui {

/// The Activity tab of the ticket details panel (PRODUCT.md A6): every
/// change to the ticket, newest first, in words ("Ana Souza changed Status
/// from New to Open"), with the relative time and the exact time as its
/// tooltip. Changes one person made at once are grouped under one row.
class ActivityTab : public DetailsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityTab)

public:
    explicit ActivityTab(Store &store, QWidget *parent = nullptr);
    ~ActivityTab() override;

    /// The tree the entries are listed in (top-level rows: changes or groups).
    QTreeWidget *view() const { return m_view; }

protected:
    void reload() override;
    bool dependsOn(EntityKind kind) const override;

private:
    QTreeWidget *m_view;
};

} // namespace Tessera::Ui
