// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/valueeditors.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <QWheelEvent>

#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

constexpr int ValueRole = Qt::UserRole + 1;

QHBoxLayout *row(QWidget *owner)
{
    auto *layout = new QHBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    return layout;
}

QJsonValue number(double value)
{
    if (std::trunc(value) == value && std::abs(value) < 1e15)
        return qint64(value);
    return value;
}

/// Free text (is, contains, starts with …).
class TextEditor : public ValueEditor
{
public:
    explicit TextEditor(QWidget *parent)
        : ValueEditor(parent)
    {
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(u"valueText"_s);
        m_edit->setPlaceholderText(tr("Text"));
        m_edit->setMaxLength(1000);
        row(this)->addWidget(m_edit);
        setFocusProxy(m_edit);
        connect(m_edit, &QLineEdit::textChanged, this, &ValueEditor::changed);
    }
    QJsonValue value() const override { return m_edit->text(); }
    bool isWide() const override { return true; }
    void setValue(const QJsonValue &value) override
    {
        if (value.isString())
            m_edit->setText(value.toString());
    }

private:
    QLineEdit *m_edit = nullptr;
};

/// Several texts or numbers, separated by commas (any of, none of).
class ListEditor : public ValueEditor
{
public:
    ListEditor(bool numbers, QWidget *parent)
        : ValueEditor(parent)
        , m_numbers(numbers)
    {
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(u"valueList"_s);
        m_edit->setPlaceholderText(numbers ? tr("1, 2, 3") : tr("first, second"));
        m_edit->setToolTip(tr("Separate the values with commas."));
        row(this)->addWidget(m_edit);
        setFocusProxy(m_edit);
        connect(m_edit, &QLineEdit::textChanged, this, &ValueEditor::changed);
    }
    bool isWide() const override { return true; }
    QJsonValue value() const override
    {
        QJsonArray values;
        const QStringList parts = m_edit->text().split(u',', Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString text = part.trimmed();
            if (text.isEmpty())
                continue;
            if (!m_numbers) {
                values.append(text);
                continue;
            }
            bool ok = false;
            const double n = QLocale().toDouble(text, &ok);
            const double c = ok ? n : text.toDouble(&ok);
            // Not a number: kept as text, so the compiler names the mistake.
            values.append(ok ? number(c) : QJsonValue(text));
        }
        return values;
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonArray values = value.isArray() ? value.toArray() : QJsonArray { value };
        QStringList parts;
        for (const QJsonValue &v : values) {
            if (v.isDouble())
                parts.append(QLocale().toString(v.toDouble(), 'g', 15));
            else if (v.isString())
                parts.append(v.toString());
        }
        m_edit->setText(parts.join(u", "_s));
    }

private:
    QLineEdit *m_edit = nullptr;
    bool m_numbers = false;
};

/// One number.
class NumberEditor : public ValueEditor
{
public:
    NumberEditor(int decimals, QWidget *parent)
        : ValueEditor(parent)
    {
        m_spin = new QDoubleSpinBox(this);
        m_spin->setObjectName(u"valueNumber"_s);
        m_spin->setDecimals(decimals);
        m_spin->setRange(-1e12, 1e12);
        m_spin->setMinimumWidth(100);
        row(this)->addWidget(m_spin);
        setFocusProxy(m_spin);
        connect(m_spin, &QDoubleSpinBox::valueChanged, this, &ValueEditor::changed);
    }
    QJsonValue value() const override { return number(m_spin->value()); }
    void setValue(const QJsonValue &value) override
    {
        if (value.isDouble())
            m_spin->setValue(value.toDouble());
    }

private:
    QDoubleSpinBox *m_spin = nullptr;
};

