// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the Conversations tab with its reply editor over a demo workspace
// to PNG files, in the light and the dark palette: a public reply with the
// "Send as" menu open and a file attached, an internal note, and the canned
// response picker opened by "::":
//   reply-shots [output folder]
#include "colorscheme.h"
#include "conversations/cannedpicker.h"
#include "conversations/conversationstab.h"
#include "conversations/replyeditor.h"
#include "shotworkspace.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSqlQuery>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace Tessera;

using Tessera::Test::settle;

namespace {

bool save(const QPixmap &picture, const QString &file)
{
    const bool saved = picture.save(file);
    qInfo("%s %s", saved ? "wrote" : "could not write", qPrintable(file));
    return saved;
}

// A ticket with a few messages in both threads, so the tab looks lived in.
TicketId someTicket(const Store &store)
{
    QSqlQuery q(store.connection());
    if (!q.exec(u"SELECT t.id FROM tickets t WHERE t.kind = 'ticket' AND"
                u" (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) >= 3"
                u" ORDER BY t.number LIMIT 1"_s)
        || !q.next())
        qFatal("no ticket with messages in the demo workspace");
    return TicketId::fromString(q.value(0).toString());
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString out = Test::shotFolder(argc, argv, u"reply-shots"_s);

    Test::ShotWorkspace workspace;
    Store &store = workspace.store;
    const TicketId ticket = someTicket(store);

    bool ok = true;
    for (const auto &[scheme, name] : Test::palettes()) {
        Ui::applyColorScheme(scheme);
        Ui::ConversationsTab tab(store, workspace.context);
        tab.resize(760, 640);
        tab.setTicket(ticket);
        tab.show();
        tab.activateWindow();
        settle(100);
        Ui::ReplyEditor *editor = tab.editor();

        // Public, with the statuses menu open.
        editor->setText(u"Hello,\n\nthe export works again since this morning's update. "
                        u"Could you try once more and tell us whether the **CSV** looks right?"_s);
        editor->attachData(u"export-settings.png"_s, u"image/png"_s, QByteArray(48 * 1024, 'x'));
        settle();
        QToolButton *send = editor->sendButton();
        // Above the button, as at the bottom of a screen: the picture ends at the window.
        QMenu *menu = editor->statusMenu();
        menu->popup(send->mapToGlobal(
            QPoint(send->width() - menu->sizeHint().width(), -menu->sizeHint().height())));
        settle(100);
        ok &= save(Test::composite(&tab, { editor->statusMenu() }),
            u"%1/reply-public-%2.png"_s.arg(out, name));
        editor->statusMenu()->hide();

        // Internal note.
        editor->removeAttachment(0);
        editor->setVisibility(ThreadVisibility::Internal);
        editor->setText(u"Checked with @ops: the proxy dropped the connection after 30 s. "
                        u"Raised the timeout; waiting for the customer to confirm."_s);
        settle(100);
        ok &= save(tab.grab(), u"%1/reply-internal-%2.png"_s.arg(out, name));

        // The canned picker, opened by typing "::" in a public reply.
        editor->setVisibility(ThreadVisibility::Public);
        editor->setText(u"Thanks for the details.\n\n"_s);
        editor->textEdit()->setFocus();
        QTest::keyClicks(editor->textEdit(), u"::"_s);
        QTest::keyClicks(editor->cannedPicker()->searchField(), u"ticket"_s);
        settle(100);
        ok &= save(Test::composite(&tab, { editor->cannedPicker() }),
            u"%1/reply-canned-%2.png"_s.arg(out, name));
        editor->cannedPicker()->hide();
        editor->setText(QString());
    }
    return ok ? 0 : 1;
}
