// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/ticketheader.h"

#include "details/ticketedits.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "views/viewlabels.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

// Esc in the title gives back the saved title instead of closing a window.
class TitleEdit : public QLineEdit
{
public:
    using QLineEdit::QLineEdit;
    QString saved;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Escape && text() != saved) {
            setText(saved);
            event->accept();
            return;
        }
        QLineEdit::keyPressEvent(event);
    }
};

QString ago(const QDateTime &at)
{
    const qint64 minutes = at.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    if (minutes < 1)
        return TicketHeader::tr("just now");
    if (minutes < 60)
        return TicketHeader::tr("%n min ago", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return TicketHeader::tr("%n h ago", nullptr, int(minutes / 60));
    return TicketHeader::tr("%n d ago", nullptr, int(minutes / (24 * 60)));
}

} // namespace

struct TicketHeader::Private
{
    Store &store;
    QueryContext context;
    QJsonObject ticket;
    QLabel *typeIcon = nullptr;
    QLabel *number = nullptr;
    QLabel *pending = nullptr;
    TitleEdit *title = nullptr;
    QToolButton *status = nullptr;
    QToolButton *priority = nullptr;
    QLabel *details = nullptr;
    QLabel *overdue = nullptr;
    QLabel *error = nullptr;

    TicketId id() const { return TicketId::fromString(ticket.value(u"id"_s).toString()); }
    void commit(const QJsonObject &changes)
    {
        const auto done = editTicket(store, id(), changes, context.me);
        error->setText(done ? QString() : done.error().message);
        error->setVisible(!done);
    }
};

TicketHeader::TicketHeader(Store &store, QueryContext context, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(store, std::move(context)))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    d->typeIcon = new QLabel(this);
    d->typeIcon->setObjectName(u"typeIcon"_s);
    d->number = new QLabel(this);
    d->number->setObjectName(u"ticketNumber"_s);
    d->number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont numberFont = d->number->font();
    numberFont.setBold(true);
    numberFont.setPointSizeF(numberFont.pointSizeF() * 1.25);
    d->number->setFont(numberFont);
    d->title = new TitleEdit(this);
    d->title->setObjectName(u"ticketTitle"_s);
    d->title->setFrame(false);
    d->title->setToolTip(tr("Click to edit the title; Enter saves, Esc reverts"));
    d->title->setFont(numberFont);
    // Reads as a heading until it gets the focus for editing.
    d->title->setStyleSheet(u"QLineEdit:!focus { background: transparent; }"_s);
    d->pending = new QLabel(this);
    d->pending->setObjectName(u"pendingMarker"_s);
    top->addWidget(d->typeIcon);
    top->addWidget(d->pending);
    top->addWidget(d->number);
    top->addWidget(d->title, 1);
    layout->addLayout(top);

    auto *second = new QHBoxLayout;
    d->status = new QToolButton(this);
    d->status->setObjectName(u"statusBubble"_s);
    d->status->setPopupMode(QToolButton::InstantPopup);
    d->status->setToolTip(tr("Status (change it from this menu)"));
    d->status->setMenu(new QMenu(d->status));
    d->priority = new QToolButton(this);
    d->priority->setObjectName(u"priorityButton"_s);
    d->priority->setPopupMode(QToolButton::InstantPopup);
    d->priority->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    d->priority->setAutoRaise(true);
    d->priority->setMenu(new QMenu(d->priority));
    d->details = new QLabel(this);
    d->details->setObjectName(u"headerDetails"_s);
    d->details->setWordWrap(true);
    d->details->setTextInteractionFlags(Qt::TextBrowserInteraction);
    d->details->setOpenExternalLinks(true);
    d->overdue = new QLabel(tr("Overdue"), this);
    d->overdue->setObjectName(u"overdueBadge"_s);
    d->overdue->hide();
    second->addWidget(d->status);
    second->addWidget(d->priority);
    second->addWidget(d->overdue);
    second->addStretch(1);
    layout->addLayout(second);
    // On a line of its own: an email address must not widen a narrow dock.
    layout->addWidget(d->details);

    d->error = new QLabel(this);
    d->error->setObjectName(u"headerError"_s);
    d->error->setWordWrap(true);
    d->error->hide();
    layout->addWidget(d->error);

    connect(d->title, &QLineEdit::editingFinished, this, [this] {
        const QString text = d->title->text().trimmed();
        if (text == d->title->saved)
            return;
        if (text.isEmpty()) {
            d->title->setText(d->title->saved);
            d->error->setText(tr("A ticket needs a title."));
            d->error->show();
            return;
        }
        d->commit({ { u"title"_s, text } });
    });
    // Filled when opened: the type decides which statuses it has.
    connect(d->status->menu(), &QMenu::aboutToShow, this, [this] {
        QMenu *menu = d->status->menu();
        menu->clear();
        const QString typeId = d->ticket.value(u"type_id"_s).toString();
        QList<Status> statuses;
        for (const Status &s : d->store.all<Status>()) {
            if (s.typeId.toString() == typeId)
                statuses.append(s);
        }
        std::stable_sort(statuses.begin(), statuses.end(),
            [](const Status &a, const Status &b) { return a.position < b.position; });
        for (const Status &s : std::as_const(statuses)) {
            QAction *action
                = menu->addAction(TicketStyle::statusDot(QColor(s.color), palette()), s.name);
            action->setCheckable(true);
            action->setChecked(s.id.toString() == d->ticket.value(u"status_id"_s).toString());
            connect(action, &QAction::triggered, this, [this, id = s.id.toString()] {
                d->commit({ { u"status_id"_s, id } });
            });
        }
    });
    connect(d->priority->menu(), &QMenu::aboutToShow, this, [this] {
        QMenu *menu = d->priority->menu();
        menu->clear();
        for (Priority p : { Priority::Urgent, Priority::High, Priority::Normal, Priority::Low }) {
            const QString wire = toWireName(p);
            QAction *action = menu->addAction(ViewLabels::enumValue(wire));
            action->setCheckable(true);
            action->setChecked(d->ticket.value(u"priority"_s).toString() == wire);
            connect(action, &QAction::triggered, this, [this, wire] {
                d->commit({ { u"priority"_s, wire } });
            });
        }
    });
}

