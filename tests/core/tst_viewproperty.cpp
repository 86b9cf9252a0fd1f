// SPDX-License-Identifier: GPL-3.0-or-later
// Property test: for many random ViewSpecs over a random dataset, the SQL
// the compiler emits returns exactly the rows, order and groups that an
// independent in-memory evaluator (below, written from docs/views.md)
// selects. Deterministic: the seed is printed and fixed.
#include "backends.h"
#include "query/viewfields.h"
#include "query/viewqueries.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/tables.h"
#include "store/transaction.h"
#include "storefixture.h"

#include <QJsonDocument>
#include <QRandomGenerator64>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Tessera;

namespace {

constexpr int Tickets = 300;
constexpr int Specs = 1200;

QByteArray asciiFolded(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    for (char &c : utf8) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return utf8;
}

// A value in the evaluator: null, integer, real or text, compared as SQLite does
// for values of one type.
struct Value
{
    enum Kind { Null, Int, Real, Text } kind = Null;
    qint64 i = 0;
    double r = 0;
    QString s;

    static Value null() { return {}; }
    static Value of(qint64 v) { return { Int, v, 0, {} }; }
    static Value real(double v) { return { Real, 0, v, {} }; }
    static Value text(const QString &v) { return { Text, 0, 0, v }; }
    bool isNull() const { return kind == Null; }
    double number() const { return kind == Int ? double(i) : r; }
    QString key() const
    {
        switch (kind) {
        case Null:
            return u"<null>"_s;
        case Int:
            return QString::number(i);
        case Real:
            return QString::number(r);
        case Text:
            return s;
        }
        return {};
    }
};

// <0, 0, >0; text BINARY (UTF-8 bytes) or NOCASE (ASCII folded).
int compare(const Value &a, const Value &b, bool nocase = false)
{
    if (a.kind == Value::Text || b.kind == Value::Text) {
        const QByteArray x = nocase ? asciiFolded(a.s) : a.s.toUtf8();
        const QByteArray y = nocase ? asciiFolded(b.s) : b.s.toUtf8();
        return x < y ? -1 : (y < x ? 1 : 0);
    }
    return a.number() < b.number() ? -1 : (b.number() < a.number() ? 1 : 0);
}

// Nulls last in both directions.
int compareNullsLast(const Value &a, const Value &b, bool descending, bool nocase)
{
    if (a.isNull() || b.isNull())
        return a.isNull() == b.isNull() ? 0 : (a.isNull() ? 1 : -1);
    const int c = compare(a, b, nocase);
    return descending ? -c : c;
}

Value fromJson(const QJsonValue &v)
{
    if (v.isString())
        return Value::text(v.toString());
    if (v.isBool())
        return Value::of(v.toBool() ? 1 : 0);
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? Value::of(qint64(d)) : Value::real(d);
    }
    return Value::null();
}

template<typename Tag>
Value idValue(const Id<Tag> &id)
{
    return id.isValid() ? Value::text(id.toString()) : Value::null();
}

Value msValue(const QDateTime &dt)
{
    return dt.isValid() ? Value::of(dt.toMSecsSinceEpoch()) : Value::null();
}

} // namespace

class TestViewProperty : public QObject
{
    Q_OBJECT

    Test::StoreFixture m_data;
    QList<Ticket> m_tickets;
    QueryContext m_context;
    QRandomGenerator64 m_rng { 20261123 };
    QStringList m_words { u"printer"_s, u"VPN"_s, u"Fatura"_s, u"senha"_s, u"não"_s, u"Árvore"_s,
        u"fattura"_s, u"100%"_s, u"wrong_total"_s, u"O'Brien"_s, u"drop;--"_s, u"timeout"_s,
        u"Erro"_s };

    int pick(int n) { return n <= 0 ? 0 : int(m_rng.bounded(quint64(n))); }
    bool chance(int percent) { return pick(100) < percent; }
    template<typename T>
    const T &pickFrom(const QList<T> &list)
    {
        return list.at(pick(int(list.size())));
    }

