// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewfields.h"

#include <QString>

namespace Tessera::Ui {

/// Names people read for the view catalogue's wire names: fields, operators,
/// enum values and groupings. Unknown names come back readable, untranslated.
namespace ViewLabels {

QString field(const ViewField &field);
QString field(const QString &name, const QList<CustomFieldDef> &customFields);
QString op(const QString &op, ViewFieldType type);
QString enumValue(const QString &wireName);
QString groupBy(const QString &name, const QList<CustomFieldDef> &customFields);

} // namespace ViewLabels

} // namespace Tessera::Ui
