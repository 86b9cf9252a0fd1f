// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "query/viewspec.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace Tessera {
class Store;
}

namespace Tessera::Ui {

class ColumnsEditor;
class FilterBuilder;
class SortKeysEditor;

/// Builds or changes a view (docs/views.md): a filter of nested all-of /
/// any-of groups, grouping, sort keys and columns, a name and whether it is
/// shared, with a live count of the tickets it matches. Save writes the
/// saved view through the store (a new one unless setSavedView() was
/// called), Save As writes a copy, Delete removes it.
class ViewEditorDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ViewEditorDialog)

public:
    /// `store`: the cache (fields, people, counts, saving; may be null for
    /// editing a spec alone); `context`: the signed-in agent.
    ViewEditorDialog(Store *store, QueryContext context, QWidget *parent = nullptr);
    ~ViewEditorDialog() override;

    ViewSpec spec() const;
    void setSpec(const ViewSpec &spec);
    QString name() const;
    void setName(const QString &name);
    bool isShared() const;
    void setShared(bool shared);
    /// Edits this saved view: its name, sharing and spec fill the dialog.
    void setSavedView(const SavedView &view);
    /// The view being edited, or after Save / Save As the view written.
    SavedViewId savedViewId() const;

    /// The compiler's message for the current spec; empty when it is valid.
    QString errorText() const;
    /// The tickets the current spec matches; -1 while counting or invalid.
    qint64 previewCount() const;

    FilterBuilder *filterBuilder() const;
    SortKeysEditor *sortKeysEditor() const;
    ColumnsEditor *columnsEditor() const;
    QComboBox *groupByCombo() const;
    QLineEdit *nameEdit() const;
    QCheckBox *sharedCheck() const;
    QPushButton *saveButton() const;
    QPushButton *saveAsButton() const;
    QPushButton *deleteButton() const;

public Q_SLOTS:
    /// Writes the view and closes the dialog.
    void save();
    /// Asks for a name, writes a new view with it and closes the dialog.
    void saveAs();
    /// Asks for confirmation, deletes the saved view and closes the dialog.
    void deleteView();

Q_SIGNALS:
    void saved(Tessera::SavedViewId id);
    void deleted(Tessera::SavedViewId id);
    /// A new preview count is in (-1: the spec is invalid).
    void previewCountChanged(qint64 count);

private:
    void specChanged();
    void validate();
    void startCount();
    void applyCount(quint64 generation, qint64 count);
    void updateButtons();
    bool write(const QString &name, bool asNew);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Tessera::Ui