    // --- the dataset ------------------------------------------------------------

    QDateTime randomTime()
    {
        return m_context.now.addSecs(qint64(pick(80 * 24)) * 3600 - 40 * 24 * 3600 + pick(3600));
    }

    void buildDataset()
    {
        m_data.addReferenceData();
        m_context.me = m_data.agents.at(0).id;
        m_context.myDepartments = { m_data.departments.at(0).id, m_data.departments.at(2).id };
        m_context.now = QDateTime(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::UTC);
        m_context.timeZone = QTimeZone::fromSecondsAheadOfUtc(-3 * 3600);
        m_context.customFields = m_data.customFields;
        for (int n = 1; n <= Tickets; ++n) {
            Ticket t = m_data.ticket(n, {});
            QStringList title;
            for (int w = 1 + pick(4); w > 0; --w) {
                QString word = pickFrom(m_words);
                title.append(chance(30) ? word.toUpper() : word);
            }
            t.title = title.join(u' ');
            t.description = chance(20) ? QString() : u"About "_s + pickFrom(m_words);
            const int type = pick(2);
            t.typeId = m_data.types.at(type).id;
            t.statusId = m_data.statuses.at(type * 6 + pick(6)).id;
            t.kind = chance(20) ? TicketKind::Task : TicketKind::Ticket;
            t.priority = Priority(pick(4));
            t.assigneeId = chance(75) ? pickFrom(m_data.agents).id : PersonId();
            t.requesterId = chance(90) ? pickFrom(m_data.customers).id : PersonId();
            t.departmentId = chance(85) ? pickFrom(m_data.departments).id : DepartmentId();
            t.organizationId = chance(80) ? pickFrom(m_data.organizations).id : OrganizationId();
            t.projectId = chance(50) ? pickFrom(m_data.projects).id : ProjectId();
            t.channel = Channel(pick(8));
            t.visibility = chance(80) ? Visibility::Customer : Visibility::Internal;
            t.percentComplete = pick(11) * 10;
            t.timeSpentMinutes = chance(40) ? 15 * pick(12) : 0;
            for (int f = pick(3); f > 0; --f) {
                const PersonId id = pickFrom(m_data.agents).id;
                if (!t.followerIds.contains(id))
                    t.followerIds.append(id);
            }
            if (n > 10 && chance(20))
                t.parentId = m_tickets.at(pick(int(m_tickets.size()))).id;
            t.createdAt = randomTime();
            t.updatedAt = chance(90) ? randomTime() : QDateTime();
            t.firstResponseDue = chance(70) ? randomTime() : QDateTime();
            t.resolutionDue = chance(80) ? randomTime() : QDateTime();
            t.firstRespondedAt = chance(60) ? randomTime() : QDateTime();
            t.solvedAt = chance(40) ? randomTime() : QDateTime();
            for (const CustomFieldDef &def : m_data.customFields) {
                if ((def.typeId.isValid() && def.typeId != t.typeId) || chance(30))
                    continue;
                const QString key = def.id.toString();
                switch (def.fieldType) {
                case FieldType::Choice:
                    t.customFields.insert(key, pickFrom(def.choices));
                    break;
                case FieldType::Number:
                    t.customFields.insert(key, pick(6));
                    break;
                case FieldType::Text:
                    t.customFields.insert(key, pickFrom(m_words));
                    break;
                case FieldType::MultiChoice: {
                    QJsonArray values;
                    for (const QString &choice : def.choices) {
                        if (chance(40))
                            values.append(choice);
                    }
                    t.customFields.insert(key, values);
                    break;
                }
                case FieldType::Checkbox:
                    t.customFields.insert(key, chance(50));
                    break;
                case FieldType::Date:
                    t.customFields.insert(
                        key, QDate(2026, 11, 23).addDays(pick(40) - 20).toString(Qt::ISODate));
                    break;
                case FieldType::User:
                    t.customFields.insert(key, pickFrom(m_data.agents).id.toString());
                    break;
                }
            }
            m_tickets.append(t);
        }
        m_data.import(EntityKind::Ticket, m_tickets);
    }

