// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProviderTypes.h"

class QObject;

// Twilio Programmable Voice as Switchboard uses it. Implemented by the real HTTP client and by
// the sandbox.
class TwilioProvider
{
public:
    virtual ~TwilioProvider() = default;

    virtual void checkAccount(QObject *context, Callback<TwilioAccount> done) = 0;
    // Never retried: a retry could ring the person twice.
    virtual void placeCall(const PlaceCallSpec &spec, QObject *context,
                           Callback<TwilioCall> done) = 0;
    virtual void getCall(const QString &sid, QObject *context, Callback<TwilioCall> done) = 0;
    // Ends a call: Status=canceled while it is queued or ringing, Status=completed once answered.
    virtual void hangUp(const QString &sid, bool cancel, QObject *context,
                        Callback<TwilioCall> done) = 0;
    virtual void listNumbers(QObject *context, Callback<QList<OwnedNumber>> done) = 0;
    // Calls to `to` that Twilio started on `sinceMs`'s UTC day or later (Twilio filters by day:
    // callers compare date_created themselves). How a call whose SID was never stored, because
    // the program stopped while placing it, is found again instead of being placed twice.
    virtual void findCalls(const QString &to, qint64 sinceMs, QObject *context,
                           Callback<QList<TwilioCall>> done) = 0;
};
