// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/presencebar.h"

#include "details/conflictdescription.h"
#include "details/presencetracker.h"
#include "tickets/ticketstyle.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString initials(const QString &name)
{
    const QStringList words = name.split(u' ', Qt::SkipEmptyParts);
    QString letters;
    if (!words.isEmpty())
        letters += words.first().front().toUpper();
    if (words.size() > 1)
        letters += words.last().front().toUpper();
    return letters.isEmpty() ? u"?"_s : letters;
}

// A stable colour per person, so an avatar is recognised from ticket to ticket.
QColor personColor(PersonId person)
{
    return QColor::fromHsl(int(qHash(person) % 360), 150, 120);
}

} // namespace

struct PresenceBar::Private
{
    PresenceTracker &tracker;
    TicketId ticket;

    struct Part
    {
        PresenceEntry entry;
        QString label; // "Bruno Lima is viewing"
    };
    QList<Part> parts;
};

PresenceBar::PresenceBar(PresenceTracker &tracker, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(Private { tracker, {}, {} }))
{
    setObjectName(u"presenceBar"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    connect(&tracker, &PresenceTracker::changed, this, [this](TicketId ticket) {
        if (ticket == d->ticket)
            refresh();
    });
    refresh();
}

PresenceBar::~PresenceBar() = default;

void PresenceBar::setTicket(TicketId ticket)
{
    d->ticket = ticket;
    refresh();
}

TicketId PresenceBar::ticket() const
{
    return d->ticket;
}

QString PresenceBar::text() const
{
    QStringList labels;
    for (const Private::Part &part : d->parts)
        labels.append(part.label);
    return labels.join(u" · "_s);
}

void PresenceBar::refresh()
{
    d->parts.clear();
    if (d->ticket.isValid()) {
        for (const PresenceEntry &e : d->tracker.present(d->ticket)) {
            d->parts.append({ e,
                e.isReplying() ? tr("%1 is replying…").arg(e.name)
                               : tr("%1 is viewing").arg(e.name) });
        }
    }
    const QString line = text();
    setAccessibleDescription(line);
    setToolTip(line);
    setVisible(!d->parts.isEmpty());
    updateGeometry();
    update();
}

QSize PresenceBar::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int avatar = metrics.height() + 2;
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    int width = 0;
    for (const Private::Part &part : d->parts) {
        if (width > 0)
            width += metrics.horizontalAdvance(u"  ·  "_s);
        width += avatar + 4
            + (part.entry.isReplying() ? boldMetrics : metrics).horizontalAdvance(part.label);
    }
    return { width + 8, avatar + 6 };
}

QSize PresenceBar::minimumSizeHint() const
{
    return { 0, sizeHint().height() };
}

void PresenceBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics metrics(font());
    const int avatar = metrics.height() + 2;
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPixelSize(std::max(8, avatar * 9 / 20));
    small.setBold(true);
    const QColor accent = ConflictText::warningColor(pal);
    const QString separator = u"  ·  "_s;

    int x = 4;
    const int top = (height() - avatar) / 2;
    for (qsizetype i = 0; i < d->parts.size(); ++i) {
        const Private::Part &part = d->parts.at(i);
        if (i > 0) {
            painter.setFont(font());
            painter.setPen(pal.color(QPalette::PlaceholderText));
            painter.drawText(QRect(x, 0, width() - x, height()), Qt::AlignVCenter, separator);
            x += metrics.horizontalAdvance(separator);
        }
        // The initials avatar; a replying colleague's is ringed with the
        // warning colour: their answer may cross ours.
        const QRectF circle(x, top, avatar, avatar);
        const QColor fill = TicketStyle::bubbleFill(personColor(part.entry.person), pal);
        painter.setPen(part.entry.isReplying() ? QPen(accent, 2) : Qt::NoPen);
        painter.setBrush(fill);
        painter.drawEllipse(circle.adjusted(1, 1, -1, -1));
        painter.setPen(TicketStyle::bubbleText(fill));
        painter.setFont(small);
        painter.drawText(circle, Qt::AlignCenter, initials(part.entry.name));
        x += avatar + 4;

        painter.setFont(part.entry.isReplying() ? bold : font());
        painter.setPen(pal.color(QPalette::WindowText));
        const QFontMetrics partMetrics(painter.font());
        const QString label = partMetrics.elidedText(part.label, Qt::ElideRight, width() - x);
        painter.drawText(QRect(x, 0, width() - x, height()), Qt::AlignVCenter, label);
        x += partMetrics.horizontalAdvance(label);
        if (x >= width())
            break;
    }
}

void PresenceBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace Tessera::Ui
