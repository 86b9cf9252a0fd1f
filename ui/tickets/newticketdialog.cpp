// SPDX-License-Identifier: GPL-3.0-or-later
#include "tickets/newticketdialog.h"

#include "domain/entities.h"
#include "domain/mutation.h"
#include "protocol/codecs.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "uilogging.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QShortcut>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

const QString SizeKey = u"NewTicketDialog/size"_s;

QColor mix(const QColor &a, const QColor &b, double amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
        float(a.greenF() + (b.greenF() - a.greenF()) * amount),
        float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

// A message strip in the manner of KMessageWidget: a tinted, rounded box
// with a red edge. Its text keeps the palette's own colour, so it reads in
// light and dark schemes alike.
class ErrorBanner : public QFrame
{
public:
    explicit ErrorBanner(QWidget *parent)
        : QFrame(parent)
    {
        setObjectName(u"errorMessage"_s);
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(10, 8, 10, 8);
        icon = new QLabel(this);
        const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size));
        icon->setAlignment(Qt::AlignTop);
        label = new QLabel(this);
        label->setObjectName(u"errorLabel"_s);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(icon);
        layout->addWidget(label, 1);
    }

    QLabel *icon;
    QLabel *label;

protected:
    void paintEvent(QPaintEvent *) override
    {
        const QPalette &pal = palette();
        const QColor accent = isDark(pal) ? QColor(0xff, 0x7b, 0x63) : QColor(0xc0, 0x1c, 0x28);
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(accent, 1));
        p.setBrush(mix(pal.color(QPalette::Window), accent, isDark(pal) ? 0.18 : 0.1));
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    }
};

struct QueuedFile
{
    QString path;
    QString name;
    qint64 size = 0;
};

bool hasLocalFiles(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    const QList<QUrl> urls = mime->urls();
    return std::any_of(urls.cbegin(), urls.cend(),
        [](const QUrl &url) { return url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile(); });
}

} // namespace

struct NewTicketDialog::Private
{
    Private(Store &s, QueryContext c)
        : store(s)
        , context(std::move(c))
    { }

    Store &store;
    QueryContext context;
    TicketKind kind = TicketKind::Ticket;
    std::optional<Ticket> parent;
    QList<TicketType> types;
    QHash<PersonId, Person> people;
    QHash<QString, PersonId> byEmail; // lower case
    QHash<QString, PersonId> byLabel; // as the completer offers them
    QList<Organization> organizations;
    QList<QueuedFile> files;

    PersonId requesterId;
    bool newCustomer = false;
    QString newEmail;
    bool showErrors = false;
    QString failure; // the store's refusal of the last Create
    TicketId created;

    QLabel *parentLabel = nullptr;
    ErrorBanner *error = nullptr;
    QFormLayout *form = nullptr;
    QComboBox *type = nullptr;
    QLineEdit *requester = nullptr;
    QLabel *requesterHint = nullptr;
    QLineEdit *requesterName = nullptr;
    QLineEdit *title = nullptr;
    QPlainTextEdit *description = nullptr;
    QComboBox *priority = nullptr;
    QComboBox *department = nullptr;
    QComboBox *assignee = nullptr;
    QRadioButton *visible = nullptr;
    QRadioButton *internal = nullptr;
    QListWidget *attachments = nullptr;
    QPushButton *removeAttachment = nullptr;
    QPushButton *create = nullptr;

    static QString label(const Person &p)
    {
        return p.email.isEmpty()
            ? p.name
            : NewTicketDialog::tr("%1 <%2>", "person name <email>").arg(p.name, p.email);
    }

    static QString domainOf(const QString &email)
    {
        return email.section(u'@', 1).trimmed().toLower();
    }

    OrganizationId organizationFor(const QString &email) const
    {
        const QString domain = domainOf(email);
        if (domain.isEmpty())
            return {};
        for (const Organization &o : organizations) {
            if (!o.domain.isEmpty() && o.domain.compare(domain, Qt::CaseInsensitive) == 0)
                return o.id;
        }
        return {};
    }

    QString organizationName(OrganizationId id) const
    {
        for (const Organization &o : organizations) {
            if (o.id == id)
                return o.name;
        }
        return {};
    }

