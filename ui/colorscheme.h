// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Tessera::Ui {

enum class ColorScheme { System, Light, Dark };

/// Parses "system", "light" or "dark"; System for anything else.
ColorScheme colorSchemeFromString(const QString &name);

/// Follows the platform's light/dark setting (System), or forces one. Forced
/// schemes use the Fusion style, whose palette roles we fully control.
void applyColorScheme(ColorScheme scheme);

} // namespace Tessera::Ui
