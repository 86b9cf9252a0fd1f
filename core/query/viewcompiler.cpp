// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/viewcompiler.h"

#include "query/viewfields.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Tessera {

namespace {

constexpr qsizetype MaxListValues = 500;

const QString RowColumns
    = u"t.id, t.number, t.kind, t.title, t.type_id, t.status_id, t.status_category,"
      u" t.priority, t.requester_id, t.assignee_id, t.department_id,"
      u" t.organization_id, t.project_id, t.percent_complete, t.created_at,"
      u" t.updated_at, t.first_response_due, t.resolution_due, t.solved_at,"
      u" t.custom_fields, t.version, t.time_spent_minutes"_s;

QString likeEscape(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return escaped;
}

QString nameTable(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Person:
        return u"people"_s;
    case EntityKind::Department:
        return u"departments"_s;
    case EntityKind::Organization:
        return u"organizations"_s;
    case EntityKind::Project:
        return u"projects"_s;
    default:
        return {};
    }
}

class Compiler
{
public:
    explicit Compiler(const QueryContext &context)
        : ctx(context)
    {
        now = ctx.now.isValid() ? ctx.now : QDateTime::currentDateTimeUtc();
    }

    QString bind(const QVariant &value)
    {
        const QString name = u":p"_s + QString::number(binds.size());
        binds.insert(name, value);
        return name;
    }

    qint64 startOfDay(QDate date) const
    {
        return QDateTime(date, QTime(0, 0), ctx.timeZone).toMSecsSinceEpoch();
    }
    QDate today() const { return now.toTimeZone(ctx.timeZone).date(); }

    bool postgres() const { return ctx.dialect == Sql::Dialect::Postgres; }

    // The SQL value expression of a field.
    QString expression(const ViewField &f)
    {
        if (!f.custom)
            return f.column;
        if (!postgres())
            return u"json_extract(t.custom_fields, %1)"_s.arg(bind(customPath(f)));
        // ->> answers text; numbers and checkboxes compare as SQLite's json_extract does.
        const QString text = u"(CAST(t.custom_fields AS jsonb) ->> CAST(%1 AS text))"_s.arg(
            bind(f.custom->id.toString()));
        if (f.type == ViewFieldType::CustomNumber)
            return u"CAST(%1 AS double precision)"_s.arg(text);
        if (f.type == ViewFieldType::CustomCheckbox)
            return u"CAST(CAST(%1 AS boolean) AS integer)"_s.arg(text);
        return text;
    }
    // A JSON array (followers, multi-choice values) as jsonb, '[]' when absent.
    QString postgresArray(const ViewField &f)
    {
        const QString value = f.custom
            ? u"(CAST(t.custom_fields AS jsonb) -> CAST(%1 AS text))"_s.arg(
                bind(f.custom->id.toString()))
            : u"CAST(%1 AS jsonb)"_s.arg(f.column);
        return u"(CASE WHEN jsonb_typeof(%1) = 'array' THEN %1 ELSE CAST('[]' AS jsonb) END)"_s.arg(
            value);
    }
    QString nocase(const QString &expr) const { return Sql::caseInsensitive(ctx.dialect, expr); }
    static QString customPath(const ViewField &f)
    {
        return u"$.\""_s + f.custom->id.toString() + u'"';
    }

    Result<QString> node(const FilterNode &n, const QString &where);
    Result<QString> condition(const Condition &c, const QString &where);
    Result<QString> sortExpression(const ViewField &f);
    struct GroupSql
    {
        QString key, order, label;
    };
    Result<GroupSql> group(const QString &name);

    // One scalar value for is / any_of / lt … of a field, validated and in
    // the column's representation.
    Result<QVariant> scalar(const ViewField &f, const QJsonValue &v, const QString &where);
    // The list for any_of / none_of, with @me / @my_departments expanded.
    Result<QVariantList> list(const ViewField &f, const QJsonValue &v, const QString &where);
    // The same list, bound: one placeholder per value.
    Result<QStringList> boundList(const ViewField &f, const QJsonValue &v, const QString &where)
    {
        auto values = list(f, v, where);
        if (!values)
            return values.error();
        QStringList placeholders;
        for (const QVariant &value : values.value())
            placeholders.append(bind(value));
        return placeholders;
    }

