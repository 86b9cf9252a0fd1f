// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/linkticketdialog.h"

#include "details/detailstab.h"
#include "store/store.h"
#include "tickets/ticketdelegate.h"
#include "tickets/ticketroles.h"
#include "uilogging.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int ResultLimit = 50;

QString likePattern(QString text)
{
    text.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u"%"_s + text + u"%"_s;
}

} // namespace

LinkTicketDialog::LinkTicketDialog(const Store &store, TicketId self, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_lookup(store)
    , m_self(self)
    , m_search(new QLineEdit(this))
    , m_relation(new QComboBox(this))
    , m_results(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_typing(new QTimer(this))
{
    setWindowTitle(tr("Link Ticket"));
    m_search->setObjectName(u"linkSearch"_s);
    m_search->setPlaceholderText(tr("Number or words of the title"));
    m_search->setClearButtonEnabled(true);
    m_relation->setObjectName(u"linkRelation"_s);
    m_relation->addItem(tr("Related to"), toWireName(LinkType::RelatesTo));
    m_relation->addItem(tr("Blocks"), toWireName(LinkType::Blocks));
    m_relation->addItem(tr("Duplicate of"), toWireName(LinkType::DuplicateOf));
    m_results->setObjectName(u"linkResults"_s);
    m_results->setHeaderLabels({ tr("Number"), tr("Title"), tr("Status") });
    m_results->setRootIsDecorated(false);
    m_results->setItemDelegate(new TicketDelegate(m_results));
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_results->header()->resizeSection(0, 90);
    m_results->header()->resizeSection(2, 110);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Link"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Find:"), m_search);
    form->addRow(tr("&Relation:"), m_relation);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_buttons);
    resize(560, 420);

    m_typing->setSingleShot(true);
    m_typing->setInterval(200);
    connect(m_typing, &QTimer::timeout, this, &LinkTicketDialog::search);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &LinkTicketDialog::search);
    connect(m_results, &QTreeWidget::currentItemChanged, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedTicket().isValid());
    });
    connect(m_results, &QTreeWidget::itemActivated, this, [this] {
        if (selectedTicket().isValid())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

LinkTicketDialog::~LinkTicketDialog() = default;

void LinkTicketDialog::search()
{
    m_typing->stop();
    m_results->clear();
    QString text = m_search->text().trimmed();
    if (text.startsWith(u'#'))
        text.remove(0, 1);
    if (text.isEmpty())
        return;
    bool isNumber = false;
    const qint64 number = text.toLongLong(&isNumber);
    QSqlQuery query(m_store.connection());
    query.setForwardOnly(true);
    // The exact number first, then the newest titles that contain the text.
    query.prepare(
        u"SELECT %1 FROM tickets WHERE id <> ? AND (number = ? OR title LIKE ? ESCAPE '\\')"
        u" ORDER BY number = ? DESC, number DESC LIMIT %2"_s.arg(DetailsLookup::summaryColumns())
            .arg(ResultLimit));
    query.addBindValue(m_self.toString());
    query.addBindValue(isNumber ? number : -1);
    query.addBindValue(likePattern(text));
    query.addBindValue(isNumber ? number : -1);
    if (!query.exec()) {
        qCWarning(lcUi) << "cannot search tickets to link:" << query.lastError().text();
        return;
    }
    while (query.next()) {
        const TicketSummary t = DetailsLookup::summary(query);
        auto *item = new QTreeWidgetItem(m_results);
        item->setData(0, TicketIdItemRole, t.id.toString());
        item->setIcon(0, m_lookup.typeIcon(t.typeId));
        item->setText(0, u"#"_s + QString::number(t.number));
        item->setText(1, t.title);
        item->setToolTip(1, t.title);
        const auto status = m_lookup.status(t.statusId);
        item->setData(2, FieldRole, u"status"_s);
        item->setData(2, StatusNameRole, status ? status->name : QString());
        item->setData(2, StatusColorRole, m_lookup.statusColor(t.statusId));
    }
    if (m_results->topLevelItemCount() > 0)
        m_results->setCurrentItem(m_results->topLevelItem(0));
}

TicketId LinkTicketDialog::selectedTicket() const
{
    const QTreeWidgetItem *item = m_results->currentItem();
    return item ? TicketId::fromString(item->data(0, TicketIdItemRole).toString()) : TicketId();
}

LinkType LinkTicketDialog::linkType() const
{
    return fromWireName<LinkType>(m_relation->currentData().toString())
        .value_or(LinkType::RelatesTo);
}

} // namespace Tessera::Ui
