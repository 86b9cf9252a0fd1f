// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/placeholdertabs.h"

#include "protocol/codec.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QListWidget>
#include <QLocale>
#include <QSqlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

template<typename T>
QList<T> rowsOf(Store &store, const QString &sql, TicketId ticket)
{
    QList<T> result;
    QSqlQuery query(store.connection());
    query.prepare(sql);
    query.addBindValue(ticket.toString());
    if (!ticket.isValid() || !query.exec())
        return result;
    while (query.next()) {
        if (auto decoded = Protocol::fromJson<T>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()))
            result.append(std::move(decoded).value());
    }
    return result;
}

QString personName(Store &store, PersonId id)
{
    const auto person = store.get<Person>(id);
    return person ? person->name : MessageListTab::tr("Unknown");
}

} // namespace

MessageListTab::MessageListTab(Store &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"messageList"_s);
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    layout->addWidget(m_list);
    connect(&store, &Store::changed, this, [this](EntityKind kind) {
        if (kind == EntityKind::Message || kind == EntityKind::Conversation)
            reload();
    });
}

void MessageListTab::setTicket(TicketId id)
{
    m_ticket = id;
    reload();
}

void MessageListTab::reload()
{
    m_list->clear();
    QHash<QString, bool> internal;
    for (const Conversation &c : rowsOf<Conversation>(
             m_store, u"SELECT data FROM conversations WHERE ticket_id = ?"_s, m_ticket))
        internal.insert(c.id.toString(), c.visibility == ThreadVisibility::Internal);
    const QList<Message> messages = rowsOf<Message>(m_store,
        u"SELECT d.data FROM messages m JOIN message_documents d ON d.id = m.id"
        u" WHERE m.ticket_id = ? ORDER BY m.created_at"_s,
        m_ticket);
    for (const Message &m : messages) {
        const bool isInternal = internal.value(m.conversationId.toString());
        QString text = tr("%1 · %2").arg(personName(m_store, m.authorId),
            QLocale().toString(m.createdAt.toLocalTime(), QLocale::ShortFormat));
        if (isInternal)
            text += tr(" · Internal note");
        text += u'\n' + m.body.section(u'\n', 0, 3).left(400);
        auto *item = new QListWidgetItem(text, m_list);
        if (isInternal)
            item->setIcon(QIcon::fromTheme(u"object-locked"_s));
    }
    if (messages.isEmpty())
        new QListWidgetItem(tr("No messages yet."), m_list);
}

} // namespace Tessera::Ui
