// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>

/// Response headers of GET /api/v1/changes that repeat the page's cursor
/// fields (next, head, more), so that a client learns where the next page
/// starts without parsing the body first.
namespace Tessera::Protocol::CursorHeaders {

inline constexpr QLatin1StringView Next { "Tessera-Next" };
inline constexpr QLatin1StringView Head { "Tessera-Head" };
inline constexpr QLatin1StringView More { "Tessera-More" };

} // namespace Tessera::Protocol::CursorHeaders
