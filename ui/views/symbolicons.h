// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

class QWidget;

namespace Tessera::Ui {

enum class Symbol { Add, Remove, Up, Down };

/// The icon theme's icon for a small editing action, or a plain glyph
/// drawn in the widget's text colour where the theme has none.
QIcon symbolIcon(Symbol symbol, const QWidget *widget);

} // namespace Tessera::Ui
