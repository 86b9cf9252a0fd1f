// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/ticketlistmodel.h"

#include "query/viewfields.h"
#include "query/viewqueries.h"
#include "store/store.h"
#include "tickets/ticketroles.h"
#include "tickets/ticketstyle.h"
#include "time/duration.h"
#include "uilogging.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLocale>
#include <QTimer>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

/// One group header and the first rows of its tickets, in view order. An
/// ungrouped list is one group without a header.
struct Group
{
    QVariant key;
    QString sqlLabel;
    qint64 count = 0;
    QList<TicketRow> rows;
    bool exhausted = false; // a fetch came back short: nothing more to read
    int row = 0;
};

QString keyString(const QVariant &key)
{
    return key.isNull() ? u"\u0001"_s : key.toString();
}

struct Column
{
    QString field;
    ViewFieldType type = ViewFieldType::Text;
    std::optional<CustomFieldDef> custom;
};

struct StatusInfo
{
    QString name;
    QString label; // the name, with its type when another status shares the name
    QColor color;
    QString category;
};

struct TypeInfo
{
    QString name;
    QIcon icon;
    QColor color;
};

bool isOpenCategory(QStringView category)
{
    return category == u"new"_s || category == u"open"_s || category == u"pending"_s
        || category == u"on_hold"_s;
}

// The fields a row of the list carries (TicketRow), so the list can show them.
const QStringList &displayableFields()
{
    static const QStringList fields { u"number"_s, u"title"_s, u"kind"_s, u"type"_s, u"status"_s,
        u"status_category"_s, u"priority"_s, u"requester"_s, u"assignee"_s, u"department"_s,
        u"organization"_s, u"project"_s, u"percent_complete"_s, u"time_spent"_s, u"created_at"_s,
        u"updated_at"_s, u"first_response_due"_s, u"resolution_due"_s, u"solved_at"_s };
    return fields;
}

// Longest increasing subsequence of `values`: which positions keep their place.
QList<bool> increasingRun(const QList<int> &values)
{
    QList<int> tails; // index into values of the smallest tail of each length
    QList<int> previous(values.size(), -1);
    for (int i = 0; i < values.size(); ++i) {
        auto it = std::lower_bound(tails.begin(), tails.end(), values.at(i),
            [&](int index, int value) { return values.at(index) < value; });
        if (it != tails.begin())
            previous[i] = *(it - 1);
        if (it == tails.end())
            tails.append(i);
        else
            *it = i;
    }
    QList<bool> keep(values.size(), false);
    for (int i = tails.isEmpty() ? -1 : tails.last(); i >= 0; i = previous.at(i))
        keep[i] = true;
    return keep;
}

/// Turns `current` into `target` (both without duplicates) with as few row
/// operations as it takes: removals, single-row moves, insertions. The
/// callbacks announce and apply each step on the real container.
template<typename Key>
void reconcile(QList<Key> current, const QList<Key> &target,
    const std::function<void(int first, int last)> &remove,
    const std::function<void(int from, int to)> &move,
    const std::function<void(int at, int targetFirst, int count)> &insert)
{
    QHash<Key, int> position;
    for (int i = 0; i < target.size(); ++i)
        position.insert(target.at(i), i);

    for (int i = int(current.size()) - 1; i >= 0;) {
        if (position.contains(current.at(i))) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !position.contains(current.at(first - 1)))
            --first;
        remove(first, i);
        current.remove(first, i - first + 1);
        i = first - 1;
    }

    QList<int> order;
    order.reserve(current.size());
    for (const Key &key : std::as_const(current))
        order.append(position.value(key));
    const QList<bool> stays = increasingRun(order);
    QSet<Key> placed;
    QList<Key> movers;
    for (int i = 0; i < current.size(); ++i) {
        if (stays.at(i))
            placed.insert(current.at(i));
        else
            movers.append(current.at(i));
    }
    for (const Key &key : std::as_const(movers)) {
        const int from = int(current.indexOf(key));
        const int wanted = position.value(key);
        int to = int(current.size());
        for (int j = 0; j < current.size(); ++j) {
            if (placed.contains(current.at(j)) && position.value(current.at(j)) > wanted) {
                to = j;
                break;
            }
        }
        if (to != from && to != from + 1) {
            move(from, to);
            current.move(from, to > from ? to - 1 : to);
        }
        placed.insert(key);
    }

    for (int i = 0; i < target.size();) {
        if (i < current.size() && current.at(i) == target.at(i)) {
            ++i;
            continue;
        }
        int count = 0;
        while (i + count < target.size()
            && !(i < current.size() && current.at(i) == target.at(i + count)))
            ++count;
        insert(i, i, count);
        for (int k = 0; k < count; ++k)
            current.insert(i + k, target.at(i + k));
        i += count;
    }
}

} // namespace

struct TicketListModel::Private
{
    TicketListModel *q = nullptr;
    Store *store = nullptr;
    QueryContext context;
    ViewSpec spec;
    std::optional<CompiledView> compiled;
    QString error;
    bool grouped = false;
    std::vector<std::unique_ptr<Group>> groups;
    int pageSize = DefaultPageSize;
    bool fetchPaused = false;
    // While the model announces a change, observers that ask for more rows
    // (views, testers) are told there are none, so no fetch nests in a change.
    int changing = 0;
    struct Changing
    {
        explicit Changing(Private *p)
            : p(p)
        {
            ++p->changing;
        }
        ~Changing() { --p->changing; }
        Private *p;
    };
    QDateTime now;

    QList<Column> columns;
    QList<CustomFieldDef> customFields;
    QHash<StatusId, StatusInfo> statuses;
    QHash<TicketTypeId, TypeInfo> types;
    mutable QHash<int, QHash<QUuid, QString>> names; // by EntityKind