    const QueryContext &ctx;
    QDateTime now;
    QVariantMap binds;
};

Result<QVariant> Compiler::scalar(const ViewField &f, const QJsonValue &v, const QString &where)
{
    const auto bad = [&](const QString &what) {
        return Error::invalid(where + u".value "_s + what);
    };
    switch (f.type) {
    case ViewFieldType::Number:
    case ViewFieldType::CustomNumber:
        if (!v.isDouble())
            return bad(u"must be a number"_s);
        return v.toDouble();
    case ViewFieldType::Text:
    case ViewFieldType::CustomText:
        if (!v.isString() || v.toString().isEmpty() || v.toString().size() > 1000)
            return bad(u"must be non-empty text of at most 1000 characters"_s);
        return v.toString();
    case ViewFieldType::Enum:
    case ViewFieldType::CustomChoice:
        if (!v.isString() || !f.enumValues.contains(v.toString()))
            return bad(u"must be one of: "_s + f.enumValues.join(u", "));
        return v.toString();
    case ViewFieldType::Priority:
        if (!v.isString() || !f.enumValues.contains(v.toString()))
            return bad(u"must be one of: "_s + f.enumValues.join(u", "));
        return qint64(f.enumValues.indexOf(v.toString()));
    case ViewFieldType::Reference:
    case ViewFieldType::Followers:
    case ViewFieldType::CustomUser: {
        const bool people = f.type != ViewFieldType::Reference || f.reference == EntityKind::Person;
        if (v.toString() == u"@me"_s) {
            if (!people)
                return bad(u"@me only applies to people"_s);
            return ctx.me.toString();
        }
        const EntityId id = EntityId::fromString(v.toString());
        if (!v.isString() || !id.isValid())
            return bad(u"must be an id (UUID)%1"_s.arg(people ? u" or @me"_s : QString()));
        return id.toString();
    }
    case ViewFieldType::CustomMultiChoice:
        if (!v.isString() || !f.enumValues.contains(v.toString()))
            return bad(u"must be one of: "_s + f.enumValues.join(u", "));
        return v.toString();
    case ViewFieldType::CustomCheckbox:
        if (!v.isBool())
            return bad(u"must be true or false"_s);
        return qint64(v.toBool());
    case ViewFieldType::CustomDate: {
        const QDate date = QDate::fromString(v.toString(), Qt::ISODate);
        if (!v.isString() || !date.isValid())
            return bad(u"must be a date (YYYY-MM-DD)"_s);
        return date.toString(Qt::ISODate);
    }
    case ViewFieldType::DateTime:
        break;
    }
    return bad(u"is not valid for this field"_s);
}

Result<QVariantList> Compiler::list(const ViewField &f, const QJsonValue &v, const QString &where)
{
    QJsonArray items;
    if (v.isArray())
        items = v.toArray();
    else if (v.isString())
        items.append(v);
    else
        return Error::invalid(where + u".value must be a list"_s);
    if (items.size() > MaxListValues)
        return Error::invalid(where + u".value has more than %1 entries"_s.arg(MaxListValues));
    QVariantList values;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items.at(i).toString() == u"@my_departments"_s) {
            if (f.reference != EntityKind::Department || f.type != ViewFieldType::Reference)
                return Error::invalid(
                    where + u".value: @my_departments only applies to the department field"_s);
            for (const DepartmentId &id : ctx.myDepartments)
                values.append(id.toString());
            continue;
        }
        auto value = scalar(f, items.at(i), where + u"[%1]"_s.arg(i));
        if (!value)
            return value.error();
        values.append(value.value());
    }
    return values;
}

Result<QString> Compiler::node(const FilterNode &n, const QString &where)
{
    if (n.kind == FilterNode::Kind::Condition)
        return condition(n.condition, where);
    if (n.children.isEmpty())
        return n.kind == FilterNode::Kind::All ? u"TRUE"_s : u"FALSE"_s;
    QStringList parts;
    const QString group = n.kind == FilterNode::Kind::All ? u"all"_s : u"any"_s;
    for (qsizetype i = 0; i < n.children.size(); ++i) {
        auto part = node(n.children.at(i), where + u".%1[%2]"_s.arg(group).arg(i));
        if (!part)
            return part;
        parts.append(u'(' + part.value() + u')');
    }
    return parts.join(n.kind == FilterNode::Kind::All ? u" AND "_s : u" OR "_s);
}