/// One value picked from a list (statuses, people, priorities …).
class ChoiceEditor : public ValueEditor
{
public:
    ChoiceEditor(const QList<ViewChoice> &choices, QWidget *parent)
        : ValueEditor(parent)
    {
        m_combo = new QComboBox(this);
        m_combo->setObjectName(u"valueChoice"_s);
        m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_combo->setMaxVisibleItems(20);
        for (const ViewChoice &choice : choices)
            m_combo->addItem(choice.label, choice.value.toVariant());
        row(this)->addWidget(m_combo);
        setFocusProxy(m_combo);
        connect(m_combo, &QComboBox::currentIndexChanged, this, &ValueEditor::changed);
    }
    QJsonValue value() const override
    {
        return m_combo->currentIndex() < 0 ? QJsonValue()
                                           : QJsonValue::fromVariant(m_combo->currentData());
    }
    void setValue(const QJsonValue &value) override
    {
        if (value.isNull() || value.isUndefined() || value.isArray() || value.isObject())
            return;
        int index = m_combo->findData(value.toVariant());
        if (index < 0) { // an id no longer in the cache: kept, and shown as such
            m_combo->addItem(
                tr("Unknown (%1)").arg(value.toVariant().toString()), value.toVariant());
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(index);
    }

private:
    QComboBox *m_combo = nullptr;
};

/// A day, or for date-times before / after optionally a time of day.
class DateEditor : public ValueEditor
{
public:
    DateEditor(bool timeAllowed, QTimeZone zone, QWidget *parent)
        : ValueEditor(parent)
        , m_zone(std::move(zone))
    {
        auto *layout = row(this);
        m_edit = new QDateTimeEdit(this);
        m_edit->setObjectName(u"valueDate"_s);
        m_edit->setCalendarPopup(true);
        m_edit->setTimeZone(m_zone);
        m_edit->setDate(QDate::currentDate());
        m_edit->setTime(QTime(9, 0));
        layout->addWidget(m_edit);
        if (timeAllowed) {
            m_withTime = new QCheckBox(tr("at a time"), this);
            m_withTime->setObjectName(u"valueWithTime"_s);
            m_withTime->setToolTip(tr("Compare with an exact time instead of the whole day"));
            layout->addWidget(m_withTime);
            connect(m_withTime, &QCheckBox::toggled, this, [this] {
                updateFormat();
                Q_EMIT changed();
            });
        }
        updateFormat();
        setFocusProxy(m_edit);
        connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, &ValueEditor::changed);
    }
    QJsonValue value() const override
    {
        const bool exact = m_withTime && m_withTime->isChecked();
        if (!m_original.isEmpty() && exact == m_originalExact && m_edit->dateTime() == m_shown)
            return m_original;
        if (!exact)
            return m_edit->date().toString(Qt::ISODate);
        return QDateTime(
            m_edit->date(), QTime(m_edit->time().hour(), m_edit->time().minute()), m_zone)
            .toString(Qt::ISODate);
    }
    void setValue(const QJsonValue &value) override
    {
        const QString text = value.toString();
        if (text.size() == 10) {
            const QDate day = QDate::fromString(text, Qt::ISODate);
            if (!day.isValid())
                return;
            if (m_withTime)
                m_withTime->setChecked(false);
            m_edit->setDate(day);
            remember(text, false);
            return;
        }
        const QDateTime instant = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!instant.isValid() || !m_withTime)
            return;
        m_withTime->setChecked(true);
        m_edit->setDateTime(instant.toTimeZone(m_zone));
        remember(text, true);
    }

private:
    void remember(const QString &text, bool exact)
    {
        m_original = text;
        m_originalExact = exact;
        m_shown = m_edit->dateTime();
    }
    void updateFormat()
    {
        const bool exact = m_withTime && m_withTime->isChecked();
        const QLocale locale;
        m_edit->setDisplayFormat(exact ? locale.dateTimeFormat(QLocale::ShortFormat)
                                       : locale.dateFormat(QLocale::ShortFormat));
    }

    QTimeZone m_zone;
    QDateTimeEdit *m_edit = nullptr;
    QCheckBox *m_withTime = nullptr;
    QString m_original;
    bool m_originalExact = false;
    QDateTime m_shown;
};