TicketHeader::~TicketHeader() = default;

void TicketHeader::setTicket(const QJsonObject &ticket)
{
    const bool sameTicket = ticket.value(u"id"_s) == d->ticket.value(u"id"_s);
    d->ticket = ticket;
    if (!sameTicket)
        d->error->hide();
    QPalette errorPalette = d->error->palette();
    errorPalette.setColor(
        QPalette::WindowText, TicketStyle::priorityColor(Priority::Urgent, palette()));
    d->error->setPalette(errorPalette);

    const auto type
        = d->store.get<TicketType>(TicketTypeId::fromString(ticket.value(u"type_id"_s).toString()));
    const int iconSize = fontMetrics().height() + 6;
    d->typeIcon->setPixmap(type ? TicketStyle::typeIcon(type->icon, QColor(type->color), type->name)
                                      .pixmap(iconSize, iconSize)
                                : QPixmap());
    d->typeIcon->setToolTip(type ? type->name : QString());

    const qint64 number = ticket.value(u"number"_s).toInteger();
    d->pending->setVisible(number <= 0);
    if (number > 0) {
        d->number->setText(tr("#%1").arg(number));
        d->number->setToolTip({});
    } else {
        d->number->setText(tr("Not synced"));
        d->number->setToolTip(tr("Waiting to reach the server, which assigns the number"));
        d->pending->setPixmap(TicketStyle::pendingIcon(palette()).pixmap(iconSize, iconSize));
        d->pending->setToolTip(d->number->toolTip());
    }

    const QString title = ticket.value(u"title"_s).toString();
    if (!sameTicket || !d->title->hasFocus())
        d->title->setText(title);
    d->title->saved = title;
    d->title->setCursorPosition(0);

    const auto status
        = d->store.get<Status>(StatusId::fromString(ticket.value(u"status_id"_s).toString()));
    const QColor fill = TicketStyle::bubbleFill(
        status ? QColor(status->color) : palette().color(QPalette::Mid), palette());
    d->status->setText(status ? status->name : tr("No status"));
    d->status->setStyleSheet(u"QToolButton { background: %1; color: %2; border: none;"
                             u" border-radius: %3px; padding: 2px 10px; font-weight: 600; }"
                             u" QToolButton::menu-indicator { image: none; width: 0; }"_s
                                 .arg(fill.name(), TicketStyle::bubbleText(fill).name())
                                 .arg(fontMetrics().height() / 2 + 2));

    const QString wire = ticket.value(u"priority"_s).toString();
    const auto priority = fromWireName<Priority>(wire).value_or(Priority::Normal);
    d->priority->setText(ViewLabels::enumValue(wire));
    d->priority->setIcon(
        TicketStyle::statusDot(TicketStyle::priorityColor(priority, palette()), palette()));
    d->priority->setToolTip(tr("Priority"));

    // A due time that passed without being met: the SLA is breached.
    const auto missed = [&ticket](const QString &due, const QString &metBy) {
        const QDateTime at = QDateTime::fromString(ticket.value(due).toString(), Qt::ISODate);
        return at.isValid() && at < QDateTime::currentDateTimeUtc()
            && ticket.value(metBy).toString().isEmpty();
    };
    QStringList late;
    if (missed(u"first_response_due"_s, u"first_responded_at"_s))
        late.append(tr("the first response"));
    if (missed(u"resolution_due"_s, u"solved_at"_s))
        late.append(tr("the resolution"));
    const QColor badge = TicketStyle::dueBadgeFill(RowState::Overdue, palette());
    d->overdue->setStyleSheet(u"QLabel { background: %1; color: %2; border-radius: %3px;"
                              u" padding: 2px 8px; font-weight: 600; }"_s
                                  .arg(badge.name(), TicketStyle::bubbleText(badge).name())
                                  .arg(fontMetrics().height() / 2 + 2));
    d->overdue->setToolTip(tr("Past due: %1").arg(late.join(tr(" and "))));
    d->overdue->setVisible(!late.isEmpty());

    QStringList parts;
    parts.append(tr("via %1").arg(ViewLabels::enumValue(ticket.value(u"channel"_s).toString())));
    const QDateTime created
        = QDateTime::fromString(ticket.value(u"created_at"_s).toString(), Qt::ISODate);
    if (created.isValid())
        parts.append(u"<span title=\"%1\">%2</span>"_s.arg(
            QLocale().toString(created.toLocalTime(), QLocale::LongFormat).toHtmlEscaped(),
            tr("opened %1").arg(ago(created)).toHtmlEscaped()));
    const auto requester
        = d->store.get<Person>(PersonId::fromString(ticket.value(u"requester_id"_s).toString()));
    if (requester) {
        QString who = requester->name.toHtmlEscaped();
        if (!requester->email.isEmpty())
            who += u" &lt;<a href=\"mailto:%1\">%1</a>&gt;"_s.arg(requester->email.toHtmlEscaped());
        parts.append(tr("by %1").arg(who));
    }
    if (ticket.value(u"visibility"_s).toString() == u"internal"_s)
        parts.append(u"<b>%1</b>"_s.arg(tr("Internal").toHtmlEscaped()));
    d->details->setText(parts.join(u" · "_s));
}

QLineEdit *TicketHeader::titleEdit() const
{
    return d->title;
}

QToolButton *TicketHeader::statusButton() const
{
    return d->status;
}

QToolButton *TicketHeader::priorityButton() const
{
    return d->priority;
}

QLabel *TicketHeader::overdueBadge() const
{
    return d->overdue;
}

QString TicketHeader::numberText() const
{
    return d->number->text();
}

QString TicketHeader::errorText() const
{
    return d->error->isHidden() ? QString() : d->error->text();
}

void TicketHeader::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Bubble and icons follow a switch between light and dark.
    if (event->type() == QEvent::PaletteChange && !d->ticket.isEmpty())
        setTicket(d->ticket);
}

} // namespace Tessera::Ui