Result<QString> Compiler::condition(const Condition &c, const QString &where)
{
    const auto field = findViewField(c.field, ctx.customFields);
    if (!field)
        return Error::invalid(where + u": unknown field \"%1\""_s.arg(c.field));
    const ViewField &f = *field;
    if (!operatorsFor(f.type).contains(c.op))
        return Error::invalid(where
            + u": operator \"%1\" is not valid for %2 (use one of: %3)"_s.arg(
                c.op, c.field, operatorsFor(f.type).join(u", ")));

    const bool isSet
        = f.type == ViewFieldType::Followers || f.type == ViewFieldType::CustomMultiChoice;
    if (isSet) {
        const QString source = postgres() ? postgresArray(f)
            : f.custom                    ? QString(u"t.custom_fields, "_s + bind(customPath(f)))
                                          : f.column;
        const auto members = [&](const QString &test) {
            if (postgres())
                return u"EXISTS (SELECT 1 FROM jsonb_array_elements_text(%1) AS e(value)"
                       u" WHERE value %2)"_s.arg(source, test);
            return u"EXISTS (SELECT 1 FROM json_each(%1) WHERE value %2)"_s.arg(source, test);
        };
        if (c.op == u"empty"_s || c.op == u"not_empty"_s) {
            const QString empty = postgres()
                ? u"jsonb_array_length(%1) = 0"_s.arg(source)
                : u"COALESCE(json_array_length(%1), 0) = 0"_s.arg(source);
            return c.op == u"empty"_s ? empty : u"NOT ("_s + empty + u')';
        }
        if (c.op == u"is"_s || c.op == u"is_not"_s) {
            auto value = scalar(f, c.value, where);
            if (!value)
                return value.error();
            const QString test = members(u"= "_s + bind(value.value()));
            return c.op == u"is"_s ? test : u"NOT "_s + test;
        }
        auto placeholders = boundList(f, c.value, where);
        if (!placeholders)
            return placeholders.error();
        const QString test = placeholders->isEmpty()
            ? u"FALSE"_s
            : members(u"IN ("_s + placeholders->join(u", ") + u')');
        return c.op == u"any_of"_s ? test : u"NOT "_s + test;
    }

    const QString expr = expression(f);
    const bool isDateTime = f.type == ViewFieldType::DateTime;
    const bool isDate = f.type == ViewFieldType::CustomDate;

    if (c.op == u"empty"_s || c.op == u"not_empty"_s) {
        const bool textual = f.type == ViewFieldType::Text || f.type == ViewFieldType::CustomText;
        const QString empty
            = textual ? u"(%1 IS NULL OR %1 = '')"_s.arg(expr) : expr + u" IS NULL"_s;
        return c.op == u"empty"_s ? empty : u"NOT "_s + empty;
    }

    if (isDateTime || isDate) {
        const auto range = [&](const QVariant &from, const QVariant &to) {
            return u"(%1 >= %2 AND %1 < %3)"_s.arg(expr, bind(from), bind(to));
        };
        const auto dayRange = [&](QDate day) -> QString {
            if (isDate)
                return u"%1 = %2"_s.arg(expr, bind(day.toString(Qt::ISODate)));
            return range(startOfDay(day), startOfDay(day.addDays(1)));
        };
        if (c.op == u"today"_s)
            return dayRange(today());
        if (c.op == u"overdue"_s) {
            if (isDate)
                return u"%1 < %2"_s.arg(expr, bind(today().toString(Qt::ISODate)));
            // Overdue work is unresolved work: an IN list (rather than NOT IN)
            // lets SQLite range-scan (status_category, resolution_due).
            return u"(t.status_category IN ('new', 'open', 'pending', 'on_hold') AND %1 < %2)"_s
                .arg(expr, bind(now.toMSecsSinceEpoch()));
        }
        if (c.op == u"within_last"_s || c.op == u"within_next"_s) {
            const QJsonObject amount = c.value.toObject();
            const QString unit = amount.value(u"unit"_s).toString();
            const double n = amount.value(u"amount"_s).toDouble(-1);
            if (!c.value.isObject() || amount.size() != 2 || n < 1 || n > 3650
                || n != double(int(n)) || (unit != u"days"_s && unit != u"hours"_s))
                return Error::invalid(where
                    + u".value must be {\"amount\": 1…3650, \"unit\": \"days\" or \"hours\"}"_s);
            const bool past = c.op == u"within_last"_s;
            if (isDate) {
                if (unit != u"days"_s)
                    return Error::invalid(where + u": a date without time takes days, not hours"_s);
                const QDate other = today().addDays(past ? -int(n) : int(n));
                const QDate from = past ? other : today();
                const QDate to = past ? today() : other;
                return u"(%1 >= %2 AND %1 <= %3)"_s.arg(
                    expr, bind(from.toString(Qt::ISODate)), bind(to.toString(Qt::ISODate)));
            }
            const qint64 span = qint64(n) * (unit == u"days"_s ? 86'400'000 : 3'600'000);
            const qint64 nowMs = now.toMSecsSinceEpoch();
            const qint64 from = past ? nowMs - span : nowMs;
            const qint64 to = past ? nowMs : nowMs + span;
            return u"(%1 >= %2 AND %1 <= %3)"_s.arg(expr, bind(from), bind(to));
        }
        // is, is_not (by day), before, after: a date, or for date-times an exact instant.
        const QString text = c.value.toString();
        const QDate day = text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
        const QDateTime instant = QDateTime::fromString(text, Qt::ISODateWithMs);
        const bool exact = isDateTime && !day.isValid() && instant.isValid() && text.contains(u'T');
        if (!c.value.isString() || (!day.isValid() && !exact))
            return Error::invalid(where
                + u".value must be a date (YYYY-MM-DD)%1"_s.arg(
                    isDateTime ? u" or an ISO 8601 date-time"_s : QString()));
        if (c.op == u"is"_s || c.op == u"is_not"_s) {
            if (exact)
                return Error::invalid(where + u".value must be a day (YYYY-MM-DD) for \"is\""_s);
            const QString test = dayRange(day);
            return c.op == u"is"_s ? test : u"(%1 IS NULL OR NOT %2)"_s.arg(expr, test);
        }
        if (isDate)
            return u"%1 %2 %3"_s.arg(
                expr, c.op == u"before"_s ? u"<"_s : u">"_s, bind(day.toString(Qt::ISODate)));
        if (exact)
            return u"%1 %2 %3"_s.arg(
                expr, c.op == u"before"_s ? u"<"_s : u">"_s, bind(instant.toMSecsSinceEpoch()));
        if (c.op == u"before"_s)
            return u"%1 < %2"_s.arg(expr, bind(startOfDay(day)));
        return u"%1 >= %2"_s.arg(expr, bind(startOfDay(day.addDays(1))));
    }

    if (c.op == u"contains"_s || c.op == u"not_contains"_s || c.op == u"starts_with"_s) {
        auto value = scalar(f, c.value, where);
        if (!value)
            return value.error();
        const QString escaped = likeEscape(value->toString());
        // SQLite's LIKE ignores case; PostgreSQL's ILIKE is the same test.
        const QString pattern
            = postgres() ? u"%1 ILIKE %2 ESCAPE '\\'"_s : u"%1 LIKE %2 ESCAPE '\\'"_s;
        if (c.op == u"starts_with"_s)
            return pattern.arg(expr, bind(QString(escaped + u'%')));
        const QString like = pattern.arg(expr, bind(QString(u'%' + escaped + u'%')));
        return c.op == u"contains"_s ? like : u"(%1 IS NULL OR NOT %2)"_s.arg(expr, like);
    }
    if (c.op == u"lt"_s || c.op == u"gt"_s) {
        auto value = scalar(f, c.value, where);
        if (!value)
            return value.error();
        return u"%1 %2 %3"_s.arg(expr, c.op == u"lt"_s ? u"<"_s : u">"_s, bind(value.value()));
    }
    if (c.op == u"is"_s || c.op == u"is_not"_s) {
        if (c.value.toString() == u"@my_departments"_s) {
            Condition asList = c;
            asList.op = c.op == u"is"_s ? u"any_of"_s : u"none_of"_s;
            return condition(asList, where);
        }
        auto value = scalar(f, c.value, where);
        if (!value)
            return value.error();
        if (c.op == u"is"_s)
            return u"%1 = %2"_s.arg(expr, bind(value.value()));
        return u"(%1 IS NULL OR %1 <> %2)"_s.arg(expr, bind(value.value()));
    }
    if (c.op == u"any_of"_s || c.op == u"none_of"_s) {
        auto placeholders = boundList(f, c.value, where);
        if (!placeholders)
            return placeholders.error();
        if (placeholders->isEmpty())
            return c.op == u"any_of"_s ? u"FALSE"_s : u"TRUE"_s;
        const QString in = u"%1 IN (%2)"_s.arg(expr, placeholders->join(u", "));
        return c.op == u"any_of"_s ? in : u"(%1 IS NULL OR NOT %2)"_s.arg(expr, in);
    }
    return Error::invalid(where + u": operator \"%1\" is not supported"_s.arg(c.op));
}