/// A span relative to now: "in the last 7 days".
class RelativeEditor : public ValueEditor
{
public:
    RelativeEditor(bool hoursAllowed, QWidget *parent)
        : ValueEditor(parent)
    {
        auto *layout = row(this);
        m_amount = new QSpinBox(this);
        m_amount->setObjectName(u"valueAmount"_s);
        m_amount->setRange(1, 3650);
        m_amount->setValue(7);
        m_unit = new QComboBox(this);
        m_unit->setObjectName(u"valueUnit"_s);
        m_unit->addItem(tr("days"), u"days"_s);
        if (hoursAllowed)
            m_unit->addItem(tr("hours"), u"hours"_s);
        layout->addWidget(m_amount);
        layout->addWidget(m_unit);
        setFocusProxy(m_amount);
        connect(m_amount, &QSpinBox::valueChanged, this, &ValueEditor::changed);
        connect(m_unit, &QComboBox::currentIndexChanged, this, &ValueEditor::changed);
    }
    QJsonValue value() const override
    {
        return QJsonObject {
            { u"amount"_s, m_amount->value() },
            { u"unit"_s, m_unit->currentData().toString() },
        };
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonObject span = value.toObject();
        if (span.contains(u"amount"_s))
            m_amount->setValue(span.value(u"amount"_s).toInt());
        const int unit = m_unit->findData(span.value(u"unit"_s).toString());
        if (unit >= 0)
            m_unit->setCurrentIndex(unit);
    }

private:
    QSpinBox *m_amount = nullptr;
    QComboBox *m_unit = nullptr;
};

/// Tickets by number ("#12, #40"), stored by id.
class TicketEditor : public ValueEditor
{
public:
    TicketEditor(const ViewCatalogue &catalogue, bool list, QWidget *parent)
        : ValueEditor(parent)
        , m_catalogue(catalogue)
        , m_list(list)
    {
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(u"valueTickets"_s);
        m_edit->setPlaceholderText(list ? tr("#12, #40") : tr("#12"));
        m_edit->setToolTip(tr("Ticket numbers"));
        row(this)->addWidget(m_edit);
        setFocusProxy(m_edit);
        connect(m_edit, &QLineEdit::textChanged, this, &ValueEditor::changed);
    }
    bool isWide() const override { return true; }
    QJsonValue value() const override
    {
        QJsonArray ids;
        const QStringList parts = m_edit->text().split(u',', Qt::SkipEmptyParts);
        for (QString part : parts) {
            part = part.trimmed();
            if (part.startsWith(u'#'))
                part.remove(0, 1);
            bool ok = false;
            const qint64 number = part.toLongLong(&ok);
            const QString id = ok ? m_catalogue.ticketId(number) : QString();
            // An unknown number stays as typed, so the compiler names it.
            ids.append(id.isEmpty() ? u"#"_s + part : id);
        }
        if (m_list)
            return ids;
        return ids.isEmpty() ? QJsonValue(QString()) : ids.first();
    }
    void setValue(const QJsonValue &value) override
    {
        const QJsonArray ids = value.isArray() ? value.toArray() : QJsonArray { value };
        QStringList labels;
        for (const QJsonValue &id : ids) {
            if (id.isString() && !id.toString().isEmpty())
                labels.append(m_catalogue.ticketLabel(id.toString()));
        }
        m_edit->setText(labels.join(u", "_s));
    }

private:
    const ViewCatalogue &m_catalogue;
    bool m_list = false;
    QLineEdit *m_edit = nullptr;
};

/// Looks and behaves like a combo box (click, F4, Alt+Down), but opens the
/// checkable list of a MultiChoiceEditor; its one item is the summary.
class SummaryCombo : public QComboBox
{
public:
    using QComboBox::QComboBox;
    std::function<void()> opens;
    void showPopup() override
    {
        if (opens)
            opens();
    }

protected:
    void wheelEvent(QWheelEvent *event) override { event->ignore(); }
};

/// The popup of a MultiChoiceEditor: closes on Escape and on a click outside.
class ChoicePopup : public QFrame
{
public:
    explicit ChoicePopup(QWidget *parent)
        : QFrame(parent, Qt::Popup)
    {
        setFrameShape(QFrame::StyledPanel);
        setObjectName(u"choicePopup"_s);
    }

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_Return
            || event->key() == Qt::Key_Enter) {
            hide();
            if (parentWidget())
                parentWidget()->setFocus(Qt::PopupFocusReason);
            return;
        }
        QFrame::keyPressEvent(event);
    }
};

} // namespace

