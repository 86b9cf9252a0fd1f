// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "details/detailslookup.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QTimer;
class QTreeWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// Picks the ticket to link to and the relation: a search by number or
/// words of the title, over the narrow ticket rows, at most 50 results.
class LinkTicketDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkTicketDialog)

public:
    /// `self` is the ticket the link starts from; it is never offered.
    LinkTicketDialog(const Store &store, TicketId self, QWidget *parent = nullptr);
    ~LinkTicketDialog() override;

    /// Runs the search for the field's text now (typing runs it after a pause).
    void search();
    QLineEdit *searchField() const { return m_search; }
    QTreeWidget *results() const { return m_results; }
    QComboBox *relationBox() const { return m_relation; }

    /// The chosen ticket; invalid when none is.
    TicketId selectedTicket() const;
    LinkType linkType() const;

private:
    const Store &m_store;
    DetailsLookup m_lookup;
    TicketId m_self;
    QLineEdit *m_search;
    QComboBox *m_relation;
    QTreeWidget *m_results;
    QDialogButtonBox *m_buttons;
    QTimer *m_typing;
};

} // namespace Tessera::Ui