    void load()
    {
        types = store.all<TicketType>();
        std::stable_sort(types.begin(), types.end(),
            [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
        for (const Person &p : store.all<Person>()) {
            people.insert(p.id, p);
            if (!p.email.isEmpty())
                byEmail.insert(p.email.toLower(), p.id);
        }
        organizations = store.all<Organization>();
    }

    QList<TicketType> offeredTypes() const
    {
        if (kind == TicketKind::Ticket)
            return types;
        QList<TicketType> offered;
        for (const TicketType &t : types) {
            if (t.kind == kind)
                offered.append(t);
        }
        return offered;
    }

    void fillTypes()
    {
        const QSignalBlocker blocker(type);
        type->clear();
        int preferred = -1;
        for (const TicketType &t : offeredTypes()) {
            type->addItem(
                TicketStyle::typeIcon(t.icon, QColor(t.color), t.name), t.name, t.id.toString());
            if (preferred < 0 && t.kind == kind)
                preferred = type->count() - 1;
        }
        type->setCurrentIndex(std::max(preferred, 0));
    }

    std::optional<TicketType> currentType() const
    {
        const auto id = TicketTypeId::fromString(type->currentData().toString());
        for (const TicketType &t : types) {
            if (t.id == id)
                return t;
        }
        return std::nullopt;
    }

    StatusId defaultStatus(const TicketType &t) const
    {
        if (t.defaultStatusId.isValid())
            return t.defaultStatusId;
        std::optional<Status> first;
        for (const Status &s : store.all<Status>()) {
            if (s.typeId == t.id && (!first || s.position < first->position))
                first = s;
        }
        return first ? first->id : StatusId();
    }

    // The requester the text names: a known person (by the completer's label
    // or an email address), or a new customer when it is an unknown address.
    void resolveRequester(NewTicketDialog *q)
    {
        static const QRegularExpression email(u"^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$"_s);
        static const QRegularExpression named(u"^(.*)<\\s*([^<>\\s]+)\\s*>$"_s);
        const QString text = requester->text().trimmed();
        requesterId = {};
        newCustomer = false;
        newEmail.clear();
        QString address = text;
        QString typedName;
        if (const auto it = byLabel.constFind(text); it != byLabel.cend()) {
            requesterId = *it;
        } else if (const auto match = named.match(text); match.hasMatch()) {
            typedName = match.captured(1).trimmed();
            address = match.captured(2);
        }
        if (!requesterId.isValid() && !text.isEmpty()) {
            if (const auto it = byEmail.constFind(address.toLower()); it != byEmail.cend()) {
                requesterId = *it;
            } else if (email.match(address).hasMatch()) {
                newCustomer = true;
                newEmail = address;
                if (!typedName.isEmpty() && requesterName->text().isEmpty())
                    requesterName->setText(typedName);
            }
        }

        QString hint;
        if (requesterId.isValid()) {
            const Person &p = people[requesterId];
            QStringList parts { p.email, organizationName(p.organizationId) };
            parts.removeAll(QString());
            hint = parts.join(tr(", ", "between a customer's email and organization"));
        } else if (newCustomer) {
            const QString org = organizationName(organizationFor(newEmail));
            hint = org.isEmpty() ? tr("New customer: enter their name below.")
                                 : tr("New customer at %1: enter their name below.").arg(org);
            requesterName->setPlaceholderText(guessName(newEmail));
        } else if (!text.isEmpty()) {
            hint = tr("No customer matches. Type an email address to add a new customer.");
        }
        requesterHint->setText(hint);
        requesterHint->setVisible(!hint.isEmpty());
        form->setRowVisible(requesterName, newCustomer);
        refreshErrors(q);
    }

    static QString guessName(const QString &email)
    {
        QStringList parts
            = email.section(u'@', 0, 0).split(QRegularExpression(u"[._-]+"_s), Qt::SkipEmptyParts);
        for (QString &part : parts)
            part[0] = part[0].toUpper();
        return parts.join(u' ');
    }

    QStringList problems() const
    {
        QStringList list;
        if (!requesterId.isValid() && !newCustomer)
            list << tr("Choose a requester: an existing customer, or a new customer's email "
                       "address.");
        if (newCustomer && requesterName->text().trimmed().isEmpty())
            list << tr("Enter the new customer's name.");
        if (title->text().trimmed().isEmpty())
            list << tr("Enter a title.");
        if (description->toPlainText().trimmed().isEmpty())
            list << tr("Enter a description.");
        if (!currentType())
            list << tr("There is no ticket type to choose.");
        return list;
    }

    QString errorText() const
    {
        QStringList list = problems();
        if (!failure.isEmpty())
            list.prepend(failure);
        return list.join(u'\n');
    }

    void refreshErrors(NewTicketDialog *)
    {
        if (!showErrors)
            return;
        const QString text = errorText();
        error->label->setText(text);
        error->setVisible(!text.isEmpty());
    }

    void updateTitle(NewTicketDialog *q)
    {
        const auto t = currentType();
        const bool task = t ? t->kind == TicketKind::Task : kind == TicketKind::Task;
        q->setWindowTitle(task ? tr("New Task") : parent ? tr("New Subticket") : tr("New Ticket"));
        create->setText(task ? tr("&Create Task") : tr("&Create Ticket"));
    }

    void selectData(QComboBox *combo, const QString &value)
    {
        const int at = combo->findData(value);
        if (at >= 0)
            combo->setCurrentIndex(at);
    }
};

NewTicketDialog::NewTicketDialog(Store &store, QueryContext context, QWidget *parent)
    : QDialog(parent)
    , d(std::make_unique<Private>(store, std::move(context)))
{
    setObjectName(u"newTicketDialog"_s);
    setAcceptDrops(true);
    d->load();

    auto *layout = new QVBoxLayout(this);
    d->parentLabel = new QLabel(this);
    d->parentLabel->setObjectName(u"parentLabel"_s);
    d->parentLabel->setWordWrap(true);
    d->parentLabel->hide();
    layout->addWidget(d->parentLabel);
    d->error = new ErrorBanner(this);
    d->error->hide();
    layout->addWidget(d->error);

    d->form = new QFormLayout;
    d->form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(d->form, 1);

    d->type = new QComboBox(this);
    d->type->setObjectName(u"typeCombo"_s);
    d->form->addRow(tr("T&ype:"), d->type);

    d->requester = new QLineEdit(this);
    d->requester->setObjectName(u"requesterEdit"_s);
    d->requester->setPlaceholderText(tr("Search customers by name or email, or type a new email"));
    d->requester->setClearButtonEnabled(true);
    QStringList labels;
    for (const Person &p : std::as_const(d->people)) {
        if (p.kind != PersonKind::Customer || !p.active)
            continue;
        const QString label = Private::label(p);
        d->byLabel.insert(label, p.id);
        labels.append(label);
    }
    labels.sort(Qt::CaseInsensitive);
    auto *completer = new QCompleter(labels, d->requester);
    completer->setObjectName(u"requesterCompleter"_s);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setMaxVisibleItems(10);
    d->requester->setCompleter(completer);
    auto *requesterBox = new QVBoxLayout;
    requesterBox->setSpacing(2);
    requesterBox->addWidget(d->requester);
    d->requesterHint = new QLabel(this);
    d->requesterHint->setObjectName(u"requesterHint"_s);
    d->requesterHint->setWordWrap(true);
    d->requesterHint->setForegroundRole(QPalette::PlaceholderText);
    d->requesterHint->hide();
    requesterBox->addWidget(d->requesterHint);
    auto *requesterLabel = new QLabel(tr("&Requester:"), this);
    requesterLabel->setBuddy(d->requester);
    d->form->addRow(requesterLabel, requesterBox);

    d->requesterName = new QLineEdit(this);
    d->requesterName->setObjectName(u"requesterNameEdit"_s);
    d->form->addRow(tr("Customer &name:"), d->requesterName);
    d->form->setRowVisible(d->requesterName, false);

    d->title = new QLineEdit(this);
    d->title->setObjectName(u"titleEdit"_s);
    d->title->setPlaceholderText(tr("A short summary"));
    d->form->addRow(tr("&Title:"), d->title);

    d->description = new QPlainTextEdit(this);
    d->description->setObjectName(u"descriptionEdit"_s);
    d->description->setPlaceholderText(tr("What is it about? Markdown is welcome."));
    d->description->setTabChangesFocus(true);
    d->form->addRow(tr("&Description:"), d->description);

    d->priority = new QComboBox(this);
    d->priority->setObjectName(u"priorityCombo"_s);
    d->priority->addItem(tr("Low"), int(Priority::Low));
    d->priority->addItem(tr("Normal"), int(Priority::Normal));
    d->priority->addItem(tr("High"), int(Priority::High));
    d->priority->addItem(tr("Urgent"), int(Priority::Urgent));
    d->priority->setCurrentIndex(1);
    d->form->addRow(tr("&Priority:"), d->priority);

    d->department = new QComboBox(this);
    d->department->setObjectName(u"departmentCombo"_s);
    d->department->addItem(tr("No department"), QString());
    QList<Department> departments = store.all<Department>();
    std::sort(departments.begin(), departments.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const Department &dep : std::as_const(departments))
        d->department->addItem(dep.name, dep.id.toString());
    if (!d->context.myDepartments.isEmpty())
        d->selectData(d->department, d->context.myDepartments.first().toString());
    d->form->addRow(tr("D&epartment:"), d->department);

    d->assignee = new QComboBox(this);
    d->assignee->setObjectName(u"assigneeCombo"_s);
    d->assignee->addItem(tr("Unassigned"), QString());
    if (d->people.contains(d->context.me))
        d->assignee->addItem(
            tr("Me (%1)").arg(d->people.value(d->context.me).name), d->context.me.toString());
    QList<Person> agents;
    for (const Person &p : std::as_const(d->people)) {
        if (p.kind == PersonKind::Agent && p.active && p.id != d->context.me)
            agents.append(p);
    }
    std::sort(agents.begin(), agents.end(), [](const Person &a, const Person &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const Person &p : std::as_const(agents))
        d->assignee->addItem(p.name, p.id.toString());
    d->form->addRow(tr("&Assignee:"), d->assignee);

    auto *visibilityRow = new QHBoxLayout;
    d->visible = new QRadioButton(tr("&Visible to customer"), this);
    d->visible->setObjectName(u"visibleToCustomerRadio"_s);
    d->internal = new QRadioButton(tr("&Internal"), this);
    d->internal->setObjectName(u"internalRadio"_s);
    d->visible->setChecked(true);
    auto *visibilityGroup = new QButtonGroup(this);
    visibilityGroup->addButton(d->visible);
    visibilityGroup->addButton(d->internal);
    visibilityRow->addWidget(d->visible);
    visibilityRow->addWidget(d->internal);
    visibilityRow->addStretch(1);
    d->form->addRow(tr("Visibility:"), visibilityRow);

    d->attachments = new QListWidget(this);
    d->attachments->setObjectName(u"attachmentList"_s);
    d->attachments->setSelectionMode(QAbstractItemView::ExtendedSelection);
    d->attachments->setToolTip(tr("Drop files on this dialog to attach them"));
    // A few rows; the description gets the dialog's spare height.
    d->attachments->setFixedHeight(d->attachments->fontMetrics().height() * 5);
    d->attachments->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    d->attachments->hide();
    auto *addAttachment
        = new QPushButton(QIcon::fromTheme(u"mail-attachment"_s), tr("Attach &Files…"), this);
    addAttachment->setObjectName(u"addAttachmentButton"_s);
    d->removeAttachment = new QPushButton(QIcon::fromTheme(u"list-remove"_s), tr("Re&move"), this);
    d->removeAttachment->setObjectName(u"removeAttachmentButton"_s);
    d->removeAttachment->setEnabled(false);
    d->removeAttachment->hide();
    auto *attachmentBox = new QVBoxLayout;
    attachmentBox->addWidget(d->attachments);
    auto *attachmentButtons = new QHBoxLayout;
    attachmentButtons->addWidget(addAttachment);
    attachmentButtons->addWidget(d->removeAttachment);
    attachmentButtons->addStretch(1);
    auto *dropHint = new QLabel(tr("or drop files here"), this);
    dropHint->setForegroundRole(QPalette::PlaceholderText);
    attachmentButtons->addWidget(dropHint);
    attachmentBox->addLayout(attachmentButtons);
    d->form->addRow(tr("Attachments:"), attachmentBox);

    auto *buttons = new QDialogButtonBox(this);
    d->create = buttons->addButton(tr("&Create Ticket"), QDialogButtonBox::AcceptRole);
    d->create->setObjectName(u"createButton"_s);
    // Return in a field must not create a half-written ticket: Ctrl+Return does.
    d->create->setAutoDefault(false);
    const QKeySequence createKey(Qt::CTRL | Qt::Key_Return);
    d->create->setToolTip(tr("Create (%1)").arg(createKey.toString(QKeySequence::NativeText)));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAutoDefault(false);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTicketDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewTicketDialog::reject);
    for (const QKeySequence &key : { createKey, QKeySequence(Qt::CTRL | Qt::Key_Enter) }) {
        auto *shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &NewTicketDialog::accept);
    }

    d->fillTypes();
    d->updateTitle(this);

    connect(d->type, &QComboBox::currentIndexChanged, this, [this] {
        d->updateTitle(this);
        d->refreshErrors(this);
    });
    connect(d->requester, &QLineEdit::textChanged, this, [this] { d->resolveRequester(this); });
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
        [this](const QString &text) {
            d->requester->setText(text);
            d->resolveRequester(this);
        });
    for (QLineEdit *edit : { d->requesterName, d->title })
        connect(edit, &QLineEdit::textChanged, this, [this] { d->refreshErrors(this); });
    connect(d->description, &QPlainTextEdit::textChanged, this, [this] { d->refreshErrors(this); });
    connect(addAttachment, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach Files"));
        for (const QString &path : paths)
            this->addAttachment(path);
    });
    connect(d->attachments, &QListWidget::itemSelectionChanged, this,
        [this] { d->removeAttachment->setEnabled(!d->attachments->selectedItems().isEmpty()); });
    connect(d->removeAttachment, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QListWidgetItem *item : d->attachments->selectedItems())
            rows.append(d->attachments->row(item));
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : std::as_const(rows)) {
            delete d->attachments->takeItem(row);
            d->files.removeAt(row);
        }
        d->attachments->setVisible(!d->files.isEmpty());
        d->removeAttachment->setVisible(!d->files.isEmpty());
    });
    auto *removeKey = new QShortcut(QKeySequence::Delete, d->attachments);
    removeKey->setContext(Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, d->removeAttachment, &QPushButton::click);

    // Files dropped on the text fields are attachments, not text to insert.
    // The description's viewport gets them when it accepts drops, its frame otherwise.
    const QList<QWidget *> dropTargets { d->description, d->description->viewport(), d->title,
        d->requester, d->requesterName };
    for (QWidget *w : dropTargets)
        w->installEventFilter(this);

    const QSize remembered = QSettings().value(SizeKey).toSize();
    resize(remembered.isValid() ? remembered : QSize(640, 720).expandedTo(sizeHint()));
    d->requester->setFocus();
}

