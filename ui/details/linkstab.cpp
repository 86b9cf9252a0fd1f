// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/linkstab.h"

#include "details/activityformat.h"
#include "details/linkticketdialog.h"
#include "store/store.h"
#include "tickets/ticketdelegate.h"
#include "tickets/ticketroles.h"
#include "uilogging.h"

#include <QAction>
#include <QHeaderView>
#include <QJsonArray>
#include <QMenu>
#include <QMessageBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStyle>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

enum Column { RelationColumn, TitleColumn, StatusColumn };

QString numberText(qint64 number)
{
    return number > 0 ? u"#"_s + QString::number(number) : u"#?"_s;
}

bool sameLink(const QJsonValue &link, TicketId to, LinkType type)
{
    const QJsonObject object = link.toObject();
    return object.value(u"ticket_id"_s).toString() == to.toString()
        && object.value(u"type"_s).toString() == toWireName(type);
}

} // namespace

LinksTab::LinksTab(Store &store, PersonId me, QWidget *parent)
    : DetailsTab(store, parent)
    , m_me(me)
    , m_view(new QTreeWidget(this))
    , m_newSubticket(new QAction(QIcon::fromTheme(u"list-add"_s), tr("New Sub&ticket…"), this))
    , m_newSubtask(new QAction(QIcon::fromTheme(u"view-task-add"_s), tr("New Sub&task…"), this))
    , m_link(new QAction(QIcon::fromTheme(u"insert-link"_s), tr("&Link Ticket…"), this))
    , m_remove(new QAction(QIcon::fromTheme(u"remove-link"_s), tr("&Remove Link"), this))
    , m_convert(new QAction(QIcon::fromTheme(u"view-task"_s), tr("&Convert to Task"), this))
    , m_open(new QAction(tr("&Open"), this))
{
    m_newSubticket->setObjectName(u"newSubticket"_s);
    m_newSubtask->setObjectName(u"newSubtask"_s);
    m_link->setObjectName(u"linkTicket"_s);
    m_remove->setObjectName(u"removeLink"_s);
    m_convert->setObjectName(u"convertToTask"_s);
    m_open->setObjectName(u"openLinked"_s);

    m_view->setObjectName(u"linksList"_s);
    m_view->setHeaderLabels({ tr("Relation"), tr("Title"), tr("Status") });
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setItemDelegate(new TicketDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(RelationColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(StatusColumn, 170);

    // A tool bar: in a narrow dock the actions that do not fit go to its
    // overflow menu instead of widening the panel.
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"linksToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    bar->setIconSize(QSize(icon, icon));
    bar->addActions({ m_newSubticket, m_newSubtask, m_link, m_remove });
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addAction(m_convert);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);

    connect(m_newSubticket, &QAction::triggered, this,
        [this] { Q_EMIT createChildRequested(ticket(), TicketKind::Ticket); });
    connect(m_newSubtask, &QAction::triggered, this,
        [this] { Q_EMIT createChildRequested(ticket(), TicketKind::Task); });
    connect(m_link, &QAction::triggered, this, &LinksTab::linkTicket);
    connect(m_remove, &QAction::triggered, this, &LinksTab::removeCurrentLink);
    connect(m_convert, &QAction::triggered, this, [this] { convertToTask(); });
    connect(m_open, &QAction::triggered, this, [this] {
        const QTreeWidgetItem *item = m_view->currentItem();
        const TicketId id = item
            ? TicketId::fromString(item->data(RelationColumn, TicketIdItemRole).toString())
            : TicketId();
        if (id.isValid())
            Q_EMIT openTicketRequested(id);
    });
    connect(m_view, &QTreeWidget::currentItemChanged, this, &LinksTab::updateActions);
    connect(m_view, &QTreeWidget::customContextMenuRequested, this, &LinksTab::showMenu);
    openFromActivatedRows(m_view);
    updateActions();
}

LinksTab::~LinksTab() = default;

QList<QAction *> LinksTab::editActions() const
{
    return { m_newSubticket, m_newSubtask, m_link, m_remove, m_convert };
}

bool LinksTab::dependsOn(EntityKind kind) const
{
    // Any ticket: a child, a linked ticket or one linking here may have changed.
    return kind == EntityKind::Ticket || kind == EntityKind::Status
        || kind == EntityKind::TicketType;
}

QTreeWidgetItem *LinksTab::addSection(const QString &title)
{
    auto *section = new QTreeWidgetItem(m_view);
    section->setText(RelationColumn, title);
    QFont bold = m_view->font();
    bold.setBold(true);
    section->setFont(RelationColumn, bold);
    section->setFlags(Qt::ItemIsEnabled);
    section->setData(RelationColumn, RowRole, int(Row::Section));
    section->setFirstColumnSpanned(true);
    return section;
}

QTreeWidgetItem *LinksTab::addRow(QTreeWidgetItem *section, Row row, const TicketSummary &other,
    TicketId otherId, const QString &relation, std::optional<LinkType> type)
{
    auto *item = new QTreeWidgetItem(section);
    item->setData(RelationColumn, TicketIdItemRole, otherId.toString());
    item->setData(RelationColumn, RowRole, int(row));
    if (type)
        item->setData(RelationColumn, LinkTypeRole, toWireName(*type));
    item->setText(RelationColumn, relation);
    if (!other.isValid()) {
        item->setText(TitleColumn, tr("(not in your tickets)"));
        return item;
    }
    item->setIcon(RelationColumn, lookup().typeIcon(other.typeId));
    item->setText(TitleColumn, other.title);
    item->setToolTip(TitleColumn, other.title);
    const auto status = lookup().status(other.statusId);
    item->setData(StatusColumn, FieldRole, u"status"_s);
    item->setData(StatusColumn, StatusNameRole, status ? status->name : QString());
    item->setData(StatusColumn, StatusColorRole, lookup().statusColor(other.statusId));
    return item;
}

void LinksTab::reload()
{
    m_view->clear();
    const TicketSummary self = lookup().ticket(ticket());
    m_known = self.isValid();
    m_kind = self.kind;
    const auto json
        = m_known ? store().entityJson(EntityKind::Ticket, ticket().as<EntityId>()) : std::nullopt;
    if (!json) {
        updateActions();
        return;
    }

    const TicketId parentId = TicketId::fromString(json->value(u"parent_id"_s).toString());
    if (parentId.isValid()) {
        QTreeWidgetItem *section = addSection(tr("Parent"));
        const TicketSummary parent = lookup().ticket(parentId);
        addRow(section, Row::Parent, parent, parentId,
            (m_kind == TicketKind::Task ? tr("Subtask of %1") : tr("Subticket of %1"))
                .arg(numberText(parent.number)));
    }

    QSqlQuery children(store().connection());
    children.setForwardOnly(true);
    // tickets_parent finds them.
    children.prepare(u"SELECT %1 FROM tickets WHERE parent_id = ? ORDER BY number, seq"_s.arg(
        DetailsLookup::summaryColumns()));
    children.addBindValue(ticket().toString());
    if (children.exec()) {
        QTreeWidgetItem *section = nullptr;
        while (children.next()) {
            const TicketSummary child = DetailsLookup::summary(children);
            if (!section)
                section = addSection(tr("Subtickets and subtasks"));
            addRow(section, Row::Child, child, child.id,
                (child.kind == TicketKind::Task ? tr("Subtask %1") : tr("Subticket %1"))
                    .arg(numberText(child.number)));
        }
    } else {
        qCWarning(lcUi) << "cannot read the children of" << ticket().toString() << ":"
                        << children.lastError().text();
    }

    QTreeWidgetItem *links = nullptr;
    const auto linkSection = [&] {
        if (!links)
            links = addSection(tr("Linked items"));
        return links;
    };
    for (const QJsonValue &value : json->value(u"links"_s).toArray()) {
        const QJsonObject link = value.toObject();
        const TicketId to = TicketId::fromString(link.value(u"ticket_id"_s).toString());
        const auto type = fromWireName<LinkType>(link.value(u"type"_s).toString());
        if (!to.isValid() || !type)
            continue;
        const TicketSummary other = lookup().ticket(to);
        addRow(linkSection(), Row::Outgoing, other, to,
            ActivityFormat::outgoingLink(*type, other.number), type);
    }
    for (const TicketLinkRef &ref : store().linksTo(ticket())) {
        const TicketSummary other = lookup().ticket(ref.from);
        if (!other.isValid())
            continue; // a link held by a ticket out of reach cannot be shown or removed
        addRow(linkSection(), Row::Incoming, other, ref.from,
            ActivityFormat::incomingLink(ref.type, other.number), ref.type);
    }

    if (m_view->topLevelItemCount() == 0) {
        auto *empty = new QTreeWidgetItem(m_view);
        empty->setText(RelationColumn, tr("No parent, subtickets, subtasks or links."));
        empty->setFlags(Qt::NoItemFlags);
        empty->setFirstColumnSpanned(true);
    }
    m_view->expandAll();
    updateActions();
}

void LinksTab::updateActions()
{
    const bool known = ticket().isValid() && m_known;
    for (QAction *action : { m_newSubticket, m_newSubtask, m_link })
        action->setEnabled(known);
    const QTreeWidgetItem *item = m_view->currentItem();
    const auto row = item ? Row(item->data(RelationColumn, RowRole).toInt()) : Row::Section;
    m_remove->setEnabled(known && (row == Row::Outgoing || row == Row::Incoming));
    m_open->setEnabled(item && row != Row::Section);
    m_convert->setEnabled(known && m_kind == TicketKind::Ticket);
}

void LinksTab::showMenu(const QPoint &pos)
{
    QMenu menu(this);
    if (QTreeWidgetItem *item = m_view->itemAt(pos)) {
        m_view->setCurrentItem(item);
        if (m_open->isEnabled()) {
            menu.addAction(m_open);
            menu.addAction(m_remove);
            menu.addSeparator();
        }
    }
    menu.addAction(m_newSubticket);
    menu.addAction(m_newSubtask);
    menu.addAction(m_link);
    menu.addSeparator();
    menu.addAction(m_convert);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool LinksTab::addLink(TicketId other, LinkType type)
{
    if (!other.isValid() || other == ticket())
        return false;
    const auto json = store().entityJson(EntityKind::Ticket, ticket().as<EntityId>());
    if (!json)
        return false;
    QJsonArray links = json->value(u"links"_s).toArray();
    for (const QJsonValue &link : std::as_const(links)) {
        if (sameLink(link, other, type))
            return false;
    }
    links.append(
        QJsonObject { { u"type"_s, toWireName(type) }, { u"ticket_id"_s, other.toString() } });
    const auto done = store().apply(Mutation::updating(
        EntityKind::Ticket, ticket().as<EntityId>(), *json, { { u"links"_s, links } }, m_me));
    if (!done) {
        qCWarning(lcUi) << "cannot link" << ticket().toString() << "to" << other.toString() << ":"
                        << done.error().message;
        return false;
    }
    return true;
}

bool LinksTab::removeLink(TicketId from, TicketId to, LinkType type)
{
    if (from != ticket() && to != ticket())
        return false;
    const auto json = store().entityJson(EntityKind::Ticket, from.as<EntityId>());
    if (!json)
        return false;
    QJsonArray links;
    const QJsonArray before = json->value(u"links"_s).toArray();
    for (const QJsonValue &link : before) {
        if (!sameLink(link, to, type))
            links.append(link);
    }
    if (links.size() == before.size())
        return false;
    const auto done = store().apply(Mutation::updating(
        EntityKind::Ticket, from.as<EntityId>(), *json, { { u"links"_s, links } }, m_me));
    if (!done) {
        qCWarning(lcUi) << "cannot remove the link from" << from.toString() << "to" << to.toString()
                        << ":" << done.error().message;
        return false;
    }
    return true;
}

void LinksTab::linkTicket()
{
    LinkTicketDialog dialog(store(), ticket(), this);
    if (dialog.exec() != QDialog::Accepted || !dialog.selectedTicket().isValid())
        return;
    if (!addLink(dialog.selectedTicket(), dialog.linkType()))
        QMessageBox::warning(this, tr("Link Ticket"),
            tr("The link could not be added: the tickets may be linked that way already."));
}

void LinksTab::removeCurrentLink()
{
    const QTreeWidgetItem *item = m_view->currentItem();
    if (!item)
        return;
    const auto row = Row(item->data(RelationColumn, RowRole).toInt());
    const TicketId other
        = TicketId::fromString(item->data(RelationColumn, TicketIdItemRole).toString());
    const auto type = fromWireName<LinkType>(item->data(RelationColumn, LinkTypeRole).toString());
    if (!type)
        return;
    if (row == Row::Outgoing)
        removeLink(ticket(), other, *type);
    else if (row == Row::Incoming)
        removeLink(other, ticket(), *type);
}

std::optional<TicketType> LinksTab::firstTaskType() const
{
    for (const TicketType &type : store().all<TicketType>()) { // by position
        if (type.kind == TicketKind::Task)
            return type;
    }
    return std::nullopt;
}

bool LinksTab::convertToTask()
{
    const TicketSummary self = lookup().ticket(ticket());
    if (!self.isValid() || self.kind == TicketKind::Task)
        return false;
    const auto type = firstTaskType();
    if (!type) {
        QMessageBox::information(this, tr("Convert to Task"),
            tr("This workspace has no task type to convert the ticket to."));
        return false;
    }
    StatusId status = type->defaultStatusId;
    if (!status.isValid()) {
        QSqlQuery first(store().connection());
        first.prepare(u"SELECT id FROM statuses WHERE type_id = ? ORDER BY position LIMIT 1"_s);
        first.addBindValue(type->id.toString());
        if (first.exec() && first.next())
            status = StatusId::fromString(first.value(0).toString());
    }
    const auto statusInfo = lookup().status(status);
    const auto answer = QMessageBox::question(this, tr("Convert to Task"),
        tr("Convert %1 “%2” to a task? It becomes a %3 with the status %4; values of fields "
           "tasks do not have are removed.")
            .arg(numberText(self.number), self.title, type->name,
                statusInfo ? statusInfo->name : tr("(none)")),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
    if (answer != QMessageBox::Yes)
        return false;
    const auto json = store().entityJson(EntityKind::Ticket, ticket().as<EntityId>());
    if (!json)
        return false;
    QJsonObject changes { { u"kind"_s, toWireName(TicketKind::Task) },
        { u"type_id"_s, type->id.toString() } };
    if (status.isValid())
        changes.insert(u"status_id"_s, status.toString());
    // Values of fields the old type had and the task type lacks cannot stay.
    const QJsonObject custom = json->value(u"custom_fields"_s).toObject();
    QJsonObject kept;
    for (const CustomFieldDef &def : store().all<CustomFieldDef>()) {
        const QString key = def.id.toString();
        if (custom.contains(key) && (!def.typeId.isValid() || def.typeId == type->id))
            kept.insert(key, custom.value(key));
    }
    if (kept != custom)
        changes.insert(u"custom_fields"_s, kept);
    const auto done = store().apply(
        Mutation::updating(EntityKind::Ticket, ticket().as<EntityId>(), *json, changes, m_me));
    if (!done) {
        qCWarning(lcUi) << "cannot convert" << ticket().toString()
                        << "to a task:" << done.error().message;
        QMessageBox::warning(this, tr("Convert to Task"),
            tr("The ticket could not be converted: %1").arg(done.error().message));
        return false;
    }
    return true;
}

} // namespace Tessera::Ui
