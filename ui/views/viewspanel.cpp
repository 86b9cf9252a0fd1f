// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/viewspanel.h"

#include "query/defaultviews.h"
#include "uilogging.h"
#include "views/savedviews.h"
#include "views/vieweditordialog.h"
#include "views/viewlistmodel.h"
#include "views/viewtreemodel.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

/// A view's name on the left and its count, dimmed, on the right; section
/// titles small and spaced from the section above.
class ViewItemDelegate : public QStyledItemDelegate
{
public:
    ViewItemDelegate(ViewTreeModel *model, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_model(model)
    { }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(size.height() + 4);
        if (m_model->isSection(index) && index.row() > 0)
            size.setHeight(size.height() + 8);
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        const bool section = m_model->isSection(index);
        const QString title = opt.text;
        opt.text.clear();
        if (section) {
            opt.state
                &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
            opt.rect.setTop(
                opt.rect.bottom() + 1 - QStyledItemDelegate::sizeHint(option, index).height() - 4);
        }
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                                   .adjusted(2, 0, -6, 0);
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorGroup group
            = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        const QColor text
            = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        QColor dim = selected ? text : opt.palette.color(group, QPalette::PlaceholderText);
        painter->save();
        if (section) {
            const QRect titleRect = textRect.adjusted(4, 0, 0, 0);
            QFont font = opt.font;
            font.setBold(true);
            font.setPointSizeF(font.pointSizeF() * 0.9);
            painter->setFont(font);
            painter->setPen(dim);
            painter->drawText(titleRect, Qt::AlignVCenter | Qt::AlignLeft,
                QFontMetrics(font).elidedText(title, Qt::ElideRight, titleRect.width()));
            painter->restore();
            return;
        }
        const qint64 count = index.data(ViewListModel::CountRole).toLongLong();
        const QString countText = count < 0 ? QString() : QLocale().toString(count);
        const QFontMetrics metrics(opt.font);
        const int countWidth = countText.isEmpty() ? 0 : metrics.horizontalAdvance(countText) + 8;
        painter->setFont(opt.font);
        painter->setPen(text);
        painter->drawText(textRect.adjusted(0, 0, -countWidth, 0), Qt::AlignVCenter | Qt::AlignLeft,
            metrics.elidedText(title, Qt::ElideRight, textRect.width() - countWidth));
        if (!countText.isEmpty()) {
            painter->setPen(dim);
            painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignRight, countText);
        }
        painter->restore();
    }

private:
    ViewTreeModel *m_model = nullptr;
};

/// The tree, with a context menu from the panel.
class ViewTree : public QTreeView
{
public:
    ViewTree(ViewsPanel *panel, QWidget *parent)
        : QTreeView(parent)
        , m_panel(panel)
    { }

protected:
    void contextMenuEvent(QContextMenuEvent *event) override
    {
        const QModelIndex index = indexAt(event->pos());
        const QString key = index.isValid() && index.parent().isValid()
            ? index.data(ViewListModel::KeyRole).toString()
            : QString();
        std::unique_ptr<QMenu> menu(m_panel->createContextMenu(key));
        if (menu && !menu->isEmpty())
            menu->exec(event->globalPos());
    }

private:
    ViewsPanel *m_panel = nullptr;
};

} // namespace

struct ViewsPanel::Private
{
    ViewListModel *model = nullptr;
    ViewTreeModel *tree = nullptr;
    QTreeView *view = nullptr;
    bool opensEditor = true;
    QString currentKey;
    ViewSpec currentSpec;
    QString menuKey; // the view a context menu is open for
    bool restoring = false;

    QAction *newView = nullptr;
    QAction *edit = nullptr;
    QAction *duplicate = nullptr;
    QAction *remove = nullptr;
    QAction *share = nullptr;
    QAction *hide = nullptr;
    QAction *moveUp = nullptr;
    QAction *moveDown = nullptr;

    QString target() const { return menuKey.isEmpty() ? currentKey : menuKey; }
    SavedViews &savedViews() const { return model->savedViews(); }
    std::optional<SavedView> savedView(const QString &key) const
    {
        const SavedViewId id = SavedViewId::fromString(key);
        return id.isValid() ? savedViews().find(id) : std::nullopt;
    }
    bool isDefault(const QString &key) const
    {
        const int row = model->rowOf(key);
        return row >= 0 && model->sectionAt(row) == ViewListModel::Section::Default;
    }
};