    // --- the evaluator ------------------------------------------------------------

    const Status *statusOf(const Ticket &t) const
    {
        for (const Status &s : m_data.statuses) {
            if (s.id == t.statusId)
                return &s;
        }
        return nullptr;
    }

    Value nameOf(EntityKind kind, const Value &id) const
    {
        if (id.isNull())
            return Value::null();
        const auto find = [&](const auto &list) {
            for (const auto &item : list) {
                if (item.id.toString() == id.s)
                    return Value::text(item.name);
            }
            return Value::null();
        };
        switch (kind) {
        case EntityKind::Person:
            return find(m_data.agents + m_data.customers);
        case EntityKind::Department:
            return find(m_data.departments);
        case EntityKind::Organization:
            return find(m_data.organizations);
        case EntityKind::Project:
            return find(m_data.projects);
        default:
            return Value::null();
        }
    }

    Value field(const Ticket &t, const ViewField &f) const
    {
        if (f.custom)
            return fromJson(t.customFields.value(f.custom->id.toString()));
        const QString &n = f.name;
        if (n == u"number"_s)
            return Value::of(t.number);
        if (n == u"title"_s)
            return Value::text(t.title);
        if (n == u"description"_s)
            return Value::text(t.description);
        if (n == u"kind"_s)
            return Value::text(toWireName(t.kind));
        if (n == u"type"_s)
            return idValue(t.typeId);
        if (n == u"status"_s)
            return idValue(t.statusId);
        if (n == u"status_category"_s) {
            const Status *s = statusOf(t);
            return s ? Value::text(toWireName(s->category)) : Value::null();
        }
        if (n == u"priority"_s)
            return Value::of(int(t.priority));
        if (n == u"requester"_s)
            return idValue(t.requesterId);
        if (n == u"assignee"_s)
            return idValue(t.assigneeId);
        if (n == u"department"_s)
            return idValue(t.departmentId);
        if (n == u"organization"_s)
            return idValue(t.organizationId);
        if (n == u"project"_s)
            return idValue(t.projectId);
        if (n == u"parent"_s)
            return idValue(t.parentId);
        if (n == u"channel"_s)
            return Value::text(toWireName(t.channel));
        if (n == u"visibility"_s)
            return Value::text(toWireName(t.visibility));
        if (n == u"percent_complete"_s)
            return Value::of(t.percentComplete);
        if (n == u"time_spent"_s)
            return Value::of(t.timeSpentMinutes);
        if (n == u"created_at"_s)
            return msValue(t.createdAt);
        if (n == u"updated_at"_s)
            return msValue(t.updatedAt);
        if (n == u"first_response_due"_s)
            return msValue(t.firstResponseDue);
        if (n == u"resolution_due"_s)
            return msValue(t.resolutionDue);
        if (n == u"first_responded_at"_s)
            return msValue(t.firstRespondedAt);
        if (n == u"solved_at"_s)
            return msValue(t.solvedAt);
        qFatal("evaluator does not know field %s", qPrintable(n));
    }

    QStringList members(const Ticket &t, const ViewField &f) const
    {
        QStringList result;
        if (f.custom) {
            for (const QJsonValue &v : t.customFields.value(f.custom->id.toString()).toArray())
                result.append(v.toString());
        } else {
            for (const PersonId &id : t.followerIds)
                result.append(id.toString());
        }
        return result;
    }

    // A filter value as the column holds it.
    Value operand(const ViewField &f, const QJsonValue &v) const
    {
        if (v.toString() == u"@me"_s)
            return Value::text(m_context.me.toString());
        if (f.type == ViewFieldType::Priority)
            return Value::of(f.enumValues.indexOf(v.toString()));
        return fromJson(v);
    }

    QList<Value> operands(const ViewField &f, const QJsonValue &v) const
    {
        QList<Value> result;
        const QJsonArray items = v.isArray() ? v.toArray() : QJsonArray { v };
        for (const QJsonValue &item : items) {
            if (item.toString() == u"@my_departments"_s) {
                for (const DepartmentId &id : m_context.myDepartments)
                    result.append(Value::text(id.toString()));
            } else {
                result.append(operand(f, item));
            }
        }
        return result;
    }

