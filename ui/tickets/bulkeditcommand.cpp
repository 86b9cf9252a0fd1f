// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkeditcommand.h"

#include "domain/mutation.h"
#include "store/store.h"
#include "uilogging.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Tessera::Ui::BulkEditCommand", text);
}
} // namespace

BulkEditCommand::BulkEditCommand(
    Store &store, QList<TicketId> tickets, Change change, const QString &text, PersonId author)
    : QUndoCommand(text)
    , m_store(store)
    , m_tickets(std::move(tickets))
    , m_change(std::move(change))
    , m_author(author)
{ }

bool BulkEditCommand::write(TicketId id, const QJsonObject &fields)
{
    const auto current = m_store.entityJson(EntityKind::Ticket, id.as<EntityId>());
    if (!current) {
        m_failures.append(tr("ticket %1 is no longer in the cache").arg(id.toString()));
        return false;
    }
    const Mutation mutation
        = Mutation::updating(EntityKind::Ticket, id.as<EntityId>(), *current, fields, m_author);
    if (auto done = m_store.apply(mutation); !done) {
        const qint64 number = current->value(u"number"_s).toInteger();
        m_failures.append(tr("#%1: %2").arg(number).arg(done.error().message));
        qCInfo(lcUi) << "bulk edit refused for" << id.toString() << done.error().message;
        return false;
    }
    return true;
}

void BulkEditCommand::redo()
{
    m_applied = 0;
    m_failures.clear();
    m_previous.clear();
    for (const TicketId &id : std::as_const(m_tickets)) {
        const auto current = m_store.entityJson(EntityKind::Ticket, id.as<EntityId>());
        if (!current)
            continue;
        const QJsonObject fields = m_change(*current);
        QJsonObject previous;
        bool differs = false;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            previous.insert(it.key(), current->value(it.key()));
            differs = differs || current->value(it.key()) != it.value();
        }
        if (!differs)
            continue; // nothing to do, and nothing to undo
        if (write(id, fields)) {
            m_previous.insert(id, previous);
            ++m_applied;
        }
    }
}

void BulkEditCommand::undo()
{
    m_applied = 0;
    m_failures.clear();
    for (auto it = m_previous.cbegin(); it != m_previous.cend(); ++it) {
        if (write(it.key(), it.value()))
            ++m_applied;
    }
}

} // namespace Tessera::Ui
