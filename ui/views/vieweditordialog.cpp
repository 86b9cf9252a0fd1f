// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/vieweditordialog.h"

#include "query/viewqueries.h"
#include "store/store.h"
#include "uilogging.h"
#include "views/filterbuilder.h"
#include "views/savedviews.h"
#include "views/sortandcolumns.h"
#include "views/viewcatalogue.h"
#include "views/viewlabels.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct ViewEditorDialog::Private
{
    Store *store = nullptr;
    std::unique_ptr<ViewCatalogue> catalogue;
    std::unique_ptr<SavedViews> savedViews;
    std::optional<SavedView> editing;
    SavedViewId written;

    QLineEdit *name = nullptr;
    QCheckBox *shared = nullptr;
    QTabWidget *tabs = nullptr;
    FilterBuilder *filter = nullptr;
    QComboBox *groupBy = nullptr;
    SortKeysEditor *sort = nullptr;
    ColumnsEditor *columns = nullptr;
    QLabel *errorIcon = nullptr;
    QLabel *error = nullptr;
    QLabel *count = nullptr;
    QPushButton *save = nullptr;
    QPushButton *saveAs = nullptr;
    QPushButton *remove = nullptr;

    QString errorText;
    qint64 previewCount = -1;
    QTimer countTimer;
    quint64 generation = 0;
    bool counting = false;
    bool countAgain = false;
    bool loading = false;
};