    qint64 startOfDay(QDate d) const
    {
        return QDateTime(d, QTime(0, 0), m_context.timeZone).toMSecsSinceEpoch();
    }
    QDate today() const { return m_context.now.toTimeZone(m_context.timeZone).date(); }

    bool matches(const Ticket &t, const Condition &c) const
    {
        const ViewField f = *findViewField(c.field, m_context.customFields);
        const QString &op = c.op;
        if (f.type == ViewFieldType::Followers || f.type == ViewFieldType::CustomMultiChoice) {
            const QStringList set = members(t, f);
            if (op == u"empty"_s)
                return set.isEmpty();
            if (op == u"not_empty"_s)
                return !set.isEmpty();
            if (op == u"is"_s)
                return set.contains(operand(f, c.value).s);
            if (op == u"is_not"_s)
                return !set.contains(operand(f, c.value).s);
            bool any = false;
            for (const Value &v : operands(f, c.value))
                any = any || set.contains(v.s);
            return op == u"any_of"_s ? any : !any;
        }
        const Value x = field(t, f);
        const bool textual = f.type == ViewFieldType::Text || f.type == ViewFieldType::CustomText;
        if (op == u"empty"_s)
            return x.isNull() || (textual && x.s.isEmpty());
        if (op == u"not_empty"_s)
            return !(x.isNull() || (textual && x.s.isEmpty()));

        if (f.type == ViewFieldType::DateTime) {
            const qint64 now = m_context.now.toMSecsSinceEpoch();
            const auto inDay = [&](QDate d) {
                return !x.isNull() && x.i >= startOfDay(d) && x.i < startOfDay(d.addDays(1));
            };
            if (op == u"today"_s)
                return inDay(today());
            if (op == u"overdue"_s) {
                const Status *s = statusOf(t);
                const bool unresolved = s && s->category != StatusCategory::Solved
                    && s->category != StatusCategory::Closed;
                return !x.isNull() && x.i < now && unresolved;
            }
            if (op == u"within_last"_s || op == u"within_next"_s) {
                const QJsonObject a = c.value.toObject();
                const qint64 span = a.value(u"amount"_s).toInteger()
                    * (a.value(u"unit"_s).toString() == u"days"_s ? 86'400'000 : 3'600'000);
                if (x.isNull())
                    return false;
                return op == u"within_last"_s ? (x.i >= now - span && x.i <= now)
                                              : (x.i >= now && x.i <= now + span);
            }
            const QString text = c.value.toString();
            const QDate day = text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
            if (op == u"is"_s)
                return inDay(day);
            if (op == u"is_not"_s)
                return x.isNull() || !inDay(day);
            if (x.isNull())
                return false;
            if (!day.isValid()) {
                const qint64 instant
                    = QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
                return op == u"before"_s ? x.i < instant : x.i > instant;
            }
            return op == u"before"_s ? x.i < startOfDay(day) : x.i >= startOfDay(day.addDays(1));
        }
        if (f.type == ViewFieldType::CustomDate) {
            const QString todayText = today().toString(Qt::ISODate);
            if (op == u"today"_s)
                return x.s == todayText && !x.isNull();
            if (op == u"overdue"_s)
                return !x.isNull() && x.s < todayText;
            if (op == u"within_last"_s || op == u"within_next"_s) {
                const int n = c.value.toObject().value(u"amount"_s).toInt();
                if (x.isNull())
                    return false;
                const QString other
                    = today().addDays(op == u"within_last"_s ? -n : n).toString(Qt::ISODate);
                return op == u"within_last"_s ? (x.s >= other && x.s <= todayText)
                                              : (x.s >= todayText && x.s <= other);
            }
            const QString d = c.value.toString();
            if (op == u"is"_s)
                return !x.isNull() && x.s == d;
            if (op == u"is_not"_s)
                return x.isNull() || x.s != d;
            if (x.isNull())
                return false;
            return op == u"before"_s ? x.s < d : x.s > d;
        }
        if (op == u"contains"_s || op == u"not_contains"_s || op == u"starts_with"_s) {
            const QByteArray needle = asciiFolded(c.value.toString());
            if (op == u"starts_with"_s)
                return !x.isNull() && asciiFolded(x.s).startsWith(needle);
            const bool found = !x.isNull() && asciiFolded(x.s).contains(needle);
            return op == u"contains"_s ? found : (x.isNull() || !found);
        }
        if (op == u"lt"_s || op == u"gt"_s) {
            if (x.isNull())
                return false;
            const int cmp = compare(x, operand(f, c.value));
            return op == u"lt"_s ? cmp < 0 : cmp > 0;
        }
        if (op == u"is"_s || op == u"is_not"_s) {
            if (c.value.toString() == u"@my_departments"_s) {
                Condition list = c;
                list.op = op == u"is"_s ? u"any_of"_s : u"none_of"_s;
                return matches(t, list);
            }
            const bool equal = !x.isNull() && compare(x, operand(f, c.value)) == 0;
            return op == u"is"_s ? equal : (x.isNull() || !equal);
        }
        bool any = false;
        for (const Value &v : operands(f, c.value))
            any = any || (!x.isNull() && compare(x, v) == 0);
        return op == u"any_of"_s ? any : (x.isNull() || !any);
    }

