// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/propertiespanel.h"

#include "details/ticketedits.h"
#include "domain/customfields.h"
#include "protocol/codec.h"
#include "store/store.h"
#include "tickets/ticketstyle.h"
#include "views/valueeditors.h"
#include "views/viewlabels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSpinBox>
#include <QSqlQuery>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

const QStringList StandardKeys { u"status"_s, u"priority"_s, u"type"_s, u"assignee"_s,
    u"department"_s, u"organization"_s, u"project"_s, u"requester"_s, u"followers"_s,
    u"percent_complete"_s, u"visibility"_s, u"channel"_s, u"first_response_due"_s,
    u"resolution_due"_s, u"created_at"_s, u"updated_at"_s };

QString canonicalKey(const QString &key)
{
    return key == u"follower"_s ? u"followers"_s : key;
}

// The widest combo boxes still leave room for the label column in a narrow dock.
void fitCombo(QComboBox *combo)
{
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
}

QString dueText(const QDateTime &due)
{
    if (!due.isValid())
        return PropertiesPanel::tr("—");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 minutes = now.secsTo(due) / 60;
    const QString when = QLocale().toString(due.toLocalTime(), QLocale::ShortFormat);
    const auto span = [](qint64 m) {
        m = std::abs(m);
        if (m < 60)
            return PropertiesPanel::tr("%n min", nullptr, int(m));
        if (m < 48 * 60)
            return PropertiesPanel::tr("%n h", nullptr, int(m / 60));
        return PropertiesPanel::tr("%n d", nullptr, int(m / (24 * 60)));
    };
    return minutes < 0 ? PropertiesPanel::tr("%1 (overdue by %2)").arg(when, span(minutes))
                       : PropertiesPanel::tr("%1 (in %2)").arg(when, span(minutes));
}

} // namespace

struct PropertiesPanel::Private
{
    PropertiesPanel *q = nullptr;
    Store &store;
    QueryContext context;
    QFormLayout *form = nullptr;
    QJsonObject ticket;
    QString builtFor; // type id + layout the rows were built for

    // Definitions, read once per reloadDefinitions().
    QList<TicketType> types;
    QList<Status> statuses;
    QList<Person> agents;
    QList<Department> departments;
    QList<Organization> organizations;
    QList<Project> projects;
    QList<CustomFieldDef> fields;

    struct Row
    {
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
        std::function<void(const QJsonObject &)> update;
    };
    QStringList keys;
    QHash<QString, Row> rows;
    bool updating = false;

    Private(PropertiesPanel *panel, Store &s, QueryContext c)
        : q(panel)
        , store(s)
        , context(std::move(c))
    { }

    TicketId ticketId() const { return TicketId::fromString(ticket.value(u"id"_s).toString()); }
    TicketTypeId typeId() const
    {
        return TicketTypeId::fromString(ticket.value(u"type_id"_s).toString());
    }
    QString personName(const QString &id) const
    {
        if (id.isEmpty())
            return {};
        for (const Person &p : agents) {
            if (p.id.toString() == id)
                return p.name;
        }
        const auto person = store.get<Person>(PersonId::fromString(id));
        return person ? person->name : PropertiesPanel::tr("Unknown person");
    }

    void commit(const QString &key, const QJsonObject &changes);
    void rebuild();
    void addRow(const QString &key);
    Row comboRow(const QString &rowKey, const QString &wireKey,
        const std::function<void(QComboBox *)> &fill,
        const std::function<QJsonObject(const QJsonValue &)> &changesFor = {});
    Row assigneeRow();
    Row followersRow();
    Row percentRow();
    Row labelRow(const std::function<QString(const QJsonObject &)> &text);
    Row customFieldRow(const CustomFieldDef &def);
};

void PropertiesPanel::Private::commit(const QString &key, const QJsonObject &changes)
{
    if (updating || !ticketId().isValid())
        return;
    const auto done = editTicket(store, ticketId(), changes, context.me);
    const auto row = rows.constFind(key);
    if (row == rows.cend())
        return;
    row->error->setVisible(!done);
    row->error->setText(done ? QString() : done.error().message);
    if (!done) {
        // Back to what the cache holds: the refused value is not the ticket's.
        updating = true;
        row->update(ticket);
        updating = false;
    }
}

