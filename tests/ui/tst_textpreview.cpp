// SPDX-License-Identifier: GPL-3.0-or-later
// Text attachments open in a highlighted, read-only preview: which files
// qualify, which syntax each gets, and what a huge or broken file shows.
#include "colorscheme.h"
#include "highlight/codehighlighting.h"
#include "highlight/textpreviewdialog.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using namespace Tessera;

class TestTextPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCoreApplication::setApplicationName(u"tst_textpreview"_s); }

    void previewableFiles_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<bool>("previewable");
        QTest::newRow("log") << u"server.LOG"_s << u"application/octet-stream"_s << true;
        QTest::newRow("json") << u"config.json"_s << QString() << true;
        QTest::newRow("yaml") << u"compose.yml"_s << QString() << true;
        QTest::newRow("ini") << u"settings.ini"_s << QString() << true;
        QTest::newRow("python") << u"repro.py"_s << QString() << true;
        QTest::newRow("text mime") << u"README"_s << u"text/plain"_s << true;
        QTest::newRow("xml mime") << u"export"_s << u"application/xml"_s << true;
        QTest::newRow("png") << u"screenshot.png"_s << u"image/png"_s << false;
        QTest::newRow("pdf") << u"invoice.pdf"_s << u"application/pdf"_s << false;
        QTest::newRow("no suffix") << u"core"_s << u"application/octet-stream"_s << false;
    }

    void previewableFiles()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, mimeType);
        QFETCH(bool, previewable);
        QCOMPARE(Ui::isPreviewableText(fileName, mimeType), previewable);
    }

    void syntaxFollowsTheFileName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("syntax");
        QTest::newRow("log") << u"sync.log"_s
                             << QByteArray("2026-11-20 09:14:03.512 ERROR [worker] timed out\n")
                             << u"Log File (simplified)"_s;
        QTest::newRow("json") << u"answer.json"_s << QByteArray("{ \"retry\": 5, \"ok\": false }")
                              << u"JSON"_s;
        QTest::newRow("xml") << u"feed.xml"_s << QByteArray("<feed><entry id=\"1\"/></feed>")
                             << u"XML"_s;
        QTest::newRow("yaml") << u"compose.yaml"_s
                              << QByteArray("services:\n  web:\n    port: 80\n") << u"YAML"_s;
        QTest::newRow("python") << u"repro.py"_s << QByteArray("def main():\n    return 42\n")
                                << u"Python"_s;
        QTest::newRow("plain") << u"notes.txt"_s << QByteArray("call the customer back")
                               << QString();
    }

    void syntaxFollowsTheFileName()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, syntax);
        Ui::TextPreviewDialog dialog(fileName, content);
        QCOMPARE(dialog.syntaxName(), syntax);
        QVERIFY(dialog.editor()->isReadOnly());
        QCOMPARE(dialog.editor()->toPlainText(), QString::fromUtf8(content));
        if (syntax.isEmpty())
            return;
        // The highlighter formats the text (it runs from the event loop).
        const QTextBlock first = dialog.editor()->document()->firstBlock();
        QTRY_VERIFY(!first.layout()->formats().isEmpty());
    }

    void hugeFilesAreCut()
    {
        const QByteArray line("2026-11-20 09:14:03.512 INFO [worker] heartbeat\n");
        QByteArray content;
        while (content.size() <= Ui::TextPreviewDialog::MaxPreviewBytes)
            content += line;
        Ui::TextPreviewDialog dialog(u"huge.log"_s, content);
        QCOMPARE(dialog.editor()->toPlainText().size(), Ui::TextPreviewDialog::MaxPreviewBytes);
        bool told = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            told = told || label->text().startsWith(u"Only the first"_s);
        QVERIFY(told);
    }

    void brokenUtf8IsShownNotDropped()
    {
        Ui::TextPreviewDialog dialog(u"mixed.log"_s, QByteArray("before \xff\xfe after"));
        const QString text = dialog.editor()->toPlainText();
        QVERIFY(text.startsWith(u"before "_s));
        QVERIFY(text.endsWith(u" after"_s));
        QVERIFY(text.contains(QChar::ReplacementCharacter));
    }

    void darkPaletteSelectsTheDarkTheme()
    {
        Ui::applyColorScheme(Ui::ColorScheme::Dark);
        Ui::TextPreviewDialog dark(u"a.json"_s, QByteArray("{}"));
        const QString darkTheme = Ui::themeForPalette(dark.palette()).name();
        Ui::applyColorScheme(Ui::ColorScheme::Light);
        Ui::TextPreviewDialog light(u"a.json"_s, QByteArray("{}"));
        const QString lightTheme = Ui::themeForPalette(light.palette()).name();
        QVERIFY(darkTheme != lightTheme);
        QVERIFY2(darkTheme.contains(u"Dark"_s), qPrintable(darkTheme));
    }
};

QTEST_MAIN(TestTextPreview)
#include "tst_textpreview.moc"
