// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlight/markdownrenderer.h"

#include "highlight/codehighlighting.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

// Runs the highlighter over one line at a time and keeps its formats.
class LineFormatter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    struct Span
    {
        int offset;
        int length;
        KSyntaxHighlighting::Format format;
    };

    QList<Span> formatLine(QStringView line)
    {
        m_spans.clear();
        m_state = highlightLine(line, m_state);
        return m_spans;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        if (length > 0)
            m_spans.append({ offset, length, format });
    }

private:
    KSyntaxHighlighting::State m_state;
    QList<Span> m_spans;
};

QTextCharFormat charFormat(
    const KSyntaxHighlighting::Format &format, const KSyntaxHighlighting::Theme &theme)
{
    QTextCharFormat f;
    if (format.hasTextColor(theme))
        f.setForeground(format.textColor(theme));
    if (format.hasBackgroundColor(theme))
        f.setBackground(format.backgroundColor(theme));
    if (format.isBold(theme))
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(format.isItalic(theme));
    f.setFontUnderline(format.isUnderline(theme));
    f.setFontStrikeOut(format.isStrikeThrough(theme));
    return f;
}

QTextCharFormat plainCodeFormat(const KSyntaxHighlighting::Theme &theme)
{
    QTextCharFormat f;
    f.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    f.setForeground(QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    return f;
}

void insertCodeBlock(QTextCursor &cursor, const MarkdownSegment &segment, int index,
    const MarkdownRenderOptions &options)
{
    const KSyntaxHighlighting::Theme theme = themeForPalette(options.palette);
    KSyntaxHighlighting::Definition definition = definitionForFence(segment.language);
    if (!definition.isValid())
        definition = detectDefinition(segment.text);

    const QString key = u"%1/%2"_s.arg(options.keyPrefix).arg(index);
    if (options.codeBlocks)
        options.codeBlocks->insert(key, segment.text);
    QStringList lines = segment.text.split(u'\n');
    if (lines.size() > 1 && lines.constLast().isEmpty())
        lines.removeLast();
    const bool collapsible
        = options.collapsedLines > 0 && lines.size() > options.collapsedLines + 2;
    const bool expanded = !collapsible || (options.isExpanded && options.isExpanded(key));

    QTextFrameFormat frame;
    const QColor background
        = QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
    frame.setBackground(background);
    frame.setBorder(1);
    frame.setBorderBrush(options.palette.color(QPalette::Mid));
    frame.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    frame.setPadding(6);
    frame.setTopMargin(4);
    frame.setBottomMargin(4);
    QTextFrame *codeFrame = cursor.insertFrame(frame);

    // A caption with the language and the block's links.
    QTextCharFormat caption;
    caption.setForeground(
        QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::LineNumbers)));
    // In the text's own face and size: a label, not code.
    caption.setFontFamilies(QGuiApplication::font().families());
    caption.setFontFixedPitch(false);
    const auto link = [&](const QString &href, const QString &text) {
        QTextCharFormat anchor = caption;
        anchor.setAnchor(true);
        anchor.setAnchorHref(href);
        anchor.setForeground(
            QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Function)));
        anchor.setFontUnderline(true);
        cursor.insertText(text, anchor);
    };
    const QString language = !definition.isValid()
        ? QObject::tr("Text", "code block without a language")
        : definition.name().startsWith(u"Log File"_s) ? QObject::tr("Log")
                                                      : definition.translatedName();
    cursor.insertText(language, caption);
    cursor.insertText(u"   "_s, caption);
    link(u"copy:"_s + key, QObject::tr("Copy"));
    if (collapsible) {
        cursor.insertText(u"   "_s, caption);
        link((expanded ? u"collapse:"_s : u"expand:"_s) + key,
            expanded ? QObject::tr("Collapse")
                     : QObject::tr("Show all %n lines", nullptr, int(lines.size())));
    }
    // Long lines wrap inside the frame: a log line must not widen the whole
    // conversation into a sideways scroll.
    QTextBlockFormat codeBlock;
    cursor.insertBlock(codeBlock, plainCodeFormat(theme));
    const QStringList shown = expanded ? lines : lines.mid(0, options.collapsedLines);
    insertHighlighted(cursor, shown.join(u'\n'), definition, theme);
    if (!expanded) {
        cursor.insertBlock(codeBlock, caption);
        cursor.insertText(
            QObject::tr("… %n more lines", nullptr, int(lines.size() - options.collapsedLines)),
            caption);
    }
    cursor.setPosition(codeFrame->lastPosition());
    cursor.movePosition(QTextCursor::NextCharacter);
}

} // namespace

