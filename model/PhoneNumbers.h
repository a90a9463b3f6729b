// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// Numbers as people paste them ("(415) 555-0123", "415.555.0123", "+44 20 7946 0958") turned into
// E.164 with libphonenumber, using a default region for numbers without a country code.
namespace PhoneNumbers {
struct Normalized
{
    QString e164;    // empty when the text is not a number
    QString problem; // why not, in plain words
    QString shown;   // the number in international format, for showing back
};
Normalized normalize(const QString &text, const QString &defaultRegion);
// Two-letter regions libphonenumber knows, sorted, for the settings.
QStringList regions();
} // namespace PhoneNumbers