Result<QString> Compiler::sortExpression(const ViewField &f)
{
    switch (f.type) {
    case ViewFieldType::Text:
        return nocase(f.column);
    case ViewFieldType::CustomText:
        return nocase(expression(f));
    case ViewFieldType::Reference:
        if (f.reference == EntityKind::Status)
            return u"(SELECT position FROM statuses WHERE id = t.status_id)"_s;
        if (f.reference == EntityKind::TicketType)
            return u"(SELECT position FROM ticket_types WHERE id = t.type_id)"_s;
        if (f.reference == EntityKind::Ticket)
            return u"(SELECT p.number FROM tickets p WHERE p.id = t.parent_id)"_s;
        return nocase(
            u"(SELECT name FROM %1 WHERE id = %2)"_s.arg(nameTable(f.reference), f.column));
    case ViewFieldType::Followers:
    case ViewFieldType::CustomMultiChoice:
        return Error::invalid(
            u"view.sort: %1 holds several values and cannot be sorted on"_s.arg(f.name));
    default:
        return expression(f);
    }
}

Result<Compiler::GroupSql> Compiler::group(const QString &name)
{
    GroupSql view;
    if (name == u"due_bucket"_s) {
        const QDate day = today();
        const int toMonday = 8 - day.dayOfWeek(); // days until next Monday
        view.key = u"CASE WHEN t.resolution_due IS NULL THEN 5 WHEN t.resolution_due < %1 THEN 0"
                   u" WHEN t.resolution_due < %2 THEN 1 WHEN t.resolution_due < %3 THEN 2"
                   u" WHEN t.resolution_due < %4 THEN 3 ELSE 4 END"_s.arg(
                       bind(now.toMSecsSinceEpoch()), bind(startOfDay(day.addDays(1))),
                       bind(startOfDay(day.addDays(2))), bind(startOfDay(day.addDays(toMonday))));
        view.order = u"%K"_s;
        view.label = u"CASE %K WHEN 0 THEN 'overdue' WHEN 1 THEN 'today' WHEN 2 THEN 'tomorrow'"
                     u" WHEN 3 THEN 'this_week' WHEN 4 THEN 'later' ELSE 'none' END"_s;
        return view;
    }
    const auto field = findViewField(name, ctx.customFields);
    if (!field)
        return Error::invalid(u"view.group_by: unknown field \"%1\""_s.arg(name));
    if (!canGroupBy(*field))
        return Error::invalid(u"view.group_by: cannot group by %1"_s.arg(name));
    const ViewField &f = *field;
    view.key = expression(f);
    if (f.custom) {
        view.order = u"%K"_s;
        view.label = u"%K"_s;
    } else if (f.name == u"status"_s) {
        view.order = u"(SELECT position FROM statuses WHERE id = %K)"_s;
        view.label = u"(SELECT %1 FROM statuses WHERE id = %K)"_s.arg(
            Sql::jsonText(ctx.dialect, u"data"_s, u"name"_s));
    } else if (f.name == u"type"_s) {
        view.order = u"(SELECT position FROM ticket_types WHERE id = %K)"_s;
        view.label = u"(SELECT %1 FROM ticket_types WHERE id = %K)"_s.arg(
            Sql::jsonText(ctx.dialect, u"data"_s, u"name"_s));
    } else if (f.name == u"status_category"_s) {
        view.order = u"CASE %K WHEN 'new' THEN 0 WHEN 'open' THEN 1 WHEN 'pending' THEN 2"
                     u" WHEN 'on_hold' THEN 3 WHEN 'solved' THEN 4 WHEN 'closed' THEN 5 END"_s;
        view.label = u"%K"_s;
    } else if (f.name == u"priority"_s) {
        view.order = u"-%K"_s; // urgent first
        view.label
            = u"CASE %K WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' ELSE 'urgent' END"_s;
    } else {
        view.order = nocase(u"(SELECT name FROM %1 WHERE id = %K)"_s.arg(nameTable(f.reference)));
        view.label = u"(SELECT name FROM %1 WHERE id = %K)"_s.arg(nameTable(f.reference));
    }
    return view;
}

