// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/descriptioneditor.h"

#include "details/ticketedits.h"
#include "tickets/ticketstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

struct DescriptionEditor::Private
{
    Store &store;
    PersonId me;
    TicketId ticket;
    QString markdown;
    QStackedWidget *stack = nullptr;
    QTextBrowser *viewer = nullptr;
    QPlainTextEdit *editor = nullptr;
    QToolButton *edit = nullptr;
    QLabel *error = nullptr;
};

DescriptionEditor::DescriptionEditor(Store &store, PersonId me, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(store, me))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *caption = new QLabel(tr("<b>Description</b>"), this);
    d->edit = new QToolButton(this);
    d->edit->setObjectName(u"editDescription"_s);
    d->edit->setIcon(QIcon::fromTheme(u"document-edit"_s));
    d->edit->setText(tr("Edit"));
    d->edit->setToolTip(tr("Edit the description (Markdown)"));
    d->edit->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    d->edit->setAutoRaise(true);
    top->addWidget(caption);
    top->addStretch();
    top->addWidget(d->edit);
    layout->addLayout(top);

    d->stack = new QStackedWidget(this);
    d->viewer = new QTextBrowser(d->stack);
    d->viewer->setObjectName(u"descriptionViewer"_s);
    d->viewer->setOpenExternalLinks(true);
    d->viewer->setFrameShape(QFrame::NoFrame);
    d->viewer->setMinimumHeight(fontMetrics().height() * 4);
    d->stack->addWidget(d->viewer);

    auto *editPage = new QWidget(d->stack);
    auto *editLayout = new QVBoxLayout(editPage);
    editLayout->setContentsMargins(0, 0, 0, 0);
    d->editor = new QPlainTextEdit(editPage);
    d->editor->setObjectName(u"descriptionEditor"_s);
    d->editor->setPlaceholderText(tr("Describe the problem. Markdown: **bold**, `code`, lists…"));
    d->editor->setTabChangesFocus(true);
    editLayout->addWidget(d->editor);
    d->error = new QLabel(editPage);
    d->error->setWordWrap(true);
    d->error->hide();
    editLayout->addWidget(d->error);
    auto *buttons = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save"), editPage);
    save->setObjectName(u"saveDescription"_s);
    save->setToolTip(tr("Save (Ctrl+Return)"));
    auto *cancel = new QPushButton(tr("Cancel"), editPage);
    cancel->setToolTip(tr("Cancel (Esc)"));
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(save);
    editLayout->addLayout(buttons);
    d->stack->addWidget(editPage);
    layout->addWidget(d->stack, 1);

    connect(d->edit, &QToolButton::clicked, this, &DescriptionEditor::startEditing);
    connect(save, &QPushButton::clicked, this, &DescriptionEditor::save);
    connect(cancel, &QPushButton::clicked, this, &DescriptionEditor::cancel);
    auto *saveKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), d->editor);
    saveKey->setContext(Qt::WidgetShortcut);
    connect(saveKey, &QShortcut::activated, this, &DescriptionEditor::save);
    auto *cancelKey = new QShortcut(QKeySequence(Qt::Key_Escape), d->editor);
    cancelKey->setContext(Qt::WidgetShortcut);
    connect(cancelKey, &QShortcut::activated, this, &DescriptionEditor::cancel);
}

DescriptionEditor::~DescriptionEditor() = default;

void DescriptionEditor::setTicket(TicketId id, const QString &markdown)
{
    const bool sameTicket = id == d->ticket;
    d->ticket = id;
    d->markdown = markdown;
    if (markdown.trimmed().isEmpty())
        d->viewer->setHtml(u"<i>%1</i>"_s.arg(tr("No description.").toHtmlEscaped()));
    else
        d->viewer->setMarkdown(markdown);
    if (!sameTicket && isEditing())
        cancel();
}

bool DescriptionEditor::isEditing() const
{
    return d->stack->currentIndex() == 1;
}

void DescriptionEditor::startEditing()
{
    if (!d->ticket.isValid())
        return;
    d->editor->setPlainText(d->markdown);
    d->error->hide();
    d->stack->setCurrentIndex(1);
    d->edit->setEnabled(false);
    d->editor->setFocus(Qt::OtherFocusReason);
}

bool DescriptionEditor::save()
{
    const QString text = d->editor->toPlainText();
    const auto done = editTicket(d->store, d->ticket, { { u"description"_s, text } }, d->me);
    if (!done) {
        QPalette p = d->error->palette();
        p.setColor(QPalette::WindowText, TicketStyle::priorityColor(Priority::Urgent, palette()));
        d->error->setPalette(p);
        d->error->setText(done.error().message);
        d->error->show();
        return false;
    }
    d->markdown = text;
    d->viewer->setMarkdown(text);
    cancel();
    return true;
}

void DescriptionEditor::cancel()
{
    d->stack->setCurrentIndex(0);
    d->edit->setEnabled(true);
    d->error->hide();
}

QTextBrowser *DescriptionEditor::viewer() const
{
    return d->viewer;
}

QPlainTextEdit *DescriptionEditor::editor() const
{
    return d->editor;
}

QString DescriptionEditor::errorText() const
{
    return d->error->isHidden() ? QString() : d->error->text();
}

} // namespace Tessera::Ui
