// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountdialog.h"

#include "accounts.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct AccountDialog::Private
{
    SignIn signIn;
    QLineEdit *server = nullptr;
    QLineEdit *email = nullptr;
    QLineEdit *password = nullptr;
    QLabel *error = nullptr;
    QProgressBar *busy = nullptr;
    QDialogButtonBox *buttons = nullptr;
    bool waiting = false;
};

AccountDialog::AccountDialog(SignIn signIn, QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Private>())
{
    d->signIn = std::move(signIn);
    setWindowTitle(tr("Connect to a Team Server"));
    setObjectName(u"accountDialog"_s);

    auto *intro = new QLabel(
        tr("Sign in to your team's Tessera server. Your tickets are kept on this computer too, "
           "so you can keep working offline."),
        this);
    intro->setWordWrap(true);

    d->server = new QLineEdit(this);
    d->server->setObjectName(u"serverField"_s);
    d->server->setPlaceholderText(tr("https://helpdesk.example.com"));
    d->email = new QLineEdit(this);
    d->email->setObjectName(u"emailField"_s);
    d->email->setPlaceholderText(tr("you@example.com"));
    d->password = new QLineEdit(this);
    d->password->setObjectName(u"passwordField"_s);
    d->password->setEchoMode(QLineEdit::Password);

    d->error = new QLabel(this);
    d->error->setObjectName(u"errorLabel"_s);
    d->error->setWordWrap(true);
    d->error->setTextFormat(Qt::PlainText);
    d->error->hide();
    d->busy = new QProgressBar(this);
    d->busy->setRange(0, 0);
    d->busy->setTextVisible(false);
    d->busy->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), d->server);
    form->addRow(tr("&E-mail:"), d->email);
    form->addRow(tr("&Password:"), d->password);

    d->buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    d->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Sign In"));
    connect(d->buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(d->buttons, &QDialogButtonBox::rejected, this, &AccountDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(d->error);
    layout->addWidget(d->busy);
    layout->addWidget(d->buttons);

    for (QLineEdit *field : { d->server, d->email, d->password })
        connect(field, &QLineEdit::textChanged, this, &AccountDialog::updateButtons);
    updateButtons();
    resize(440, sizeHint().height());
}

AccountDialog::~AccountDialog() = default;

void AccountDialog::setDetails(const QUrl &server, const QString &email)
{
    d->server->setText(server.toString());
    d->email->setText(email);
    d->password->setFocus();
}

QUrl AccountDialog::server() const
{
    QString text = d->server->text().trimmed();
    if (!text.contains(u"://"_s))
        text.prepend(u"https://"_s);
    return Account::normalizedServer(QUrl(text, QUrl::StrictMode));
}

QString AccountDialog::email() const
{
    return d->email->text().trimmed();
}

void AccountDialog::updateButtons()
{
    const QUrl url = server();
    const bool complete = url.isValid() && !url.host().isEmpty()
        && (url.scheme() == u"https"_s || url.scheme() == u"http"_s) && email().contains(u'@')
        && !d->password->text().isEmpty();
    d->buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !d->waiting);
}

void AccountDialog::accept()
{
    if (d->waiting)
        return;
    d->waiting = true;
    d->error->hide();
    d->busy->show();
    for (QLineEdit *field : { d->server, d->email, d->password })
        field->setEnabled(false);
    updateButtons();
    QPointer<AccountDialog> self(this);
    d->signIn(server(), email(), d->password->text(), [self](const QString &error) {
        if (!self)
            return;
        self->d->waiting = false;
        self->d->busy->hide();
        for (QLineEdit *field : { self->d->server, self->d->email, self->d->password })
            field->setEnabled(true);
        self->updateButtons();
        if (error.isEmpty()) {
            self->QDialog::accept();
            return;
        }
        // Red that reads on light and dark windows alike.
        QPalette palette = self->d->error->palette();
        const bool dark = palette.color(QPalette::Window).lightness() < 128;
        palette.setColor(
            QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1c, 0x1c));
        self->d->error->setPalette(palette);
        self->d->error->setText(tr("Could not sign in: %1").arg(error));
        self->d->error->show();
        self->d->password->selectAll();
        self->d->password->setFocus();
    });
}

} // namespace Tessera::Ui
