// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/codec.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace Tessera::Ui {

/// The entities whose JSON `sql` selects (one column, one `?` bound to
/// `key`): the rows of one ticket, or one type, without reading the table.
template<typename T>
QList<T> rowsOf(const Store &store, const QString &sql, const QUuid &key)
{
    QList<T> result;
    if (key.isNull())
        return result;
    QSqlQuery query(store.connection());
    query.prepare(sql);
    query.addBindValue(key.toString(QUuid::WithoutBraces));
    if (!query.exec())
        return result;
    while (query.next()) {
        if (auto decoded = Protocol::fromJson<T>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()))
            result.append(std::move(decoded).value());
    }
    return result;
}

} // namespace Tessera::Ui
