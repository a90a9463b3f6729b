// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhoneNumbers.h"

#include "Validation.h"

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <string>

using namespace Qt::StringLiterals;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace PhoneNumbers {
Normalized normalize(const QString &text, const QString &defaultRegion)
{
    Normalized result;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.problem = QObject::tr("Type or paste a phone number");
        return result;
    }
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const auto error =
        util->Parse(trimmed.toStdString(), defaultRegion.toUpper().toStdString(), &number);
    if (error != PhoneNumberUtil::NO_PARSING_ERROR) {
        switch (error) {
        case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
            result.problem =
                QObject::tr("Unknown country code; start with + and the country code, or set "
                            "the default region in Settings");
            break;
        case PhoneNumberUtil::TOO_SHORT_NSN:
        case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
            result.problem = QObject::tr("Too short for a phone number");
            break;
        case PhoneNumberUtil::TOO_LONG_NSN:
            result.problem = QObject::tr("Too long for a phone number");
            break;
        default:
            result.problem = QObject::tr("Not a phone number");
            break;
        }
        return result;
    }
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    std::string international;
    util->Format(number, PhoneNumberUtil::INTERNATIONAL, &international);
    result.shown = QString::fromStdString(international);
    const QString candidate = QString::fromStdString(e164);
    // The spec's own rule has the last word (8-18 characters, '+' and digits).
    const QString rule = Rules::checkPhoneNumber(candidate);
    if (!rule.isEmpty()) {
        result.problem = QObject::tr("The number %1").arg(rule);
        return result;
    }
    if (!util->IsPossibleNumber(number)) {
        result.problem =
            QObject::tr("%1 is not a possible number in its country").arg(result.shown);
        return result;
    }
    result.e164 = candidate;
    return result;
}

QStringList regions()
{
    std::set<std::string> supported;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&supported);
    QStringList list;
    for (const std::string &region : supported)
        list << QString::fromStdString(region);
    return list;
}
} // namespace PhoneNumbers
