// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewlistmodel.h"

#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/store.h"
#include "uilogging.h"
#include "views/savedviews.h"

#include <QCoreApplication>
#include <QFont>
#include <QHash>
#include <QPointer>
#include <QSettings>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
struct Entry
{
    QString key;
    QString title;
    ViewSpec spec;
    bool shared = false;
    bool builtIn = true;
    PersonId owner;
    qint64 count = -1;
};

// Each agent orders the default views for themselves.
QString defaultOrderKey(PersonId me)
{
    return u"Views/defaultOrder/"_s + (me.isValid() ? me.toString() : u"anyone"_s);
}
} // namespace

struct ViewListModel::Private
{
    Store *store = nullptr;
    QueryContext context;
    std::unique_ptr<SavedViews> savedViews;
    QList<Entry> entries;
    QTimer recount;
    quint64 generation = 0;
    bool counting = false;
    bool countAgain = false;
};

ViewListModel::ViewListModel(Store *store, QueryContext context, QObject *parent)
    : QAbstractListModel(parent)
    , d(std::make_unique<Private>())
{
    d->store = store;
    d->context = std::move(context);
    d->savedViews = std::make_unique<SavedViews>(store, d->context.me);
    // Bursts of changes (a sync batch, a bulk edit) cost one recount.
    d->recount.setSingleShot(true);
    d->recount.setInterval(150);
    connect(&d->recount, &QTimer::timeout, this, &ViewListModel::startCount);
    if (d->store) {
        connect(d->store, &Store::changed, this, [this](EntityKind kind) {
            if (kind == EntityKind::Person) // the agent's role may have changed
                d->savedViews->forgetRole();
            if (kind == EntityKind::SavedView)
                reload();
            else if (kind == EntityKind::Ticket || kind == EntityKind::Status)
                scheduleCount();
        });
    }
    reload();
}

ViewListModel::~ViewListModel() = default;

Store *ViewListModel::store() const
{
    return d->store;
}

const QueryContext &ViewListModel::context() const
{
    return d->context;
}

SavedViews &ViewListModel::savedViews() const
{
    return *d->savedViews;
}

void ViewListModel::reload()
{
    ++d->generation; // counts in flight are for the old list
    // Views whose definition did not change keep their count until the next pass.
    QHash<QString, std::pair<ViewSpec, qint64>> previous;
    for (const Entry &entry : std::as_const(d->entries))
        previous.insert(entry.key, { entry.spec, entry.count });

    beginResetModel();
    d->entries.clear();
    const QStringList hidden = d->savedViews->hiddenDefaults();
    const QStringList order = QSettings().value(defaultOrderKey(d->context.me)).toStringList();
    QList<DefaultView> defaults;
    for (const DefaultView &view : defaultViews()) {
        if (!hidden.contains(view.key))
            defaults.append(view);
    }
    std::stable_sort(defaults.begin(), defaults.end(), [&](const auto &a, const auto &b) {
        const auto rank = [&](const QString &key) {
            const qsizetype at = order.indexOf(key);
            return at < 0 ? order.size() : at;
        };
        return rank(a.key) < rank(b.key);
    });
    for (const DefaultView &view : std::as_const(defaults))
        d->entries.append(
            { view.key, QCoreApplication::translate("DefaultViews", view.title), view.spec });
    for (const bool shared : { false, true }) {
        for (const SavedView &saved : d->savedViews->visible(shared)) {
            auto spec = ViewSpec::fromJson(saved.spec);
            if (!spec) {
                qCWarning(lcUi) << "saved view" << saved.name
                                << "is unreadable:" << spec.error().message;
                continue;
            }
            d->entries.append({ saved.id.toString(), saved.name, spec.value(), saved.shared, false,
                saved.ownerId });
        }
    }
    for (Entry &entry : d->entries) {
        const auto before = previous.constFind(entry.key);
        if (before != previous.constEnd() && before->first == entry.spec)
            entry.count = before->second;
    }
    endResetModel();
    scheduleCount();
}

int ViewListModel::rowOf(const QString &key) const
{
    for (qsizetype row = 0; row < d->entries.size(); ++row) {
        if (d->entries.at(row).key == key)
            return int(row);
    }
    return -1;
}

ViewSpec ViewListModel::specAt(int row) const
{
    return row >= 0 && row < d->entries.size() ? d->entries.at(row).spec : ViewSpec();
}

ViewListModel::Section ViewListModel::sectionAt(int row) const
{
    if (row < 0 || row >= d->entries.size())
        return Section::Default;
    const Entry &entry = d->entries.at(row);
    return entry.builtIn ? Section::Default : entry.shared ? Section::Shared : Section::Personal;
}

