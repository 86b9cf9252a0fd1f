// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketdelegate.h"

#include "tickets/ticketroles.h"
#include "tickets/ticketstyle.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int Margin = 6; // between a cell's edge and what it shows

QColor blend(const QColor &a, const QColor &b, double amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
        float(a.greenF() + (b.greenF() - a.greenF()) * amount),
        float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

// The cell's selection, as the style paints it (the row tint is already down).
void drawBackground(QPainter *painter, const QStyleOptionViewItem &option)
{
    styleOf(option)->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, option.widget);
}

// An icon and one line of elided text: the common cell. Cheaper than the
// style's general item layout, which lays each text out for wrapping.
void drawPlain(QPainter *painter, const QStyleOptionViewItem &option)
{
    drawBackground(painter, option);
    // The header's own text margin, so cells line up with their titles.
    const int margin
        = styleOf(option)->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option.widget) + 1;
    QRect area = option.rect.adjusted(margin, 0, -margin, 0);
    const bool selected = option.state & QStyle::State_Selected;
    if (!option.icon.isNull()) {
        const QSize size = option.decorationSize.boundedTo(QSize(area.height(), area.height()));
        const QRect icon(area.left(), area.top() + (area.height() - size.height()) / 2,
            size.width(), size.height());
        option.icon.paint(
            painter, icon, Qt::AlignCenter, selected ? QIcon::Selected : QIcon::Normal);
        area.setLeft(icon.right() + 1 + Margin);
    }
    if (option.text.isEmpty() || area.width() <= 0)
        return;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (option.state & QStyle::State_Active)                                ? QPalette::Active
                                                                               : QPalette::Inactive;
    painter->save();
    painter->setPen(
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(option.font);
    painter->drawText(area, int(option.displayAlignment) | Qt::TextSingleLine,
        option.fontMetrics.elidedText(option.text, Qt::ElideRight, area.width()));
    painter->restore();
}

// A rounded pill with centred text, left-aligned in `area`, vertically centred.
void drawPill(QPainter *painter, const QRect &area, const QString &text, const QColor &fill,
    const QFont &font)
{
    const QFontMetrics metrics(font);
    const int padding = metrics.height() / 2;
    const int height = std::min(area.height() - 2, metrics.height() + 4);
    const int textWidth = metrics.horizontalAdvance(text) + 1;
    const int width = std::min(area.width(), textWidth + 2 * padding);
    if (width <= 2 * padding)
        return;
    const QRect pill(area.left(), area.top() + (area.height() - height) / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(TicketStyle::bubbleText(fill));
    const QRect textRect = pill.adjusted(padding, 0, -padding, 0);
    painter->drawText(textRect, Qt::AlignCenter | Qt::TextSingleLine,
        textWidth <= textRect.width() ? text
                                      : metrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

} // namespace

TicketDelegate::TicketDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

TicketDelegate::~TicketDelegate() = default;

QSize TicketDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 10));
    return size;
}

void TicketDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool selected = opt.state & QStyle::State_Selected;
    const auto state = RowState(index.data(RowStateRole).toInt());
    if (!selected && state != RowState::Normal)
        painter->fillRect(opt.rect, TicketStyle::rowTint(opt.palette, state));

    const QString field = index.data(FieldRole).toString();
    const QRect area = opt.rect.adjusted(Margin, 0, -Margin, 0);
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);

    if (field == u"status"_s) {
        drawBackground(painter, opt);
        QFont font = opt.font;
        font.setWeight(QFont::DemiBold);
        drawPill(painter, area, index.data(StatusNameRole).toString(),
            TicketStyle::bubbleFill(index.data(StatusColorRole).value<QColor>(), opt.palette),
            font);
        return;
    }
    if (field == u"resolution_due"_s
        && (state == RowState::Overdue || state == RowState::DueToday)) {
        drawBackground(painter, opt);
        QFont font = opt.font;
        font.setWeight(QFont::DemiBold);
        drawPill(painter, area, opt.text, TicketStyle::dueBadgeFill(state, opt.palette), font);
        return;
    }
    if (field == u"priority"_s) {
        drawBackground(painter, opt);
        const auto priority = Priority(std::clamp(index.data(PriorityRole).toInt(), 0, 3));
        const QColor accent = selected ? text : TicketStyle::priorityColor(priority, opt.palette);
        const QColor faint
            = blend(text, opt.palette.color(selected ? QPalette::Highlight : QPalette::Base), 0.7);
        const int glyph = opt.fontMetrics.height() * 3 / 4;
        const int bar = std::max(2, glyph / 5);
        const int top = area.top() + (area.height() - glyph) / 2;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        for (int i = 0; i < 4; ++i) {
            const int height = glyph * (i + 1) / 4;
            painter->setBrush(i <= int(priority) ? accent : faint);
            painter->drawRoundedRect(
                QRectF(area.left() + i * (bar + 1), top + glyph - height, bar, height), 1, 1);
        }
        QFont font = opt.font;
        if (priority == Priority::Urgent)
            font.setBold(true);
        painter->setFont(font);
        painter->setPen(accent);
        const QRect label = area.adjusted(4 * (bar + 1) + Margin, 0, 0, 0);
        painter->drawText(label, Qt::AlignVCenter | Qt::AlignLeft,
            QFontMetrics(font).elidedText(opt.text, Qt::ElideRight, label.width()));
        painter->restore();
        return;
    }
    if (field == u"number"_s && index.data(PendingRole).toBool()) {
        opt.icon = TicketStyle::pendingIcon(opt.palette);
        opt.features |= QStyleOptionViewItem::HasDecoration;
        opt.decorationSize = QSize(16, 16);
        opt.font.setItalic(true);
        opt.fontMetrics = QFontMetrics(opt.font);
        // Too narrow for the word: the clock alone, its tooltip says the rest.
        if (opt.fontMetrics.horizontalAdvance(opt.text) + opt.decorationSize.width() + 3 * Margin
            > opt.rect.width())
            opt.text.clear();
    } else if (field == u"number"_s && state == RowState::Solved) {
        opt.icon = TicketStyle::solvedIcon(opt.palette);
        opt.features |= QStyleOptionViewItem::HasDecoration;
        opt.decorationSize = QSize(16, 16);
    }
    drawPlain(painter, opt);
}

