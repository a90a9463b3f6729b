// SPDX-License-Identifier: GPL-3.0-or-later
// The --credentials file (NAME=value lines): whatever it holds is read or refused with the line
// and the problem named.
#include "AppError.h"
#include "Credentials.h"
#include "FuzzSupport.h"

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        const QHash<QString, QString> values =
            Credentials::parseCredentials(Fuzz::bytes(data, size), u"fuzz.env"_s);
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            if (it.value().isEmpty() || !it.key().contains(u'_'))
                __builtin_trap(); // an empty value, or a name that is none of the variables
    } catch (const AppError &refused) {
        if (!refused.message().contains(u"fuzz.env line "_s))
            __builtin_trap();
    }
    return 0;
}
