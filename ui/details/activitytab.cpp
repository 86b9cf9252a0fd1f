// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/activitytab.h"

#include "details/activityformat.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "uilogging.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

// Entries of one actor this close together came from one edit: the
// server records each changed field of a mutation on its own.
constexpr qint64 SameEditMs = 10'000;

enum Column { ChangeColumn, TimeColumn };

} // namespace

ActivityTab::ActivityTab(Store &store, QWidget *parent)
    : DetailsTab(store, parent)
    , m_view(new QTreeWidget(this))
{
    m_view->setObjectName(u"activityList"_s);
    m_view->setColumnCount(2);
    m_view->setHeaderHidden(true);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(false);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ChangeColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

ActivityTab::~ActivityTab() = default;

bool ActivityTab::dependsOn(EntityKind kind) const
{
    switch (kind) {
    case EntityKind::Activity:
    case EntityKind::Person:
    case EntityKind::Status:
    case EntityKind::TicketType:
    case EntityKind::Department:
    case EntityKind::Organization:
    case EntityKind::Project:
    case EntityKind::CustomField:
        return true;
    default:
        return false;
    }
}

void ActivityTab::reload()
{
    m_view->clear();
    if (!ticket().isValid())
        return;
    QSqlQuery query(store().connection());
    query.setForwardOnly(true);
    // activity_ticket (ticket_id, at) gives them in order.
    query.prepare(u"SELECT data FROM activity WHERE ticket_id = ? ORDER BY at DESC, seq DESC"_s);
    query.addBindValue(ticket().toString());
    if (!query.exec()) {
        qCWarning(lcUi) << "cannot read the activity of" << ticket().toString() << ":"
                        << query.lastError().text();
        return;
    }
    QList<ActivityEntry> entries;
    while (query.next()) {
        auto entry = Protocol::fromJson<ActivityEntry>(
            QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
        if (entry)
            entries.append(std::move(entry).value());
    }

    const ActivityFormat format(lookup());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QFont bold = m_view->font();
    bold.setBold(true);
    for (qsizetype i = 0; i < entries.size();) {
        // The edit: this entry and those of the same actor just before it.
        qsizetype end = i + 1;
        while (end < entries.size() && entries.at(end).actorId == entries.at(i).actorId
            && entries.at(end).at.msecsTo(entries.at(i).at) <= SameEditMs)
            ++end;
        QStringList sentences;
        for (qsizetype k = i; k < end; ++k)
            sentences += format.describe(entries.at(k));
        const ActivityEntry &first = entries.at(i);
        const QString actor
            = first.actorId.isValid() ? lookup().personName(first.actorId) : tr("Tessera");
        auto *item = new QTreeWidgetItem(m_view);
        if (sentences.size() == 1) {
            item->setText(ChangeColumn, tr("%1 %2").arg(actor, sentences.first()));
        } else {
            item->setText(ChangeColumn,
                tr("%1 made %n change(s)", nullptr, int(sentences.size())).arg(actor));
            item->setFont(ChangeColumn, bold);
            for (const QString &sentence : std::as_const(sentences)) {
                auto *line = new QTreeWidgetItem(item);
                line->setText(ChangeColumn, sentence);
                line->setToolTip(ChangeColumn, tr("%1 %2").arg(actor, sentence));
            }
        }
        item->setToolTip(ChangeColumn, item->text(ChangeColumn));
        item->setText(TimeColumn, ActivityFormat::relativeTime(first.at, now));
        item->setToolTip(TimeColumn, ActivityFormat::absoluteTime(first.at));
        item->setTextAlignment(TimeColumn, Qt::AlignRight | Qt::AlignTop);
        i = end;
    }
    m_view->expandAll();
    if (m_view->topLevelItemCount() == 0) {
        auto *empty = new QTreeWidgetItem(m_view);
        empty->setText(ChangeColumn, tr("No activity recorded yet."));
        empty->setFlags(Qt::NoItemFlags);
    }
}

} // namespace Tessera::Ui
