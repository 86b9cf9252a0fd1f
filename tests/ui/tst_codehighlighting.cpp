// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlight/codehighlighting.h"

#include <QApplication>
#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestCodeHighlighting : public QObject
{
    Q_OBJECT

private:
    // The format ranges the highlighter laid over the word at `position`.
    static QTextCharFormat formatAt(const QTextDocument &document, int position)
    {
        const QTextBlock block = document.findBlock(position);
        const int inBlock = position - block.position();
        const auto ranges = block.layout()->formats();
        for (const auto &range : ranges) {
            if (inBlock >= range.start && inBlock < range.start + range.length)
                return range.format;
        }
        return {};
    }

private Q_SLOTS:
    void repositoryHasTheDefinitionsWeUse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("C++") << u"C++"_s;
        QTest::newRow("JSON") << u"JSON"_s;
        QTest::newRow("Log File") << u"Log File (simplified)"_s;
        QTest::newRow("Markdown") << u"Markdown"_s;
    }

    void repositoryHasTheDefinitionsWeUse()
    {
        QFETCH(QString, name);
        const auto definition = Ui::syntaxRepository().definitionForName(name);
        QVERIFY2(definition.isValid(), qPrintable(name));
        QCOMPARE(definition.name(), name);
    }

    void fenceNamesFindDefinitions_data()
    {
        QTest::addColumn<QString>("fence");
        QTest::addColumn<QString>("definition");
        QTest::newRow("cpp") << u"cpp"_s << u"C++"_s;
        QTest::newRow("json") << u"json"_s << u"JSON"_s;
        QTest::newRow("log") << u"log"_s << u"Log File (simplified)"_s;
        QTest::newRow("python by suffix") << u"py"_s << u"Python"_s;
        QTest::newRow("by name, any case") << u"yaml"_s << u"YAML"_s;
    }

    void fenceNamesFindDefinitions()
    {
        QFETCH(QString, fence);
        QFETCH(QString, definition);
        QCOMPARE(Ui::definitionForFence(fence).name(), definition);
    }

    void unknownFenceIsInvalid()
    {
        QVERIFY(!Ui::definitionForFence(u"no-such-language-xyz"_s).isValid());
        QVERIFY(!Ui::definitionForFence(u""_s).isValid());
    }

    void highlightsCppKeywords()
    {
        QTextDocument document;
        const QString code = u"int main() {\n    return 0;\n}\n"_s;
        document.setPlainText(code);
        auto *highlighter = Ui::highlightDocument(
            &document, Ui::definitionForFence(u"cpp"_s), QApplication::palette());
        highlighter->rehighlight();

        const QTextCharFormat keyword = formatAt(document, int(code.indexOf(u"return"_s)));
        const QTextCharFormat type = formatAt(document, int(code.indexOf(u"int"_s)));
        const QTextCharFormat number = formatAt(document, int(code.indexOf(u'0')));
        QVERIFY(keyword.hasProperty(QTextFormat::ForegroundBrush)
            || keyword.fontWeight() == QFont::Bold);
        QVERIFY(type.hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY(number.hasProperty(QTextFormat::ForegroundBrush));
        QVERIFY(keyword != number); // different styles, not one blanket format
    }

    void darkPaletteGetsADarkTheme()
    {
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        const auto darkTheme = Ui::themeForPalette(dark);
        const auto lightTheme = Ui::themeForPalette(light);
        QVERIFY(darkTheme.isValid());
        QVERIFY(lightTheme.isValid());
        QVERIFY(darkTheme.name() != lightTheme.name());
        QVERIFY(QColor::fromRgba(darkTheme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor))
                    .lightness()
            < 128);
        QVERIFY(
            QColor::fromRgba(lightTheme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor))
                .lightness()
            > 128);
    }
};

QTEST_MAIN(TestCodeHighlighting)
#include "tst_codehighlighting.moc"