    QSet<TicketId> pending;
    bool pendingAll = false;
    bool pendingColumns = false;
    QTimer applyTimer;
    QTimer clock;

    // --- structure ---------------------------------------------------------------
    Group *root() const { return groups.empty() ? nullptr : groups.front().get(); }
    // The group of a ticket row; null for a group header row.
    Group *groupOf(const QModelIndex &index) const
    {
        if (!index.isValid())
            return nullptr;
        if (!grouped)
            return root();
        return static_cast<Group *>(index.internalPointer());
    }
    Group *headerAt(const QModelIndex &index) const
    {
        if (!grouped || !index.isValid() || index.internalPointer())
            return nullptr;
        return index.row() < int(groups.size()) ? groups.at(index.row()).get() : nullptr;
    }
    // The group whose rows live under `parent`.
    Group *childrenOf(const QModelIndex &parent) const
    {
        if (!grouped)
            return parent.isValid() ? nullptr : root();
        return headerAt(parent);
    }
    QModelIndex parentIndex(const Group *group) const
    {
        return grouped ? q->createIndex(group->row, 0, nullptr) : QModelIndex();
    }
    void renumber()
    {
        for (size_t i = 0; i < groups.size(); ++i)
            groups[i]->row = int(i);
    }
    Group *findGroup(const QString &key) const
    {
        for (const auto &group : groups) {
            if (keyString(group->key) == key)
                return group.get();
        }
        return nullptr;
    }
    std::pair<Group *, int> locate(TicketId id) const
    {
        for (const auto &group : groups) {
            for (int i = 0; i < group->rows.size(); ++i) {
                if (group->rows.at(i).id == id)
                    return { group.get(), i };
            }
        }
        return { nullptr, -1 };
    }
    int lastColumn() const { return int(columns.size()) - 1; }
    void rowsChanged(Group *group, int first, int last)
    {
        const QModelIndex parent = parentIndex(group);
        Q_EMIT q->dataChanged(q->index(first, 0, parent), q->index(last, lastColumn(), parent));
    }

    // --- reference data ------------------------------------------------------------
    void loadColumns();
    void loadStatusesAndTypes();
    QString nameOf(EntityKind kind, const QUuid &id) const;

    // --- queries -----------------------------------------------------------------------
    QueryContext queryContext() const
    {
        QueryContext c = context;
        c.now = now;
        c.customFields = customFields;
        return c;
    }
    void load();
    void applyPending();
    void refreshGroups(const ViewQueries &queries);
    void refreshWindow(
        Group *group, const QSet<TicketId> &changed, bool all, const ViewQueries &queries);
    bool sameOrder(const TicketRow &a, const TicketRow &b) const;

    // --- display -------------------------------------------------------------------------
    RowState stateOf(const TicketRow &row) const;
    QString groupLabel(const Group &group) const;
    QVariant display(const TicketRow &row, const Column &column) const;
    QString dueText(const TicketRow &row, const QDateTime &due) const;
    // Today's times as a time, other days as a date; the tooltip has both.
    QString dateText(const QDateTime &at) const
    {
        if (!at.isValid())
            return {};
        const QDateTime local = at.toTimeZone(context.timeZone);
        const QLocale locale;
        if (local.date() == now.toTimeZone(context.timeZone).date())
            return locale.toString(local.time(), shortTime());
        return locale.toString(local.date(), QLocale::ShortFormat);
    }
    QString fullDateText(const QDateTime &at) const
    {
        return at.isValid()
            ? QLocale().toString(at.toTimeZone(context.timeZone), QLocale::LongFormat)
            : QString();
    }
    static QString shortTime()
    {
        QString format = QLocale().timeFormat(QLocale::ShortFormat);
        format.remove(u":ss"_s);
        return format;
    }
};

// --- reference data --------------------------------------------------------------------

void TicketListModel::Private::loadColumns()
{
    customFields = store ? store->all<CustomFieldDef>() : QList<CustomFieldDef>();
    std::sort(customFields.begin(), customFields.end(),
        [](const CustomFieldDef &a, const CustomFieldDef &b) {
            return std::tie(a.position, a.name) < std::tie(b.position, b.name);
        });
    columns.clear();
    for (const ViewField &field : viewFields(customFields)) {
        if (field.custom || displayableFields().contains(field.name))
            columns.append({ field.name, field.type, field.custom });
    }
}

void TicketListModel::Private::loadStatusesAndTypes()
{
    statuses.clear();
    types.clear();
    if (!store)
        return;
    for (const TicketType &type : store->all<TicketType>())
        types.insert(type.id,
            { type.name, TicketStyle::typeIcon(type.icon, QColor(type.color), type.name),
                QColor(type.color) });
    const QList<Status> all = store->all<Status>();
    QHash<QString, int> sameName;
    for (const Status &status : all)
        ++sameName[status.name];
    for (const Status &status : all) {
        QString label = status.name;
        if (sameName.value(status.name) > 1 && types.contains(status.typeId))
            label = tr("%1 · %2", "status name · ticket type")
                        .arg(status.name, types.value(status.typeId).name);
        statuses.insert(
            status.id, { status.name, label, QColor(status.color), toWireName(status.category) });
    }
}

QString TicketListModel::Private::nameOf(EntityKind kind, const QUuid &id) const
{
    if (id.isNull() || !store)
        return {};
    auto &cache = names[int(kind)];
    if (const auto it = cache.constFind(id); it != cache.cend())
        return *it;
    const auto json = store->entityJson(kind, EntityId(id));
    const QString name = json ? json->value(u"name"_s).toString() : QString();
    cache.insert(id, name);
    return name;
}

