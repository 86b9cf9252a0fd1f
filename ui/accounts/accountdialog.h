// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QUrl>

#include <functional>
#include <memory>

namespace Tessera::Ui {

/// Connects to a team server: its address, the agent's e-mail and password.
/// Signing in is the caller's (widgets never talk to the network): the
/// dialog hands over the details and shows the answer, staying open with
/// the reason when it is a refusal.
class AccountDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountDialog)

public:
    /// Called with the details; calls `finished` with an empty string on
    /// success or the reason for failure.
    using SignIn = std::function<void(const QUrl &server, const QString &email,
        const QString &password, std::function<void(const QString &error)> finished)>;

    explicit AccountDialog(SignIn signIn, QWidget *parent = nullptr);
    ~AccountDialog() override;

    /// Prefills the fields, e.g. when a saved session has expired.
    void setDetails(const QUrl &server, const QString &email);
    QUrl server() const;
    QString email() const;

    void accept() override;

private:
    void updateButtons();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
