// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/conflictdescription.h"

#include "details/activityformat.h"
#include "details/detailslookup.h"
#include "sync/syncengine.h"
#include "tickets/ticketstyle.h"
#include "uilogging.h"
#include "views/viewlabels.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QThread>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace ConflictText {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("ConflictText", text);
}

// "status_id" → "status", "follower_ids" → "follower": the names ViewLabels knows.
QString baseName(const QString &field)
{
    if (field.endsWith(u"_ids"_s))
        return field.chopped(4);
    if (field.endsWith(u"_id"_s))
        return field.chopped(3);
    return field;
}

QString nameOf(const Store &store, EntityKind kind, const QString &id)
{
    const auto json = store.entityJson(kind, EntityId::fromString(id));
    if (!json)
        return id;
    if (kind == EntityKind::Ticket)
        return u"#"_s + QString::number(json->value(u"number"_s).toInteger());
    const QString name = json->value(u"name"_s).toString();
    return name.isEmpty() ? id : name;
}

QString elided(QString text)
{
    text = text.simplified();
    constexpr qsizetype Longest = 60;
    if (text.size() > Longest)
        text = text.left(Longest - 1) + u'…';
    return text;
}

QString entityLabel(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Ticket:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Ticket"));
    case EntityKind::Message:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Message"));
    case EntityKind::Conversation:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Conversation"));
    case EntityKind::Attachment:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Attachment"));
    case EntityKind::Status:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Status"));
    case EntityKind::TicketType:
        return translate(QT_TRANSLATE_NOOP("ConflictText", "Ticket type"));
    default:
        return ViewLabels::enumValue(toWireName(kind));
    }
}

} // namespace

TicketId ticketOf(const Store &store, const SyncConflict &conflict)
{
    const Mutation &m = conflict.mutation;
    if (m.entity == EntityKind::Ticket)
        return m.targetId.as<TicketId>();
    QString ticket = m.fields.value(u"ticket_id"_s).toString();
    if (ticket.isEmpty()) {
        if (const auto cached = store.entityJson(m.entity, m.targetId))
            ticket = cached->value(u"ticket_id"_s).toString();
    }
    return TicketId::fromString(ticket);
}

QString valueText(const Store &store, const QString &field, const QJsonValue &value)
{
    // The activity history words values the same way: one place for both.
    const DetailsLookup lookup(store);
    const QString text = ActivityFormat(lookup).value(field, value);
    return text.isEmpty() ? translate(QT_TRANSLATE_NOOP("ConflictText", "none")) : elided(text);
}

QList<FieldLine> fieldLines(const Store &store, const SyncConflict &conflict)
{
    QList<FieldLine> lines;
    for (const QJsonValue &value : conflict.fields) {
        const QJsonObject f = value.toObject();
        const QString field = f.value(u"field"_s).toString();
        lines.append(
            { ViewLabels::field(baseName(field), {}), valueText(store, field, f.value(u"mine"_s)),
                valueText(store, field, f.value(u"theirs"_s)) });
    }
    return lines;
}

QString describe(const FieldLine &line)
{
    //: A field both the agent and a colleague changed: "Status: yours Pending, theirs Solved"
    return QCoreApplication::translate("ConflictText", "%1: yours %2, theirs %3")
        .arg(line.field, line.mine, line.theirs);
}

QString refusal(const SyncConflict &conflict)
{
    const QString message = conflict.error.value(u"message"_s).toString();
    if (!message.isEmpty())
        return message;
    return translate(QT_TRANSLATE_NOOP("ConflictText", "The server refused this change."));
}

QString summary(const Store &store, const SyncConflict &conflict)
{
    QString what;
    const TicketId ticket = ticketOf(store, conflict);
    if (ticket.isValid())
        what = nameOf(store, EntityKind::Ticket, ticket.toString());
    if (ticket.isValid() && conflict.mutation.entity != EntityKind::Ticket)
        what += u' ' + entityLabel(conflict.mutation.entity);
    if (!ticket.isValid())
        what = entityLabel(conflict.mutation.entity);
    if (conflict.status == u"conflict"_s) {
        QStringList parts;
        for (const FieldLine &line : fieldLines(store, conflict)) {
            //: One conflicting field in the list of all conflicts
            parts.append(QCoreApplication::translate("ConflictText", "%1 — yours %2, theirs %3")
                             .arg(line.field, line.mine, line.theirs));
        }
        return what + u' ' + parts.join(u"; "_s);
    }
    return what + u" — "_s + refusal(conflict);
}

QColor warningColor(const QPalette &palette)
{
    // KMessageWidget's warning hue, pushed towards the text colour until it
    // reads on the window as an accent line or icon does.
    QColor amber(0xf6, 0x74, 0x00);
    const QColor window = palette.color(QPalette::Window);
    const bool dark = window.lightnessF() < 0.5;
    for (int i = 0; i < 10 && TicketStyle::contrastRatio(amber, window) < 3.0; ++i)
        amber = dark ? amber.lighter(115) : amber.darker(115);
    return amber;
}

QIcon warningIcon(const QWidget *widget)
{
    const QIcon themed = QIcon::fromTheme(u"dialog-warning"_s);
    if (!themed.isNull())
        return themed;
    return widget->style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, widget);
}

} // namespace ConflictText

namespace ConflictActions {

namespace {

Result<void> call(
    Sync::SyncEngine *engine, Result<void> (Sync::SyncEngine::*method)(qint64), qint64 id)
{
    if (!engine)
        return Error { Error::Code::Internal, u"not connected to a sync engine"_s };
    Result<void> result;
    const auto run = [&] {
        result = (engine->*method)(id);
    };
    if (engine->thread() == QThread::currentThread())
        run();
    else
        QMetaObject::invokeMethod(engine, run, Qt::BlockingQueuedConnection);
    if (!result)
        qCWarning(lcUi) << "cannot resolve conflict" << id << ":" << result.error().message;
    return result;
}

} // namespace

Result<void> keepTheirs(Sync::SyncEngine *engine, qint64 conflictId)
{
    return call(engine, &Sync::SyncEngine::keepServerValue, conflictId);
}

Result<void> useMine(Sync::SyncEngine *engine, qint64 conflictId)
{
    return call(engine, &Sync::SyncEngine::reapplyMine, conflictId);
}

} // namespace ConflictActions

} // namespace Tessera::Ui
