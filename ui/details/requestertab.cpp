// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/requestertab.h"

#include "store/store.h"
#include "tickets/ticketdelegate.h"
#include "tickets/ticketroles.h"
#include "uilogging.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

enum Column { NumberColumn, TitleColumn, StatusColumn, UpdatedColumn };

// A requester with thousands of tickets: the newest are what the agent needs.
constexpr int ShownTickets = 200;

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(
        Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    label->setWordWrap(true);
    return label;
}

} // namespace

RequesterTab::RequesterTab(Store &store, QWidget *parent)
    : DetailsTab(store, parent)
    , m_name(new QLabel(this))
    , m_email(valueLabel(this))
    , m_phone(valueLabel(this))
    , m_organization(valueLabel(this))
    , m_heading(new QLabel(this))
    , m_tickets(new QTreeWidget(this))
    , m_more(new QLabel(this))
{
    m_name->setObjectName(u"requesterName"_s);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_name->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_name->setFont(big);
    m_email->setObjectName(u"requesterEmail"_s);
    m_email->setTextFormat(Qt::RichText);
    m_email->setOpenExternalLinks(true);
    m_phone->setObjectName(u"requesterPhone"_s);
    m_phone->setTextFormat(Qt::PlainText);
    m_organization->setObjectName(u"requesterOrganization"_s);
    m_organization->setTextFormat(Qt::PlainText);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    m_more->setForegroundRole(QPalette::PlaceholderText);
    m_more->hide();

    m_tickets->setObjectName(u"requesterTickets"_s);
    m_tickets->setHeaderLabels({ tr("Number"), tr("Title"), tr("Status"), tr("Updated") });
    m_tickets->setRootIsDecorated(false);
    m_tickets->setItemDelegate(new TicketDelegate(m_tickets));
    m_tickets->header()->setStretchLastSection(false);
    m_tickets->header()->setSectionResizeMode(NumberColumn, QHeaderView::ResizeToContents);
    m_tickets->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_tickets->header()->resizeSection(StatusColumn, 170);
    m_tickets->header()->setSectionResizeMode(UpdatedColumn, QHeaderView::ResizeToContents);
    openFromActivatedRows(m_tickets);

    auto *form = new QFormLayout;
    form->addRow(tr("Email:"), m_email);
    form->addRow(tr("Phone:"), m_phone);
    form->addRow(tr("Organization:"), m_organization);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(m_heading);
    layout->addWidget(m_tickets, 1);
    layout->addWidget(m_more);
}

RequesterTab::~RequesterTab() = default;

bool RequesterTab::dependsOn(EntityKind kind) const
{
    return kind == EntityKind::Ticket || kind == EntityKind::Person
        || kind == EntityKind::Organization || kind == EntityKind::Status
        || kind == EntityKind::TicketType;
}

void RequesterTab::showRequester(const std::optional<Person> &person)
{
    const QString none = tr("—");
    if (!person) {
        m_name->setText(tr("No requester"));
        m_email->setText(none);
        m_phone->setText(none);
        m_organization->setText(none);
        m_heading->clear();
        return;
    }
    m_name->setText(person->name);
    if (person->email.isEmpty()) {
        m_email->setText(none);
    } else {
        const QUrl mailto(u"mailto:"_s + person->email);
        m_email->setText(u"<a href=\"%1\">%2</a>"_s.arg(
            mailto.toString(QUrl::FullyEncoded).toHtmlEscaped(), person->email.toHtmlEscaped()));
    }
    m_phone->setText(person->phone.isEmpty() ? none : person->phone);
    const auto organization = lookup().organization(person->organizationId);
    if (!organization)
        m_organization->setText(none);
    else if (organization->domain.isEmpty())
        m_organization->setText(organization->name);
    else
        m_organization->setText(tr("%1 (%2)").arg(organization->name, organization->domain));
    m_heading->setText(tr("Other tickets from %1").arg(person->name));
}

void RequesterTab::reload()
{
    m_tickets->clear();
    m_more->hide();
    const TicketSummary self = lookup().ticket(ticket());
    const auto requester = lookup().person(self.requesterId);
    showRequester(self.isValid() ? requester : std::nullopt);
    if (!self.isValid() || !self.requesterId.isValid())
        return;

    QSqlQuery query(store().connection());
    query.setForwardOnly(true);
    // tickets_requester finds them; a requester's tickets are few enough to sort.
    query.prepare(
        u"SELECT %1 FROM tickets WHERE requester_id = ? AND id <> ?"
        u" ORDER BY created_at DESC, seq DESC LIMIT %2"_s.arg(DetailsLookup::summaryColumns())
            .arg(ShownTickets + 1));
    query.addBindValue(self.requesterId.toString());
    query.addBindValue(ticket().toString());
    if (!query.exec()) {
        qCWarning(lcUi) << "cannot read the requester's tickets:" << query.lastError().text();
        return;
    }
    int count = 0;
    while (query.next()) {
        if (++count > ShownTickets) {
            m_more->setText(tr("Showing the newest %1 tickets.").arg(ShownTickets));
            m_more->show();
            break;
        }
        const TicketSummary t = DetailsLookup::summary(query);
        auto *item = new QTreeWidgetItem(m_tickets);
        item->setData(NumberColumn, TicketIdItemRole, t.id.toString());
        item->setIcon(NumberColumn, lookup().typeIcon(t.typeId));
        item->setText(NumberColumn, t.number > 0 ? u"#"_s + QString::number(t.number) : u"#?"_s);
        item->setText(TitleColumn, t.title);
        item->setToolTip(TitleColumn, t.title);
        const auto status = lookup().status(t.statusId);
        item->setData(StatusColumn, FieldRole, u"status"_s);
        item->setData(StatusColumn, StatusNameRole, status ? status->name : QString());
        item->setData(StatusColumn, StatusColorRole, lookup().statusColor(t.statusId));
        if (t.updatedAt.isValid()) {
            item->setText(UpdatedColumn,
                QLocale().toString(t.updatedAt.toLocalTime().date(), QLocale::ShortFormat));
            item->setToolTip(
                UpdatedColumn, QLocale().toString(t.updatedAt.toLocalTime(), QLocale::LongFormat));
        }
    }
    if (count == 0) {
        auto *empty = new QTreeWidgetItem(m_tickets);
        empty->setText(TitleColumn, tr("No other tickets."));
        empty->setFlags(Qt::NoItemFlags);
    }
}

} // namespace Tessera::Ui