void TicketDelegate::paintGroupRow(QPainter *painter, const QStyleOptionViewItem &option,
    const QModelIndex &index, bool expanded) const
{
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QRect rect = option.rect;
    painter->save();
    painter->fillRect(rect, blend(base, text, 0.07));
    painter->setPen(blend(base, text, 0.18));
    painter->drawLine(rect.bottomLeft(), rect.bottomRight());
    painter->setRenderHint(QPainter::Antialiasing);

    const QFontMetrics metrics(option.font);
    const int height = metrics.height();
    int x = rect.left() + Margin;
    const int middle = rect.top() + rect.height() / 2;

    // Chevron: pointing down when open, right when closed.
    const double s = height * 0.28;
    QPainterPath chevron;
    if (expanded) {
        chevron.moveTo(x, middle - s / 2);
        chevron.lineTo(x + s, middle + s / 2);
        chevron.lineTo(x + 2 * s, middle - s / 2);
    } else {
        chevron.moveTo(x + s / 2, middle - s);
        chevron.lineTo(x + 1.5 * s, middle);
        chevron.lineTo(x + s / 2, middle + s);
    }
    painter->setPen(QPen(text, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(chevron);
    x += int(2 * s) + Margin + 2;

    const QColor statusColor = index.data(StatusColorRole).value<QColor>();
    if (statusColor.isValid()) {
        const int dot = height / 2 + 1;
        painter->setPen(Qt::NoPen);
        painter->setBrush(TicketStyle::bubbleFill(statusColor, palette));
        painter->drawEllipse(QRectF(x, middle - dot / 2.0, dot, dot));
        x += dot + Margin;
    }

    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QString count = QLocale().toString(index.data(GroupCountRole).toLongLong());
    const int countWidth = boldMetrics.horizontalAdvance(count) + height;
    const int labelRoom = std::max(0, rect.right() - Margin - x - countWidth - Margin);
    const QString label
        = boldMetrics.elidedText(index.data(GroupLabelRole).toString(), Qt::ElideRight, labelRoom);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect labelRect(x, rect.top(), boldMetrics.horizontalAdvance(label), rect.height());
    painter->drawText(labelRect, Qt::AlignVCenter | Qt::AlignLeft, label);
    x = labelRect.right() + Margin + 2;

    QFont small = option.font;
    small.setWeight(QFont::DemiBold);
    const QFontMetrics smallMetrics(small);
    const int badgeHeight = smallMetrics.height() + 2;
    const QRect badge(
        x, middle - badgeHeight / 2, smallMetrics.horizontalAdvance(count) + height, badgeHeight);
    painter->setPen(Qt::NoPen);
    painter->setBrush(blend(base, text, 0.16));
    painter->drawRoundedRect(QRectF(badge), badgeHeight / 2.0, badgeHeight / 2.0);
    painter->setFont(small);
    painter->setPen(text);
    painter->drawText(badge, Qt::AlignCenter, count);

    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->drawRect(rect.adjusted(1, 1, -2, -2));
    }
    painter->restore();
}

} // namespace Tessera::Ui
