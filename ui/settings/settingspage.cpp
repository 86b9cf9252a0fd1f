// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/settingspage.h"

#include "domain/mutation.h"
#include "store/store.h"
#include "uilogging.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

SettingsPage::SettingsPage(Store &store, QueryContext context, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_context(std::move(context))
{
    m_message = new QLabel(this);
    m_message->setObjectName(u"settingsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    m_message->setPalette(palette);
    m_message->hide();
    // Saves come back through Store::changed; the reload waits for the event
    // loop so that a list is never rebuilt inside its own signal.
    connect(&m_store, &Store::changed, this, [this](EntityKind kind) {
        if (!isConfigurationKind(kind) || m_reloadQueued)
            return;
        m_reloadQueued = true;
        QTimer::singleShot(0, this, [this] {
            m_reloadQueued = false;
            reload();
        });
    });
}

bool SettingsPage::isConfigurationKind(EntityKind kind)
{
    switch (kind) {
    case EntityKind::TicketType:
    case EntityKind::Status:
    case EntityKind::CustomField:
    case EntityKind::Person:
    case EntityKind::Organization:
    case EntityKind::Department:
    case EntityKind::Project:
    case EntityKind::CannedResponse:
    case EntityKind::SlaPolicy:
    case EntityKind::Automation:
    case EntityKind::WorkspaceSettings:
        return true;
    default:
        return false;
    }
}

QString SettingsPage::searchText() const
{
    QStringList texts { title() };
    for (const QLabel *label : findChildren<QLabel *>()) {
        if (label != m_message)
            texts.append(label->text());
    }
    for (const QGroupBox *box : findChildren<QGroupBox *>())
        texts.append(box->title());
    for (const QAbstractButton *button : findChildren<QAbstractButton *>())
        texts.append(button->text());
    return texts.join(u'\n').remove(u'&');
}

void SettingsPage::setEditable(bool editable)
{
    m_editable = editable;
    applyEditable();
}

void SettingsPage::applyEditable()
{
    const auto editing = [](QWidget *w) {
        return qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
            || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
            || qobject_cast<QTextEdit *>(w) || qobject_cast<QPlainTextEdit *>(w);
    };
    for (QWidget *w : findChildren<QWidget *>()) {
        if (!editing(w) || w->property("settingsNavigation").toBool())
            continue;
        // A line edit inside a combo box follows its combo.
        if (qobject_cast<QComboBox *>(w->parentWidget()))
            continue;
        // Only what this switched off is switched on again: editors keep
        // their own disabled states (an empty filter group's buttons…).
        if (!m_editable && !w->testAttribute(Qt::WA_Disabled)) {
            w->setProperty("settingsLocked", true);
            w->setEnabled(false);
        } else if (m_editable && w->property("settingsLocked").toBool()) {
            w->setProperty("settingsLocked", false);
            w->setEnabled(!w->property("settingsDisabled").toBool());
        }
    }
    editableChanged();
}

QString SettingsPage::lastError() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SettingsPage::report(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        qCInfo(lcUi) << "settings change refused:" << message;
        Q_EMIT saveFailed(message);
    }
}

bool SettingsPage::save(EntityKind kind, const QJsonObject &json)
{
    if (!m_editable) {
        report(tr("Only administrators change these settings."));
        return false;
    }
    const EntityId id = EntityId::fromString(json.value(u"id"_s).toString());
    const auto current = m_store.entityJson(kind, id);
    Mutation mutation;
    if (!current) {
        mutation.id = MutationId::create();
        mutation.entity = kind;
        mutation.targetId = id;
        mutation.op = MutationOp::Create;
        mutation.fields = json;
        mutation.authorId = m_context.me;
        mutation.createdAt = QDateTime::currentDateTimeUtc();
    } else {
        QJsonObject changes;
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (it.key() != u"version"_s && current->value(it.key()) != it.value())
                changes.insert(it.key(), it.value());
        }
        if (changes.isEmpty()) {
            report({});
            return true;
        }
        mutation = Mutation::updating(kind, id, *current, changes, m_context.me);
    }
    auto done = m_store.apply(mutation);
    report(done ? QString() : done.error().message);
    return done.isOk();
}

bool SettingsPage::remove(EntityKind kind, EntityId id, const QJsonObject &fields)
{
    if (!m_editable) {
        report(tr("Only administrators change these settings."));
        return false;
    }
    const auto current = m_store.entityJson(kind, id);
    if (!current)
        return true;
    Mutation mutation = Mutation::deleting(kind, id, *current, m_context.me);
    mutation.fields = fields;
    auto done = m_store.apply(mutation);
    report(done ? QString() : done.error().message);
    return done.isOk();
}

bool SettingsPage::confirmRemoval(const QString &name)
{
    return QMessageBox::question(this, tr("Remove"),
               tr("Remove “%1”? This cannot be undone.").arg(name),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        == QMessageBox::Yes;
}

FilterNode filterFromConditions(const QJsonObject &conditions)
{
    if (conditions.isEmpty())
        return {};
    auto spec = ViewSpec::fromJson(QJsonObject { { u"filter"_s, conditions } });
    return spec ? spec->filter : FilterNode {};
}

QJsonObject conditionsFromFilter(const FilterNode &filter)
{
    ViewSpec spec;
    spec.filter = filter;
    return spec.toJson().value(u"filter"_s).toObject();
}

void SettingsPage::selectRow(QListWidget *list, const QString &id)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(IdRole).toString() == id)
            list->setCurrentRow(i);
    }
}

bool SettingsPage::moveCurrentRow(QListWidget *list, int step)
{
    const int row = list->currentRow();
    const int to = row + step;
    if (row < 0 || to < 0 || to >= list->count())
        return false;
    list->insertItem(to, list->takeItem(row));
    list->setCurrentRow(to);
    return true;
}

} // namespace Tessera::Ui
