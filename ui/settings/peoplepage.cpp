// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/peoplepage.h"

#include "net/apiclient.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "sync/syncengine.h"
#include "views/symbolicons.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Admin:
        return PeoplePage::tr("Admin");
    case Role::Lead:
        return PeoplePage::tr("Lead");
    case Role::Agent:
        return PeoplePage::tr("Agent");
    }
    return {};
}

template<typename T>
QList<T> sortedByName(QList<T> list)
{
    std::stable_sort(list.begin(), list.end(),
        [](const T &a, const T &b) { return QString::localeAwareCompare(a.name, b.name) < 0; });
    return list;
}

} // namespace

PeoplePage::PeoplePage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"peoplePage"_s);

    // A renamable list with add and remove, for departments and organizations.
    struct NameBox
    {
        QGroupBox *box;
        QListWidget *list;
        QToolButton *add;
        QToolButton *remove;
    };
    const auto nameBox = [this](const QString &title, const QString &name, const QString &addTip,
                             const QString &removeTip) {
        NameBox b { new QGroupBox(title, this), nullptr, nullptr, nullptr };
        b.list = new QListWidget(b.box);
        b.list->setObjectName(name + u"List"_s);
        b.list->setProperty("settingsNavigation", true);
        b.add = new QToolButton(b.box);
        b.add->setObjectName(u"add"_s + name);
        b.add->setIcon(symbolIcon(Symbol::Add, this));
        b.add->setToolTip(addTip);
        b.add->setAutoRaise(true);
        b.remove = new QToolButton(b.box);
        b.remove->setObjectName(u"remove"_s + name);
        b.remove->setIcon(symbolIcon(Symbol::Remove, this));
        b.remove->setToolTip(removeTip);
        b.remove->setAutoRaise(true);
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(b.add);
        buttons->addWidget(b.remove);
        buttons->addStretch();
        auto *hint = new QLabel(tr("Double-click a name to change it."), b.box);
        hint->setWordWrap(true);
        auto *layout = new QVBoxLayout(b.box);
        layout->addWidget(b.list, 1);
        layout->addWidget(hint);
        layout->addLayout(buttons);
        return b;
    };
    const NameBox departments = nameBox(
        tr("Departments"), u"department"_s, tr("Add a department"), tr("Remove the department"));
    const NameBox organizations = nameBox(tr("Organizations"), u"organization"_s,
        tr("Add an organization"), tr("Remove the organization"));
    m_departments = departments.list;
    m_organizations = organizations.list;
    auto *addButton = departments.add;
    auto *removeButton = departments.remove;

    auto *agentBox = new QGroupBox(tr("Agents"), this);
    m_agents = new QListWidget(agentBox);
    m_agents->setObjectName(u"agentList"_s);
    m_agents->setProperty("settingsNavigation", true);
    m_role = new QComboBox(agentBox);
    m_role->setObjectName(u"agentRole"_s);
    for (Role role : { Role::Agent, Role::Lead, Role::Admin })
        m_role->addItem(roleLabel(role), toWireName(role));
    m_active = new QCheckBox(tr("&Active (can sign in and be assigned)"), agentBox);
    m_active->setObjectName(u"agentActive"_s);
    m_memberships = new QListWidget(agentBox);
    m_memberships->setObjectName(u"agentDepartments"_s);
    m_memberships->setProperty("settingsNavigation", true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_active);
    form->addRow(tr("Departments:"), m_memberships);
    m_invite = new QPushButton(tr("&Invite Agent…"), agentBox);
    m_invite->setObjectName(u"inviteAgent"_s);
    auto *agentList = new QVBoxLayout;
    agentList->addWidget(m_agents, 1);
    agentList->addWidget(m_invite, 0, Qt::AlignLeft);
    auto *agentLayout = new QHBoxLayout(agentBox);
    agentLayout->addLayout(agentList, 1);
    agentLayout->addLayout(form, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *columns = new QHBoxLayout;
    auto *names = new QVBoxLayout;
    names->addWidget(departments.box, 1);
    names->addWidget(organizations.box, 1);
    columns->addLayout(names, 1);
    columns->addWidget(agentBox, 2);
    layout->addLayout(columns, 1);
    layout->addWidget(messageLine());

    connect(
        addButton, &QToolButton::clicked, this, [this] { addDepartment(tr("New department")); });
    connect(removeButton, &QToolButton::clicked, this, [this] {
        if (m_departments->currentItem() && confirmRemoval(m_departments->currentItem()->text()))
            removeCurrentDepartment();
    });
    connect(m_departments, &QListWidget::itemChanged, this,
        [this](QListWidgetItem *item) { rename<Department>(EntityKind::Department, item); });
    connect(m_organizations, &QListWidget::itemChanged, this,
        [this](QListWidgetItem *item) { rename<Organization>(EntityKind::Organization, item); });
    connect(organizations.add, &QToolButton::clicked, this,
        [this] { addOrganization(tr("New organization")); });
    connect(organizations.remove, &QToolButton::clicked, this, [this] {
        QListWidgetItem *item = m_organizations->currentItem();
        if (item && confirmRemoval(item->text()))
            remove(EntityKind::Organization, EntityId::fromString(item->data(IdRole).toString()));
    });
    connect(m_invite, &QPushButton::clicked, this, [this] { openInviteDialog(); });
    connect(m_agents, &QListWidget::currentRowChanged, this, [this] { fillAgent(); });
    connect(m_role, &QComboBox::activated, this, [this] {
        setAgentRole(fromWireName<Role>(m_role->currentData().toString()).value_or(Role::Agent));
    });
    connect(m_active, &QCheckBox::clicked, this, [this](bool on) { setAgentActive(on); });
    connect(m_memberships, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_filling)
            return;
        if (!setAgentInDepartment(DepartmentId::fromString(item->data(IdRole).toString()),
                item->checkState() == Qt::Checked))
            fillAgent();
    });
    reload();
}

