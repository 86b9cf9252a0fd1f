// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>

class QPalette;
class QTextDocument;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
} // namespace KSyntaxHighlighting

namespace Tessera::Ui {

/// The process-wide syntax definition repository. Loading it reads a few
/// hundred definitions, so it is built once, on first use, on the GUI thread.
KSyntaxHighlighting::Repository &syntaxRepository();

/// The bundled theme that matches a palette: dark themes on dark palettes.
KSyntaxHighlighting::Theme themeForPalette(const QPalette &palette);

/// The definition for a Markdown fence's info string ("cpp", "json", "log"),
/// a definition name ("C++") or a file name ("crash.log"); invalid if none.
KSyntaxHighlighting::Definition definitionForFence(const QString &language);

/// Highlights `document` as `definition` in the theme for `palette`. The
/// highlighter is a child of the document.
KSyntaxHighlighting::SyntaxHighlighter *highlightDocument(QTextDocument *document,
    const KSyntaxHighlighting::Definition &definition, const QPalette &palette);

} // namespace Tessera::Ui
