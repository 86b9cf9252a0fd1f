// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/symbolicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QPixmap glyph(Symbol symbol, const QColor &color, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(color, std::max(1.5, size / 9.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    const qreal m = size * 0.25; // margin
    const qreal c = size / 2.0;
    switch (symbol) {
    case Symbol::Add:
        painter.drawLine(QPointF(c, m), QPointF(c, size - m));
        painter.drawLine(QPointF(m, c), QPointF(size - m, c));
        break;
    case Symbol::Remove:
        painter.drawLine(QPointF(m, m), QPointF(size - m, size - m));
        painter.drawLine(QPointF(size - m, m), QPointF(m, size - m));
        break;
    case Symbol::Up:
    case Symbol::Down: {
        const qreal top = symbol == Symbol::Up ? size * 0.35 : size * 0.65;
        const qreal bottom = symbol == Symbol::Up ? size * 0.65 : size * 0.35;
        QPainterPath chevron;
        chevron.moveTo(m, bottom);
        chevron.lineTo(c, top);
        chevron.lineTo(size - m, bottom);
        painter.drawPath(chevron);
        break;
    }
    }
    return pixmap;
}

} // namespace

QIcon symbolIcon(Symbol symbol, const QWidget *widget)
{
    static const char *const themeNames[] = { "list-add", "list-remove", "go-up", "go-down" };
    const QIcon themed = QIcon::fromTheme(QString::fromLatin1(themeNames[int(symbol)]));
    if (!themed.isNull())
        return themed;
    const int size = widget->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, widget);
    const qreal ratio = widget->devicePixelRatioF();
    const QPalette &palette = widget->palette();
    QIcon icon;
    icon.addPixmap(
        glyph(symbol, palette.color(QPalette::Normal, QPalette::ButtonText), size, ratio),
        QIcon::Normal);
    icon.addPixmap(
        glyph(symbol, palette.color(QPalette::Disabled, QPalette::ButtonText), size, ratio),
        QIcon::Disabled);
    return icon;
}

} // namespace Tessera::Ui
