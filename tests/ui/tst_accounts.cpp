// SPDX-License-Identifier: GPL-3.0-or-later
// Remembered accounts and the sign-in dialog.
#include "accounts/accountdialog.h"
#include "accounts/accounts.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestAccounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"TesseraTests"_s);
        QCoreApplication::setApplicationName(u"tst_accounts"_s);
    }

    void init() { QSettings().clear(); }

    void accountsAreRememberedAndForgotten()
    {
        Ui::AccountSettings settings;
        QCOMPARE(settings.accounts().size(), 1);
        QVERIFY(settings.current().isLocal());

        const auto team
            = Ui::Account::team(QUrl(u"https://help.example.com/"_s), u"Ana@Example.com"_s);
        QCOMPARE(team.email, u"ana@example.com"_s);
        QCOMPARE(
            team, Ui::Account::team(QUrl(u"https://help.example.com"_s), u"ana@example.com"_s));
        settings.remember(team);
        settings.remember(team); // once only
        const auto other
            = Ui::Account::team(QUrl(u"https://other.example.org"_s), u"ana@example.com"_s);
        QVERIFY(other.key != team.key);
        settings.remember(other);
        settings.setCurrent(team.key);

        Ui::AccountSettings reread; // as after a restart
        const auto accounts = reread.accounts();
        QCOMPARE(accounts.size(), 3);
        QVERIFY(accounts.at(0).isLocal());
        QCOMPARE(accounts.at(1), team);
        QCOMPARE(accounts.at(2), other);
        QCOMPARE(reread.current(), team);

        reread.forget(team.key);
        QCOMPARE(reread.accounts().size(), 2);
        QVERIFY(reread.current().isLocal()); // the forgotten one was in use
    }

    void dialogStaysOpenWithTheReasonUntilSignedIn()
    {
        int attempts = 0;
        QString password;
        Ui::AccountDialog dialog([&](const QUrl &server, const QString &email, const QString &pw,
                                     std::function<void(const QString &)> finished) {
            ++attempts;
            QCOMPARE(server, QUrl(u"https://help.example.com"_s));
            QCOMPARE(email, u"ana@example.com"_s);
            password = pw;
            finished(attempts == 1 ? u"wrong e-mail or password"_s : QString());
        });
        auto *serverField = dialog.findChild<QLineEdit *>(u"serverField"_s);
        auto *emailField = dialog.findChild<QLineEdit *>(u"emailField"_s);
        auto *passwordField = dialog.findChild<QLineEdit *>(u"passwordField"_s);
        auto *signIn = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(serverField && emailField && passwordField && signIn);
        dialog.show();
        QVERIFY(!signIn->isEnabled());
        QTest::keyClicks(serverField, u"help.example.com/"_s); // https:// is assumed
        QTest::keyClicks(emailField, u"ana@example.com"_s);
        QVERIFY(!signIn->isEnabled()); // no password yet
        QTest::keyClicks(passwordField, u"secret"_s);
        QVERIFY(signIn->isEnabled());

        signIn->click();
        QCOMPARE(attempts, 1);
        QCOMPARE(password, u"secret"_s);
        QVERIFY(dialog.isVisible());
        auto *error = dialog.findChild<QLabel *>(u"errorLabel"_s);
        QVERIFY(error->isVisibleTo(&dialog));
        QVERIFY(error->text().contains(u"wrong e-mail or password"_s));

        signIn->click();
        QCOMPARE(attempts, 2);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.server(), QUrl(u"https://help.example.com"_s));
    }
};

QTEST_MAIN(TestAccounts)
#include "tst_accounts.moc"