NewTicketDialog::~NewTicketDialog() = default;

void NewTicketDialog::setParentTicket(TicketId parentId)
{
    const auto parent = d->store.get<Ticket>(parentId);
    if (!parent) {
        qCWarning(lcUi) << "a subticket of a ticket not in the cache:" << parentId.toString();
        return;
    }
    d->parent = parent;
    d->parentLabel->setText(parent->number > 0
            ? tr("Subticket of #%1 %2").arg(QString::number(parent->number), parent->title)
            : tr("Subticket of %1 (not yet synced)").arg(parent->title));
    d->parentLabel->show();
    d->selectData(d->department, parent->departmentId.toString());
    if (parent->requesterId.isValid() && d->people.contains(parent->requesterId))
        d->requester->setText(Private::label(d->people.value(parent->requesterId)));
    d->updateTitle(this);
    d->title->setFocus();
}

void NewTicketDialog::setKind(TicketKind kind)
{
    d->kind = kind;
    d->fillTypes();
    d->updateTitle(this);
}

bool NewTicketDialog::addAttachment(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        qCWarning(lcUi) << "cannot attach" << path;
        return false;
    }
    d->files.append({ info.absoluteFilePath(), info.fileName(), info.size() });
    auto *item
        = new QListWidgetItem(tr("%1 (%2)", "file name (size)")
                                  .arg(info.fileName(), QLocale().formattedDataSize(info.size())),
            d->attachments);
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(info);
    item->setIcon(QIcon::fromTheme(mime.iconName(),
        QIcon::fromTheme(mime.genericIconName(), style()->standardIcon(QStyle::SP_FileIcon))));
    item->setToolTip(info.absoluteFilePath());
    d->attachments->show();
    d->removeAttachment->show();
    return true;
}