// --- loading ----------------------------------------------------------------------------------

void TicketListModel::Private::load()
{
    groups.clear();
    compiled.reset();
    error.clear();
    grouped = false;
    now = context.now.isValid() ? context.now : QDateTime::currentDateTimeUtc();
    if (!store)
        return;
    auto view = compileView(spec, queryContext());
    if (!view) {
        error = view.error().message;
        return;
    }
    compiled = view.value();
    grouped = compiled->isGrouped();
    const ViewQueries queries(*store);
    if (!grouped) {
        auto rows = queries.rows(*compiled, std::nullopt, 0, pageSize);
        if (!rows) {
            error = rows.error().message;
            return;
        }
        auto group = std::make_unique<Group>();
        group->exhausted = rows->size() < pageSize;
        group->rows = std::move(rows).value();
        group->count = group->exhausted ? group->rows.size() : -1;
        groups.push_back(std::move(group));
        return;
    }
    auto headers = queries.groups(*compiled);
    if (!headers) {
        error = headers.error().message;
        return;
    }
    for (const GroupRow &header : headers.value()) {
        auto group = std::make_unique<Group>();
        group->key = header.key;
        group->sqlLabel = header.label;
        group->count = header.count;
        groups.push_back(std::move(group));
    }
    renumber();
    // The first page, group after group, as the list first shows it.
    auto page = queries.firstPage(*compiled, headers.value(), pageSize);
    if (!page) {
        error = page.error().message;
        groups.clear();
        return;
    }
    size_t g = 0;
    for (TicketRow &row : page.value()) {
        const QString key = keyString(row.groupKey);
        while (g < groups.size() && keyString(groups[g]->key) != key)
            ++g;
        if (g == groups.size())
            break;
        groups[g]->rows.append(std::move(row));
    }
}

bool TicketListModel::Private::sameOrder(const TicketRow &a, const TicketRow &b) const
{
    for (const SortKey &key : std::as_const(spec.sort)) {
        const QString &f = key.field;
        bool same = false;
        if (f == u"number"_s)
            same = a.number == b.number;
        else if (f == u"title"_s)
            same = a.title == b.title;
        else if (f == u"kind"_s)
            same = a.kind == b.kind;
        else if (f == u"type"_s)
            same = a.typeId == b.typeId;
        else if (f == u"status"_s || f == u"status_category"_s)
            same = a.statusId == b.statusId && a.statusCategory == b.statusCategory;
        else if (f == u"priority"_s)
            same = a.priority == b.priority;
        else if (f == u"requester"_s)
            same = a.requesterId == b.requesterId;
        else if (f == u"assignee"_s)
            same = a.assigneeId == b.assigneeId;
        else if (f == u"department"_s)
            same = a.departmentId == b.departmentId;
        else if (f == u"organization"_s)
            same = a.organizationId == b.organizationId;
        else if (f == u"project"_s)
            same = a.projectId == b.projectId;
        else if (f == u"percent_complete"_s)
            same = a.percentComplete == b.percentComplete;
        else if (f == u"time_spent"_s)
            same = a.timeSpentMinutes == b.timeSpentMinutes;
        else if (f == u"created_at"_s)
            same = a.createdAt == b.createdAt;
        else if (f == u"updated_at"_s)
            same = a.updatedAt == b.updatedAt;
        else if (f == u"first_response_due"_s)
            same = a.firstResponseDue == b.firstResponseDue;
        else if (f == u"resolution_due"_s || f == u"due"_s)
            same = a.resolutionDue == b.resolutionDue;
        else if (f == u"solved_at"_s)
            same = a.solvedAt == b.solvedAt;
        else if (f.startsWith(u"cf:"_s))
            same = a.customFields.value(f.mid(3)) == b.customFields.value(f.mid(3));
        if (!same) // unknown fields (not in a row) count as changed
            return false;
    }
    return true;
}

// --- live updates ---------------------------------------------------------------------------

void TicketListModel::Private::applyPending()
{
    const Changing guard(this);
    const QSet<TicketId> changed = std::exchange(pending, {});
    const bool all = std::exchange(pendingAll, false);
    if (pendingColumns || changed.size() > LargeChange) {
        q->reload();
        return;
    }
    if (!compiled || !store || (changed.isEmpty() && !all))
        return;
    const ViewQueries queries(*store);
    QHash<TicketId, TicketRow> fresh;
    if (!changed.isEmpty()) {
        auto found = queries.rowsOf(*compiled, changed.values());
        if (!found) {
            qCWarning(lcUi) << "ticket list: cannot read changed tickets:" << found.error().message;
            return;
        }
        for (TicketRow &row : found.value())
            fresh.insert(row.id, std::move(row));
    }

    QSet<QString> affected; // groups whose loaded window is read again
    bool countsChanged = all && grouped;
    if (all) {
        for (const auto &group : groups)
            affected.insert(keyString(group->key));
    }
    QList<TicketId> inPlace;
    QList<TicketId> leaving;
    for (const TicketId &id : changed) {
        const auto [group, row] = locate(id);
        const auto found = fresh.constFind(id);
        if (group) {
            // Without it the loaded rows are still the first ones of the view.
            if (found == fresh.cend()) {
                leaving.append(id);
                continue;
            }
            if (found != fresh.cend()
                && (!grouped || keyString(found->groupKey) == keyString(group->key))
                && sameOrder(group->rows.at(row), *found)) {
                inPlace.append(id);
                continue;
            }
            affected.insert(keyString(group->key));
        }
        countsChanged = countsChanged || grouped;
        if (found != fresh.cend())
            affected.insert(grouped ? keyString(found->groupKey) : keyString(root()->key));
    }

    for (const TicketId &id : std::as_const(inPlace)) {
        const auto [group, row] = locate(id);
        if (affected.contains(keyString(group->key)))
            continue; // read again below
        group->rows[row] = fresh.value(id);
        rowsChanged(group, row, row);
    }
    for (const TicketId &id : std::as_const(leaving)) {
        const auto [group, row] = locate(id);
        if (!group || affected.contains(keyString(group->key)))
            continue; // read again below
        q->beginRemoveRows(parentIndex(group), row, row);
        group->rows.removeAt(row);
        q->endRemoveRows();
        if (!grouped) {
            if (group->exhausted)
                group->count = group->rows.size();
        } else if (--group->count > 0 || !group->rows.isEmpty()) {
            const QModelIndex header = parentIndex(group);
            Q_EMIT q->dataChanged(header, header.siblingAtColumn(lastColumn()));
        } else {
            const int at = group->row;
            q->beginRemoveRows({}, at, at);
            auto gone = std::move(groups[at]);
            groups.erase(groups.begin() + at);
            renumber();
            q->endRemoveRows();
        }
    }
    if (countsChanged)
        refreshGroups(queries);
    for (const QString &key : std::as_const(affected)) {
        Group *group = findGroup(key);
        // A group never opened has nothing loaded to correct.
        if (group && (!grouped || !group->rows.isEmpty()))
            refreshWindow(group, changed, all, queries);
    }
}

