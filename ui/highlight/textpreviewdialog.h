// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPlainTextEdit;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace Tessera::Ui {

/// Whether a file reads best in the text preview: logs, configuration,
/// data and source files, by name or MIME type.
bool isPreviewableText(const QString &fileName, const QString &mimeType);

/// A read-only, highlighted view of a text attachment (.log, .json, .xml,
/// .yaml, .ini, .py…): the syntax comes from the file name, the theme from
/// the palette. Larger files are cut at a limit, and the dialog says so.
class TextPreviewDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextPreviewDialog)

public:
    TextPreviewDialog(
        const QString &fileName, const QByteArray &content, QWidget *parent = nullptr);
    ~TextPreviewDialog() override;

    QPlainTextEdit *editor() const { return m_editor; }
    /// The syntax definition's name ("JSON", "Log File (simplified)"…); empty for plain text.
    QString syntaxName() const;

    static constexpr qsizetype MaxPreviewBytes = 4 * 1024 * 1024;

protected:
    void changeEvent(QEvent *event) override;

private:
    QPlainTextEdit *m_editor = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
};

} // namespace Tessera::Ui
