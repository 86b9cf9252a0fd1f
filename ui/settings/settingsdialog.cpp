// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/settingsdialog.h"

#include "settings/automationspage.h"
#include "settings/cannedpage.h"
#include "settings/customerspage.h"
#include "settings/panellayoutpage.h"
#include "settings/peoplepage.h"
#include "settings/portalpage.h"
#include "settings/slapoliciespage.h"
#include "settings/tickettypespage.h"
#include "store/store.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

SettingsDialog::SettingsDialog(Store &store, QueryContext context, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    const auto me = store.get<Person>(context.me);
    m_admin = me && me->kind == PersonKind::Agent && me->role == Role::Admin;

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"settingsSearch"_s);
    m_search->setPlaceholderText(tr("Search settings"));
    m_search->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"settingsPages"_s);
    m_list->setMaximumWidth(180);
    m_stack = new QStackedWidget(this);
    m_readOnly = new QLabel(
        tr("Only administrators change these settings; you see them read-only."), this);
    m_readOnly->setObjectName(u"settingsReadOnly"_s);
    m_readOnly->setWordWrap(true);

    auto *left = new QVBoxLayout;
    left->addWidget(m_search);
    left->addWidget(m_list, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_readOnly);
    right->addWidget(m_stack, 1);
    auto *body = new QHBoxLayout;
    body->addLayout(left);
    body->addLayout(right, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);

    addPage(new TicketTypesPage(store, context, this));
    addPage(new PanelLayoutPage(store, context, this));
    addPage(new AutomationsPage(store, context, this));
    addPage(new SlaPoliciesPage(store, context, this));
    addPage(new PeoplePage(store, context, this));
    addPage(new CustomersPage(store, context, this));
    addPage(new CannedResponsesPage(store, context, this));
    addPage(new PortalPage(store, context, this));

    const auto showRow = [this](int row) {
        if (row < 0)
            return;
        SettingsPage *page = m_pages.value(m_list->item(row)->data(Qt::UserRole).toInt());
        m_stack->setCurrentWidget(page);
        m_readOnly->setVisible(page && page->adminOnly() && !m_admin);
    };
    connect(m_list, &QListWidget::currentRowChanged, this, showRow);
    connect(m_search, &QLineEdit::textChanged, this, &SettingsDialog::filterPages);

    QSettings settings;
    resize(1100, 700);
    restoreGeometry(settings.value(u"SettingsDialog/geometry"_s).toByteArray());
    const QString last = settings.value(u"SettingsDialog/page"_s).toString();
    m_list->setCurrentRow(0);
    showRow(0);
    if (!last.isEmpty())
        showPage(last);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setSyncEngine(Sync::SyncEngine *engine)
{
    if (auto *people = page<PeoplePage>())
        people->setSyncEngine(engine);
}

void SettingsDialog::addPage(SettingsPage *page)
{
    page->setEditable(m_admin || !page->adminOnly());
    m_stack->addWidget(page);
    auto *item = new QListWidgetItem(page->title(), m_list);
    item->setData(Qt::UserRole, int(m_pages.size()));
    m_pages.append(page);
}

SettingsPage *SettingsDialog::page(const QString &name) const
{
    for (SettingsPage *p : m_pages) {
        if (p->objectName() == name)
            return p;
    }
    return nullptr;
}

SettingsPage *SettingsDialog::currentPage() const
{
    return qobject_cast<SettingsPage *>(m_stack->currentWidget());
}

void SettingsDialog::showPage(const QString &name)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_pages.value(m_list->item(i)->data(Qt::UserRole).toInt())->objectName() == name
            && !m_list->item(i)->isHidden())
            m_list->setCurrentRow(i);
    }
}

QStringList SettingsDialog::visiblePageTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_list->count(); ++i) {
        if (!m_list->item(i)->isHidden())
            titles.append(m_list->item(i)->text());
    }
    return titles;
}

void SettingsDialog::filterPages(const QString &text)
{
    const QString needle = text.trimmed();
    int firstShown = -1;
    for (int i = 0; i < m_list->count(); ++i) {
        SettingsPage *page = m_pages.value(m_list->item(i)->data(Qt::UserRole).toInt());
        const bool shown
            = needle.isEmpty() || page->searchText().contains(needle, Qt::CaseInsensitive);
        m_list->item(i)->setHidden(!shown);
        if (shown && firstShown < 0)
            firstShown = i;
    }
    // The page on the right is always one the list offers.
    if (m_list->currentItem() && m_list->currentItem()->isHidden() && firstShown >= 0)
        m_list->setCurrentRow(firstShown);
}

void SettingsDialog::done(int result)
{
    QSettings settings;
    settings.setValue(u"SettingsDialog/geometry"_s, saveGeometry());
    if (SettingsPage *page = currentPage())
        settings.setValue(u"SettingsDialog/page"_s, page->objectName());
    QDialog::done(result);
}

} // namespace Tessera::Ui
