// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations/cannedpicker.h"

#include "store/store.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QScreen>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int PreviewLength = 90;

QString preview(const QString &body)
{
    QString flat = body.simplified();
    if (flat.size() > PreviewLength)
        flat = flat.left(PreviewLength - 1) + u'…';
    return flat;
}

// Two lines per response: the name in bold with "Shared" or "Personal"
// beside it, then the start of the text, muted and elided.
class CannedDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const QFontMetrics fm(option.font);
        return { 200, 2 * fm.height() + 3 * Margin };
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        opt.text.clear();
        opt.icon = QIcon();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        QColor muted = opt.palette.color(textRole);
        muted.setAlphaF(0.65f);
        const QRect area = opt.rect.adjusted(2 * Margin, Margin, -2 * Margin, -Margin);
        const QFontMetrics fm(opt.font);
        QFont bold = opt.font;
        bold.setBold(true);
        const QFontMetrics boldMetrics(bold);

        painter->save();
        const QString name = index.data(Qt::DisplayRole).toString();
        const QString kind = index.data(CannedPicker::KindRole).toString();
        const int kindWidth = fm.horizontalAdvance(kind) + 3 * Margin;
        const QString shownName
            = boldMetrics.elidedText(name, Qt::ElideRight, area.width() - kindWidth);
        QRect line(area.left(), area.top(), area.width(), fm.height());
        painter->setFont(bold);
        painter->setPen(opt.palette.color(textRole));
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, shownName);
        painter->setFont(opt.font);
        painter->setPen(muted);
        painter->drawText(
            line.adjusted(boldMetrics.horizontalAdvance(shownName) + 3 * Margin, 0, 0, 0),
            Qt::AlignLeft | Qt::AlignVCenter, kind);
        line.translate(0, fm.height() + Margin);
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(
                index.data(CannedPicker::PreviewRole).toString(), Qt::ElideRight, line.width()));
        painter->restore();
    }

private:
    static constexpr int Margin = 3;
};

} // namespace

struct CannedPicker::Private
{
    Store &store;
    PersonId me;
    QLineEdit *search = nullptr;
    QListWidget *list = nullptr;
    QLabel *empty = nullptr;
    QList<CannedResponse> responses; // shared and mine, by name
    bool picked = false;
};

CannedPicker::CannedPicker(Store &store, PersonId me, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , d(std::make_unique<Private>(Private { store, me }))
{
    setObjectName(u"cannedPicker"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    d->search = new QLineEdit(this);
    d->search->setObjectName(u"cannedSearch"_s);
    d->search->setPlaceholderText(tr("Search canned responses…"));
    d->search->setClearButtonEnabled(true);
    layout->addWidget(d->search);
    d->list = new QListWidget(this);
    d->list->setObjectName(u"cannedList"_s);
    d->list->setItemDelegate(new CannedDelegate(d->list));
    d->list->setUniformItemSizes(true);
    d->list->setFocusPolicy(Qt::NoFocus); // typing stays in the search field
    layout->addWidget(d->list, 1);
    d->empty = new QLabel(tr("No canned response matches."), this);
    d->empty->setAlignment(Qt::AlignCenter);
    d->empty->setEnabled(false);
    d->empty->hide();
    layout->addWidget(d->empty);
    resize(420, 320);

    d->search->installEventFilter(this);
    connect(d->search, &QLineEdit::textChanged, this, &CannedPicker::refill);
    connect(d->list, &QListWidget::itemActivated, this, &CannedPicker::pickCurrent);
    connect(d->list, &QListWidget::itemClicked, this, &CannedPicker::pickCurrent);
}

CannedPicker::~CannedPicker() = default;

void CannedPicker::popup(const QRect &anchor, const QString &query)
{
    d->responses.clear();
    for (const CannedResponse &r : d->store.all<CannedResponse>()) {
        if (r.shared || r.ownerId == d->me)
            d->responses.append(r);
    }
    std::sort(d->responses.begin(), d->responses.end(),
        [](const CannedResponse &a, const CannedResponse &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    d->picked = false;
    d->search->setText(query);
    refill();
    QPoint at = anchor.bottomLeft();
    // The whole popup stays on the screen, above the anchor when it would
    // overflow the bottom, never over the line being written.
    if (const QScreen *screen = parentWidget() ? parentWidget()->screen() : this->screen()) {
        const QRect room = screen->availableGeometry();
        if (at.y() + height() > room.bottom())
            at.setY(anchor.top() - height());
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - width())));
        at.setY(std::max(at.y(), room.top()));
    }
    move(at);
    show();
    d->search->setFocus(Qt::PopupFocusReason);
}

QList<CannedResponseId> CannedPicker::shownResponses() const
{
    QList<CannedResponseId> ids;
    for (int row = 0; row < d->list->count(); ++row)
        ids.append(CannedResponseId::fromString(d->list->item(row)->data(IdRole).toString()));
    return ids;
}

void CannedPicker::pickCurrent()
{
    const QListWidgetItem *item = d->list->currentItem();
    if (!item)
        return;
    const auto id = CannedResponseId::fromString(item->data(IdRole).toString());
    const auto found = std::find_if(d->responses.cbegin(), d->responses.cend(),
        [&](const CannedResponse &r) { return r.id == id; });
    if (found == d->responses.cend())
        return;
    const CannedResponse response = *found;
    d->picked = true;
    hide();
    Q_EMIT picked(response);
}

QLineEdit *CannedPicker::searchField() const
{
    return d->search;
}

QListWidget *CannedPicker::list() const
{
    return d->list;
}

bool CannedPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == d->search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int count = d->list->count();
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            if (count == 0)
                return true;
            const int step = key->key() == Qt::Key_Up ? -1
                : key->key() == Qt::Key_Down          ? 1
                : key->key() == Qt::Key_PageUp        ? -5
                                                      : 5;
            d->list->setCurrentRow(std::clamp(d->list->currentRow() + step, 0, count - 1));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            pickCurrent();
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void CannedPicker::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    if (!d->picked)
        Q_EMIT dismissed();
}

void CannedPicker::refill()
{
    const QString needle = d->search->text().trimmed();
    d->list->clear();
    for (const CannedResponse &r : std::as_const(d->responses)) {
        if (!needle.isEmpty() && !r.name.contains(needle, Qt::CaseInsensitive)
            && !r.body.contains(needle, Qt::CaseInsensitive))
            continue;
        auto *item = new QListWidgetItem(r.name, d->list);
        item->setData(KindRole, r.shared ? tr("Shared") : tr("Personal"));
        item->setData(PreviewRole, preview(r.body));
        item->setData(IdRole, r.id.toString());
        item->setToolTip(r.body);
    }
    if (d->list->count() > 0)
        d->list->setCurrentRow(0);
    d->list->setVisible(d->list->count() > 0);
    d->empty->setVisible(d->list->count() == 0);
}

} // namespace Tessera::Ui