void TicketListModel::Private::refreshGroups(const ViewQueries &queries)
{
    auto fresh = queries.groups(*compiled);
    if (!fresh) {
        qCWarning(lcUi) << "ticket list: cannot read groups:" << fresh.error().message;
        return;
    }
    QList<QString> current;
    for (const auto &group : groups)
        current.append(keyString(group->key));
    QList<QString> target;
    for (const GroupRow &row : fresh.value())
        target.append(keyString(row.key));

    reconcile<QString>(
        current, target,
        [&](int first, int last) {
            q->beginRemoveRows({}, first, last);
            std::vector<std::unique_ptr<Group>> gone;
            for (int i = first; i <= last; ++i)
                gone.push_back(std::move(groups[i]));
            groups.erase(groups.begin() + first, groups.begin() + last + 1);
            renumber();
            q->endRemoveRows();
        },
        [&](int from, int to) {
            q->beginMoveRows({}, from, from, {}, to);
            auto moving = std::move(groups[from]);
            groups.erase(groups.begin() + from);
            groups.insert(groups.begin() + (to > from ? to - 1 : to), std::move(moving));
            renumber();
            q->endMoveRows();
        },
        [&](int at, int targetFirst, int count) {
            q->beginInsertRows({}, at, at + count - 1);
            for (int i = 0; i < count; ++i) {
                const GroupRow &header = fresh->at(targetFirst + i);
                auto group = std::make_unique<Group>();
                group->key = header.key;
                group->sqlLabel = header.label;
                group->count = header.count;
                groups.insert(groups.begin() + at + i, std::move(group));
            }
            renumber();
            q->endInsertRows();
        });

    for (size_t i = 0; i < groups.size(); ++i) {
        Group &group = *groups[i];
        const GroupRow &header = fresh->at(qsizetype(i));
        if (group.count == header.count && group.sqlLabel == header.label)
            continue;
        if (group.count != header.count)
            group.exhausted = false;
        group.count = header.count;
        group.sqlLabel = header.label;
        const QModelIndex first = q->index(int(i), 0);
        Q_EMIT q->dataChanged(first, q->index(int(i), lastColumn()));
    }
}

void TicketListModel::Private::refreshWindow(
    Group *group, const QSet<TicketId> &changed, bool all, const ViewQueries &queries)
{
    const int loaded = int(group->rows.size());
    const int wanted = loaded + std::max<int>(1, int(changed.size()));
    auto read
        = queries.rows(*compiled, grouped ? std::optional(group->key) : std::nullopt, 0, wanted);
    if (!read) {
        qCWarning(lcUi) << "ticket list: cannot read rows again:" << read.error().message;
        return;
    }
    QList<TicketRow> rows = std::move(read).value();
    const bool exhausted = rows.size() < wanted;
    if (!exhausted) {
        // Keep a prefix of the view's order that ends with a row we knew of.
        QSet<TicketId> known = changed;
        for (const TicketRow &row : std::as_const(group->rows))
            known.insert(row.id);
        qsizetype keep = 0;
        for (qsizetype i = rows.size() - 1; i >= 0; --i) {
            if (known.contains(rows.at(i).id)) {
                keep = i + 1;
                break;
            }
        }
        rows.resize(keep);
    }
    group->exhausted = exhausted;
    if (!grouped)
        group->count = exhausted ? rows.size() : -1;

    QList<TicketId> current;
    for (const TicketRow &row : std::as_const(group->rows))
        current.append(row.id);
    QList<TicketId> target;
    QHash<TicketId, qsizetype> fresh;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        target.append(rows.at(i).id);
        fresh.insert(rows.at(i).id, i);
    }
    QSet<TicketId> inserted;
    const QModelIndex parent = parentIndex(group);
    reconcile<TicketId>(
        current, target,
        [&](int first, int last) {
            q->beginRemoveRows(parent, first, last);
            group->rows.remove(first, last - first + 1);
            q->endRemoveRows();
        },
        [&](int from, int to) {
            q->beginMoveRows(parent, from, from, parent, to);
            group->rows.move(from, to > from ? to - 1 : to);
            q->endMoveRows();
        },
        [&](int at, int targetFirst, int count) {
            q->beginInsertRows(parent, at, at + count - 1);
            for (int i = 0; i < count; ++i) {
                group->rows.insert(at + i, rows.at(targetFirst + i));
                inserted.insert(rows.at(targetFirst + i).id);
            }
            q->endInsertRows();
        });

    // Changed rows that stayed (or moved) get their new values, in runs.
    int runStart = -1;
    for (int i = 0; i <= group->rows.size(); ++i) {
        bool touched = false;
        if (i < group->rows.size()) {
            const TicketId id = group->rows.at(i).id;
            touched = !inserted.contains(id) && (all || changed.contains(id));
            if (touched)
                group->rows[i] = rows.at(fresh.value(id));
        }
        if (touched && runStart < 0)
            runStart = i;
        if (!touched && runStart >= 0) {
            rowsChanged(group, runStart, i - 1);
            runStart = -1;
        }
    }
}

