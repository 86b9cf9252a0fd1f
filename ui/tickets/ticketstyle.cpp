// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketstyle.h"

#include <QDirIterator>
#include <QFile>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QSvgRenderer>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace Tessera::Ui::TicketStyle {

namespace {

double channel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    const QColor c = color.toRgb();
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Base)) < 0.3;
}

QColor mix(const QColor &a, const QColor &b, double amount)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() + (y.redF() - x.redF()) * amount),
        float(x.greenF() + (y.greenF() - x.greenF()) * amount),
        float(x.blueF() + (y.blueF() - x.blueF()) * amount));
}

const QColor DarkText(0x1a, 0x1a, 0x1a);

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor rowTint(const QPalette &palette, RowState state)
{
    QColor accent;
    double amount = 0;
    const bool dark = isDark(palette);
    switch (state) {
    case RowState::Normal:
        return {};
    case RowState::Overdue:
        accent = QColor(0xe0, 0x1b, 0x24);
        amount = dark ? 0.17 : 0.13;
        break;
    case RowState::DueToday:
        accent = QColor(0x35, 0x84, 0xe4);
        amount = dark ? 0.22 : 0.13;
        break;
    case RowState::Solved:
        accent = QColor(0x2e, 0xc2, 0x7e);
        amount = 0.15;
        break;
    }
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor tint = mix(base, accent, amount);
    // Keep the row's text readable whatever the palette is.
    while (amount > 0.02 && contrastRatio(tint, text) < 7.0) {
        amount -= 0.02;
        tint = mix(base, accent, amount);
    }
    return tint;
}

QColor bubbleText(const QColor &fill)
{
    return contrastRatio(fill, Qt::white) >= 3.0 ? QColor(Qt::white) : DarkText;
}

QColor bubbleFill(const QColor &statusColor, const QPalette &palette)
{
    QColor fill = statusColor.isValid() ? statusColor.toRgb() : palette.color(QPalette::Mid);
    const QColor text = bubbleText(fill);
    for (int i = 0; i < 30 && contrastRatio(fill, text) < 4.5; ++i)
        fill = text == DarkText ? fill.lighter(106) : fill.darker(108);
    return fill;
}

QColor priorityColor(Priority priority, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (priority) {
    case Priority::Urgent:
        return dark ? QColor(0xff, 0x7b, 0x63) : QColor(0xc0, 0x1c, 0x28);
    case Priority::High:
        return dark ? QColor(0xff, 0xa3, 0x48) : QColor(0xb5, 0x4a, 0x00);
    case Priority::Normal:
        return palette.color(QPalette::Text);
    case Priority::Low:
        return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.35);
    }
    return palette.color(QPalette::Text);
}

QColor dueBadgeFill(RowState state, const QPalette &palette)
{
    switch (state) {
    case RowState::Overdue:
        return bubbleFill(QColor(0xc0, 0x1c, 0x28), palette);
    case RowState::DueToday:
        return bubbleFill(QColor(0x1c, 0x71, 0xd8), palette);
    default:
        return palette.color(QPalette::Mid);
    }
}

QStringList bundledTypeIcons()
{
    QStringList names;
    QDirIterator it(u":/types"_s, { u"*.svg"_s });
    while (it.hasNext())
        names.append(it.nextFileInfo().completeBaseName());
    names.sort();
    return names;
}

QIcon typeIcon(const QString &themeName, const QColor &color, const QString &name)
{
    static QHash<QString, QIcon> cache;
    const QString key = themeName + u'|' + color.name() + u'|' + name;
    if (const auto it = cache.constFind(key); it != cache.cend())
        return *it;
    QIcon icon;
    const QString bundled = u":/types/%1.svg"_s.arg(themeName);
    const bool isBundled = !themeName.isEmpty() && QFile::exists(bundled);
    if (!isBundled && !themeName.isEmpty() && QIcon::hasThemeIcon(themeName)) {
        icon = QIcon::fromTheme(themeName);
    } else {
        // A rounded square in the type's colour with its glyph (bundled set)
        // or its initial, so the type looks the same on every desktop.
        const QColor fill = bubbleFill(color.isValid() ? color : QColor(0x77, 0x76, 0x7b), {});
        const QString letter = name.isEmpty() ? u"?"_s : name.left(1).toUpper();
        QSvgRenderer svg;
        if (isBundled)
            svg.load(bundled);
        for (int size : { 16, 20, 24, 32, 48 }) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            // A light rim keeps the square apart from a selection of a similar hue.
            p.setPen(QPen(QColor(255, 255, 255, 200), 1));
            p.setBrush(fill);
            p.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size * 0.22, size * 0.22);
            if (svg.isValid()) {
                QImage glyph(size, size, QImage::Format_ARGB32_Premultiplied);
                glyph.fill(Qt::transparent);
                QPainter g(&glyph);
                g.setRenderHint(QPainter::Antialiasing);
                const qreal margin = size * 0.14;
                svg.render(&g, QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
                g.setCompositionMode(QPainter::CompositionMode_SourceIn);
                g.fillRect(glyph.rect(), bubbleText(fill));
                g.end();
                p.drawImage(0, 0, glyph);
            } else {
                QFont font;
                font.setBold(true);
                font.setPixelSize(int(size * 0.62));
                p.setFont(font);
                p.setPen(bubbleText(fill));
                p.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, letter);
            }
            p.end();
            // The same colours when the row is selected: the type must stay recognisable.
            icon.addPixmap(pixmap, QIcon::Normal);
            icon.addPixmap(pixmap, QIcon::Selected);
        }
    }
    cache.insert(key, icon);
    return icon;
}

