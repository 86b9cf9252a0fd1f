// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/customerspage.h"

#include "store/store.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {
constexpr int SearchRole = Qt::UserRole + 1;
} // namespace

CustomersPage::CustomersPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"customersPage"_s);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"customerSearch"_s);
    m_search->setPlaceholderText(tr("Search customers by name, e-mail or organization"));
    m_search->setClearButtonEnabled(true);
    m_search->setProperty("settingsNavigation", true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"customerList"_s);
    m_list->setProperty("settingsNavigation", true);
    m_add = new QPushButton(tr("&Add Customer"), this);
    m_add->setObjectName(u"addCustomer"_s);

    auto *details = new QGroupBox(tr("Customer"), this);
    m_name = new QLineEdit(details);
    m_name->setObjectName(u"customerName"_s);
    m_email = new QLineEdit(details);
    m_email->setObjectName(u"customerEmail"_s);
    m_email->setPlaceholderText(tr("name@example.com"));
    m_organization = new QComboBox(details);
    m_organization->setObjectName(u"customerOrganization"_s);
    auto *form = new QFormLayout(details);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Organization:"), m_organization);

    auto *left = new QVBoxLayout;
    left->addWidget(m_search);
    left->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    left->addLayout(buttons);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(details, 1, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(columns, 1);
    layout->addWidget(messageLine());

    connect(m_search, &QLineEdit::textChanged, this, [this] { filter(); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { fillCustomer(); });
    connect(m_add, &QPushButton::clicked, this, [this] { addCustomer(tr("New customer")); });
    connect(m_name, &QLineEdit::editingFinished, this, [this] { saveCurrent(); });
    connect(m_email, &QLineEdit::editingFinished, this, [this] { saveCurrent(); });
    connect(m_organization, &QComboBox::activated, this, [this] { saveCurrent(); });
    reload();
}

QString CustomersPage::title() const
{
    return tr("Customers");
}

PersonId CustomersPage::currentCustomer() const
{
    return rowId<PersonId>(m_list->currentItem());
}

void CustomersPage::selectCustomer(PersonId id)
{
    selectRow(m_list, id.toString());
}

QStringList CustomersPage::visibleCustomers() const
{
    QStringList rows;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            rows.append(m_list->item(i)->text());
    }
    return rows;
}

void CustomersPage::reload()
{
    const PersonId keep = currentCustomer();
    m_filling = true;
    QHash<OrganizationId, QString> organizations;
    QList<Organization> sortedOrganizations = store().all<Organization>();
    std::stable_sort(sortedOrganizations.begin(), sortedOrganizations.end(),
        [](const Organization &a, const Organization &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    const QString keepOrganization = m_organization->currentData().toString();
    m_organization->clear();
    m_organization->addItem(tr("None"), QString());
    for (const Organization &o : std::as_const(sortedOrganizations)) {
        organizations.insert(o.id, o.name);
        m_organization->addItem(o.name, o.id.toString());
    }
    m_organization->setCurrentIndex(qMax(0, m_organization->findData(keepOrganization)));

    QList<Person> customers;
    for (const Person &p : store().all<Person>()) {
        if (p.kind == PersonKind::Customer)
            customers.append(p);
    }
    std::stable_sort(customers.begin(), customers.end(), [](const Person &a, const Person &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    m_list->clear();
    for (const Person &p : std::as_const(customers)) {
        QStringList parts { p.name };
        if (!p.email.isEmpty())
            parts.append(p.email);
        const QString organization = organizations.value(p.organizationId);
        if (!organization.isEmpty())
            parts.append(organization);
        auto *item = new QListWidgetItem(parts.join(u"  ·  "_s), m_list);
        item->setData(IdRole, p.id.toString());
        item->setData(SearchRole, parts.join(u' '));
    }
    m_filling = false;
    filter();
    selectCustomer(keep);
    if (!m_list->currentItem()) {
        for (int i = 0; i < m_list->count() && !m_list->currentItem(); ++i) {
            if (!m_list->item(i)->isHidden())
                m_list->setCurrentRow(i);
        }
    }
    // A field being edited keeps its text: a reload from elsewhere must not
    // lose what the agent is typing.
    if (!m_name->hasFocus() && !m_email->hasFocus())
        fillCustomer();
}

void CustomersPage::filter()
{
    const QStringList words = m_search->text().split(u' ', Qt::SkipEmptyParts);
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QString text = item->data(SearchRole).toString();
        bool match = true;
        for (const QString &word : words)
            match = match && text.contains(word, Qt::CaseInsensitive);
        item->setHidden(!match);
    }
}

void CustomersPage::fillCustomer()
{
    if (m_filling)
        return;
    m_filling = true;
    const auto customer = store().get<Person>(currentCustomer());
    m_name->setText(customer ? customer->name : QString());
    m_email->setText(customer ? customer->email : QString());
    m_organization->setCurrentIndex(qMax(
        0, m_organization->findData(customer ? customer->organizationId.toString() : QString())));
    m_filling = false;
    applyEditable();
}

PersonId CustomersPage::addCustomer(const QString &name)
{
    Person customer;
    customer.id = PersonId::create();
    customer.name = name;
    customer.kind = PersonKind::Customer;
    if (!save(EntityKind::Person, customer))
        return {};
    m_search->clear();
    reload();
    selectCustomer(customer.id);
    m_name->setFocus();
    m_name->selectAll();
    return customer.id;
}

bool CustomersPage::saveCurrent()
{
    if (m_filling)
        return false;
    auto customer = store().get<Person>(currentCustomer());
    if (!customer)
        return false;
    const QString name = m_name->text().trimmed();
    const QString email = m_email->text().trimmed();
    if (name.isEmpty()) {
        report(tr("A customer needs a name."));
        return false;
    }
    if (!email.isEmpty()
        && (!email.contains(u'@') || email.startsWith(u'@') || email.endsWith(u'@'))) {
        report(tr("\"%1\" is not an e-mail address.").arg(email));
        return false;
    }
    const OrganizationId organization
        = OrganizationId::fromString(m_organization->currentData().toString());
    if (name == customer->name && email == customer->email
        && organization == customer->organizationId)
        return true;
    customer->name = name;
    customer->email = email;
    customer->organizationId = organization;
    if (!save(EntityKind::Person, *customer))
        return false;
    reload(); // the list shows the new name, e-mail and organization now
    return true;
}

} // namespace Tessera::Ui