std::pair<int, int> ViewListModel::sectionRange(Section section) const
{
    int first = -1;
    int count = 0;
    for (int row = 0; row < int(d->entries.size()); ++row) {
        if (sectionAt(row) != section)
            continue;
        if (first < 0)
            first = row;
        ++count;
    }
    if (first < 0) { // an empty section sits where it would start
        first = 0;
        for (int row = 0; row < int(d->entries.size()); ++row) {
            if (int(sectionAt(row)) < int(section))
                first = row + 1;
        }
    }
    return { first, count };
}

bool ViewListModel::canReorder(Section section) const
{
    switch (section) {
    case Section::Default:
    case Section::Personal:
        return true;
    case Section::Shared:
        return d->store && d->savedViews->canShare();
    }
    return false;
}

bool ViewListModel::moveView(const QString &key, int position)
{
    const int row = rowOf(key);
    if (row < 0)
        return false;
    const Section section = sectionAt(row);
    if (!canReorder(section))
        return false;
    const auto [first, count] = sectionRange(section);
    QStringList keys;
    for (int i = first; i < first + count; ++i)
        keys.append(d->entries.at(i).key);
    const int from = row - first;
    const int to = std::clamp(position, 0, count - 1);
    if (from == to)
        return true;
    keys.move(from, to);

    if (section == Section::Default) {
        QSettings().setValue(defaultOrderKey(d->context.me), keys);
        reload();
        return true;
    }
    QList<SavedViewId> ids;
    for (const QString &k : std::as_const(keys))
        ids.append(SavedViewId::fromString(k));
    if (auto done = d->savedViews->reorder(ids); !done) {
        qCWarning(lcUi) << "cannot reorder views:" << done.error().message;
        reload();
        return false;
    }
    return true; // the store's change signal reloads
}

int ViewListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(d->entries.size());
}

QVariant ViewListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = d->entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return entry.count < 0 ? entry.title : tr("%1 (%2)").arg(entry.title).arg(entry.count);
    case Qt::ToolTipRole:
        return entry.builtIn ? tr("Default view")
            : entry.shared   ? tr("Shared view")
                             : tr("Personal view");
    case Qt::FontRole:
        if (entry.builtIn)
            return {};
        {
            QFont font;
            font.setItalic(!entry.shared);
            return font;
        }
    case KeyRole:
        return entry.key;
    case CountRole:
        return entry.count;
    case SpecRole:
        return entry.spec.toJson();
    case SharedRole:
        return entry.shared;
    case SectionRole:
        return int(sectionAt(index.row()));
    case TitleRole:
        return entry.title;
    case OwnerRole:
        return entry.owner.toString();
    default:
        return {};
    }
}

void ViewListModel::scheduleCount()
{
    if (d->store)
        d->recount.start();
}

void ViewListModel::startCount()
{
    if (d->counting) {
        d->countAgain = true;
        return;
    }
    d->counting = true;
    const quint64 generation = ++d->generation;
    QList<ViewSpec> specs;
    for (const Entry &entry : std::as_const(d->entries))
        specs.append(entry.spec);
    QueryContext context = d->context;
    context.now = QDateTime::currentDateTimeUtc();
    Store *store = d->store;
    QPointer<ViewListModel> self(this);
    // Counting reads the cache on a pool thread, through that thread's connection.
    QThreadPool::globalInstance()->start([self, store, specs, context, generation] {
        QueryContext local = context;
        local.customFields = store->all<CustomFieldDef>();
        const ViewQueries queries(*store);
        QList<qint64> counts;
        for (const ViewSpec &spec : specs) {
            auto compiled = compileView(spec, local);
            auto count
                = compiled ? queries.count(compiled.value()) : Result<qint64>(compiled.error());
            counts.append(count ? count.value() : -1);
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, counts] {
                if (self)
                    self->applyCounts(generation, counts);
            },
            Qt::QueuedConnection);
    });
}

void ViewListModel::applyCounts(quint64 generation, const QList<qint64> &counts)
{
    d->counting = false;
    if (generation == d->generation && counts.size() == d->entries.size()) {
        for (qsizetype i = 0; i < counts.size(); ++i)
            d->entries[i].count = counts.at(i);
        if (!d->entries.isEmpty())
            Q_EMIT dataChanged(
                index(0), index(int(d->entries.size()) - 1), { Qt::DisplayRole, CountRole });
        Q_EMIT countsUpdated();
    }
    if (d->countAgain) {
        d->countAgain = false;
        startCount();
    }
}

} // namespace Tessera::Ui