// --- display ------------------------------------------------------------------------------------

RowState TicketListModel::Private::stateOf(const TicketRow &row) const
{
    if (row.statusCategory == u"solved"_s || row.statusCategory == u"closed"_s)
        return RowState::Solved;
    if (!row.resolutionDue.isValid() || !isOpenCategory(row.statusCategory))
        return RowState::Normal;
    if (row.resolutionDue < now)
        return RowState::Overdue;
    if (row.resolutionDue.toTimeZone(context.timeZone).date()
        == now.toTimeZone(context.timeZone).date())
        return RowState::DueToday;
    return RowState::Normal;
}

namespace {

QString categoryName(const QString &category)
{
    if (category == u"new"_s)
        return TicketListModel::tr("New");
    if (category == u"open"_s)
        return TicketListModel::tr("Open");
    if (category == u"pending"_s)
        return TicketListModel::tr("Pending");
    if (category == u"on_hold"_s)
        return TicketListModel::tr("On hold");
    if (category == u"solved"_s)
        return TicketListModel::tr("Solved");
    if (category == u"closed"_s)
        return TicketListModel::tr("Closed");
    return category;
}

QString priorityName(Priority priority)
{
    switch (priority) {
    case Priority::Low:
        return TicketListModel::tr("Low");
    case Priority::Normal:
        return TicketListModel::tr("Normal");
    case Priority::High:
        return TicketListModel::tr("High");
    case Priority::Urgent:
        return TicketListModel::tr("Urgent");
    }
    return {};
}

// A short span: "45 min", "3 h", "2 d".
QString spanText(qint64 seconds)
{
    seconds = std::abs(seconds);
    if (seconds < 3600)
        return TicketListModel::tr("%1 min").arg(std::max<qint64>(1, seconds / 60));
    if (seconds < 86400)
        return TicketListModel::tr("%1 h").arg(seconds / 3600);
    return TicketListModel::tr("%1 d").arg(seconds / 86400);
}

} // namespace

QString TicketListModel::Private::dueText(const TicketRow &row, const QDateTime &due) const
{
    if (!due.isValid())
        return {};
    if (!isOpenCategory(row.statusCategory))
        return dateText(due);
    const qint64 seconds = now.secsTo(due);
    if (seconds < 0)
        return tr("%1 overdue").arg(spanText(seconds));
    if (seconds < 7 * 86400)
        return tr("in %1").arg(spanText(seconds));
    return dateText(due);
}

QString TicketListModel::Private::groupLabel(const Group &group) const
{
    const QString &by = spec.groupBy;
    if (by == u"due_bucket"_s) {
        static const QHash<QString, const char *> buckets {
            { u"overdue"_s, QT_TR_NOOP("Overdue") },
            { u"today"_s, QT_TR_NOOP("Due today") },
            { u"tomorrow"_s, QT_TR_NOOP("Due tomorrow") },
            { u"this_week"_s, QT_TR_NOOP("Due this week") },
            { u"later"_s, QT_TR_NOOP("Due later") },
            { u"none"_s, QT_TR_NOOP("No due date") },
        };
        const char *text = buckets.value(group.sqlLabel);
        return text ? tr(text) : group.sqlLabel;
    }
    if (group.key.isNull()) {
        if (by == u"assignee"_s)
            return tr("Unassigned");
        if (by == u"requester"_s)
            return tr("No requester");
        if (by == u"department"_s)
            return tr("No department");
        if (by == u"organization"_s)
            return tr("No organization");
        if (by == u"project"_s)
            return tr("No project");
        return tr("No value");
    }
    if (by == u"status"_s) {
        const auto it = statuses.constFind(StatusId::fromString(group.key.toString()));
        return it != statuses.cend() ? it->label : group.sqlLabel;
    }
    if (by == u"type"_s) {
        const auto it = types.constFind(TicketTypeId::fromString(group.key.toString()));
        return it != types.cend() ? it->name : group.sqlLabel;
    }
    if (by == u"status_category"_s)
        return categoryName(group.key.toString());
    if (by == u"priority"_s)
        return priorityName(Priority(std::clamp(group.key.toInt(), 0, 3)));
    if (by.startsWith(u"cf:"_s)) {
        for (const CustomFieldDef &def : customFields) {
            if (u"cf:"_s + def.id.toString() != by)
                continue;
            if (def.fieldType == FieldType::User)
                return nameOf(EntityKind::Person, QUuid::fromString(group.key.toString()));
            if (def.fieldType == FieldType::Checkbox)
                return group.key.toBool() ? tr("Yes") : tr("No");
            if (def.fieldType == FieldType::Date)
                return QLocale().toString(
                    QDate::fromString(group.key.toString(), Qt::ISODate), QLocale::ShortFormat);
        }
        return group.key.toString();
    }
    if (group.sqlLabel.isEmpty())
        return group.key.toString();
    // Two people may share a name: their addresses tell the groups apart.
    if (by == u"assignee"_s || by == u"requester"_s) {
        const bool shared = std::any_of(groups.cbegin(), groups.cend(), [&](const auto &other) {
            return other.get() != &group && other->sqlLabel == group.sqlLabel;
        });
        if (shared) {
            const auto person
                = store->entityJson(EntityKind::Person, EntityId::fromString(group.key.toString()));
            if (person && !person->value(u"email"_s).toString().isEmpty())
                return tr("%1 (%2)", "person name (email)")
                    .arg(group.sqlLabel, person->value(u"email"_s).toString());
        }
    }
    return group.sqlLabel;
}