    bool matches(const Ticket &t, const FilterNode &n) const
    {
        if (n.kind == FilterNode::Kind::Condition)
            return matches(t, n.condition);
        if (n.kind == FilterNode::Kind::All)
            return std::all_of(n.children.cbegin(), n.children.cend(),
                [&](const FilterNode &c) { return matches(t, c); });
        return std::any_of(n.children.cbegin(), n.children.cend(),
            [&](const FilterNode &c) { return matches(t, c); });
    }

    // The value a sort key orders by, and whether it compares case-insensitively.
    std::pair<Value, bool> sortValue(const Ticket &t, const ViewField &f) const
    {
        if (f.type == ViewFieldType::Text || f.type == ViewFieldType::CustomText)
            return { field(t, f), true };
        if (f.type == ViewFieldType::Reference) {
            const Value id = field(t, f);
            if (f.reference == EntityKind::Status) {
                const Status *s = statusOf(t);
                return { s ? Value::of(s->position) : Value::null(), false };
            }
            if (f.reference == EntityKind::TicketType) {
                for (const TicketType &type : m_data.types) {
                    if (type.id == t.typeId)
                        return { Value::of(type.position), false };
                }
                return { Value::null(), false };
            }
            if (f.reference == EntityKind::Ticket) {
                for (const Ticket &other : m_tickets) {
                    if (other.id == t.parentId)
                        return { Value::of(other.number), false };
                }
                return { Value::null(), false };
            }
            return { nameOf(f.reference, id), true };
        }
        return { field(t, f), false };
    }

    struct GroupInfo
    {
        Value key;
        Value order;
        bool nocase = false;
    };

    GroupInfo group(const Ticket &t, const QString &groupBy) const
    {
        if (groupBy == u"due_bucket"_s) {
            const QDate d = today();
            const qint64 now = m_context.now.toMSecsSinceEpoch();
            int bucket = 4;
            if (!t.resolutionDue.isValid())
                bucket = 5;
            else if (t.resolutionDue.toMSecsSinceEpoch() < now)
                bucket = 0;
            else if (t.resolutionDue.toMSecsSinceEpoch() < startOfDay(d.addDays(1)))
                bucket = 1;
            else if (t.resolutionDue.toMSecsSinceEpoch() < startOfDay(d.addDays(2)))
                bucket = 2;
            else if (t.resolutionDue.toMSecsSinceEpoch() < startOfDay(d.addDays(8 - d.dayOfWeek())))
                bucket = 3;
            return { Value::of(bucket), Value::of(bucket) };
        }
        const ViewField f = *findViewField(groupBy, m_context.customFields);
        const Value key = field(t, f);
        if (f.custom)
            return { key, key };
        if (f.name == u"status"_s || f.name == u"type"_s)
            return { key, sortValue(t, f).first };
        if (f.name == u"status_category"_s) {
            const QStringList order { u"new"_s, u"open"_s, u"pending"_s, u"on_hold"_s, u"solved"_s,
                u"closed"_s };
            return { key, key.isNull() ? Value::null() : Value::of(order.indexOf(key.s)) };
        }
        if (f.name == u"priority"_s)
            return { key, Value::of(-key.i) };
        return { key, nameOf(f.reference, key), true };
    }