PropertiesPanel::Private::Row PropertiesPanel::Private::comboRow(const QString &rowKey,
    const QString &wireKey, const std::function<void(QComboBox *)> &fill,
    const std::function<QJsonObject(const QJsonValue &)> &changesFor)
{
    auto *combo = new QComboBox(q);
    fitCombo(combo);
    fill(combo);
    Row row;
    row.editor = combo;
    row.update = [combo, wireKey, fill](const QJsonObject &t) {
        const QJsonValue value = t.value(wireKey);
        int index = combo->findData(value.toVariant());
        if (index < 0 && (value.isNull() || value.isUndefined()))
            index = combo->findData(QVariant());
        combo->setCurrentIndex(index);
    };
    QObject::connect(
        combo, &QComboBox::activated, q, [this, combo, rowKey, wireKey, changesFor](int i) {
            const QVariant data = combo->itemData(i);
            const QJsonValue value = data.isValid() ? QJsonValue::fromVariant(data) : QJsonValue();
            commit(rowKey, changesFor ? changesFor(value) : QJsonObject { { wireKey, value } });
        });
    return row;
}

PropertiesPanel::Private::Row PropertiesPanel::Private::assigneeRow()
{
    auto *box = new QWidget(q);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *name = new QLabel(box);
    name->setObjectName(u"assigneeName"_s);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *assign = new QToolButton(box);
    assign->setObjectName(u"assignButton"_s);
    assign->setText(PropertiesPanel::tr("Assign"));
    assign->setToolButtonStyle(Qt::ToolButtonTextOnly);
    assign->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(assign);
    assign->setMenu(menu);
    // Built when it opens: agents and departments change while the panel lives.
    QObject::connect(menu, &QMenu::aboutToShow, q, [this, menu] {
        menu->clear();
        QAction *mine = menu->addAction(
            QIcon::fromTheme(u"user-identity"_s), PropertiesPanel::tr("Assign to &Me"));
        mine->setObjectName(u"assignToMe"_s);
        QObject::connect(mine, &QAction::triggered, q, [this] {
            commit(u"assignee"_s, { { u"assignee_id"_s, context.me.toString() } });
        });
        QAction *none = menu->addAction(PropertiesPanel::tr("&Unassign"));
        QObject::connect(none, &QAction::triggered, q, [this] {
            commit(u"assignee"_s, { { u"assignee_id"_s, QJsonValue() } });
        });
        menu->addSection(PropertiesPanel::tr("Agents"));
        for (const Person &p : std::as_const(agents)) {
            QAction *a = menu->addAction(p.name);
            QObject::connect(a, &QAction::triggered, q, [this, id = p.id.toString()] {
                commit(u"assignee"_s, { { u"assignee_id"_s, id } });
            });
        }
        menu->addSection(PropertiesPanel::tr("Departments"));
        for (const Department &dep : std::as_const(departments)) {
            QAction *a = menu->addAction(dep.name);
            // A department takes the ticket as a queue: nobody in it holds it yet.
            QObject::connect(a, &QAction::triggered, q, [this, id = dep.id.toString()] {
                commit(u"assignee"_s,
                    { { u"department_id"_s, id }, { u"assignee_id"_s, QJsonValue() } });
            });
        }
    });
    layout->addWidget(name, 1);
    layout->addWidget(assign);
    Row row;
    row.editor = box;
    row.update = [this, name](const QJsonObject &t) {
        const QString id = t.value(u"assignee_id"_s).toString();
        name->setText(id.isEmpty() ? PropertiesPanel::tr("Unassigned") : personName(id));
        name->setEnabled(!id.isEmpty());
    };
    return row;
}

PropertiesPanel::Private::Row PropertiesPanel::Private::followersRow()
{
    auto *button = new QToolButton(q);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *menu = new QMenu(button);
    button->setMenu(menu);
    QObject::connect(menu, &QMenu::aboutToShow, q, [this, menu] {
        menu->clear();
        const QJsonArray followers = ticket.value(u"follower_ids"_s).toArray();
        for (const Person &p : std::as_const(agents)) {
            QAction *a = menu->addAction(p.name);
            a->setCheckable(true);
            a->setChecked(followers.contains(p.id.toString()));
            QObject::connect(a, &QAction::toggled, q, [this, id = p.id.toString()](bool on) {
                QJsonArray list = ticket.value(u"follower_ids"_s).toArray();
                for (qsizetype i = list.size() - 1; i >= 0; --i) {
                    if (list.at(i).toString() == id)
                        list.removeAt(i);
                }
                if (on)
                    list.append(id);
                commit(u"followers"_s, { { u"follower_ids"_s, list } });
            });
        }
    });
    Row row;
    row.editor = button;
    row.update = [this, button](const QJsonObject &t) {
        QStringList names;
        for (const QJsonValue &id : t.value(u"follower_ids"_s).toArray())
            names.append(personName(id.toString()));
        button->setText(names.isEmpty() ? PropertiesPanel::tr("Add followers…")
                                        : names.join(PropertiesPanel::tr(", ")));
        button->setToolTip(PropertiesPanel::tr("Followers get every public reply by email"));
    };
    return row;
}