QVariant TicketListModel::Private::display(const TicketRow &row, const Column &column) const
{
    const QString &f = column.field;
    if (column.custom) {
        const QJsonValue value = row.customFields.value(column.custom->id.toString());
        if (value.isUndefined() || value.isNull())
            return QString();
        switch (column.custom->fieldType) {
        case FieldType::Checkbox:
            return value.toBool() ? tr("Yes") : tr("No");
        case FieldType::Number:
            return QLocale().toString(value.toDouble());
        case FieldType::Date:
            return QLocale().toString(
                QDate::fromString(value.toString(), Qt::ISODate), QLocale::ShortFormat);
        case FieldType::User:
            return nameOf(EntityKind::Person, QUuid::fromString(value.toString()));
        case FieldType::MultiChoice: {
            QStringList values;
            for (const QJsonValue &v : value.toArray())
                values.append(v.toString());
            return values.join(u", "_s);
        }
        case FieldType::Text:
        case FieldType::Choice:
            return value.toString();
        }
        return value.toVariant();
    }
    if (f == u"number"_s)
        return row.number > 0 ? QString::number(row.number) : tr("pending", "not yet synced");
    if (f == u"title"_s)
        return row.title;
    if (f == u"kind"_s)
        return row.kind == TicketKind::Task ? tr("Task") : tr("Ticket");
    if (f == u"type"_s)
        return types.value(row.typeId).name;
    if (f == u"status"_s)
        return statuses.value(row.statusId).name;
    if (f == u"status_category"_s)
        return categoryName(row.statusCategory);
    if (f == u"priority"_s)
        return priorityName(row.priority);
    if (f == u"requester"_s)
        return nameOf(EntityKind::Person, row.requesterId.uuid());
    if (f == u"assignee"_s)
        return nameOf(EntityKind::Person, row.assigneeId.uuid());
    if (f == u"department"_s)
        return nameOf(EntityKind::Department, row.departmentId.uuid());
    if (f == u"organization"_s)
        return nameOf(EntityKind::Organization, row.organizationId.uuid());
    if (f == u"project"_s)
        return nameOf(EntityKind::Project, row.projectId.uuid());
    if (f == u"percent_complete"_s)
        return tr("%1 %").arg(row.percentComplete);
    if (f == u"time_spent"_s)
        return row.timeSpentMinutes > 0 ? formatMinutes(row.timeSpentMinutes) : QString();
    if (f == u"created_at"_s)
        return dateText(row.createdAt);
    if (f == u"updated_at"_s)
        return dateText(row.updatedAt);
    if (f == u"solved_at"_s)
        return dateText(row.solvedAt);
    if (f == u"first_response_due"_s)
        return dueText(row, row.firstResponseDue);
    if (f == u"resolution_due"_s)
        return dueText(row, row.resolutionDue);
    return {};
}

// --- the model ------------------------------------------------------------------------------

TicketListModel::TicketListModel(Store *store, QueryContext context, QObject *parent)
    : QAbstractItemModel(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->store = store;
    d->context = std::move(context);
    d->loadColumns();
    d->loadStatusesAndTypes();
    // Edits arrive one by one or in sync batches: one pass per turn of the event loop.
    d->applyTimer.setSingleShot(true);
    d->applyTimer.setInterval(0);
    connect(&d->applyTimer, &QTimer::timeout, this, [this] { d->applyPending(); });
    // Due badges and row tints follow the clock.
    d->clock.setInterval(60'000);
    connect(&d->clock, &QTimer::timeout, this, [this] {
        if (d->context.now.isValid())
            return;
        d->now = QDateTime::currentDateTimeUtc();
        for (const auto &group : d->groups) {
            if (!group->rows.isEmpty())
                d->rowsChanged(group.get(), 0, int(group->rows.size()) - 1);
        }
    });
    d->clock.start();
    if (d->store) {
        connect(
            d->store, &Store::changed, this, [this](EntityKind kind, const QList<EntityId> &ids) {
                switch (kind) {
                case EntityKind::Ticket:
                    for (const EntityId &id : ids)
                        d->pending.insert(id.as<TicketId>());
                    break;
                case EntityKind::Status:
                case EntityKind::TicketType:
                    d->loadStatusesAndTypes();
                    d->pendingAll = true;
                    break;
                case EntityKind::Person:
                case EntityKind::Department:
                case EntityKind::Organization:
                case EntityKind::Project:
                    d->names.remove(int(kind));
                    d->pendingAll = true;
                    break;
                case EntityKind::CustomField:
                    d->pendingColumns = true;
                    break;
                default:
                    return;
                }
                d->applyTimer.start();
            });
    }
}

TicketListModel::~TicketListModel() = default;

void TicketListModel::reload()
{
    const bool columnsChange = d->pendingColumns;
    {
        const Private::Changing guard(d.get());
        d->applyTimer.stop();
        d->pending.clear();
        d->pendingAll = false;
        beginResetModel();
        if (std::exchange(d->pendingColumns, false))
            d->loadColumns();
        d->load();
        endResetModel();
    }
    Q_EMIT loaded();
    if (columnsChange)
        Q_EMIT viewChanged(); // a custom field came or went: the list lays its columns out again
    if (!d->error.isEmpty()) {
        qCWarning(lcUi) << "ticket list: cannot show the view:" << d->error;
        Q_EMIT queryFailed(d->error);
    }
}

void TicketListModel::setView(const ViewSpec &spec)
{
    d->spec = spec;
    reload();
    Q_EMIT viewChanged();
}

ViewSpec TicketListModel::view() const
{
    return d->spec;
}

void TicketListModel::setGroupBy(const QString &field)
{
    d->spec.groupBy = field;
    reload();
    Q_EMIT viewChanged();
}

void TicketListModel::setSort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= d->columns.size())
        return;
    const auto field = findViewField(d->columns.at(column).field, d->customFields);
    if (!field || !canSortBy(*field))
        return;
    QList<SortKey> keys { { field->name, order == Qt::DescendingOrder } };
    for (const SortKey &key : std::as_const(d->spec.sort)) {
        const QString name = key.field == u"due"_s ? u"resolution_due"_s : key.field;
        if (name != field->name && keys.size() < 8)
            keys.append(key);
    }
    d->spec.sort = keys;
    reload();
    Q_EMIT viewChanged();
}

