// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/viewspec.h"

#include "protocol/jsonreader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

constexpr int MaxDepth = 8;
constexpr int MaxNodes = 256;
constexpr int MaxSortKeys = 8;
constexpr int MaxColumns = 64;

Result<FilterNode> parseNode(const QJsonValue &value, const QString &where, int depth, int &nodes)
{
    if (++nodes > MaxNodes)
        return Error::invalid(u"view.filter has more than %1 conditions"_s.arg(MaxNodes));
    if (depth > MaxDepth)
        return Error::invalid(u"view.filter is nested deeper than %1 levels"_s.arg(MaxDepth));
    if (!value.isObject())
        return Error::invalid(where + u" must be an object"_s);
    const QJsonObject object = value.toObject();
    for (const auto group : { "all"_L1, "any"_L1 }) {
        if (!object.contains(group))
            continue;
        if (object.size() != 1)
            return Error::invalid(where + u" mixes \"%1\" with other keys"_s.arg(group));
        if (!object.value(group).isArray())
            return Error::invalid(where + u".%1 must be an array"_s.arg(group));
        FilterNode node;
        node.kind = group == "all"_L1 ? FilterNode::Kind::All : FilterNode::Kind::Any;
        const QJsonArray items = object.value(group).toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            auto child
                = parseNode(items.at(i), where + u".%1[%2]"_s.arg(group).arg(i), depth + 1, nodes);
            if (!child)
                return child.error();
            node.children.append(child.value());
        }
        return node;
    }
    Protocol::JsonReader r(object, where);
    Condition c;
    c.field = r.string("field"_L1, Protocol::JsonReader::Required, 80);
    c.op = r.string("op"_L1, Protocol::JsonReader::Required, 32);
    c.value = r.value("value"_L1);
    if (c.value.isUndefined())
        c.value = QJsonValue();
    if (auto done = r.finish(); !done)
        return done.error();
    return FilterNode { FilterNode::Kind::Condition, {}, c };
}

QJsonValue nodeToJson(const FilterNode &node)
{
    if (node.kind == FilterNode::Kind::Condition) {
        QJsonObject c { { u"field"_s, node.condition.field }, { u"op"_s, node.condition.op } };
        if (!node.condition.value.isNull() && !node.condition.value.isUndefined())
            c.insert(u"value"_s, node.condition.value);
        return c;
    }
    QJsonArray children;
    for (const FilterNode &child : node.children)
        children.append(nodeToJson(child));
    return QJsonObject { { node.kind == FilterNode::Kind::All ? u"all"_s : u"any"_s, children } };
}

} // namespace

Result<ViewSpec> ViewSpec::fromJson(const QJsonObject &json)
{
    Protocol::JsonReader r(json, u"view"_s);
    ViewSpec spec;
    const QJsonValue filter = r.value("filter"_L1);
    const QJsonArray sort = r.array("sort"_L1);
    spec.groupBy = r.string("group_by"_L1, Protocol::JsonReader::Optional, 80);
    const QJsonArray columns = r.array("columns"_L1);
    if (auto done = r.finish(); !done)
        return done.error();

    if (!filter.isUndefined() && !filter.isNull()) {
        int nodes = 0;
        auto parsed = parseNode(filter, u"view.filter"_s, 0, nodes);
        if (!parsed)
            return parsed.error();
        spec.filter = parsed.value();
    }
    if (sort.size() > MaxSortKeys)
        return Error::invalid(u"view.sort has more than %1 keys"_s.arg(MaxSortKeys));
    for (qsizetype i = 0; i < sort.size(); ++i) {
        Protocol::JsonReader k(sort.at(i).toObject(), u"view.sort[%1]"_s.arg(i));
        if (!sort.at(i).isObject())
            return Error::invalid(u"view.sort[%1] must be an object"_s.arg(i));
        SortKey key;
        key.field = k.string("field"_L1, Protocol::JsonReader::Required, 80);
        const QString dir = k.string("dir"_L1, Protocol::JsonReader::Optional, 256);
        if (!dir.isEmpty() && dir != u"asc"_s && dir != u"desc"_s)
            k.fail("dir"_L1, u"must be \"asc\" or \"desc\""_s);
        key.descending = dir == u"desc"_s;
        if (auto done = k.finish(); !done)
            return done.error();
        spec.sort.append(key);
    }
    if (columns.size() > MaxColumns)
        return Error::invalid(u"view.columns has more than %1 entries"_s.arg(MaxColumns));
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (!columns.at(i).isObject())
            return Error::invalid(u"view.columns[%1] must be an object"_s.arg(i));
        Protocol::JsonReader c(columns.at(i).toObject(), u"view.columns[%1]"_s.arg(i));
        ColumnSpec column;
        column.field = c.string("field"_L1, Protocol::JsonReader::Required, 80);
        column.width = int(c.integer("width"_L1, 0, 4000));
        if (auto done = c.finish(); !done)
            return done.error();
        spec.columns.append(column);
    }
    return spec;
}

QJsonObject ViewSpec::toJson() const
{
    QJsonObject json;
    if (!filter.isEmpty())
        json.insert(u"filter"_s, nodeToJson(filter));
    QJsonArray sortKeys;
    for (const SortKey &key : sort)
        sortKeys.append(QJsonObject {
            { u"field"_s, key.field }, { u"dir"_s, key.descending ? u"desc"_s : u"asc"_s } });
    if (!sortKeys.isEmpty())
        json.insert(u"sort"_s, sortKeys);
    if (!groupBy.isEmpty())
        json.insert(u"group_by"_s, groupBy);
    QJsonArray columnList;
    for (const ColumnSpec &column : columns) {
        QJsonObject c { { u"field"_s, column.field } };
        if (column.width > 0)
            c.insert(u"width"_s, column.width);
        columnList.append(c);
    }
    if (!columnList.isEmpty())
        json.insert(u"columns"_s, columnList);
    return json;
}

} // namespace Tessera
