// SPDX-License-Identifier: GPL-3.0-or-later
// Golden checks of message rendering: fences split as CommonMark reads
// them, fenced C++ and JSON get the formats of KSyntaxHighlighting's
// default theme, the dark palette selects the dark theme, unlabelled
// blocks are recognised, and long blocks collapse.
#include "highlight/codehighlighting.h"
#include "highlight/markdownrenderer.h"

#include <QApplication>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

#include <KSyntaxHighlighting/Repository>

using namespace Qt::StringLiterals;
using namespace Tessera;
using KSyntaxHighlighting::Repository;
using KSyntaxHighlighting::Theme;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    return p;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    return p;
}

// The foreground of the first fragment whose text is exactly `word`.
QColor colourOf(const QTextDocument &document, const QString &word)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.text() == word)
                return fragment.charFormat().foreground().color();
        }
    }
    return {};
}

QColor themeColour(Repository::DefaultTheme which, Theme::TextStyle style)
{
    return QColor::fromRgba(Ui::syntaxRepository().defaultTheme(which).textColor(style));
}

} // namespace

class TestMarkdownRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAtFences_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QList<Ui::MarkdownSegment>>("segments");
        QTest::newRow("prose only")
            << u"Hello *there*"_s
            << QList<Ui::MarkdownSegment> { { false, {}, u"Hello *there*"_s } };
        QTest::newRow("one block")
            << u"Try this:\n```cpp\nint x = 1;\n```\nThanks"_s
            << QList<Ui::MarkdownSegment> { { false, {}, u"Try this:\n"_s },
                   { true, u"cpp"_s, u"int x = 1;\n"_s }, { false, {}, u"Thanks"_s } };
        QTest::newRow("tilde fence, no language")
            << u"~~~\nplain\n~~~"_s << QList<Ui::MarkdownSegment> { { true, {}, u"plain\n"_s } };
        QTest::newRow("a longer fence holds a shorter one")
            << u"````md\n```\ninner\n```\n````"_s
            << QList<Ui::MarkdownSegment> { { true, u"md"_s, u"```\ninner\n```\n"_s } };
        QTest::newRow("unclosed runs to the end")
            << u"text\n```json\n{\"a\": 1}"_s
            << QList<Ui::MarkdownSegment> { { false, {}, u"text\n"_s },
                   { true, u"json"_s, u"{\"a\": 1}\n"_s } };
        QTest::newRow("inline backticks are prose")
            << u"run ```make``` now"_s
            << QList<Ui::MarkdownSegment> { { false, {}, u"run ```make``` now"_s } };
    }

    void splitsAtFences()
    {
        QFETCH(QString, markdown);
        QFETCH(QList<Ui::MarkdownSegment>, segments);
        QCOMPARE(Ui::splitFences(markdown), segments);
    }

    void fencedCppGetsTheThemeFormats_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void fencedCppGetsTheThemeFormats()
    {
        QFETCH(bool, dark);
        const auto which = dark ? Repository::DarkTheme : Repository::LightTheme;
        const QPalette palette = dark ? darkPalette() : lightPalette();
        QCOMPARE(
            Ui::themeForPalette(palette).name(), Ui::syntaxRepository().defaultTheme(which).name());

        QTextDocument document;
        Ui::renderMarkdown(
            &document, u"Crash here:\n\n```cpp\nint main() {\n    return 42;\n}\n```\n"_s, palette);
        QCOMPARE(colourOf(document, u"return"_s), themeColour(which, Theme::ControlFlow));
        QCOMPARE(colourOf(document, u"int"_s), themeColour(which, Theme::DataType));
        QCOMPARE(colourOf(document, u"42"_s), themeColour(which, Theme::DecVal));
        QVERIFY(document.toPlainText().contains(u"Crash here:"_s));
        QVERIFY(document.toPlainText().contains(u"C++"_s)); // the block's caption
    }

    void fencedJsonGetsTheThemeFormats()
    {
        const QPalette palette = lightPalette();
        QTextDocument document;
        Ui::renderMarkdown(&document,
            u"```json\n{\"code\": 500, \"message\": \"failed\", \"retry\": true}\n```"_s, palette);
        const auto which = Repository::LightTheme;
        QCOMPARE(colourOf(document, u"500"_s), themeColour(which, Theme::DecVal));
        QCOMPARE(colourOf(document, u"\"failed\""_s), themeColour(which, Theme::String));
        QCOMPARE(colourOf(document, u"true"_s), themeColour(which, Theme::Keyword));
        QVERIFY(colourOf(document, u"\"code\""_s) != themeColour(which, Theme::Normal));
    }

    void unlabelledBlocksAreRecognised_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("definition");
        QTest::newRow("json") << u"{\"error\": {\"code\": 502}}"_s << u"JSON"_s;
        QTest::newRow("xml") << u"<config><retry>3</retry></config>"_s << u"XML"_s;
        QTest::newRow("python traceback")
            << u"Traceback (most recent call last):\n  File \"x.py\", line 3\nKeyError: 'id'"_s
            << u"Log File (simplified)"_s;
        QTest::newRow("java trace")
            << u"java.lang.IllegalStateException: closed\n\tat com.acme.Sync.run(Sync.java:42)"_s
            << u"Log File (simplified)"_s;
        QTest::newRow("log lines")
            << u"2026-11-20 09:14:03.512 ERROR [worker] timed out"_s << u"Log File (simplified)"_s;
        QTest::newRow("gdb backtrace")
            << u"#0  0x00007f3a in QWidget::show () from libQt6Widgets.so.6"_s
            << u"GDB Backtrace"_s;
        QTest::newRow("prose stays plain") << u"please restart the router"_s << QString();
    }

    void unlabelledBlocksAreRecognised()
    {
        QFETCH(QString, code);
        QFETCH(QString, definition);
        const KSyntaxHighlighting::Definition detected = Ui::detectDefinition(code);
        if (definition.isEmpty())
            QVERIFY2(!detected.isValid(), qPrintable(detected.name()));
        else
            QCOMPARE(detected.name(), definition);
    }

    void longBlocksCollapseAndExpand()
    {
        QStringList lines;
        for (int i = 1; i <= 40; ++i)
            lines.append(
                u"2026-11-20 09:14:%1 INFO line %2"_s.arg(i % 60, 2, 10, QChar(u'0')).arg(i));
        const QString markdown = u"```log\n"_s + lines.join(u'\n') + u"\n```"_s;
        QHash<QString, QString> blocks;
        bool expanded = false;
        const auto render = [&] {
            QTextDocument document;
            QTextCursor cursor(&document);
            Ui::MarkdownRenderOptions options;
            options.palette = lightPalette();
            options.keyPrefix = u"m1"_s;
            options.collapsedLines = 12;
            options.isExpanded = [&](const QString &key) {
                return expanded && key == u"m1/0"_s;
            };
            options.codeBlocks = &blocks;
            Ui::insertMarkdown(cursor, markdown, options);
            return document.toPlainText();
        };
        const QString collapsed = render();
        QVERIFY(collapsed.contains(u"line 12"_s));
        QVERIFY(!collapsed.contains(u"line 13"_s));
        QVERIFY(collapsed.contains(u"Show all 40 lines"_s));
        QCOMPARE(blocks.value(u"m1/0"_s), lines.join(u'\n') + u'\n'); // what Copy copies
        expanded = true;
        const QString full = render();
        QVERIFY(full.contains(u"line 40"_s));
        QVERIFY(full.contains(u"Collapse"_s));
    }
};

QTEST_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