QString withKey(QString pattern, const QString &key)
{
    return pattern.replace(u"%K"_s, key);
}

} // namespace

QString ftsQuery(const QString &searchText, Sql::Dialect dialect)
{
    constexpr qsizetype MaxTerms = 16;
    if (dialect == Sql::Dialect::Postgres) {
        // Only letters and digits survive, so no input is tsquery syntax.
        QString cleaned = searchText.toLower();
        for (QChar &c : cleaned) {
            if (!c.isLetterOrNumber())
                c = u' ';
        }
        QStringList words = cleaned.split(u' ', Qt::SkipEmptyParts).mid(0, MaxTerms);
        if (!words.isEmpty())
            words.last().append(u":*"_s);
        return words.join(u" & "_s);
    }
    static const QRegularExpression separators(u"[\\s#]+"_s);
    const QStringList words = searchText.split(separators, Qt::SkipEmptyParts);
    QStringList terms;
    QStringList usable;
    for (const QString &word : words) {
        // Punctuation-only words index nothing; FTS5 would reject them.
        if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            usable.append(word);
    }
    for (qsizetype i = 0; i < usable.size() && i < MaxTerms; ++i) {
        QString word = usable.at(i);
        word.replace(u'"', u"\"\""_s);
        terms.append(u'"' + word + u'"'
            + (i == std::min<qsizetype>(usable.size(), MaxTerms) - 1 ? u"*"_s : QString()));
    }
    return terms.join(u' ');
}

