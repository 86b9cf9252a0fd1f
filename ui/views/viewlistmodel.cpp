// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewlistmodel.h"

#include "query/defaultviews.h"
#include "query/viewqueries.h"
#include "store/store.h"
#include "uilogging.h"

#include <QCoreApplication>
#include <QFont>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

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
    qint64 count = -1;
};
} // namespace

struct ViewListModel::Private
{
    Store *store = nullptr;
    QueryContext context;
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
    // Bursts of changes (a sync batch, a bulk edit) cost one recount.
    d->recount.setSingleShot(true);
    d->recount.setInterval(150);
    connect(&d->recount, &QTimer::timeout, this, &ViewListModel::startCount);
    if (d->store) {
        connect(d->store, &Store::changed, this, [this](EntityKind kind) {
            if (kind == EntityKind::SavedView)
                reload();
            else if (kind == EntityKind::Ticket || kind == EntityKind::Status)
                scheduleCount();
        });
    }
    reload();
}

ViewListModel::~ViewListModel() = default;

void ViewListModel::reload()
{
    ++d->generation; // counts in flight are for the old list
    beginResetModel();
    d->entries.clear();
    for (const DefaultView &view : defaultViews())
        d->entries.append(
            { view.key, QCoreApplication::translate("DefaultViews", view.title), view.spec });
    if (d->store) {
        for (const SavedView &saved : d->store->all<SavedView>()) {
            if (saved.hidden || (!saved.shared && saved.ownerId != d->context.me))
                continue;
            auto spec = ViewSpec::fromJson(saved.spec);
            if (!spec) {
                qCWarning(lcUi) << "saved view" << saved.name
                                << "is unreadable:" << spec.error().message;
                continue;
            }
            d->entries.append(
                { saved.id.toString(), saved.name, spec.value(), saved.shared, false });
        }
    }
    endResetModel();
    scheduleCount();
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