ViewEditorDialog::ViewEditorDialog(Store *store, QueryContext context, QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(u"viewEditor"_s);
    setWindowTitle(tr("New View"));
    d->store = store;
    d->savedViews = std::make_unique<SavedViews>(store, context.me);
    d->catalogue = std::make_unique<ViewCatalogue>(store, std::move(context));

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    d->name = new QLineEdit(this);
    d->name->setObjectName(u"nameEdit"_s);
    d->name->setPlaceholderText(tr("Name of the view"));
    d->name->setMaxLength(200);
    d->shared = new QCheckBox(tr("Share with the team"), this);
    d->shared->setObjectName(u"sharedCheck"_s);
    const bool canShare = d->savedViews->canShare();
    d->shared->setEnabled(canShare);
    d->shared->setToolTip(canShare ? tr("Every agent sees shared views in their Views panel.")
                                   : tr("Only team leads and admins share views."));
    form->addRow(tr("&Name:"), d->name);
    form->addRow(QString(), d->shared);
    layout->addLayout(form);

    d->tabs = new QTabWidget(this);
    d->tabs->setObjectName(u"editorTabs"_s);
    d->filter = new FilterBuilder(*d->catalogue, this);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"filterScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *filterPage = new QWidget(scroll);
    auto *filterLayout = new QVBoxLayout(filterPage);
    filterLayout->addWidget(d->filter);
    scroll->setWidget(filterPage);
    d->tabs->addTab(scroll, tr("&Filter"));

    auto *orderPage = new QWidget(this);
    auto *orderLayout = new QVBoxLayout(orderPage);
    auto *groupRow = new QHBoxLayout;
    d->groupBy = new QComboBox(orderPage);
    d->groupBy->setObjectName(u"groupByCombo"_s);
    const QList<CustomFieldDef> &customFields = d->catalogue->context().customFields;
    d->groupBy->addItem(ViewLabels::groupBy({}, customFields), QString());
    for (const ViewField &field : d->catalogue->fields()) {
        if (canGroupBy(field))
            d->groupBy->addItem(ViewLabels::field(field), field.name);
    }
    d->groupBy->addItem(ViewLabels::groupBy(u"due_bucket"_s, customFields), u"due_bucket"_s);
    auto *groupLabel = new QLabel(tr("&Group by:"), orderPage);
    groupLabel->setBuddy(d->groupBy);
    groupRow->addWidget(groupLabel);
    groupRow->addWidget(d->groupBy, 1);
    orderLayout->addLayout(groupRow);
    auto *sortTitle = new QLabel(tr("Order within each group:"), orderPage);
    orderLayout->addSpacing(8);
    orderLayout->addWidget(sortTitle);
    d->sort = new SortKeysEditor(*d->catalogue, orderPage);
    orderLayout->addWidget(d->sort);
    orderLayout->addStretch(1);
    d->tabs->addTab(orderPage, tr("&Grouping and Sorting"));

    d->columns = new ColumnsEditor(*d->catalogue, this);
    auto *columnsPage = new QWidget(this);
    auto *columnsLayout = new QVBoxLayout(columnsPage);
    columnsLayout->addWidget(d->columns);
    d->tabs->addTab(columnsPage, tr("&Columns"));
    layout->addWidget(d->tabs, 1);

    auto *errorRow = new QHBoxLayout;
    d->errorIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    d->errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    d->errorIcon->setAlignment(Qt::AlignTop);
    d->error = new QLabel(this);
    d->error->setObjectName(u"errorLabel"_s);
    d->error->setWordWrap(true);
    d->error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorRow->addWidget(d->errorIcon);
    errorRow->addWidget(d->error, 1);
    layout->addLayout(errorRow);

    auto *bottom = new QHBoxLayout;
    d->count = new QLabel(this);
    d->count->setObjectName(u"countPreview"_s);
    QFont countFont = d->count->font();
    countFont.setBold(true);
    d->count->setFont(countFont);
    bottom->addWidget(d->count, 1);
    auto *buttons = new QDialogButtonBox(this);
    d->save = buttons->addButton(QDialogButtonBox::Save);
    d->save->setObjectName(u"saveButton"_s);
    d->save->setShortcut(QKeySequence::Save);
    d->save->setToolTip(
        tr("Save (%1)").arg(d->save->shortcut().toString(QKeySequence::NativeText)));
    d->saveAs = buttons->addButton(tr("Save &As…"), QDialogButtonBox::ActionRole);
    d->saveAs->setObjectName(u"saveAsButton"_s);
    d->saveAs->setShortcut(QKeySequence::SaveAs);
    d->remove = buttons->addButton(tr("&Delete"), QDialogButtonBox::DestructiveRole);
    d->remove->setObjectName(u"deleteButton"_s);
    d->remove->setIcon(QIcon::fromTheme(u"edit-delete"_s));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    d->save->setDefault(true);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);

    connect(d->save, &QPushButton::clicked, this, &ViewEditorDialog::save);
    connect(d->saveAs, &QPushButton::clicked, this, &ViewEditorDialog::saveAs);
    connect(d->remove, &QPushButton::clicked, this, &ViewEditorDialog::deleteView);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(d->name, &QLineEdit::textChanged, this, &ViewEditorDialog::updateButtons);
    connect(d->filter, &FilterBuilder::changed, this, &ViewEditorDialog::specChanged);
    connect(d->sort, &SortKeysEditor::changed, this, &ViewEditorDialog::specChanged);
    connect(d->columns, &ColumnsEditor::changed, this, &ViewEditorDialog::specChanged);
    connect(d->groupBy, &QComboBox::currentIndexChanged, this, &ViewEditorDialog::specChanged);

    // Typing in a value recounts once the agent pauses.
    d->countTimer.setSingleShot(true);
    d->countTimer.setInterval(250);
    connect(&d->countTimer, &QTimer::timeout, this, &ViewEditorDialog::startCount);

    resize(820, 560);
    d->name->setFocus();
    specChanged();
}

