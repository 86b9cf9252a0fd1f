// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "query/viewspec.h"

#include <QWidget>

#include <memory>

class QAction;
class QMenu;
class QTreeView;

namespace Tessera::Ui {

class ViewListModel;
class ViewTreeModel;

/// The Views dock's content: default, personal and shared views in
/// sections, each with its live count. Selecting a view activates it; views
/// are reordered by drag and drop (or Alt+Up / Alt+Down); the context menu
/// edits, duplicates, deletes and shares saved views, and lets leads and
/// admins hide default views for everyone.
class ViewsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewsPanel)

public:
    /// `model` holds the store and the agent (its context); it is shared
    /// with whoever else reads the counts, and must outlive the panel.
    explicit ViewsPanel(ViewListModel *model, QWidget *parent = nullptr);
    ~ViewsPanel() override;

    ViewListModel *model() const;
    ViewTreeModel *treeModel() const;
    QTreeView *view() const;

    /// The views in panel order (sections top to bottom), for Ctrl+1…9.
    int viewCount() const;
    /// The key of the index-th view (0-based) in panel order; empty if none.
    QString viewAt(int index) const;
    QString currentKey() const;

    /// Whether Edit… opens the view editor itself (the default) or only
    /// emits editRequested().
    bool opensEditor() const;
    void setOpensEditor(bool opens);

    /// The context menu for a view (or for the panel, with an empty key),
    /// as right-clicking shows it. The caller owns the menu.
    QMenu *createContextMenu(const QString &key);

    /// The panel's actions (also in its context menu), for the main
    /// window's menus: "actionNewView", "actionEditView",
    /// "actionDuplicateView", "actionDeleteView", "actionShareView",
    /// "actionHideView", "actionMoveViewUp", "actionMoveViewDown".
    QList<QAction *> viewActions() const;

public Q_SLOTS:
    /// Selects a view and activates it.
    bool selectView(const QString &key);
    /// Activates the index-th view in panel order.
    bool activateView(int index);
    void newView();
    void editView(const QString &key);
    void duplicateView(const QString &key);
    /// Asks for confirmation first.
    void deleteView(const QString &key);
    void setViewShared(const QString &key, bool shared);
    void hideDefaultView(const QString &key);
    void showDefaultView(const QString &key);
    void moveView(const QString &key, int delta);

Q_SIGNALS:
    void viewActivated(const Tessera::ViewSpec &spec, const QString &key);
    void editRequested(const QString &key, const Tessera::ViewSpec &spec);

private:
    void currentChanged();
    void modelReset();
    void updateActions();
    void showError(const QString &title, const QString &message);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
