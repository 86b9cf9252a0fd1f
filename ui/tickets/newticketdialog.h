// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enums.h"
#include "domain/ids.h"
#include "query/viewspec.h"

#include <QDialog>

#include <memory>

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

/// Opens a ticket or a task (PRODUCT.md A1, A2, A5): type, requester (an
/// existing customer, or a new one made from an email address), title,
/// Markdown description, priority, department, assignee, visibility and
/// attachments. Create writes it through the store's mutation path, so it
/// works offline: the ticket has no number until the server assigns one.
class NewTicketDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewTicketDialog)

public:
    /// `context.me` is the agent who creates it; the department defaults to
    /// the first of `context.myDepartments`.
    NewTicketDialog(Store &store, QueryContext context, QWidget *parent = nullptr);
    ~NewTicketDialog() override;

    /// Makes a subticket of `parent`: its department, project, organization
    /// and requester are taken over.
    void setParentTicket(TicketId parent);
    /// Task: only types of that kind are offered. Ticket (the default):
    /// every type, a ticket type first.
    void setKind(TicketKind kind);

    /// Queues a file to upload with the ticket; false when it cannot be read.
    bool addAttachment(const QString &path);
    /// The files queued so far.
    QStringList attachmentPaths() const;

    /// What keeps Create from working (missing fields…); empty when nothing does.
    QString errorText() const;
    /// The ticket made by Create; invalid before.
    TicketId createdTicket() const;

    /// Creates the ticket when the fields are complete; otherwise says what
    /// is missing and stays open.
    void accept() override;
    void done(int result) override;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