ViewEditorDialog::~ViewEditorDialog()
{
    // The editors refer to the catalogue: they go first.
    const auto children = findChildren<QWidget *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

ViewSpec ViewEditorDialog::spec() const
{
    ViewSpec spec;
    spec.filter = d->filter->filter();
    spec.sort = d->sort->keys();
    spec.groupBy = d->groupBy->currentData().toString();
    spec.columns = d->columns->columns();
    return spec;
}

void ViewEditorDialog::setSpec(const ViewSpec &spec)
{
    d->loading = true;
    d->filter->setFilter(spec.filter);
    d->sort->setKeys(spec.sort);
    int group = d->groupBy->findData(spec.groupBy);
    if (group < 0) {
        d->groupBy->addItem(
            ViewLabels::groupBy(spec.groupBy, d->catalogue->context().customFields), spec.groupBy);
        group = d->groupBy->count() - 1;
    }
    d->groupBy->setCurrentIndex(group);
    d->columns->setColumns(spec.columns);
    d->loading = false;
    specChanged();
}

QString ViewEditorDialog::name() const
{
    return d->name->text().trimmed();
}

void ViewEditorDialog::setName(const QString &name)
{
    d->name->setText(name);
}

bool ViewEditorDialog::isShared() const
{
    return d->shared->isChecked();
}

void ViewEditorDialog::setShared(bool shared)
{
    d->shared->setChecked(shared);
}

void ViewEditorDialog::setSavedView(const SavedView &view)
{
    d->editing = view;
    setWindowTitle(tr("Edit View “%1”").arg(view.name));
    setName(view.name);
    setShared(view.shared);
    auto spec = ViewSpec::fromJson(view.spec);
    if (spec)
        setSpec(spec.value());
    else
        qCWarning(lcUi) << "saved view" << view.name << "is unreadable:" << spec.error().message;
    updateButtons();
}

SavedViewId ViewEditorDialog::savedViewId() const
{
    if (d->written.isValid())
        return d->written;
    return d->editing ? d->editing->id : SavedViewId();
}

QString ViewEditorDialog::errorText() const
{
    return d->errorText;
}

qint64 ViewEditorDialog::previewCount() const
{
    return d->previewCount;
}

FilterBuilder *ViewEditorDialog::filterBuilder() const
{
    return d->filter;
}

SortKeysEditor *ViewEditorDialog::sortKeysEditor() const
{
    return d->sort;
}

ColumnsEditor *ViewEditorDialog::columnsEditor() const
{
    return d->columns;
}

QComboBox *ViewEditorDialog::groupByCombo() const
{
    return d->groupBy;
}

QLineEdit *ViewEditorDialog::nameEdit() const
{
    return d->name;
}

QCheckBox *ViewEditorDialog::sharedCheck() const
{
    return d->shared;
}

QPushButton *ViewEditorDialog::saveButton() const
{
    return d->save;
}

QPushButton *ViewEditorDialog::saveAsButton() const
{
    return d->saveAs;
}

QPushButton *ViewEditorDialog::deleteButton() const
{
    return d->remove;
}

void ViewEditorDialog::specChanged()
{
    if (d->loading)
        return;
    validate();
    d->previewCount = -1;
    if (!d->errorText.isEmpty()) {
        ++d->generation; // a count in flight is for an older spec
        d->countTimer.stop();
        d->count->setText(tr("No count: the filter is incomplete"));
        Q_EMIT previewCountChanged(-1);
    } else if (d->store) {
        d->count->setText(tr("Counting…"));
        d->countTimer.start();
    } else {
        d->count->clear();
    }
    updateButtons();
}

void ViewEditorDialog::validate()
{
    const ViewSpec current = spec();
    // Through JSON and back: the document's limits (nesting, sizes) hold too.
    auto parsed = ViewSpec::fromJson(current.toJson());
    QString message;
    if (!parsed) {
        message = parsed.error().message;
    } else {
        QueryContext context = d->catalogue->context();
        context.now = QDateTime::currentDateTimeUtc();
        if (auto compiled = compileView(parsed.value(), context); !compiled)
            message = compiled.error().message;
    }
    d->errorText = message;
    d->error->setText(message);
    d->error->setVisible(!message.isEmpty());
    d->errorIcon->setVisible(!message.isEmpty());
    d->filter->showError(message);
}

void ViewEditorDialog::startCount()
{
    if (!d->store || !d->errorText.isEmpty())
        return;
    if (d->counting) {
        d->countAgain = true;
        return;
    }
    d->counting = true;
    const quint64 generation = ++d->generation;
    const ViewSpec current = spec();
    QueryContext context = d->catalogue->context();
    context.now = QDateTime::currentDateTimeUtc();
    Store *store = d->store;
    QPointer<ViewEditorDialog> self(this);
    // Counting reads the cache on a pool thread, through that thread's connection.
    QThreadPool::globalInstance()->start([self, store, current, context, generation] {
        qint64 count = -1;
        if (auto compiled = compileView(current, context)) {
            if (auto counted = ViewQueries(*store).count(compiled.value()))
                count = counted.value();
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, count] {
                if (self)
                    self->applyCount(generation, count);
            },
            Qt::QueuedConnection);
    });
}