QString PeoplePage::title() const
{
    return tr("Departments and Agents");
}

PersonId PeoplePage::currentAgent() const
{
    return rowId<PersonId>(m_agents->currentItem());
}

void PeoplePage::selectAgent(PersonId id)
{
    selectRow(m_agents, id.toString());
}

void PeoplePage::reload()
{
    const QString keepDepartment = m_departments->currentItem()
        ? m_departments->currentItem()->data(IdRole).toString()
        : QString();
    const PersonId keepAgent = currentAgent();
    m_filling = true;
    m_departments->clear();
    for (const Department &d : sortedByName(store().all<Department>())) {
        auto *item = new QListWidgetItem(d.name, m_departments);
        item->setData(IdRole, d.id.toString());
        if (isEditable())
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        if (d.id.toString() == keepDepartment)
            m_departments->setCurrentItem(item);
    }
    const QString keepOrganization = m_organizations->currentItem()
        ? m_organizations->currentItem()->data(IdRole).toString()
        : QString();
    m_organizations->clear();
    for (const Organization &o : sortedByName(store().all<Organization>())) {
        auto *item = new QListWidgetItem(o.name, m_organizations);
        item->setData(IdRole, o.id.toString());
        item->setToolTip(o.domain);
        if (isEditable())
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        if (o.id.toString() == keepOrganization)
            m_organizations->setCurrentItem(item);
    }
    m_agents->clear();
    for (const Person &p : sortedByName(store().all<Person>())) {
        if (p.kind != PersonKind::Agent)
            continue;
        QString label = p.name + u"  ·  "_s + roleLabel(p.role);
        if (!p.active)
            label += u"  ·  "_s + tr("inactive");
        auto *item = new QListWidgetItem(label, m_agents);
        item->setData(IdRole, p.id.toString());
        if (!p.active)
            item->setForeground(palette().color(QPalette::PlaceholderText));
    }
    m_filling = false;
    selectAgent(keepAgent);
    if (!m_agents->currentItem() && m_agents->count() > 0)
        m_agents->setCurrentRow(0);
    else
        fillAgent();
}