    struct Expected
    {
        QList<qint64> numbers; // all rows in display order
        QStringList groups; // "key=count" in display order
    };

    Expected evaluate(const ViewSpec &spec) const
    {
        QList<const Ticket *> rows;
        for (const Ticket &t : m_tickets) {
            if (matches(t, spec.filter))
                rows.append(&t);
        }
        QList<std::pair<ViewField, bool>> keys;
        for (const SortKey &k : spec.sort)
            keys.append({ *findViewField(k.field, m_context.customFields), k.descending });
        const bool grouped = !spec.groupBy.isEmpty();
        std::sort(rows.begin(), rows.end(), [&](const Ticket *a, const Ticket *b) {
            if (grouped) {
                const GroupInfo ga = group(*a, spec.groupBy);
                const GroupInfo gb = group(*b, spec.groupBy);
                if (int c = compareNullsLast(ga.order, gb.order, false, ga.nocase))
                    return c < 0;
                if (int c = compareNullsLast(ga.key, gb.key, false, false))
                    return c < 0;
            }
            for (const auto &[f, descending] : keys) {
                const auto [va, nocase] = sortValue(*a, f);
                const Value vb = sortValue(*b, f).first;
                if (int c = compareNullsLast(va, vb, descending, nocase))
                    return c < 0;
            }
            return a->number < b->number; // the order tickets entered the cache
        });
        Expected expected;
        for (const Ticket *t : std::as_const(rows))
            expected.numbers.append(t->number);
        if (grouped) {
            QString last;
            int count = 0;
            for (const Ticket *t : std::as_const(rows)) {
                const QString key = group(*t, spec.groupBy).key.key();
                if (count > 0 && key != last) {
                    expected.groups.append(last + u'=' + QString::number(count));
                    count = 0;
                }
                last = key;
                ++count;
            }
            if (count > 0)
                expected.groups.append(last + u'=' + QString::number(count));
        }
        return expected;
    }

    // --- random views ---------------------------------------------------------------

    QJsonValue randomScalar(const ViewField &f)
    {
        switch (f.type) {
        case ViewFieldType::Number:
            return f.name == u"number"_s ? pick(Tickets + 10)
                                         : pick(11) * 10 + (chance(20) ? 5 : 0);
        case ViewFieldType::CustomNumber:
            return pick(7);
        case ViewFieldType::Text:
        case ViewFieldType::CustomText: {
            if (chance(30) && f.name == u"title"_s)
                return pickFrom(m_tickets).title;
            QString word = pickFrom(m_words);
            if (chance(50))
                word = word.mid(pick(int(word.size()) - 1), 1 + pick(3));
            return chance(30) ? word.toUpper() : word;
        }
        case ViewFieldType::Enum:
        case ViewFieldType::Priority:
        case ViewFieldType::CustomChoice:
        case ViewFieldType::CustomMultiChoice:
            return pickFrom(f.enumValues);
        case ViewFieldType::CustomCheckbox:
            return chance(50);
        case ViewFieldType::Reference:
        case ViewFieldType::Followers:
        case ViewFieldType::CustomUser: {
            if (chance(5))
                return EntityId::create().toString(); // an id nobody has
            const EntityKind kind
                = f.type == ViewFieldType::Reference ? f.reference : EntityKind::Person;
            switch (kind) {
            case EntityKind::Person:
                if (chance(25))
                    return u"@me"_s;
                return chance(70) ? pickFrom(m_data.agents).id.toString()
                                  : pickFrom(m_data.customers).id.toString();
            case EntityKind::Department:
                return pickFrom(m_data.departments).id.toString();
            case EntityKind::Organization:
                return pickFrom(m_data.organizations).id.toString();
            case EntityKind::Project:
                return pickFrom(m_data.projects).id.toString();
            case EntityKind::Status:
                return pickFrom(m_data.statuses).id.toString();
            case EntityKind::TicketType:
                return pickFrom(m_data.types).id.toString();
            case EntityKind::Ticket:
                return pickFrom(m_tickets).id.toString();
            default:
                break;
            }
            return {};
        }
        default:
            return {};
        }
    }

