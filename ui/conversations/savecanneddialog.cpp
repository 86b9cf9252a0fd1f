// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/savecanneddialog.h"

#include "store/store.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct SaveCannedDialog::Private
{
    Store &store;
    PersonId me;
    bool mayShare = false;
    QLineEdit *name = nullptr;
    QPlainTextEdit *body = nullptr;
    QCheckBox *shared = nullptr;
    QLabel *error = nullptr;
    QPushButton *ok = nullptr;
    CannedResponseId saved;
};

SaveCannedDialog::SaveCannedDialog(Store &store, PersonId me, const QString &body, QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Private>(Private { store, me }))
{
    setWindowTitle(tr("Save as Canned Response"));
    d->mayShare = maySaveShared(store, me);
    auto *form = new QFormLayout(this);
    d->name = new QLineEdit(this);
    d->name->setObjectName(u"cannedName"_s);
    d->name->setPlaceholderText(tr("How you will find it, e.g. “Ask for logs”"));
    form->addRow(tr("&Name:"), d->name);
    d->body = new QPlainTextEdit(body, this);
    d->body->setObjectName(u"cannedBody"_s);
    d->body->setToolTip(tr("Placeholders such as {{requester.first_name}} or {{ticket.number}} "
                           "are filled in when the response is inserted."));
    form->addRow(tr("&Text:"), d->body);
    d->shared = new QCheckBox(tr("&Shared with the team"), this);
    d->shared->setObjectName(u"cannedShared"_s);
    d->shared->setEnabled(d->mayShare);
    if (!d->mayShare)
        d->shared->setToolTip(tr("Only admins and leads can share canned responses."));
    form->addRow(QString(), d->shared);
    d->error = new QLabel(this);
    d->error->setWordWrap(true);
    d->error->hide();
    form->addRow(d->error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    d->ok = buttons->button(QDialogButtonBox::Save);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SaveCannedDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SaveCannedDialog::reject);
    const auto refresh = [this] {
        d->ok->setEnabled(
            !d->name->text().trimmed().isEmpty() && !d->body->toPlainText().trimmed().isEmpty());
    };
    connect(d->name, &QLineEdit::textChanged, this, refresh);
    connect(d->body, &QPlainTextEdit::textChanged, this, refresh);
    refresh();
    resize(480, 360);
    d->name->setFocus();
}

SaveCannedDialog::~SaveCannedDialog() = default;

bool SaveCannedDialog::maySaveShared(const Store &store, PersonId person)
{
    const auto agent = store.get<Person>(person);
    return agent && agent->kind == PersonKind::Agent
        && (agent->role == Role::Admin || agent->role == Role::Lead);
}

QLineEdit *SaveCannedDialog::nameField() const
{
    return d->name;
}

QPlainTextEdit *SaveCannedDialog::bodyField() const
{
    return d->body;
}

QCheckBox *SaveCannedDialog::sharedBox() const
{
    return d->shared;
}

CannedResponseId SaveCannedDialog::saved() const
{
    return d->saved;
}

QString SaveCannedDialog::errorText() const
{
    return d->error->isHidden() ? QString() : d->error->text();
}

void SaveCannedDialog::accept()
{
    const auto fail = [this](const QString &text) {
        d->error->setText(text);
        d->error->show();
    };
    if (d->saved.isValid())
        return QDialog::accept();
    CannedResponse response;
    response.id = CannedResponseId::create();
    response.ownerId = d->me;
    response.name = d->name->text().trimmed();
    response.body = d->body->toPlainText();
    // Checked again here: the box may be set by code, not only by a click.
    response.shared = d->mayShare && d->shared->isChecked();
    if (response.name.isEmpty())
        return fail(tr("Give the response a name."));
    if (response.body.trimmed().isEmpty())
        return fail(tr("The response has no text."));
    if (const auto done
        = d->store.apply(Mutation::creating(EntityKind::CannedResponse, response, d->me));
        !done)
        return fail(tr("Cannot save the response: %1").arg(done.error().message));
    d->saved = response.id;
    QDialog::accept();
}

} // namespace Tessera::Ui