namespace {
// An icon drawn at each of `sizes`, the same for the normal and selected states.
QIcon drawnIcon(std::initializer_list<int> sizes, const std::function<void(QPainter &, int)> &draw)
{
    QIcon icon;
    for (int size : sizes) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        draw(p, size);
        p.end();
        icon.addPixmap(pixmap, QIcon::Normal);
        icon.addPixmap(pixmap, QIcon::Selected);
    }
    return icon;
}
} // namespace

QIcon statusDot(const QColor &statusColor, const QPalette &palette)
{
    if (!statusColor.isValid())
        return {};
    const QColor fill = bubbleFill(statusColor, palette);
    return drawnIcon({ 16, 24, 32 }, [fill](QPainter &p, int size) {
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        const double inset = size * 0.2;
        p.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
    });
}

QIcon solvedIcon(const QPalette &palette)
{
    const bool dark = isDark(palette);
    static QIcon cached[2];
    if (!cached[dark].isNull())
        return cached[dark];
    const QColor fill = dark ? QColor(0x57, 0xe3, 0x89) : QColor(0x1f, 0x8a, 0x4c);
    const QColor mark = dark ? DarkText : QColor(Qt::white);
    const QIcon icon = drawnIcon({ 16, 20, 24, 32, 48 }, [fill, mark](QPainter &p, int size) {
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
        QPainterPath check;
        check.moveTo(size * 0.27, size * 0.52);
        check.lineTo(size * 0.44, size * 0.68);
        check.lineTo(size * 0.74, size * 0.34);
        p.setPen(
            QPen(mark, std::max(1.5, size * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(check);
    });
    cached[dark] = icon;
    return icon;
}

QIcon pendingIcon(const QPalette &palette)
{
    const bool dark = isDark(palette);
    static QIcon cached[2];
    if (!cached[dark].isNull())
        return cached[dark];
    const QColor fill = dark ? QColor(0x99, 0xc1, 0xf1) : QColor(0x1c, 0x71, 0xd8);
    const QColor hands = dark ? DarkText : QColor(Qt::white);
    // The rim keeps the disc apart from a selection of a similar blue.
    const QColor rim = dark ? QColor(0x1a, 0x1a, 0x1a, 200) : QColor(255, 255, 255, 220);
    const QIcon icon = drawnIcon({ 16, 20, 24, 32, 48 }, [fill, hands, rim](QPainter &p, int size) {
        p.setPen(QPen(rim, 1));
        p.setBrush(fill);
        p.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
        const QPointF centre(size / 2.0, size / 2.0);
        p.setPen(
            QPen(hands, std::max(1.5, size * 0.11), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawLine(centre, QPointF(size / 2.0, size * 0.22));
        p.drawLine(centre, QPointF(size * 0.7, size * 0.62));
    });
    cached[dark] = icon;
    return icon;
}

QIcon lockIcon(const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::Text);
    return drawnIcon({ 16, 20, 24, 32 }, [ink](QPainter &p, int size) {
        const qreal w = size;
        p.setPen(QPen(ink, std::max(1.5, w * 0.1), Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(w * 0.3, w * 0.12, w * 0.4, w * 0.5), 0, 180 * 16);
        p.drawLine(QPointF(w * 0.3, w * 0.37), QPointF(w * 0.3, w * 0.45));
        p.drawLine(QPointF(w * 0.7, w * 0.37), QPointF(w * 0.7, w * 0.45));
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        p.drawRoundedRect(QRectF(w * 0.18, w * 0.45, w * 0.64, w * 0.45), w * 0.08, w * 0.08);
    });
}

QColor internalTint(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor amber(0xf5, 0xc2, 0x11);
    const qreal share = isDark(palette) ? 0.16 : 0.22;
    return QColor::fromRgbF(base.redF() + (amber.redF() - base.redF()) * share,
        base.greenF() + (amber.greenF() - base.greenF()) * share,
        base.blueF() + (amber.blueF() - base.blueF()) * share);
}

} // namespace Tessera::Ui::TicketStyle
