// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlight/textpreviewdialog.h"

#include "highlight/codehighlighting.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStringDecoder>
#include <QVBoxLayout>

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

namespace {

const QString GeometryKey = u"textPreview/geometry"_s;

KSyntaxHighlighting::Definition definitionForFile(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    // Fence aliases first: "log" names the log definition, not a file pattern.
    if (auto bySuffix = definitionForFence(suffix); bySuffix.isValid())
        return bySuffix;
    return syntaxRepository().definitionForFileName(fileName);
}

} // namespace

bool isPreviewableText(const QString &fileName, const QString &mimeType)
{
    static const QStringList suffixes { u"log"_s, u"txt"_s, u"json"_s, u"xml"_s, u"yaml"_s,
        u"yml"_s, u"ini"_s, u"conf"_s, u"cfg"_s, u"toml"_s, u"properties"_s, u"env"_s, u"py"_s,
        u"sh"_s, u"ps1"_s, u"bat"_s, u"c"_s, u"h"_s, u"cpp"_s, u"hpp"_s, u"cs"_s, u"java"_s,
        u"js"_s, u"ts"_s, u"rb"_s, u"go"_s, u"rs"_s, u"php"_s, u"sql"_s, u"csv"_s, u"md"_s,
        u"html"_s, u"css"_s, u"diff"_s, u"patch"_s, u"crash"_s };
    if (suffixes.contains(QFileInfo(fileName).suffix().toLower()))
        return true;
    return mimeType.startsWith(u"text/"_s) || mimeType == u"application/json"_s
        || mimeType == u"application/xml"_s || mimeType == u"application/x-yaml"_s;
}

TextPreviewDialog::TextPreviewDialog(
    const QString &fileName, const QByteArray &content, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("%1 — Preview").arg(fileName));
    auto *layout = new QVBoxLayout(this);
    const bool cut = content.size() > MaxPreviewBytes;
    if (cut) {
        auto *note = new QLabel(tr("Only the first %1 are shown.")
                                    .arg(QLocale().formattedDataSize(
                                        MaxPreviewBytes, 0, QLocale::DataSizeTraditionalFormat)),
            this);
        layout->addWidget(note);
    }
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(u"previewText"_s);
    m_editor->setReadOnly(true);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(cut ? content.left(MaxPreviewBytes) : content);
    m_editor->setPlainText(text);
    layout->addWidget(m_editor);

    const auto definition = definitionForFile(fileName);
    if (definition.isValid())
        m_highlighter = highlightDocument(m_editor->document(), definition, palette());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *wrap = buttons->addButton(tr("&Wrap Lines"), QDialogButtonBox::ActionRole);
    wrap->setCheckable(true);
    connect(wrap, &QPushButton::toggled, this, [this](bool on) {
        m_editor->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    resize(820, 560);
    restoreGeometry(QSettings().value(GeometryKey).toByteArray());
}

TextPreviewDialog::~TextPreviewDialog()
{
    QSettings().setValue(GeometryKey, saveGeometry());
}

QString TextPreviewDialog::syntaxName() const
{
    return m_highlighter ? m_highlighter->definition().name() : QString();
}

void TextPreviewDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter) {
        m_highlighter->setTheme(themeForPalette(palette()));
        m_highlighter->rehighlight();
    }
}

} // namespace Tessera::Ui