void TicketListModel::sort(int column, Qt::SortOrder order)
{
    setSort(column, order);
}

int TicketListModel::sortColumn() const
{
    return d->spec.sort.isEmpty() ? -1 : columnForField(d->spec.sort.first().field);
}

Qt::SortOrder TicketListModel::sortOrder() const
{
    return !d->spec.sort.isEmpty() && d->spec.sort.first().descending ? Qt::DescendingOrder
                                                                      : Qt::AscendingOrder;
}

void TicketListModel::setContext(const QueryContext &context)
{
    d->context = context;
    reload();
}

QueryContext TicketListModel::context() const
{
    return d->context;
}

void TicketListModel::setSearchText(const QString &text)
{
    if (d->context.search == text)
        return;
    d->context.search = text;
    reload();
}

int TicketListModel::pageSize() const
{
    return d->pageSize;
}

void TicketListModel::setPageSize(int rows)
{
    d->pageSize = std::max(1, rows);
}

bool TicketListModel::isGrouped() const
{
    return d->grouped;
}

qint64 TicketListModel::totalCount() const
{
    if (!d->grouped)
        return d->root() ? d->root()->count : 0;
    qint64 total = 0;
    for (const auto &group : d->groups)
        total += group->count;
    return total;
}

QString TicketListModel::errorString() const
{
    return d->error;
}

QString TicketListModel::fieldForColumn(int column) const
{
    return column >= 0 && column < d->columns.size() ? d->columns.at(column).field : QString();
}

int TicketListModel::columnForField(const QString &field) const
{
    const QString name = field == u"due"_s ? u"resolution_due"_s : field;
    for (int i = 0; i < d->columns.size(); ++i) {
        if (d->columns.at(i).field == name)
            return i;
    }
    return -1;
}

TicketId TicketListModel::ticketId(const QModelIndex &index) const
{
    const Group *group = d->groupOf(index);
    if (!group || index.row() >= group->rows.size())
        return {};
    return group->rows.at(index.row()).id;
}

QModelIndex TicketListModel::indexForTicket(TicketId id, int column) const
{
    const auto [group, row] = d->locate(id);
    if (!group)
        return {};
    return index(row, column, d->parentIndex(group));
}

void TicketListModel::setFetchPaused(bool paused)
{
    d->fetchPaused = paused;
}

QModelIndex TicketListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= d->columns.size())
        return {};
    if (d->grouped && !parent.isValid())
        return row < int(d->groups.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    Group *group = d->childrenOf(parent);
    if (!group || row >= group->rows.size())
        return {};
    return createIndex(row, column, d->grouped ? group : nullptr);
}

QModelIndex TicketListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !d->grouped || !child.internalPointer())
        return {};
    return d->parentIndex(static_cast<Group *>(child.internalPointer()));
}

int TicketListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (d->grouped && !parent.isValid())
        return int(d->groups.size());
    const Group *group = d->childrenOf(parent);
    return group ? int(group->rows.size()) : 0;
}

int TicketListModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return int(d->columns.size());
}

bool TicketListModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    if (!parent.isValid())
        return d->grouped ? !d->groups.empty() : (d->root() && !d->root()->rows.isEmpty());
    const Group *group = d->headerAt(parent);
    return group && (group->count > 0 || !group->rows.isEmpty());
}

Qt::ItemFlags TicketListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (d->headerAt(index))
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

bool TicketListModel::canFetchMore(const QModelIndex &parent) const
{
    if (d->fetchPaused || d->changing > 0 || parent.column() > 0)
        return false;
    const Group *group = d->childrenOf(parent);
    if (!group || group->exhausted || !d->compiled)
        return false;
    return !d->grouped || group->rows.size() < group->count;
}

void TicketListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const Private::Changing guard(d.get());
    Group *group = d->childrenOf(parent);
    const ViewQueries queries(*d->store);
    auto more = queries.rows(*d->compiled, d->grouped ? std::optional(group->key) : std::nullopt,
        group->rows.size(), d->pageSize);
    if (!more) {
        qCWarning(lcUi) << "ticket list: cannot read more rows:" << more.error().message;
        group->exhausted = true;
        return;
    }
    QList<TicketRow> rows;
    rows.reserve(more->size());
    QSet<TicketId> loaded;
    for (const TicketRow &row : std::as_const(group->rows))
        loaded.insert(row.id);
    // An edit not yet applied can shift a page: never show a ticket twice.
    for (TicketRow &row : more.value()) {
        if (!loaded.contains(row.id))
            rows.append(std::move(row));
    }
    if (more->size() < d->pageSize)
        group->exhausted = true;
    if (!d->grouped && group->exhausted)
        group->count = group->rows.size() + rows.size();
    if (rows.isEmpty()) {
        group->exhausted = true;
        return;
    }
    const int first = int(group->rows.size());
    beginInsertRows(parent, first, first + int(rows.size()) - 1);
    group->rows.append(std::move(rows));
    endInsertRows();
}

