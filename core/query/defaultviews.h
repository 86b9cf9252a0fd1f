// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

namespace Tessera {

/// A built-in view of PRODUCT.md B1. `key` is stable (settings refer to it);
/// `title` is untranslated: translate with QCoreApplication::translate("DefaultViews", title).
struct DefaultView
{
    QString key;
    const char *title;
    ViewSpec spec;
};

/// Every default view, in the order the Views panel lists them.
const QList<DefaultView> &defaultViews();

} // namespace Tessera
