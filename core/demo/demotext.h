// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Phrase tables of the demo data generator, in English, Brazilian Portuguese
// and Italian (the languages of the product's first teams).

namespace Tessera::DemoText {

enum Language { English, Portuguese, Italian };

struct Phrases
{
    QStringList titles; // %1 product, %2 document number, %3 person, %4 floor, %5 version
    QStringList openings; // first sentence of a customer's message
    QStringList details;
    QStringList agentReplies;
    QStringList internalNotes;
    QStringList closings;
};

const Phrases &phrases(Language language);
const QStringList &products(Language language);
/// Fenced code blocks and log excerpts that agents paste into tickets.
const QStringList &codeSnippets();

const QStringList &firstNames(Language language);
const QStringList &lastNames(Language language);
const QStringList &companyStems(Language language);
const QStringList &companySuffixes(Language language);

} // namespace Tessera::DemoText