QVariant TicketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= d->columns.size())
        return {};
    const Column &column = d->columns.at(section);
    if (role == FieldRole)
        return column.field;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (column.custom)
        return column.custom->name;
    static const QHash<QString, const char *> titles {
        { u"number"_s, QT_TR_NOOP("Number") },
        { u"title"_s, QT_TR_NOOP("Title") },
        { u"kind"_s, QT_TR_NOOP("Kind") },
        { u"type"_s, QT_TR_NOOP("Type") },
        { u"status"_s, QT_TR_NOOP("Status") },
        { u"status_category"_s, QT_TR_NOOP("Status category") },
        { u"priority"_s, QT_TR_NOOP("Priority") },
        { u"requester"_s, QT_TR_NOOP("Requester") },
        { u"assignee"_s, QT_TR_NOOP("Assignee") },
        { u"department"_s, QT_TR_NOOP("Department") },
        { u"organization"_s, QT_TR_NOOP("Organization") },
        { u"project"_s, QT_TR_NOOP("Project") },
        { u"percent_complete"_s, QT_TR_NOOP("% Complete") },
        { u"time_spent"_s, QT_TR_NOOP("Time spent") },
        { u"created_at"_s, QT_TR_NOOP("Created") },
        { u"updated_at"_s, QT_TR_NOOP("Updated") },
        { u"first_response_due"_s, QT_TR_NOOP("First response due") },
        { u"resolution_due"_s, QT_TR_NOOP("Due") },
        { u"solved_at"_s, QT_TR_NOOP("Solved") },
    };
    const char *title = titles.value(column.field);
    return title ? tr(title) : column.field;
}

QVariant TicketListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= d->columns.size())
        return {};
    const Column &column = d->columns.at(index.column());
    if (role == FieldRole)
        return column.field;
    if (const Group *group = d->headerAt(index)) {
        switch (role) {
        case Qt::DisplayRole:
            return index.column() == 0
                ? tr("%1 (%2)").arg(d->groupLabel(*group), QLocale().toString(group->count))
                : QVariant();
        case Qt::AccessibleTextRole:
        case Qt::ToolTipRole:
            return tr("%1: %n ticket(s)", nullptr, int(std::min<qint64>(group->count, INT_MAX)))
                .arg(d->groupLabel(*group));
        case IsGroupRole:
            return true;
        case GroupKeyRole:
            return group->key;
        case GroupLabelRole:
            return d->groupLabel(*group);
        case GroupCountRole:
            return group->count;
        case StatusColorRole:
            if (d->spec.groupBy == u"status"_s) {
                const auto it = d->statuses.constFind(StatusId::fromString(group->key.toString()));
                if (it != d->statuses.cend())
                    return it->color;
            }
            return {};
        case Qt::FontRole: {
            QFont font;
            font.setBold(true);
            return font;
        }
        default:
            return {};
        }
    }
    const Group *group = d->groupOf(index);
    if (!group || index.row() >= group->rows.size())
        return {};
    const TicketRow &row = group->rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return d->display(row, column);
    case Qt::ToolTipRole:
        if (column.field == u"resolution_due"_s)
            return d->fullDateText(row.resolutionDue);
        if (column.field == u"first_response_due"_s)
            return d->fullDateText(row.firstResponseDue);
        if (column.field == u"created_at"_s)
            return d->fullDateText(row.createdAt);
        if (column.field == u"updated_at"_s)
            return d->fullDateText(row.updatedAt);
        if (column.field == u"solved_at"_s)
            return d->fullDateText(row.solvedAt);
        if (column.field == u"title"_s)
            return row.title;
        if (column.field == u"number"_s && row.number <= 0)
            return tr("Not yet synced: the server assigns the number");
        return {};
    case Qt::DecorationRole:
        if (column.field == u"title"_s)
            return d->types.value(row.typeId).icon;
        // The delegate draws it for its own palette; other views get the application's.
        if (column.field == u"number"_s && row.number <= 0)
            return TicketStyle::pendingIcon(QGuiApplication::palette());
        return {};
    case Qt::TextAlignmentRole:
        if (column.field == u"number"_s && row.number <= 0)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        if (column.field == u"number"_s || column.field == u"percent_complete"_s
            || column.field == u"time_spent"_s || column.type == ViewFieldType::CustomNumber)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case TicketIdRole:
        return QVariant::fromValue(row.id);
    case IsGroupRole:
        return false;
    case GroupKeyRole:
        return group->key;
    case StatusColorRole:
        return d->statuses.value(row.statusId).color;
    case StatusNameRole:
        return d->statuses.value(row.statusId).name;
    case StatusCategoryRole:
        return row.statusCategory;
    case TypeColorRole:
        return d->types.value(row.typeId).color;
    case PriorityRole:
        return int(row.priority);
    case DueRole:
        return row.resolutionDue;
    case RowStateRole:
        return int(d->stateOf(row));
    case NumberRole:
        return row.number;
    case PendingRole:
        return row.number <= 0;
    default:
        return {};
    }
}

} // namespace Tessera::Ui