bool operatorTakesValue(const QString &op)
{
    return op != u"empty"_s && op != u"not_empty"_s && op != u"today"_s && op != u"overdue"_s;
}

bool operatorTakesList(const QString &op)
{
    return op == u"any_of"_s || op == u"none_of"_s;
}

ValueEditor *createValueEditor(
    const ViewCatalogue &catalogue, const ViewField &field, const QString &op, QWidget *parent)
{
    if (!operatorTakesValue(op))
        return nullptr;
    const bool list = operatorTakesList(op);
    switch (field.type) {
    case ViewFieldType::DateTime:
    case ViewFieldType::CustomDate: {
        const bool dateTime = field.type == ViewFieldType::DateTime;
        if (op == u"within_last"_s || op == u"within_next"_s)
            return new RelativeEditor(dateTime, parent);
        return new DateEditor(dateTime && (op == u"before"_s || op == u"after"_s),
            catalogue.context().timeZone, parent);
    }
    case ViewFieldType::Text:
    case ViewFieldType::CustomText:
        if (list)
            return new ListEditor(false, parent);
        return new TextEditor(parent);
    case ViewFieldType::Number:
    case ViewFieldType::CustomNumber:
        if (list)
            return new ListEditor(true, parent);
        return new NumberEditor(field.type == ViewFieldType::CustomNumber ? 2 : 0, parent);
    case ViewFieldType::Reference:
        if (field.reference == EntityKind::Ticket)
            return new TicketEditor(catalogue, list, parent);
        [[fallthrough]];
    case ViewFieldType::Enum:
    case ViewFieldType::Priority:
    case ViewFieldType::Followers:
    case ViewFieldType::CustomChoice:
    case ViewFieldType::CustomMultiChoice:
    case ViewFieldType::CustomCheckbox:
    case ViewFieldType::CustomUser:
        if (list)
            return new MultiChoiceEditor(catalogue.choices(field), parent);
        return new ChoiceEditor(catalogue.choices(field), parent);
    }
    return new TextEditor(parent);
}

// --- MultiChoiceEditor ------------------------------------------------------------

MultiChoiceEditor::MultiChoiceEditor(const QList<ViewChoice> &choices, QWidget *parent)
    : ValueEditor(parent)
{
    auto *button = new SummaryCombo(this);
    button->opens = [this] {
        showPopup();
    };
    m_button = button;
    m_button->setObjectName(u"valueChoices"_s);
    m_button->addItem(QString());
    m_button->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_button->setMinimumContentsLength(14);
    row(this)->addWidget(m_button);
    setFocusProxy(m_button);

    m_popup = new ChoicePopup(this);
    auto *layout = new QVBoxLayout(m_popup);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    m_filter = new QLineEdit(m_popup);
    m_filter->setObjectName(u"choiceFilter"_s);
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setVisible(choices.size() > 8);
    m_model = new QStandardItemModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list = new QListView(m_popup);
    m_list->setObjectName(u"choiceList"_s);
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    m_popup->setFocusProxy(
        m_filter->isVisibleTo(m_popup) ? static_cast<QWidget *>(m_filter) : m_list);
    connect(
        m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    // Down from the filter goes to the list; Space there toggles the item.
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() == 1) {
            QStandardItem *item
                = m_model->itemFromIndex(m_proxy->mapToSource(m_proxy->index(0, 0)));
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        }
    });

    for (const ViewChoice &choice : choices)
        addChoice(choice);
    connect(m_model, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (m_updating)
            return;
        const QJsonValue value = QJsonValue::fromVariant(item->data(ValueRole));
        const bool checked = item->checkState() == Qt::Checked;
        const qsizetype at = m_selected.toVariantList().indexOf(item->data(ValueRole));
        if (checked && at < 0)
            m_selected.append(value);
        else if (!checked && at >= 0)
            m_selected.removeAt(at);
        updateSummary();
        Q_EMIT changed();
    });
    updateSummary();
}