QStringList NewTicketDialog::attachmentPaths() const
{
    QStringList paths;
    for (const QueuedFile &f : std::as_const(d->files))
        paths.append(f.path);
    return paths;
}

QString NewTicketDialog::errorText() const
{
    return d->errorText();
}

TicketId NewTicketDialog::createdTicket() const
{
    return d->created;
}

void NewTicketDialog::accept()
{
    if (d->created.isValid())
        return;
    d->failure.clear();
    d->showErrors = true;
    if (!d->problems().isEmpty()) {
        d->refreshErrors(this);
        // The first field to fix gets the focus.
        if (!d->requesterId.isValid() && !d->newCustomer)
            d->requester->setFocus();
        else if (d->newCustomer && d->requesterName->text().trimmed().isEmpty())
            d->requesterName->setFocus();
        else if (d->title->text().trimmed().isEmpty())
            d->title->setFocus();
        else
            d->description->setFocus();
        return;
    }
    const auto fail = [this](const QString &message) {
        d->failure = message;
        d->refreshErrors(this);
    };

    // Every file is read before anything is written: a vanished file must
    // not leave a ticket behind without it.
    QList<QByteArray> contents;
    for (const QueuedFile &f : std::as_const(d->files)) {
        QFile file(f.path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(tr("Cannot read %1: %2").arg(f.name, file.errorString()));
        contents.append(file.readAll());
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    PersonId requester = d->requesterId;
    OrganizationId organization;
    if (d->newCustomer) {
        Person customer;
        customer.id = PersonId::create();
        customer.name = d->requesterName->text().trimmed();
        customer.email = d->newEmail;
        customer.kind = PersonKind::Customer;
        customer.organizationId = d->organizationFor(d->newEmail);
        const auto made
            = d->store.apply(Mutation::creating(EntityKind::Person, customer, d->context.me));
        if (!made)
            return fail(tr("Cannot add the customer: %1").arg(made.error().message));
        // The customer exists now: a second Create must not add them again.
        d->people.insert(customer.id, customer);
        d->byEmail.insert(customer.email.toLower(), customer.id);
        d->requesterId = customer.id;
        d->newCustomer = false;
        requester = customer.id;
        organization = customer.organizationId;
    } else {
        organization = d->people.value(requester).organizationId;
    }

    const TicketType type = *d->currentType();
    Ticket ticket;
    ticket.id = TicketId::create();
    ticket.kind = type.kind;
    ticket.title = d->title->text().trimmed();
    ticket.description = d->description->toPlainText();
    ticket.typeId = type.id;
    ticket.statusId = d->defaultStatus(type);
    ticket.priority = Priority(d->priority->currentData().toInt());
    ticket.requesterId = requester;
    ticket.assigneeId = PersonId::fromString(d->assignee->currentData().toString());
    ticket.departmentId = DepartmentId::fromString(d->department->currentData().toString());
    ticket.channel = Channel::Agent;
    ticket.visibility = d->internal->isChecked() ? Visibility::Internal : Visibility::Customer;
    ticket.createdAt = now;
    ticket.updatedAt = now;
    if (d->parent) {
        ticket.parentId = d->parent->id;
        ticket.projectId = d->parent->projectId;
        if (!organization.isValid())
            organization = d->parent->organizationId;
    }
    ticket.organizationId = organization;
    if (const auto made
        = d->store.apply(Mutation::creating(EntityKind::Ticket, ticket, d->context.me));
        !made)
        return fail(tr("Cannot create the ticket: %1").arg(made.error().message));
    d->created = ticket.id;

    for (qsizetype i = 0; i < d->files.size(); ++i) {
        const QueuedFile &f = d->files.at(i);
        Attachment attachment;
        attachment.id = AttachmentId::create();
        attachment.ticketId = ticket.id;
        attachment.fileName = f.name;
        attachment.mimeType = QMimeDatabase().mimeTypeForFile(f.path).name();
        attachment.createdAt = now;
        // The ticket exists by now, so a failure here is reported, not undone.
        if (const auto queued = d->store.queueUpload(attachment, contents.at(i)); !queued)
            qCWarning(lcUi) << "cannot queue" << f.name << "for upload:" << queued.error().message;
    }
    QDialog::accept();
}

void NewTicketDialog::done(int result)
{
    QSettings().setValue(SizeKey, size());
    QDialog::done(result);
}

void NewTicketDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (hasLocalFiles(event->mimeData()))
        event->acceptProposedAction();
    else
        QDialog::dragEnterEvent(event);
}

void NewTicketDialog::dropEvent(QDropEvent *event)
{
    if (!hasLocalFiles(event->mimeData()))
        return QDialog::dropEvent(event);
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            addAttachment(url.toLocalFile());
    }
    event->acceptProposedAction();
}

bool NewTicketDialog::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (hasLocalFiles(drag->mimeData())) {
            drag->acceptProposedAction();
            return true;
        }
        break;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (hasLocalFiles(drop->mimeData())) {
            dropEvent(drop);
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QDialog::eventFilter(watched, event);
}

void NewTicketDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        d->error->update();
    QDialog::changeEvent(event);
}

} // namespace Tessera::Ui