ViewsPanel::ViewsPanel(ViewListModel *model, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(u"viewsPanel"_s);
    d->model = model;
    d->tree = new ViewTreeModel(model, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->view = new ViewTree(this, this);
    d->view->setObjectName(u"viewTree"_s);
    d->view->setModel(d->tree);
    d->view->setHeaderHidden(true);
    d->view->setRootIsDecorated(false);
    d->view->setItemsExpandable(false);
    d->view->setIndentation(8);
    d->view->setUniformRowHeights(false);
    d->view->setSelectionMode(QAbstractItemView::SingleSelection);
    d->view->setDragDropMode(QAbstractItemView::InternalMove);
    d->view->setDefaultDropAction(Qt::MoveAction);
    d->view->setDropIndicatorShown(true);
    d->view->setItemDelegate(new ViewItemDelegate(d->tree, d->view));
    d->view->setFrameShape(QFrame::NoFrame);
    d->view->expandAll();
    layout->addWidget(d->view);
    setFocusProxy(d->view);

    const auto makeAction = [this](const QString &name, const QString &text,
                                const QKeySequence &shortcut, const QString &icon) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    d->newView = makeAction(u"actionNewView"_s, tr("&New View…"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), u"list-add"_s);
    d->edit = makeAction(
        u"actionEditView"_s, tr("&Edit View…"), QKeySequence(Qt::Key_F2), u"document-edit"_s);
    d->duplicate = makeAction(u"actionDuplicateView"_s, tr("D&uplicate View"),
        QKeySequence(Qt::CTRL | Qt::Key_D), u"edit-copy"_s);
    d->remove = makeAction(
        u"actionDeleteView"_s, tr("&Delete View…"), QKeySequence::Delete, u"edit-delete"_s);
    d->share = makeAction(u"actionShareView"_s, tr("&Share with the Team"), {}, u"emblem-shared"_s);
    d->share->setCheckable(true);
    d->hide = makeAction(u"actionHideView"_s, tr("&Hide for Everyone"), {}, u"view-hidden"_s);
    d->moveUp = makeAction(
        u"actionMoveViewUp"_s, tr("Move &Up"), QKeySequence(Qt::ALT | Qt::Key_Up), u"go-up"_s);
    d->moveDown = makeAction(u"actionMoveViewDown"_s, tr("Move Do&wn"),
        QKeySequence(Qt::ALT | Qt::Key_Down), u"go-down"_s);

    connect(d->newView, &QAction::triggered, this, &ViewsPanel::newView);
    connect(d->edit, &QAction::triggered, this, [this] { editView(d->target()); });
    connect(d->duplicate, &QAction::triggered, this, [this] { duplicateView(d->target()); });
    connect(d->remove, &QAction::triggered, this, [this] { deleteView(d->target()); });
    connect(d->share, &QAction::triggered, this,
        [this](bool checked) { setViewShared(d->target(), checked); });
    connect(d->hide, &QAction::triggered, this, [this] { hideDefaultView(d->target()); });
    connect(d->moveUp, &QAction::triggered, this, [this] { moveView(d->target(), -1); });
    connect(d->moveDown, &QAction::triggered, this, [this] { moveView(d->target(), 1); });

    connect(d->view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &ViewsPanel::currentChanged);
    connect(d->tree, &QAbstractItemModel::modelReset, this, &ViewsPanel::modelReset);
    updateActions();
}

ViewsPanel::~ViewsPanel() = default;

ViewListModel *ViewsPanel::model() const
{
    return d->model;
}

ViewTreeModel *ViewsPanel::treeModel() const
{
    return d->tree;
}

QTreeView *ViewsPanel::view() const
{
    return d->view;
}

int ViewsPanel::viewCount() const
{
    return d->model->rowCount();
}

QString ViewsPanel::viewAt(int index) const
{
    // The list model keeps its views in panel order, section after section.
    if (index < 0 || index >= d->model->rowCount())
        return {};
    return d->model->index(index).data(ViewListModel::KeyRole).toString();
}

QString ViewsPanel::currentKey() const
{
    return d->currentKey;
}

bool ViewsPanel::opensEditor() const
{
    return d->opensEditor;
}

void ViewsPanel::setOpensEditor(bool opens)
{
    d->opensEditor = opens;
}

QList<QAction *> ViewsPanel::viewActions() const
{
    return { d->newView, d->edit, d->duplicate, d->remove, d->share, d->hide, d->moveUp,
        d->moveDown };
}

bool ViewsPanel::selectView(const QString &key)
{
    const int row = d->model->rowOf(key);
    if (row < 0)
        return false;
    const QModelIndex index = d->tree->fromSourceRow(row);
    if (index == d->view->currentIndex()) {
        currentChanged(); // activating the current view again refreshes the list
    } else {
        d->view->setCurrentIndex(index);
    }
    d->view->scrollTo(index);
    return true;
}

bool ViewsPanel::activateView(int index)
{
    const QString key = viewAt(index);
    return !key.isEmpty() && selectView(key);
}

void ViewsPanel::currentChanged()
{
    const int row = d->tree->sourceRow(d->view->currentIndex());
    if (d->restoring || row < 0) {
        updateActions();
        return;
    }
    d->currentKey = d->model->index(row).data(ViewListModel::KeyRole).toString();
    d->currentSpec = d->model->specAt(row);
    updateActions();
    Q_EMIT viewActivated(d->currentSpec, d->currentKey);
}

void ViewsPanel::modelReset()
{
    d->view->expandAll();
    if (d->currentKey.isEmpty()) {
        updateActions();
        return;
    }
    const int row = d->model->rowOf(d->currentKey);
    if (row < 0) {
        // The view went (deleted, hidden, unshared): the first view takes its place.
        d->currentKey.clear();
        activateView(0);
        return;
    }
    d->restoring = true;
    d->view->setCurrentIndex(d->tree->fromSourceRow(row));
    d->restoring = false;
    updateActions();
    if (d->model->specAt(row) != d->currentSpec) { // edited: the list follows
        d->currentSpec = d->model->specAt(row);
        Q_EMIT viewActivated(d->currentSpec, d->currentKey);
    }
}

void ViewsPanel::updateActions()
{
    const QString key = d->target();
    const int row = d->model->rowOf(key);
    const bool isView = row >= 0;
    const auto section = d->model->sectionAt(row);
    const auto saved = isView ? d->savedView(key) : std::nullopt;
    const bool canEdit = saved && d->savedViews().canEdit(*saved);
    const bool hasStore = d->model->store() != nullptr;

    d->newView->setEnabled(hasStore);
    d->edit->setEnabled(isView && hasStore);
    d->duplicate->setEnabled(isView && hasStore);
    d->remove->setEnabled(canEdit);
    d->remove->setVisible(!isView || saved.has_value());
    d->share->setVisible(saved.has_value() && d->savedViews().canShare());
    d->share->setEnabled(canEdit && d->savedViews().canShare());
    d->share->setChecked(saved && saved->shared);
    d->hide->setVisible(
        isView && section == ViewListModel::Section::Default && d->savedViews().canHideDefaults());
    d->hide->setEnabled(d->hide->isVisible());
    const auto [first, count] = d->model->sectionRange(section);
    const bool movable = isView && d->model->canReorder(section);
    d->moveUp->setEnabled(movable && row > first);
    d->moveDown->setEnabled(movable && row < first + count - 1);
}

QMenu *ViewsPanel::createContextMenu(const QString &key)
{
    d->menuKey = key;
    updateActions();
    auto *menu = new QMenu(this);
    menu->setObjectName(u"viewsContextMenu"_s);
    connect(menu, &QObject::destroyed, this, [this] {
        d->menuKey.clear();
        updateActions();
    });
    if (!key.isEmpty()) {
        menu->addAction(d->edit);
        menu->addAction(d->duplicate);
        if (d->remove->isVisible())
            menu->addAction(d->remove);
        if (d->share->isVisible() || d->hide->isVisible())
            menu->addSeparator();
        if (d->share->isVisible())
            menu->addAction(d->share);
        if (d->hide->isVisible())
            menu->addAction(d->hide);
        menu->addSeparator();
        menu->addAction(d->moveUp);
        menu->addAction(d->moveDown);
        menu->addSeparator();
    }
    menu->addAction(d->newView);
    const QStringList hidden = d->savedViews().hiddenDefaults();
    if (d->savedViews().canHideDefaults() && !hidden.isEmpty()) {
        QMenu *show = menu->addMenu(tr("Show &Hidden Default View"));
        show->setObjectName(u"showHiddenMenu"_s);
        for (const DefaultView &view : defaultViews()) {
            if (!hidden.contains(view.key))
                continue;
            QAction *action
                = show->addAction(QCoreApplication::translate("DefaultViews", view.title));
            action->setObjectName(u"show_"_s + view.key);
            connect(action, &QAction::triggered, this,
                [this, viewKey = view.key] { showDefaultView(viewKey); });
        }
    }
    return menu;
}

void ViewsPanel::newView()
{
    if (!d->model->store())
        return;
    auto *dialog = new ViewEditorDialog(d->model->store(), d->model->context(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // A new view starts from the usual list: open work, the standard columns.
    const ViewSpec start = defaultViews().constFirst().spec;
    dialog->setSpec(start);
    connect(dialog, &ViewEditorDialog::saved, this,
        [this](SavedViewId id) { selectView(id.toString()); });
    dialog->open();
}

void ViewsPanel::editView(const QString &key)
{
    const int row = d->model->rowOf(key);
    if (row < 0)
        return;
    Q_EMIT editRequested(key, d->model->specAt(row));
    if (!d->opensEditor || !d->model->store())
        return;
    auto *dialog = new ViewEditorDialog(d->model->store(), d->model->context(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const auto saved = d->savedView(key)) {
        dialog->setSavedView(*saved);
    } else {
        // A default view is a starting point: saving makes a view of one's own.
        dialog->setName(d->model->index(row).data(ViewListModel::TitleRole).toString());
        dialog->setSpec(d->model->specAt(row));
    }
    connect(dialog, &ViewEditorDialog::saved, this,
        [this](SavedViewId id) { selectView(id.toString()); });
    dialog->open();
}

void ViewsPanel::duplicateView(const QString &key)
{
    const int row = d->model->rowOf(key);
    if (row < 0)
        return;
    const QString title = d->model->index(row).data(ViewListModel::TitleRole).toString();
    auto created = d->savedViews().create(tr("%1 (copy)").arg(title), d->model->specAt(row), false);
    if (!created) {
        showError(tr("View Not Duplicated"), created.error().message);
        return;
    }
    selectView(created->toString());
}

void ViewsPanel::deleteView(const QString &key)
{
    const auto saved = d->savedView(key);
    if (!saved || !d->savedViews().canEdit(*saved))
        return;
    QMessageBox confirm(QMessageBox::Question, tr("Delete View"),
        saved->shared ? tr("Delete the shared view “%1” for the whole team?").arg(saved->name)
                      : tr("Delete the view “%1”?").arg(saved->name),
        QMessageBox::NoButton, this);
    confirm.setObjectName(u"confirmDelete"_s);
    QPushButton *yes = confirm.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm.addButton(QMessageBox::Cancel);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != yes)
        return;
    if (auto done = d->savedViews().remove(saved->id); !done)
        showError(tr("View Not Deleted"), done.error().message);
}

void ViewsPanel::setViewShared(const QString &key, bool shared)
{
    const auto saved = d->savedView(key);
    if (!saved)
        return;
    if (auto done = d->savedViews().setShared(saved->id, shared); !done)
        showError(tr("View Not Shared"), done.error().message);
    updateActions();
}

void ViewsPanel::hideDefaultView(const QString &key)
{
    if (!d->isDefault(key))
        return;
    if (auto done = d->savedViews().hideDefault(key); !done)
        showError(tr("View Not Hidden"), done.error().message);
}

void ViewsPanel::showDefaultView(const QString &key)
{
    if (auto done = d->savedViews().showDefault(key); !done)
        showError(tr("View Not Shown"), done.error().message);
}

void ViewsPanel::moveView(const QString &key, int delta)
{
    const int row = d->model->rowOf(key);
    if (row < 0)
        return;
    const int first = d->model->sectionRange(d->model->sectionAt(row)).first;
    d->model->moveView(key, row - first + delta);
}

void ViewsPanel::showError(const QString &title, const QString &message)
{
    qCWarning(lcUi) << title << message;
    QMessageBox::warning(this, title, message);
}

} // namespace Tessera::Ui
