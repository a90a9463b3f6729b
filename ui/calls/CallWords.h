// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QCoreApplication>
#include <QString>

// A call told in sentences, the same way wherever the window shows one: the live call view, the
// call log's details, the tray and the metrics' events.
class CallWords
{
    Q_DECLARE_TR_FUNCTIONS(CallWords)

public:
    // How it went, said from the operator's side: "Ringing…" while it lasts, then who ended it
    // and after how long ("You hung up after 1 second", "The callee did not answer").
    static QString outcome(const CallRecord &call);
    // "1 second", "45 seconds", "2 minutes 5 seconds".
    static QString duration(int seconds);
    // "+1 415-555-0123" for "+14155550123"; the text as it is when it is not a number.
    static QString number(const QString &e164);

private:
    static QString after(const CallRecord &call); // " after 6 seconds", or nothing
};