PropertiesPanel::Private::Row PropertiesPanel::Private::percentRow()
{
    auto *spin = new QSpinBox(q);
    spin->setRange(0, 100);
    spin->setSingleStep(5);
    spin->setSuffix(PropertiesPanel::tr(" %"));
    Row row;
    row.editor = spin;
    row.update = [spin](const QJsonObject &t) {
        spin->setValue(t.value(u"percent_complete"_s).toInt());
    };
    QObject::connect(spin, &QSpinBox::editingFinished, q, [this, spin] {
        commit(u"percent_complete"_s, { { u"percent_complete"_s, spin->value() } });
    });
    return row;
}

PropertiesPanel::Private::Row PropertiesPanel::Private::labelRow(
    const std::function<QString(const QJsonObject &)> &text)
{
    auto *label = new QLabel(q);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    label->setOpenExternalLinks(true);
    Row row;
    row.editor = label;
    row.update = [label, text](const QJsonObject &t) {
        label->setText(text(t));
    };
    return row;
}

PropertiesPanel::Private::Row PropertiesPanel::Private::customFieldRow(const CustomFieldDef &def)
{
    const QString key = u"cf:"_s + def.id.toString();
    const QString id = def.id.toString();
    const auto valueOf = [id](const QJsonObject &t) {
        return t.value(u"custom_fields"_s).toObject().value(id);
    };
    // Checks the value against its definition first: the message names the field.
    const auto set = [this, key, id, def](const QJsonValue &value) {
        const auto checked = validateCustomFieldValue(def, value);
        if (!checked) {
            if (const auto row = rows.constFind(key); row != rows.cend()) {
                row->error->setText(checked.error().message);
                row->error->setVisible(true);
                updating = true;
                row->update(ticket);
                updating = false;
            }
            return;
        }
        QJsonObject values = ticket.value(u"custom_fields"_s).toObject();
        if (checked.value().isNull())
            values.remove(id);
        else
            values.insert(id, checked.value());
        commit(key, { { u"custom_fields"_s, values } });
    };
    Row row;
    switch (def.fieldType) {
    case FieldType::Text:
    case FieldType::Number: {
        auto *edit = new QLineEdit(q);
        if (def.fieldType == FieldType::Number)
            edit->setValidator(new QDoubleValidator(edit));
        row.editor = edit;
        row.update = [edit, valueOf](const QJsonObject &t) {
            const QJsonValue v = valueOf(t);
            edit->setText(v.isDouble() ? QString::number(v.toDouble()) : v.toString());
        };
        const bool number = def.fieldType == FieldType::Number;
        QObject::connect(edit, &QLineEdit::editingFinished, q, [edit, set, number] {
            if (!edit->isModified())
                return;
            edit->setModified(false);
            const QString text = edit->text().trimmed();
            if (text.isEmpty())
                set(QJsonValue());
            else
                set(number ? QJsonValue(QLocale().toDouble(text)) : QJsonValue(text));
        });
        break;
    }
    case FieldType::Date: {
        auto *date = new QDateEdit(q);
        date->setCalendarPopup(true);
        // The minimum stands for "no date".
        date->setMinimumDate(QDate(1900, 1, 1));
        date->setSpecialValueText(PropertiesPanel::tr("None"));
        row.editor = date;
        row.update = [date, valueOf](const QJsonObject &t) {
            const QDate value = QDate::fromString(valueOf(t).toString(), Qt::ISODate);
            date->setDate(value.isValid() ? value : date->minimumDate());
        };
        QObject::connect(date, &QDateEdit::editingFinished, q, [date, set] {
            set(date->date() == date->minimumDate()
                    ? QJsonValue()
                    : QJsonValue(date->date().toString(Qt::ISODate)));
        });
        break;
    }
    case FieldType::Choice:
    case FieldType::User: {
        auto *combo = new QComboBox(q);
        fitCombo(combo);
        combo->addItem(PropertiesPanel::tr("None"), QVariant());
        if (def.fieldType == FieldType::Choice) {
            for (const QString &choice : def.choices)
                combo->addItem(choice, choice);
        } else {
            for (const Person &p : std::as_const(agents))
                combo->addItem(p.name, p.id.toString());
        }
        row.editor = combo;
        row.update = [combo, valueOf](const QJsonObject &t) {
            const QJsonValue v = valueOf(t);
            combo->setCurrentIndex(v.isString() ? std::max(0, combo->findData(v.toString())) : 0);
        };
        QObject::connect(combo, &QComboBox::activated, q, [combo, set](int i) {
            const QVariant data = combo->itemData(i);
            set(data.isValid() ? QJsonValue(data.toString()) : QJsonValue());
        });
        break;
    }
    case FieldType::MultiChoice: {
        QList<ViewChoice> choices;
        for (const QString &choice : def.choices)
            choices.append({ choice, choice });
        auto *multi = new MultiChoiceEditor(choices, q);
        row.editor = multi;
        row.update = [multi, valueOf](const QJsonObject &t) {
            const QJsonValue v = valueOf(t);
            multi->setValue(v.isArray() ? v : QJsonArray());
        };
        QObject::connect(multi, &ValueEditor::changed, q, [this, multi, set] {
            if (!updating)
                set(multi->value().toArray().isEmpty() ? QJsonValue() : multi->value());
        });
        break;
    }
    case FieldType::Checkbox: {
        auto *check = new QCheckBox(q);
        row.editor = check;
        row.update = [check, valueOf](const QJsonObject &t) {
            check->setChecked(valueOf(t).toBool());
        };
        QObject::connect(check, &QCheckBox::clicked, q, [set](bool on) { set(on); });
        break;
    }
    }
    return row;
}

