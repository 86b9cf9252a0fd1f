// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/cannedpage.h"

#include "protocol/codecs.h"
#include "store/store.h"
#include "views/symbolicons.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace { }

CannedResponsesPage::CannedResponsesPage(Store &store, QueryContext context, QWidget *parent)
    : SettingsPage(store, std::move(context), parent)
{
    setObjectName(u"cannedResponsesPage"_s);
    const auto me = store.get<Person>(this->context().me);
    m_seesEverything = me && me->role != Role::Agent;

    m_list = new QListWidget(this);
    m_list->setObjectName(u"cannedList"_s);
    m_list->setProperty("settingsNavigation", true);
    m_list->setMaximumWidth(240);
    auto *addButton = new QToolButton(this);
    addButton->setObjectName(u"addCanned"_s);
    addButton->setIcon(symbolIcon(Symbol::Add, this));
    addButton->setToolTip(tr("Add a canned response"));
    addButton->setAutoRaise(true);
    auto *removeButton = new QToolButton(this);
    removeButton->setObjectName(u"removeCanned"_s);
    removeButton->setIcon(symbolIcon(Symbol::Remove, this));
    removeButton->setToolTip(tr("Remove the canned response"));
    removeButton->setAutoRaise(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch();
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(buttons);

    m_name = new QLineEdit(this);
    m_name->setObjectName(u"cannedName"_s);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(u"cannedBody"_s);
    m_body->setPlaceholderText(
        tr("Markdown; {{requester.first_name}} and other placeholders are filled in"));
    m_shared = new QCheckBox(tr("S&hared with the whole team"), this);
    m_shared->setObjectName(u"cannedShared"_s);
    m_save = new QPushButton(tr("&Save Response"), this);
    m_save->setObjectName(u"saveCanned"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Text:"), m_body);
    form->addRow(QString(), m_shared);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(messageLine(), 1);
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addLayout(form, 1);
    right->addLayout(saveRow);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(addButton, &QToolButton::clicked, this, [this] { addResponse(tr("New response")); });
    connect(removeButton, &QToolButton::clicked, this, [this] {
        if (m_list->currentItem() && confirmRemoval(m_list->currentItem()->text()))
            removeCurrentResponse();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        m_modified = false;
        fillEditor();
    });
    connect(m_save, &QPushButton::clicked, this, [this] { saveResponse(); });
    const auto touched = [this] {
        if (!m_filling)
            m_modified = true;
    };
    connect(m_name, &QLineEdit::textEdited, this, touched);
    connect(m_body, &QPlainTextEdit::textChanged, this, touched);
    connect(m_shared, &QCheckBox::toggled, this, touched);
    reload();
}

QString CannedResponsesPage::title() const
{
    return tr("Canned Responses");
}

bool CannedResponsesPage::mayChange(const CannedResponse &response) const
{
    return m_seesEverything || (!response.shared && response.ownerId == context().me);
}

CannedResponseId CannedResponsesPage::currentResponse() const
{
    return rowId<CannedResponseId>(m_list->currentItem());
}

void CannedResponsesPage::selectResponse(CannedResponseId id)
{
    selectRow(m_list, id.toString());
}

void CannedResponsesPage::reload()
{
    const CannedResponseId keep = currentResponse();
    QList<CannedResponse> responses;
    for (const CannedResponse &c : store().all<CannedResponse>()) {
        if (c.shared || c.ownerId == context().me)
            responses.append(c);
    }
    std::stable_sort(
        responses.begin(), responses.end(), [](const CannedResponse &a, const CannedResponse &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    m_filling = true;
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const CannedResponse &c : std::as_const(responses)) {
            auto *item
                = new QListWidgetItem(c.shared ? c.name : tr("%1 (personal)").arg(c.name), m_list);
            item->setData(IdRole, c.id.toString());
        }
        selectResponse(keep);
        if (!m_list->currentItem() && m_list->count() > 0)
            m_list->setCurrentRow(0);
    }
    m_filling = false;
    // An edit in progress is the agent's: it stays until saved or another is picked.
    if (!m_modified)
        fillEditor();
}

void CannedResponsesPage::fillEditor()
{
    m_filling = true;
    const auto response = store().get<CannedResponse>(currentResponse());
    m_name->setText(response ? response->name : QString());
    m_body->setPlainText(response ? response->body : QString());
    m_shared->setChecked(response && response->shared);
    const bool editable = response && mayChange(*response);
    for (QWidget *w : { static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_body),
             static_cast<QWidget *>(m_save) })
        w->setEnabled(editable);
    m_shared->setEnabled(editable && m_seesEverything);
    m_filling = false;
}

CannedResponseId CannedResponsesPage::addResponse(const QString &name)
{
    // The text must not be empty: a greeting to start from.
    const CannedResponse response { CannedResponseId::create(), context().me, name,
        tr("Hello {{requester.first_name}},\n\n"), false, 0 };
    if (!save(EntityKind::CannedResponse, response))
        return {};
    m_modified = false;
    reload();
    selectResponse(response.id);
    m_name->setFocus();
    m_name->selectAll();
    return response.id;
}

bool CannedResponsesPage::removeCurrentResponse()
{
    const auto response = store().get<CannedResponse>(currentResponse());
    if (!response || !mayChange(*response))
        return false;
    m_modified = false;
    return remove(EntityKind::CannedResponse, response->id.as<EntityId>());
}

bool CannedResponsesPage::saveResponse()
{
    auto response = store().get<CannedResponse>(currentResponse());
    if (!response || !mayChange(*response))
        return false;
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        messageLine()->setText(tr("A canned response needs a name."));
        messageLine()->show();
        return false;
    }
    response->name = name;
    response->body = m_body->toPlainText();
    response->shared = m_seesEverything && m_shared->isChecked();
    if (!save(EntityKind::CannedResponse, *response))
        return false;
    m_modified = false;
    return true;
}

} // namespace Tessera::Ui