Result<CompiledView> compileView(const ViewSpec &spec, const QueryContext &context)
{
    Compiler compiler(context);
    CompiledView view;
    auto where = compiler.node(spec.filter, u"view.filter"_s);
    if (!where)
        return where.error();
    view.m_where = where.value();

    const QString search = ftsQuery(context.search, context.dialect);
    if (search.isEmpty() && !context.search.trimmed().isEmpty()) {
        view.m_where = u"FALSE"_s; // nothing searchable was typed: nothing matches
    } else if (!search.isEmpty() && context.dialect == Sql::Dialect::Postgres) {
        const QString q = u"to_tsquery('simple', CAST(%1 AS text))"_s.arg(compiler.bind(search));
        view.m_where = u"(%1) AND (t.id IN (SELECT id FROM ticket_documents WHERE %2 @@ %4)"
                       u" OR t.id IN (SELECT ticket_id FROM messages WHERE id IN"
                       u" (SELECT id FROM message_documents WHERE %3 @@ %4)))"_s.arg(view.m_where,
                           Sql::PostgresSearch::ticket(), Sql::PostgresSearch::messageBody(), q);
    } else if (!search.isEmpty()) {
        const QString q = compiler.bind(search);
        view.m_where
            = u"(%1) AND (t.seq IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH %2)"
              u" OR t.id IN (SELECT m.ticket_id FROM messages m WHERE m.seq IN"
              u" (SELECT rowid FROM message_fts WHERE message_fts MATCH %2)))"_s.arg(
                  view.m_where, q);
    }

    if (!spec.groupBy.isEmpty()) {
        auto group = compiler.group(spec.groupBy);
        if (!group)
            return group.error();
        view.m_groupBy = spec.groupBy;
        view.m_groupKey = group->key;
        view.m_groupOrder = group->order;
        view.m_groupLabel = group->label;
    }

    QStringList order;
    for (const SortKey &key : spec.sort) {
        const auto field = findViewField(key.field, context.customFields);
        if (!field)
            return Error::invalid(u"view.sort: unknown field \"%1\""_s.arg(key.field));
        auto expr = compiler.sortExpression(*field);
        if (!expr)
            return expr.error();
        // NULLS LAST only where NULL can occur: the clause keeps SQLite from
        // walking an index in order.
        const bool neverNull = field->type == ViewFieldType::Priority
            || QStringList { u"number"_s, u"title"_s, u"kind"_s, u"percent_complete"_s,
                   u"time_spent"_s }
                   .contains(field->name);
        order.append(expr.value() + (key.descending ? u" DESC"_s : u" ASC"_s)
            + (neverNull ? QString() : u" NULLS LAST"_s));
    }
    order.append(u"t.seq"_s); // stable pages; in every index, unlike the id
    view.m_orderBy = order.join(u", "_s);
    view.m_binds = compiler.binds;
    return view;
}

