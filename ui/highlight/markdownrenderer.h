// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QPalette>
#include <QString>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>

#include <functional>

class QTextCursor;
class QTextDocument;

namespace Tessera::Ui {

/// A piece of a Markdown text: prose, or a fenced code block with its info string.
struct MarkdownSegment
{
    bool code = false;
    QString language; // the fence's info string; empty when none was given
    QString text;
    friend bool operator==(const MarkdownSegment &, const MarkdownSegment &) = default;
};

/// Splits Markdown at its fenced code blocks (``` or ~~~, three or more).
/// An unclosed fence runs to the end, as CommonMark reads it.
QList<MarkdownSegment> splitFences(const QString &markdown);

/// The definition for code without a fence language, by its content: JSON,
/// XML, Python and Java stack traces, log files; invalid when unsure.
KSyntaxHighlighting::Definition detectDefinition(const QString &code);

/// How code blocks render: a block longer than `collapsedLines` shows that
/// many lines until it is expanded; each block has a key ("<prefix>/<n>")
/// that the "copy:" and "expand:"/"collapse:" links carry.
struct MarkdownRenderOptions
{
    QPalette palette;
    QString keyPrefix;
    int collapsedLines = 12;
    std::function<bool(const QString &key)> isExpanded;
    // Filled in: each block's key → its full text, for the copy link.
    QHash<QString, QString> *codeBlocks = nullptr;
};

/// Inserts Markdown at `cursor`; fenced code blocks become highlighted
/// frames (KSyntaxHighlighting, the theme matching the palette).
void insertMarkdown(
    QTextCursor &cursor, const QString &markdown, const MarkdownRenderOptions &options);

/// Inserts `code` highlighted as `definition` in `theme`, line by line.
void insertHighlighted(QTextCursor &cursor, const QString &code,
    const KSyntaxHighlighting::Definition &definition, const KSyntaxHighlighting::Theme &theme);

/// Replaces `document`'s content with the rendered Markdown (previews).
void renderMarkdown(QTextDocument *document, const QString &markdown, const QPalette &palette);

} // namespace Tessera::Ui
