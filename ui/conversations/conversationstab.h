// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "query/viewspec.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QSplitter;
class QToolButton;

namespace Tessera {
class Store;
namespace Sync {
class SyncEngine;
}
} // namespace Tessera

namespace Tessera::Ui {

class ConversationView;
class ReplyEditor;

/// The Conversations tab of the ticket details: the threads above, the
/// reply editor below, a filter (all, public, internal) and the order,
/// both remembered, and "New conversation".
class ConversationsTab : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationsTab)

public:
    ConversationsTab(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~ConversationsTab() override;

    void setTicket(TicketId id);
    void setEngine(Sync::SyncEngine *engine);

    ConversationView *view() const;
    ReplyEditor *editor() const;
    QComboBox *filterBox() const;
    QToolButton *orderButton() const;
    QToolButton *newConversationButton() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
