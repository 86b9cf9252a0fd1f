// SPDX-License-Identifier: GPL-3.0-or-later
#include "time/duration.h"

#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Tessera {

QString formatMinutes(qint64 minutes)
{
    const qint64 magnitude = std::abs(minutes);
    return (minutes < 0 ? u"-"_s : QString()) + QString::number(magnitude / 60) + u':'
        + QString::number(magnitude % 60).rightJustified(2, u'0');
}

std::optional<int> parseMinutes(QStringView text)
{
    const QString input = text.trimmed().toString().toLower();
    static const QRegularExpression clock(u"^(\\d{1,3}):([0-5]\\d)$"_s);
    static const QRegularExpression plain(u"^(\\d{1,5})$"_s);
    static const QRegularExpression units(
        u"^(?:(\\d+(?:[.,]\\d+)?)\\s*h)?\\s*(?:(\\d+)\\s*m(?:in)?)?$"_s);
    if (const auto m = clock.match(input); m.hasMatch())
        return m.captured(1).toInt() * 60 + m.captured(2).toInt();
    if (const auto m = plain.match(input); m.hasMatch())
        return m.captured(1).toInt();
    const auto m = units.match(input);
    if (input.isEmpty() || !m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty()))
        return std::nullopt;
    const double hours = QString(m.captured(1)).replace(u',', u'.').toDouble();
    const double total = hours * 60 + m.captured(2).toInt();
    if (total > 1e6)
        return std::nullopt;
    return int(std::lround(total));
}

} // namespace Tessera
