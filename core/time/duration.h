// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Tessera {

/// Minutes as hours and minutes, "1:05": the same in every language, so
/// lists, totals and exports line up.
QString formatMinutes(qint64 minutes);

/// What an agent types for a duration: "1:30", "90" (minutes), "1h 30m",
/// "1.5h", "45m". Empty, negative or malformed input gives nullopt.
std::optional<int> parseMinutes(QStringView text);

} // namespace Tessera
