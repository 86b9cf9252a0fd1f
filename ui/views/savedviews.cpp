// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/savedviews.h"

#include "store/store.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("SavedViews", text);
}

Error forbidden(const char *text)
{
    return { Error::Code::Forbidden, translate(text) };
}

Error notFound()
{
    return { Error::Code::NotFound,
        translate(QT_TRANSLATE_NOOP("SavedViews", "This view no longer exists.")) };
}

bool byPosition(const SavedView &a, const SavedView &b)
{
    if (a.position != b.position)
        return a.position < b.position;
    return QString::localeAwareCompare(a.name, b.name) < 0;
}

} // namespace

SavedViews::SavedViews(Store *store, PersonId me)
    : m_store(store)
    , m_me(me)
{ }

Role SavedViews::role() const
{
    if (!m_role) {
        const auto person = m_store && m_me.isValid() ? m_store->get<Person>(m_me) : std::nullopt;
        m_role = person ? person->role : Role::Agent;
    }
    return *m_role;
}

bool SavedViews::canShare() const
{
    return role() != Role::Agent;
}

bool SavedViews::canHideDefaults() const
{
    return role() != Role::Agent;
}

bool SavedViews::canEdit(const SavedView &view) const
{
    if (!view.defaultKey.isEmpty() || view.shared)
        return canShare();
    return view.ownerId == m_me || role() != Role::Agent;
}

std::optional<SavedView> SavedViews::find(SavedViewId id) const
{
    if (!m_store)
        return std::nullopt;
    return m_store->get<SavedView>(id);
}

QList<SavedView> SavedViews::all() const
{
    return m_store ? m_store->all<SavedView>() : QList<SavedView>();
}

QList<SavedView> SavedViews::visible(bool shared) const
{
    QList<SavedView> views;
    for (const SavedView &view : all()) {
        if (!view.defaultKey.isEmpty() || view.hidden || view.shared != shared)
            continue;
        if (!shared && view.ownerId != m_me)
            continue;
        views.append(view);
    }
    std::stable_sort(views.begin(), views.end(), byPosition);
    return views;
}

Result<SavedViewId> SavedViews::create(const QString &name, const ViewSpec &spec, bool shared)
{
    if (!m_store)
        return Error::invalid(translate(QT_TRANSLATE_NOOP("SavedViews", "No workspace is open.")));
    if (shared && !canShare())
        return forbidden(QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins share views."));
    SavedView view;
    view.id = SavedViewId::create();
    view.ownerId = m_me;
    view.name = name.trimmed();
    view.shared = shared;
    view.spec = spec.toJson();
    const QList<SavedView> section = visible(shared);
    view.position = section.isEmpty() ? 0 : section.constLast().position + 1;
    if (auto done = m_store->apply(Mutation::creating(EntityKind::SavedView, view, m_me)); !done)
        return done.error();
    return view.id;
}

Result<void> SavedViews::change(const SavedView &view, const QJsonObject &changes)
{
    const QJsonObject current = Protocol::toJson(view);
    QJsonObject differing;
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (current.value(it.key()) != it.value())
            differing.insert(it.key(), it.value());
    }
    if (differing.isEmpty())
        return {};
    return m_store->apply(Mutation::updating(
        EntityKind::SavedView, view.id.as<EntityId>(), current, differing, m_me));
}

Result<void> SavedViews::update(
    SavedViewId id, const QString &name, const ViewSpec &spec, bool shared)
{
    const auto view = find(id);
    if (!view)
        return notFound();
    if (!canEdit(*view) || (shared && !canShare()))
        return forbidden(
            QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins change shared views."));
    QJsonObject changes { { u"name"_s, name.trimmed() }, { u"spec"_s, spec.toJson() },
        { u"shared"_s, shared } };
    if (shared != view->shared) {
        const QList<SavedView> section = visible(shared);
        changes.insert(u"position"_s, section.isEmpty() ? 0 : section.constLast().position + 1);
    }
    return change(*view, changes);
}

Result<void> SavedViews::setShared(SavedViewId id, bool shared)
{
    const auto view = find(id);
    if (!view)
        return notFound();
    if (!canShare())
        return forbidden(QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins share views."));
    const QList<SavedView> section = visible(shared);
    return change(*view,
        { { u"shared"_s, shared },
            { u"position"_s, section.isEmpty() ? 0 : section.constLast().position + 1 } });
}

Result<void> SavedViews::remove(SavedViewId id)
{
    const auto view = find(id);
    if (!view)
        return {};
    if (!canEdit(*view))
        return forbidden(
            QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins delete shared views."));
    return m_store->apply(Mutation::deleting(
        EntityKind::SavedView, id.as<EntityId>(), Protocol::toJson(*view), m_me));
}

Result<void> SavedViews::reorder(const QList<SavedViewId> &order)
{
    for (qsizetype i = 0; i < order.size(); ++i) {
        const auto view = find(order.at(i));
        if (!view || view->position == i)
            continue;
        if (!canEdit(*view))
            return forbidden(
                QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins reorder shared views."));
        if (auto done = change(*view, { { u"position"_s, int(i) } }); !done)
            return done;
    }
    return {};
}

QStringList SavedViews::hiddenDefaults() const
{
    QStringList keys;
    for (const SavedView &view : all()) {
        if (!view.defaultKey.isEmpty() && view.hidden && !keys.contains(view.defaultKey))
            keys.append(view.defaultKey);
    }
    return keys;
}

Result<void> SavedViews::hideDefault(const QString &key)
{
    if (!m_store)
        return Error::invalid(translate(QT_TRANSLATE_NOOP("SavedViews", "No workspace is open.")));
    if (!canHideDefaults())
        return forbidden(
            QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins hide default views."));
    if (hiddenDefaults().contains(key))
        return {};
    SavedView record;
    record.id = SavedViewId::create();
    record.ownerId = m_me;
    record.name = key;
    record.shared = true; // every agent receives it
    record.hidden = true;
    record.defaultKey = key;
    return m_store->apply(Mutation::creating(EntityKind::SavedView, record, m_me));
}

Result<void> SavedViews::showDefault(const QString &key)
{
    if (!canHideDefaults())
        return forbidden(
            QT_TRANSLATE_NOOP("SavedViews", "Only leads and admins hide default views."));
    // Two leads may have hidden it while offline: every record goes.
    for (const SavedView &view : all()) {
        if (view.defaultKey != key)
            continue;
        if (auto done = m_store->apply(Mutation::deleting(
                EntityKind::SavedView, view.id.as<EntityId>(), Protocol::toJson(view), m_me));
            !done)
            return done;
    }
    return {};
}

} // namespace Tessera::Ui