    Condition randomCondition()
    {
        const QList<ViewField> fields = viewFields(m_context.customFields);
        const ViewField f = pickFrom(fields);
        const QStringList ops = operatorsFor(f.type);
        Condition c { f.name, pickFrom(ops), {} };
        if (f.type == ViewFieldType::DateTime || f.type == ViewFieldType::CustomDate) {
            const QDate day = QDate(2026, 11, 23).addDays(pick(60) - 30);
            if (c.op == u"within_last"_s || c.op == u"within_next"_s) {
                const bool hours = f.type == ViewFieldType::DateTime && chance(40);
                c.value = QJsonObject { { u"amount"_s, 1 + pick(hours ? 72 : 30) },
                    { u"unit"_s, hours ? u"hours"_s : u"days"_s } };
            } else if (c.op == u"is"_s || c.op == u"is_not"_s || c.op == u"before"_s
                || c.op == u"after"_s) {
                if (f.type == ViewFieldType::DateTime && (c.op == u"before"_s || c.op == u"after"_s)
                    && chance(40))
                    c.value = randomTime().toString(Qt::ISODateWithMs);
                else
                    c.value = day.toString(Qt::ISODate);
            }
        } else if (c.op == u"any_of"_s || c.op == u"none_of"_s) {
            QJsonArray values;
            for (int i = pick(4); i > 0; --i)
                values.append(randomScalar(f));
            if (f.type == ViewFieldType::Reference && f.reference == EntityKind::Department
                && chance(30))
                values.append(u"@my_departments"_s);
            c.value = values;
        } else if (c.op != u"empty"_s && c.op != u"not_empty"_s) {
            c.value = randomScalar(f);
            if (f.type == ViewFieldType::Reference && f.reference == EntityKind::Department
                && chance(20))
                c.value = u"@my_departments"_s;
        }
        return c;
    }

    FilterNode randomNode(int depth)
    {
        if (depth >= 3 || chance(55))
            return { FilterNode::Kind::Condition, {}, randomCondition() };
        FilterNode node;
        node.kind = chance(50) ? FilterNode::Kind::All : FilterNode::Kind::Any;
        for (int i = pick(4); i > 0; --i)
            node.children.append(randomNode(depth + 1));
        return node;
    }

    ViewSpec randomSpec()
    {
        ViewSpec spec;
        spec.filter = randomNode(0);
        QList<ViewField> sortable;
        for (const ViewField &f : viewFields(m_context.customFields)) {
            if (canSortBy(f))
                sortable.append(f);
        }
        for (int i = pick(4); i > 0; --i)
            spec.sort.append({ pickFrom(sortable).name, chance(50) });
        if (chance(60)) {
            QStringList groupings { u"due_bucket"_s };
            for (const ViewField &f : viewFields(m_context.customFields)) {
                if (canGroupBy(f))
                    groupings.append(f.name);
            }
            spec.groupBy = pickFrom(groupings);
        }
        return spec;
    }

    // The same dataset in a PostgreSQL database, entity by entity in the
    // cache's order (so ticket seq, the tie-breaker, is the same).
    std::unique_ptr<Sql::Database> m_postgres;