void PeoplePage::fillAgent()
{
    if (m_filling)
        return;
    m_filling = true;
    const auto agent = store().get<Person>(currentAgent());
    m_role->setCurrentIndex(m_role->findData(agent ? toWireName(agent->role) : u"agent"_s));
    m_active->setChecked(agent && agent->active);
    m_memberships->clear();
    for (const Department &d : sortedByName(store().all<Department>())) {
        auto *item = new QListWidgetItem(d.name, m_memberships);
        item->setData(IdRole, d.id.toString());
        item->setFlags(isEditable() ? (item->flags() | Qt::ItemIsUserCheckable)
                                    : (item->flags() & ~Qt::ItemIsUserCheckable));
        item->setCheckState(
            agent && agent->departmentIds.contains(d.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    applyEditable();
}

void PeoplePage::setSyncEngine(Sync::SyncEngine *engine)
{
    if (!engine) {
        setInvitationSender({});
        return;
    }
    QPointer<Sync::SyncEngine> target(engine);
    setInvitationSender([target](const AgentInvitation &invitation,
                            std::function<void(const InvitationReply &)> done) {
        if (!target) {
            done({ 0, {}, tr("the connection to the server was closed") });
            return;
        }
        // The engine lives on its own thread; its answer comes back to this one.
        QMetaObject::invokeMethod(target, [target, invitation, done = std::move(done)] {
            target->inviteAgent(invitation.name, invitation.email, toWireName(invitation.role),
                invitation.departmentIds, [done](const Net::ApiReply &reply) {
                    QMetaObject::invokeMethod(QCoreApplication::instance(),
                        [done, answer = InvitationReply { reply.status, reply.json, reply.error }] {
                            done(answer);
                        });
                });
        });
    });
}

void PeoplePage::setInvitationSender(InvitationSender send)
{
    m_sendInvitation = std::move(send);
    editableChanged();
}

InviteAgentDialog *PeoplePage::openInviteDialog()
{
    if (!m_sendInvitation || !isEditable())
        return nullptr;
    auto *dialog = new InviteAgentDialog(store(), m_sendInvitation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void PeoplePage::editableChanged()
{
    const bool editable = isEditable();
    m_invite->setEnabled(editable && m_sendInvitation);
    m_invite->setToolTip(m_sendInvitation
            ? tr("Create an agent's login with a temporary password")
            : tr("Invitations need the server: connect to a Tessera server to invite agents."));
    const QSignalBlocker blockDepartments(m_departments);
    const QSignalBlocker blockMemberships(m_memberships);
    for (int i = 0; i < m_departments->count(); ++i) {
        QListWidgetItem *item = m_departments->item(i);
        item->setFlags(
            editable ? item->flags() | Qt::ItemIsEditable : item->flags() & ~Qt::ItemIsEditable);
    }
    for (int i = 0; i < m_memberships->count(); ++i) {
        QListWidgetItem *item = m_memberships->item(i);
        item->setFlags(editable ? item->flags() | Qt::ItemIsUserCheckable
                                : item->flags() & ~Qt::ItemIsUserCheckable);
    }
}

template<typename T>
void PeoplePage::rename(EntityKind kind, QListWidgetItem *item)
{
    if (m_filling)
        return;
    auto entity = store().get<T>(EntityId::fromString(item->data(IdRole).toString()));
    const QString name = item->data(Qt::EditRole).toString().trimmed();
    if (entity && !name.isEmpty() && name != entity->name && isEditable()) {
        entity->name = name;
        if (save(kind, *entity))
            return;
    }
    reload(); // back to what is stored
}

OrganizationId PeoplePage::addOrganization(const QString &name)
{
    const Organization organization { OrganizationId::create(), name, QString(), 0 };
    if (!save(EntityKind::Organization, organization))
        return {};
    reload();
    for (int i = 0; i < m_organizations->count(); ++i) {
        if (m_organizations->item(i)->data(IdRole).toString() == organization.id.toString()) {
            m_organizations->setCurrentRow(i);
            m_organizations->editItem(m_organizations->item(i));
        }
    }
    return organization.id;
}

DepartmentId PeoplePage::addDepartment(const QString &name)
{
    const Department department { DepartmentId::create(), name, 0 };
    if (!save(EntityKind::Department, department))
        return {};
    reload();
    for (int i = 0; i < m_departments->count(); ++i) {
        if (m_departments->item(i)->data(IdRole).toString() == department.id.toString()) {
            m_departments->setCurrentRow(i);
            m_departments->editItem(m_departments->item(i));
        }
    }
    return department.id;
}

bool PeoplePage::removeCurrentDepartment()
{
    const QListWidgetItem *item = m_departments->currentItem();
    if (!item)
        return false;
    return remove(EntityKind::Department, EntityId::fromString(item->data(IdRole).toString()));
}

bool PeoplePage::setAgentRole(Role role)
{
    auto agent = store().get<Person>(currentAgent());
    if (!agent)
        return false;
    agent->role = role;
    const bool saved = save(EntityKind::Person, *agent);
    if (!saved)
        fillAgent();
    return saved;
}

bool PeoplePage::setAgentActive(bool active)
{
    auto agent = store().get<Person>(currentAgent());
    if (!agent)
        return false;
    agent->active = active;
    const bool saved = save(EntityKind::Person, *agent);
    if (!saved)
        fillAgent();
    return saved;
}

bool PeoplePage::setAgentInDepartment(DepartmentId department, bool member)
{
    auto agent = store().get<Person>(currentAgent());
    if (!agent || !department.isValid())
        return false;
    agent->departmentIds.removeAll(department);
    if (member)
        agent->departmentIds.append(department);
    return save(EntityKind::Person, *agent);
}

} // namespace Tessera::Ui