void PropertiesPanel::Private::addRow(const QString &key)
{
    Row row;
    QString label = ViewLabels::field(key == u"followers"_s ? u"follower"_s : key, fields);
    if (key == u"status"_s) {
        row = comboRow(key, u"status_id"_s, [this](QComboBox *combo) {
            QList<Status> own;
            for (const Status &s : std::as_const(statuses)) {
                if (s.typeId == typeId())
                    own.append(s);
            }
            std::stable_sort(own.begin(), own.end(),
                [](const Status &a, const Status &b) { return a.position < b.position; });
            for (const Status &s : std::as_const(own))
                combo->addItem(
                    TicketStyle::statusDot(QColor(s.color), q->palette()), s.name, s.id.toString());
        });
    } else if (key == u"priority"_s) {
        row = comboRow(key, u"priority"_s, [this](QComboBox *combo) {
            for (Priority p :
                { Priority::Low, Priority::Normal, Priority::High, Priority::Urgent }) {
                const QString wire = toWireName(p);
                combo->addItem(ViewLabels::enumValue(wire), wire);
                combo->setItemData(combo->count() - 1, TicketStyle::priorityColor(p, q->palette()),
                    Qt::ForegroundRole);
            }
        });
    } else if (key == u"type"_s) {
        row = comboRow(
            key, u"type_id"_s,
            [this](QComboBox *combo) {
                for (const TicketType &t : std::as_const(types))
                    combo->addItem(TicketStyle::typeIcon(t.icon, QColor(t.color), t.name), t.name,
                        t.id.toString());
            },
            [this](const QJsonValue &value) {
                // A new type brings its default status: statuses belong to one type.
                QJsonObject changes { { u"type_id"_s, value } };
                for (const TicketType &t : std::as_const(types)) {
                    if (t.id.toString() == value.toString()) {
                        changes.insert(u"status_id"_s, t.defaultStatusId.toString());
                        changes.insert(u"kind"_s, toWireName(t.kind));
                    }
                }
                return changes;
            });
    } else if (key == u"assignee"_s) {
        row = assigneeRow();
    } else if (key == u"department"_s || key == u"organization"_s || key == u"project"_s) {
        row = comboRow(key, key + u"_id"_s, [this, key](QComboBox *combo) {
            combo->addItem(PropertiesPanel::tr("None"), QVariant());
            if (key == u"department"_s) {
                for (const Department &x : std::as_const(departments))
                    combo->addItem(x.name, x.id.toString());
            } else if (key == u"organization"_s) {
                for (const Organization &x : std::as_const(organizations))
                    combo->addItem(x.name, x.id.toString());
            } else {
                for (const Project &x : std::as_const(projects))
                    combo->addItem(x.portfolio.isEmpty()
                            ? x.name
                            : PropertiesPanel::tr("%1 (%2)").arg(x.name, x.portfolio),
                        x.id.toString());
            }
        });
    } else if (key == u"visibility"_s) {
        row = comboRow(key, u"visibility"_s, [](QComboBox *combo) {
            combo->addItem(QIcon::fromTheme(u"im-user"_s),
                PropertiesPanel::tr("Visible to customer"), u"customer"_s);
            combo->addItem(QIcon::fromTheme(u"object-locked"_s), PropertiesPanel::tr("Internal"),
                u"internal"_s);
        });
    } else if (key == u"followers"_s) {
        row = followersRow();
    } else if (key == u"percent_complete"_s) {
        row = percentRow();
    } else if (key == u"requester"_s) {
        row = labelRow([this](const QJsonObject &t) {
            const auto person
                = store.get<Person>(PersonId::fromString(t.value(u"requester_id"_s).toString()));
            if (!person)
                return PropertiesPanel::tr("—");
            return person->email.isEmpty()
                ? person->name.toHtmlEscaped()
                : u"%1 &lt;<a href=\"mailto:%2\">%2</a>&gt;"_s.arg(
                    person->name.toHtmlEscaped(), person->email.toHtmlEscaped());
        });
    } else if (key == u"channel"_s) {
        row = labelRow([](const QJsonObject &t) {
            return ViewLabels::enumValue(t.value(u"channel"_s).toString()).toHtmlEscaped();
        });
    } else if (key == u"first_response_due"_s || key == u"resolution_due"_s) {
        if (key == u"resolution_due"_s)
            label = PropertiesPanel::tr("Resolution due");
        row = labelRow([key](const QJsonObject &t) {
            const QDateTime due = QDateTime::fromString(t.value(key).toString(), Qt::ISODate);
            // A target already met is history, not a countdown.
            const QString metBy
                = key == u"first_response_due"_s ? u"first_responded_at"_s : u"solved_at"_s;
            const QDateTime met = QDateTime::fromString(t.value(metBy).toString(), Qt::ISODate);
            if (met.isValid() && due.isValid())
                return PropertiesPanel::tr("%1 (%2)")
                    .arg(QLocale().toString(due.toLocalTime(), QLocale::ShortFormat),
                        met <= due ? PropertiesPanel::tr("met") : PropertiesPanel::tr("missed"))
                    .toHtmlEscaped();
            return dueText(due).toHtmlEscaped();
        });
    } else if (key == u"created_at"_s || key == u"updated_at"_s) {
        row = labelRow([key](const QJsonObject &t) {
            const QDateTime at = QDateTime::fromString(t.value(key).toString(), Qt::ISODate);
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat)
                                : PropertiesPanel::tr("—");
        });
    } else if (key.startsWith(u"cf:"_s)) {
        const CustomFieldId id = CustomFieldId::fromString(key.mid(3));
        const auto def = std::find_if(
            fields.cbegin(), fields.cend(), [&](const CustomFieldDef &f) { return f.id == id; });
        if (def == fields.cend())
            return; // a field deleted since the layout was saved
        if (def->typeId.isValid() && def->typeId != typeId())
            return;
        row = customFieldRow(*def);
        label = def->required ? PropertiesPanel::tr("%1 *").arg(def->name) : def->name;
    } else {
        return; // a key this version does not know: keep the layout, skip the row
    }
    row.editor->setObjectName(u"property:"_s + key);
    row.error = new QLabel(q);
    row.error->setObjectName(u"propertyError:"_s + key);
    row.error->setWordWrap(true);
    QPalette errorPalette = row.error->palette();
    errorPalette.setColor(
        QPalette::WindowText, TicketStyle::priorityColor(Priority::Urgent, q->palette()));
    row.error->setPalette(errorPalette);
    row.error->hide();
    auto *cell = new QWidget(q);
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    cellLayout->addWidget(row.editor);
    cellLayout->addWidget(row.error);
    auto *caption = new QLabel(PropertiesPanel::tr("%1:").arg(label), q);
    caption->setBuddy(row.editor);
    form->addRow(caption, cell);
    keys.append(key);
    rows.insert(key, row);
}