    bool copyToPostgres(const QString &url)
    {
        auto target = std::make_unique<Sql::Database>(url, u"viewproperty"_s);
        if (!target->connection().isOpen() || !Sql::migrate(target->connection()))
            return false;
        const QList<EntityKind> order { EntityKind::TicketType, EntityKind::Status,
            EntityKind::CustomField, EntityKind::Department, EntityKind::Organization,
            EntityKind::Person, EntityKind::Project, EntityKind::Ticket };
        Sql::Transaction tx(target->connection());
        for (EntityKind kind : order) {
            const Sql::TableDef &table = Sql::tableFor(kind);
            QSqlQuery read(m_data.store->connection());
            if (!read.exec(u"SELECT d.data FROM %1 t JOIN %2 d ON d.id = t.id ORDER BY t.seq"_s.arg(
                    table.table, table.dataTable())))
                return false;
            while (read.next()) {
                const QJsonObject json
                    = QJsonDocument::fromJson(read.value(0).toString().toUtf8()).object();
                if (!target->upsert(kind, json))
                    return false;
            }
        }
        if (!tx.commit())
            return false;
        m_postgres = std::move(target);
        return true;
    }

private Q_SLOTS:
    void initTestCase_data() { Test::addBackendRows(); }
    void initTestCase() { buildDataset(); }

    void sqlMatchesEvaluator()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend == u"postgresql"_s && !m_postgres) {
            TESSERA_DATABASE_URL(url);
            QVERIFY2(copyToPostgres(url), "cannot copy the dataset to PostgreSQL");
        }
        const bool postgres = backend == u"postgresql"_s;
        m_context.dialect = postgres ? Sql::Dialect::Postgres : Sql::Dialect::Sqlite;
        m_rng.seed(20261124); // the same views on every backend
        const ViewQueries queries = postgres
            ? ViewQueries([this] { return m_postgres->connection(); })
            : ViewQueries(*m_data.store);
        int nonEmpty = 0;
        int grouped = 0;
        for (int i = 0; i < Specs; ++i) {
            // Every spec goes through its JSON form, as saved views do.
            const ViewSpec original = randomSpec();
            const auto parsed = ViewSpec::fromJson(original.toJson());
            QVERIFY2(parsed.isOk(), qPrintable(parsed.error().message));
            const ViewSpec spec = parsed.value();
            if (!(spec == original))
                qWarning() << "round trip changed" << original.toJson() << spec.toJson();
            QCOMPARE(spec, original);
            const QString json
                = QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact));

            auto compiled = compileView(spec, m_context);
            QVERIFY2(compiled.isOk(), qPrintable(compiled.error().message + u" in "_s + json));
            const Expected expected = evaluate(spec);

            auto rows = queries.rows(compiled.value(), std::nullopt, 0, Tickets + 1);
            QVERIFY2(rows.isOk(), qPrintable(rows.error().message));
            QList<qint64> numbers;
            for (const TicketRow &r : rows.value())
                numbers.append(r.number);
            if (numbers != expected.numbers)
                qWarning() << "spec" << i << json << "\nsql " << numbers << "\nwant"
                           << expected.numbers;
            QCOMPARE(numbers, expected.numbers);
            QCOMPARE(queries.count(compiled.value()).value(), expected.numbers.size());

            if (compiled->isGrouped()) {
                auto groups = queries.groups(compiled.value());
                QVERIFY2(groups.isOk(), qPrintable(groups.error().message));
                QStringList actual;
                for (const GroupRow &g : groups.value())
                    actual.append((g.key.isNull() ? u"<null>"_s : g.key.toString()) + u'='
                        + QString::number(g.count));
                if (actual != expected.groups)
                    qWarning() << "spec" << i << json;
                QCOMPARE(actual, expected.groups);
                ++grouped;
            }
            if (!expected.numbers.isEmpty())
                ++nonEmpty;
        }
        // The generator must produce views that select something and group.
        QVERIFY2(nonEmpty > Specs / 3, qPrintable(u"only %1 views matched rows"_s.arg(nonEmpty)));
        QVERIFY(grouped > Specs / 3);
    }
};

QTEST_GUILESS_MAIN(TestViewProperty)
#include "tst_viewproperty.moc"
