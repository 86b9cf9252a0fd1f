// SPDX-License-Identifier: GPL-3.0-or-later
// ticketlist-shots OUTDIR: renders the ticket list over a demo workspace in
// the light and the dark palette and saves PNGs, to look at the real thing.
#include "colorscheme.h"
#include "ticketlistfixture.h"
#include "tickets/ticketlistmodel.h"
#include "tickets/ticketlistview.h"

#include <QApplication>
#include <QDir>
#include <QScrollBar>

using namespace Qt::StringLiterals;
using namespace Tessera;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"shots"_s;
    QDir().mkpath(out);
    Test::TicketListFixture demo(600);

    struct Shot
    {
        QString name;
        ViewSpec spec;
        int scroll = 0;
    };
    ViewSpec all;
    all.sort = { { u"resolution_due"_s, false } };
    all.columns = Test::TicketListFixture::allOpen().columns;
    ViewSpec dueBuckets = all;
    dueBuckets.groupBy = u"due_bucket"_s;
    ViewSpec today;
    for (const DefaultView &view : defaultViews()) {
        if (view.key == u"due_today"_s)
            today = view.spec;
    }
    const QList<Shot> shots { { u"status"_s, Test::TicketListFixture::allOpen(u"status"_s) },
        { u"due"_s, dueBuckets }, { u"all"_s, all, 400 }, { u"today"_s, today } };

    for (const auto scheme : { Ui::ColorScheme::Light, Ui::ColorScheme::Dark }) {
        Ui::applyColorScheme(scheme);
        for (const Shot &shot : shots) {
            Ui::TicketListModel model(demo.store.get(), demo.context);
            Ui::TicketListView view;
            view.resize(1280, 640);
            view.setModel(&model);
            model.setView(shot.spec);
            view.show();
            QCoreApplication::processEvents();
            view.selectNextTicket();
            view.selectNextTicket();
            view.verticalScrollBar()->setValue(shot.scroll);
            QCoreApplication::processEvents();
            const QString file = u"%1/ticketlist-%2-%3.png"_s.arg(
                out, shot.name, scheme == Ui::ColorScheme::Dark ? u"dark"_s : u"light"_s);
            if (!view.grab().save(file)) {
                qWarning("cannot write %s", qPrintable(file));
                return 1;
            }
            std::printf("%s\n", qPrintable(file));
        }
    }
    return 0;
}