QList<MarkdownSegment> splitFences(const QString &markdown)
{
    static const QRegularExpression opening(u"^( {0,3})(`{3,}|~{3,})\\s*([^`\\s]*)[^`]*$"_s);
    QList<MarkdownSegment> segments;
    MarkdownSegment current;
    QString fence;
    const auto flush = [&] {
        if (current.code || !current.text.isEmpty())
            segments.append(current);
        current = {};
    };
    const QStringList lines = markdown.split(u'\n');
    for (const QString &line : lines) {
        if (fence.isEmpty()) {
            const auto match = opening.match(line);
            if (match.hasMatch()) {
                flush();
                fence = match.captured(2);
                current.code = true;
                current.language = match.captured(3);
                continue;
            }
            current.text += line + u'\n';
        } else {
            const QString trimmed = line.trimmed();
            if (trimmed.startsWith(fence) && trimmed.count(fence.at(0)) == trimmed.size()
                && line.indexOf(fence.at(0)) <= 3) {
                fence.clear();
                flush();
                continue;
            }
            current.text += line + u'\n';
        }
    }
    flush();
    if (!segments.isEmpty() && !segments.constLast().code)
        segments.last().text.chop(1); // the split added a newline the text did not have
    return segments;
}

KSyntaxHighlighting::Definition detectDefinition(const QString &code)
{
    auto &repository = syntaxRepository();
    const QString text = code.trimmed();
    if (text.isEmpty())
        return {};
    if (text.startsWith(u'{') || text.startsWith(u'[')) {
        QJsonParseError error;
        QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError)
            return repository.definitionForName(u"JSON"_s);
    }
    if (text.startsWith(u'<') && text.contains(u"</"_s))
        return repository.definitionForName(u"XML"_s);
    static const QRegularExpression nativeFrame(
        u"^#\\d+\\s+0x[0-9a-f]+ in "_s, QRegularExpression::MultilineOption);
    if (nativeFrame.match(text).hasMatch())
        return repository.definitionForName(u"GDB Backtrace"_s);
    // Java and Python stack traces and timestamped lines read best as a log.
    static const QRegularExpression logLike(
        u"(Traceback \\(most recent call last\\)|^\\s+at [\\w$.]+\\(|\\b\\w+(Exception|Error)\\b"
        u"|^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}|^\\[?(ERROR|WARN|INFO|DEBUG)\\b)"_s,
        QRegularExpression::MultilineOption);
    if (logLike.match(text).hasMatch())
        return repository.definitionForName(u"Log File (simplified)"_s);
    return {};
}

void insertHighlighted(QTextCursor &cursor, const QString &code,
    const KSyntaxHighlighting::Definition &definition, const KSyntaxHighlighting::Theme &theme)
{
    const QTextCharFormat base = plainCodeFormat(theme);
    LineFormatter formatter;
    formatter.setTheme(theme);
    formatter.setDefinition(definition);
    const QStringList lines = code.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (i > 0)
            cursor.insertBlock(cursor.blockFormat(), base);
        if (!definition.isValid()) {
            cursor.insertText(line, base);
            continue;
        }
        int done = 0;
        for (const LineFormatter::Span &span : formatter.formatLine(line)) {
            if (span.offset > done)
                cursor.insertText(line.mid(done, span.offset - done), base);
            QTextCharFormat f = base;
            f.merge(charFormat(span.format, theme));
            cursor.insertText(line.mid(span.offset, span.length), f);
            done = span.offset + span.length;
        }
        if (done < line.size())
            cursor.insertText(line.mid(done), base);
    }
}

void insertMarkdown(
    QTextCursor &cursor, const QString &markdown, const MarkdownRenderOptions &options)
{
    int index = 0;
    for (const MarkdownSegment &segment : splitFences(markdown)) {
        if (segment.code) {
            insertCodeBlock(cursor, segment, index++, options);
        } else if (!segment.text.trimmed().isEmpty()) {
            cursor.insertMarkdown(segment.text, QTextDocument::MarkdownDialectGitHub);
        }
    }
}

void renderMarkdown(QTextDocument *document, const QString &markdown, const QPalette &palette)
{
    document->clear();
    QTextCursor cursor(document);
    MarkdownRenderOptions options;
    options.palette = palette;
    options.collapsedLines = 0;
    insertMarkdown(cursor, markdown, options);
}

} // namespace Tessera::Ui