void ViewEditorDialog::applyCount(quint64 generation, qint64 count)
{
    d->counting = false;
    if (generation == d->generation && d->errorText.isEmpty()) {
        d->previewCount = count;
        d->count->setText(count < 0 ? tr("The tickets could not be counted")
                : count == 1        ? tr("1 ticket matches")
                                    : tr("%1 tickets match").arg(QLocale().toString(count)));
        Q_EMIT previewCountChanged(count);
    }
    if (d->countAgain) {
        d->countAgain = false;
        startCount();
    }
}

void ViewEditorDialog::updateButtons()
{
    const bool valid = d->errorText.isEmpty();
    const bool named = !name().isEmpty();
    const bool canWriteThis = !d->editing || d->savedViews->canEdit(*d->editing);
    d->save->setEnabled(d->store && valid && named && canWriteThis);
    d->saveAs->setEnabled(d->store && valid);
    d->remove->setVisible(d->editing.has_value() && d->savedViews->canEdit(*d->editing));
    if (!named)
        d->save->setToolTip(tr("Give the view a name to save it."));
    else if (!canWriteThis)
        d->save->setToolTip(tr("Only team leads and admins change shared views: use Save As."));
    else
        d->save->setToolTip(
            tr("Save (%1)").arg(d->save->shortcut().toString(QKeySequence::NativeText)));
}

bool ViewEditorDialog::write(const QString &name, bool asNew)
{
    const ViewSpec current = spec();
    const bool shared = isShared() && d->savedViews->canShare();
    if (!asNew && d->editing) {
        if (auto done = d->savedViews->update(d->editing->id, name, current, shared); !done) {
            QMessageBox::warning(this, tr("View Not Saved"), done.error().message);
            return false;
        }
        d->written = d->editing->id;
    } else {
        auto created = d->savedViews->create(name, current, shared);
        if (!created) {
            QMessageBox::warning(this, tr("View Not Saved"), created.error().message);
            return false;
        }
        d->written = created.value();
    }
    Q_EMIT saved(d->written);
    accept();
    return true;
}

void ViewEditorDialog::save()
{
    if (!d->save->isEnabled())
        return;
    write(name(), false);
}

void ViewEditorDialog::saveAs()
{
    if (!d->saveAs->isEnabled())
        return;
    QInputDialog input(this);
    input.setObjectName(u"saveAsDialog"_s);
    input.setWindowTitle(tr("Save View As"));
    input.setLabelText(tr("Name of the new view:"));
    input.setTextValue(name().isEmpty() ? tr("New view") : tr("%1 (copy)").arg(name()));
    if (input.exec() != QDialog::Accepted || input.textValue().trimmed().isEmpty())
        return;
    const QString newName = input.textValue().trimmed();
    setName(newName);
    write(newName, true);
}

void ViewEditorDialog::deleteView()
{
    if (!d->editing || !d->savedViews->canEdit(*d->editing))
        return;
    QMessageBox confirm(QMessageBox::Question, tr("Delete View"),
        d->editing->shared
            ? tr("Delete the shared view “%1” for the whole team?").arg(d->editing->name)
            : tr("Delete the view “%1”?").arg(d->editing->name),
        QMessageBox::NoButton, this);
    confirm.setObjectName(u"confirmDelete"_s);
    QPushButton *yes = confirm.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm.addButton(QMessageBox::Cancel);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != yes)
        return;
    const SavedViewId id = d->editing->id;
    if (auto done = d->savedViews->remove(id); !done) {
        QMessageBox::warning(this, tr("View Not Deleted"), done.error().message);
        return;
    }
    Q_EMIT deleted(id);
    accept();
}

} // namespace Tessera::Ui
