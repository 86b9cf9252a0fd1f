// SPDX-License-Identifier: GPL-3.0-or-later
#include "highlight/codehighlighting.h"

#include <QHash>
#include <QPalette>
#include <QTextDocument>

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

using namespace Qt::StringLiterals;

namespace Tessera::Ui {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

KSyntaxHighlighting::Theme themeForPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return syntaxRepository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                : KSyntaxHighlighting::Repository::LightTheme);
}

KSyntaxHighlighting::Definition definitionForFence(const QString &language)
{
    auto &repository = syntaxRepository();
    const QString key = language.trimmed();
    if (key.isEmpty())
        return {};
    // Short fence names agents type that are not file suffixes.
    static const QHash<QString, QString> aliases {
        { u"log"_s, u"Log File (simplified)"_s },
        { u"logs"_s, u"Log File (simplified)"_s },
        { u"shell"_s, u"Bash"_s },
        { u"sh"_s, u"Bash"_s },
        { u"console"_s, u"Bash"_s },
        { u"cpp"_s, u"C++"_s },
        { u"c++"_s, u"C++"_s },
        { u"js"_s, u"JavaScript"_s },
        { u"py"_s, u"Python"_s },
        { u"yml"_s, u"YAML"_s },
    };
    if (const auto alias = aliases.constFind(key.toLower()); alias != aliases.cend()) {
        const auto definition = repository.definitionForName(*alias);
        if (definition.isValid())
            return definition;
    }
    if (auto byName = repository.definitionForName(key); byName.isValid())
        return byName;
    for (const auto &definition : repository.definitions()) {
        if (definition.name().compare(key, Qt::CaseInsensitive) == 0)
            return definition;
    }
    return repository.definitionForFileName(u"snippet."_s + key);
}

KSyntaxHighlighting::SyntaxHighlighter *highlightDocument(QTextDocument *document,
    const KSyntaxHighlighting::Definition &definition, const QPalette &palette)
{
    auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
    highlighter->setTheme(themeForPalette(palette));
    highlighter->setDefinition(definition);
    return highlighter;
}

} // namespace Tessera::Ui
