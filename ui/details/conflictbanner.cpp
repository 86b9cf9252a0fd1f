// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/conflictbanner.h"

#include "details/conflictdescription.h"
#include "store/store.h"
#include "sync/syncengine.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

// The warning sign before each notice, painted as tool buttons paint their
// icons (a theme icon may offer no pixmap of its own at this size).
class WarningMark : public QWidget
{
public:
    explicit WarningMark(QWidget *parent)
        : QWidget(parent)
    {
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
        setFixedSize(size, size);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        ConflictText::warningIcon(this).paint(&painter, rect());
    }
};

} // namespace

struct ConflictBanner::Private
{
    Store &store;
    QPointer<Sync::SyncEngine> engine;
    TicketId ticket;
    QList<qint64> shown;
    QVBoxLayout *rows = nullptr;
    QLabel *failure = nullptr;
};

ConflictBanner::ConflictBanner(Store &store, QWidget *parent)
    : QFrame(parent)
    , d(std::make_unique<Private>(Private { store, {}, {}, {}, nullptr, nullptr }))
{
    setObjectName(u"conflictBanner"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    const int margin = style()->pixelMetric(QStyle::PM_LayoutTopMargin, nullptr, this);
    layout->setContentsMargins(margin, margin / 2, margin, margin / 2);
    d->rows = new QVBoxLayout;
    d->rows->setContentsMargins({});
    layout->addLayout(d->rows);
    d->failure = new QLabel(this);
    d->failure->setObjectName(u"conflictFailure"_s);
    d->failure->setWordWrap(true);
    d->failure->hide();
    layout->addWidget(d->failure);
    connect(&store, &Store::conflictsChanged, this, [this] { refresh(); });
    refresh();
}

ConflictBanner::~ConflictBanner() = default;

void ConflictBanner::setEngine(Sync::SyncEngine *engine)
{
    d->engine = engine;
    refresh();
}

void ConflictBanner::setTicket(TicketId ticket)
{
    if (ticket == d->ticket)
        return;
    d->ticket = ticket;
    d->failure->hide();
    refresh();
}

TicketId ConflictBanner::ticket() const
{
    return d->ticket;
}

QList<qint64> ConflictBanner::shownConflicts() const
{
    return d->shown;
}

void ConflictBanner::refresh()
{
    while (QLayoutItem *item = d->rows->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            // Possibly inside one of its buttons' clicked(): gone now, deleted later.
            w->hide();
            w->setParent(nullptr);
            w->deleteLater();
        }
        delete item;
    }
    d->shown.clear();
    if (d->ticket.isValid()) {
        const QList<SyncConflict> conflicts = d->store.conflicts();
        for (const SyncConflict &c : conflicts) {
            if (ConflictText::ticketOf(d->store, c) != d->ticket)
                continue;
            d->shown.append(c.id);

            auto *row = new QWidget(this);
            row->setObjectName(u"conflict-%1"_s.arg(c.id));
            auto *line = new QHBoxLayout(row);
            line->setContentsMargins({});
            line->addWidget(new WarningMark(row), 0, Qt::AlignTop);

            auto *text = new QLabel(row);
            text->setObjectName(u"conflictText"_s);
            text->setWordWrap(true);
            text->setTextFormat(Qt::PlainText);
            text->setTextInteractionFlags(Qt::TextSelectableByMouse);
            QStringList lines;
            const bool conflict = c.status == u"conflict"_s;
            if (conflict) {
                lines.append(c.mutation.entity == EntityKind::Ticket
                        ? tr("A colleague changed this ticket while you did:")
                        : tr("A colleague changed this too:"));
                for (const ConflictText::FieldLine &f : ConflictText::fieldLines(d->store, c))
                    lines.append(ConflictText::describe(f));
            } else {
                lines.append(
                    tr("The server refused your change: %1").arg(ConflictText::refusal(c)));
            }
            text->setText(lines.join(u'\n'));
            line->addWidget(text, 1);

            const qint64 id = c.id;
            const auto button = [&](const QString &label, const QString &name, bool mine,
                                    const QString &tip) {
                auto *b = new QPushButton(label, row);
                b->setObjectName(name);
                b->setToolTip(tip);
                b->setEnabled(!d->engine.isNull());
                connect(b, &QPushButton::clicked, this, [this, id, mine] { resolve(id, mine); });
                line->addWidget(b, 0, Qt::AlignTop);
            };
            if (conflict) {
                button(tr("Keep Theirs"), u"keepTheirs"_s, false,
                    tr("Leave the values the server has"));
                button(tr("Use Mine"), u"useMine"_s, true, tr("Send your values again"));
            } else {
                button(tr("Discard"), u"discard"_s, false, tr("Drop your refused change"));
            }
            d->rows->addWidget(row);
        }
    }
    setVisible(!d->shown.isEmpty() || d->failure->isVisibleTo(this));
    update();
}

void ConflictBanner::resolve(qint64 conflictId, bool mine)
{
    const Result<void> done = mine ? ConflictActions::useMine(d->engine, conflictId)
                                   : ConflictActions::keepTheirs(d->engine, conflictId);
    d->failure->setVisible(!done);
    if (!done)
        d->failure->setText(tr("This could not be resolved: %1").arg(done.error().message));
    // The store announces the removal itself; a failure must show at once.
    refresh();
}

void ConflictBanner::paintEvent(QPaintEvent *event)
{
    // A frame tinted with the warning colour over the window, as
    // KMessageWidget draws its warnings: the palette's text stays readable.
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor accent = ConflictText::warningColor(palette());
    QColor fill = accent;
    fill.setAlphaF(0.15);
    QColor border = accent;
    border.setAlphaF(0.8);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(QPen(border, 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(box, 4, 4);
    QFrame::paintEvent(event);
}

void ConflictBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::StyleChange)
        refresh(); // the buttons' and icons' sizes
    QFrame::changeEvent(event);
}

} // namespace Tessera::Ui
