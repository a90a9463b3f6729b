// SPDX-License-Identifier: GPL-3.0-or-later
// Phone numbers as people type and paste them: libphonenumber's normalisation to E.164 (the
// window's dial dialog and settings) with a default region picked by the first byte, and the
// API's own E.164 rule. A number normalisation accepts must pass the API's rule.
#include "FuzzSupport.h"
#include "PhoneNumbers.h"
#include "Validation.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    static const QStringList regions = PhoneNumbers::regions();
    const QString region = regions.value(data[0] % (regions.size() + 1)); // one past: no region
    const QString text = QString::fromUtf8(Fuzz::bytes(data + 1, size - 1));
    const PhoneNumbers::Normalized number = PhoneNumbers::normalize(text, region);
    if (!number.e164.isEmpty() && !Rules::checkPhoneNumber(number.e164).isEmpty())
        __builtin_trap();
    if (number.e164.isEmpty() && number.problem.isEmpty())
        __builtin_trap(); // refused without saying why
    Rules::checkPhoneNumber(text);
    return 0;
}