void PropertiesPanel::Private::rebuild()
{
    while (form->rowCount() > 0)
        form->removeRow(0);
    rows.clear();
    keys.clear();
    QStringList layout;
    for (const TicketType &t : std::as_const(types)) {
        if (t.id == typeId())
            layout = t.panelLayout;
    }
    if (layout.isEmpty())
        layout = defaultLayout(fields);
    QSet<QString> seen;
    for (const QString &raw : std::as_const(layout)) {
        const QString key = canonicalKey(raw);
        if (!seen.contains(key)) {
            seen.insert(key);
            addRow(key);
        }
    }
    builtFor = typeId().toString() + u'|' + layout.join(u',');
}

PropertiesPanel::PropertiesPanel(Store &store, QueryContext context, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this, store, std::move(context)))
{
    d->form = new QFormLayout(this);
    d->form->setContentsMargins(0, 0, 0, 0);
    d->form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    d->form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    d->form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    reloadDefinitions();
}

PropertiesPanel::~PropertiesPanel() = default;

void PropertiesPanel::reloadDefinitions()
{
    d->types = d->store.all<TicketType>();
    std::stable_sort(d->types.begin(), d->types.end(),
        [](const TicketType &a, const TicketType &b) { return a.position < b.position; });
    d->statuses = d->store.all<Status>();
    d->agents.clear();
    // Customers can be many: only agents are read whole.
    QSqlQuery query(d->store.connection());
    query.setForwardOnly(true);
    if (query.exec(u"SELECT data FROM people WHERE kind = 'agent' ORDER BY name"_s)) {
        while (query.next()) {
            auto person = Protocol::fromJson<Person>(
                QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object());
            if (person && person->active)
                d->agents.append(std::move(person).value());
        }
    }
    d->departments = d->store.all<Department>();
    d->organizations = d->store.all<Organization>();
    d->projects = d->store.all<Project>();
    d->fields = d->store.all<CustomFieldDef>();
    std::stable_sort(d->fields.begin(), d->fields.end(),
        [](const CustomFieldDef &a, const CustomFieldDef &b) { return a.position < b.position; });
    const auto byName = [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    };
    std::stable_sort(d->departments.begin(), d->departments.end(), byName);
    std::stable_sort(d->organizations.begin(), d->organizations.end(), byName);
    std::stable_sort(d->projects.begin(), d->projects.end(), byName);
    d->builtFor.clear();
    if (!d->ticket.isEmpty())
        setTicket(d->ticket);
}