SqlStatement CompiledView::groups() const
{
    if (!isGrouped())
        return { u"SELECT NULL, NULL, COUNT(*) FROM tickets t WHERE "_s + m_where, m_binds };
    // Labels and order are looked up once per group, not once per row.
    return { u"SELECT g.gk, %1, g.n FROM (SELECT %2 AS gk, COUNT(*) AS n FROM tickets t WHERE %3 "
             u"GROUP BY 1) g"
             u" ORDER BY %4 NULLS LAST, g.gk NULLS LAST"_s.arg(withKey(m_groupLabel, u"g.gk"_s),
                 m_groupKey, m_where, withKey(m_groupOrder, u"g.gk"_s)),
        m_binds };
}

SqlStatement CompiledView::rows(
    const std::optional<QVariant> &group, qint64 offset, int limit) const
{
    SqlStatement statement { {}, m_binds };
    QString where = m_where;
    QString order = m_orderBy;
    const QString key = isGrouped() ? m_groupKey : u"NULL"_s;
    if (isGrouped() && group) {
        where = u"(%1) AND %2 IS NOT DISTINCT FROM :group"_s.arg(where, m_groupKey);
        statement.binds.insert(u":group"_s, *group);
    } else if (isGrouped()) {
        order = u"%1 NULLS LAST, %2 NULLS LAST, %3"_s.arg(
            withKey(m_groupOrder, m_groupKey), m_groupKey, order);
    }
    // Deferred join: the page is chosen reading only what the filter and the
    // order need (often a covering index), then its rows are read.
    statement.sql
        = u"SELECT %1, %2 FROM tickets t WHERE t.seq IN (SELECT t.seq FROM tickets t WHERE %3"
          u" ORDER BY %4 LIMIT :limit OFFSET :offset) ORDER BY %4"_s.arg(
              RowColumns, key, where, order);
    statement.binds.insert(u":limit"_s, limit);
    statement.binds.insert(u":offset"_s, offset);
    return statement;
}

SqlStatement CompiledView::rowsOf(const QList<TicketId> &ids) const
{
    SqlStatement statement { {}, m_binds };
    QStringList placeholders;
    placeholders.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QString name = u":id"_s + QString::number(i);
        statement.binds.insert(name, ids.at(i).toString());
        placeholders.append(name);
    }
    const QString in = placeholders.isEmpty() ? u"NULL"_s : placeholders.join(u", "_s);
    statement.sql = u"SELECT %1, %2 FROM tickets t WHERE t.id IN (%3) AND (%4)"_s.arg(
        RowColumns, isGrouped() ? m_groupKey : u"NULL"_s, in, m_where);
    return statement;
}

SqlStatement CompiledView::count() const
{
    return { u"SELECT COUNT(*) FROM tickets t WHERE "_s + m_where, m_binds };
}

} // namespace Tessera