MultiChoiceEditor::~MultiChoiceEditor() = default;

bool MultiChoiceEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down && m_proxy->rowCount() > 0) {
            m_list->setFocus(Qt::TabFocusReason);
            if (!m_list->currentIndex().isValid())
                m_list->setCurrentIndex(m_proxy->index(0, 0));
            return true;
        }
    }
    return ValueEditor::eventFilter(watched, event);
}

void MultiChoiceEditor::addChoice(const ViewChoice &choice)
{
    auto *item = new QStandardItem(choice.label);
    item->setData(choice.value.toVariant(), ValueRole);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable
        | Qt::ItemNeverHasChildren);
    item->setCheckState(Qt::Unchecked);
    m_model->appendRow(item);
}

QJsonValue MultiChoiceEditor::value() const
{
    return m_selected;
}

void MultiChoiceEditor::setValue(const QJsonValue &value)
{
    const QJsonArray values = value.isArray() ? value.toArray()
        : value.isString() || value.isBool()  ? QJsonArray { value }
                                              : QJsonArray();
    m_updating = true;
    m_selected = {};
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_model->item(row)->setCheckState(Qt::Unchecked);
    for (const QJsonValue &v : values) {
        QStandardItem *found = nullptr;
        for (int row = 0; row < m_model->rowCount() && !found; ++row) {
            if (m_model->item(row)->data(ValueRole) == v.toVariant())
                found = m_model->item(row);
        }
        if (!found) {
            addChoice({ tr("Unknown (%1)").arg(v.toVariant().toString()), v });
            found = m_model->item(m_model->rowCount() - 1);
        }
        found->setCheckState(Qt::Checked);
        m_selected.append(v);
    }
    m_updating = false;
    updateSummary();
}

QListView *MultiChoiceEditor::list() const
{
    return m_list;
}

QWidget *MultiChoiceEditor::popup() const
{
    return m_popup;
}

void MultiChoiceEditor::showPopup()
{
    m_filter->clear();
    const int rows = std::min(m_model->rowCount(), 12);
    const int rowHeight
        = m_list->sizeHintForRow(0) > 0 ? m_list->sizeHintForRow(0) : fontMetrics().height() + 6;
    m_list->setFixedHeight(rowHeight * std::max(rows, 1) + 2 * m_list->frameWidth() + 2);
    m_popup->adjustSize();
    const int width = std::max({ m_button->width(), m_list->sizeHintForColumn(0) + 48, 220 });
    m_popup->resize(width, m_popup->sizeHint().height());
    QPoint at = m_button->mapToGlobal(QPoint(0, m_button->height()));
    if (const QScreen *screen = m_button->screen()) {
        const QRect available = screen->availableGeometry();
        if (at.y() + m_popup->height() > available.bottom())
            at.setY(m_button->mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
        at.setX(std::clamp(at.x(), available.left(), available.right() - width));
    }
    m_popup->move(at);
    m_popup->show();
    if (m_filter->isVisibleTo(m_popup)) {
        m_filter->setFocus(Qt::PopupFocusReason);
    } else {
        m_list->setFocus(Qt::PopupFocusReason);
        if (!m_list->currentIndex().isValid())
            m_list->setCurrentIndex(m_proxy->index(0, 0));
    }
}

bool MultiChoiceEditor::setChecked(const QString &label, bool checked)
{
    const QList<QStandardItem *> items = m_model->findItems(label);
    if (items.isEmpty())
        return false;
    items.first()->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return true;
}

void MultiChoiceEditor::updateSummary()
{
    QStringList labels;
    for (const QJsonValue &v : std::as_const(m_selected)) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->item(row)->data(ValueRole) == v.toVariant()) {
                labels.append(m_model->item(row)->text());
                break;
            }
        }
    }
    const QString text = labels.isEmpty() ? tr("Choose…") : labels.join(u", "_s);
    m_button->setItemText(0, m_button->fontMetrics().elidedText(text, Qt::ElideRight, 320));
    m_button->setToolTip(labels.join(u"\n"_s));
}

} // namespace Tessera::Ui