void PropertiesPanel::setTicket(const QJsonObject &ticket)
{
    const bool sameTicket = ticket.value(u"id"_s) == d->ticket.value(u"id"_s);
    d->ticket = ticket;
    QString layoutKey;
    for (const TicketType &t : std::as_const(d->types)) {
        if (t.id == d->typeId())
            layoutKey = t.panelLayout.join(u',');
    }
    if (d->builtFor != d->typeId().toString() + u'|' + layoutKey || d->keys.isEmpty())
        d->rebuild();
    d->updating = true;
    for (auto it = d->rows.begin(); it != d->rows.end(); ++it) {
        // The agent's unfinished input wins over a refresh of the same ticket.
        if (sameTicket && it->editor->hasFocus() && qobject_cast<QLineEdit *>(it->editor))
            continue;
        if (!sameTicket)
            it->error->hide();
        it->update(ticket);
    }
    d->updating = false;
}

QStringList PropertiesPanel::shownKeys() const
{
    return d->keys;
}

QWidget *PropertiesPanel::editor(const QString &key) const
{
    return d->rows.value(canonicalKey(key)).editor;
}

QString PropertiesPanel::errorText(const QString &key) const
{
    const Private::Row row = d->rows.value(canonicalKey(key));
    return row.error && !row.error->isHidden() ? row.error->text() : QString();
}

QStringList PropertiesPanel::defaultLayout(const QList<CustomFieldDef> &fields)
{
    QStringList keys = StandardKeys;
    for (const CustomFieldDef &f : fields)
        keys.append(u"cf:"_s + f.id.toString());
    return keys;
}

} // namespace Tessera::Ui
