// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RecentHash.h"
#include "SandboxLedger.h"
#include "SandboxOptions.h"
#include "TwilioProvider.h"

#include <QMutex>

#include <memory>

// A simulated Twilio account. A call's state is a function of the time since it was placed and
// of its number's scenario, both written into its SID, so calls placed before a restart still
// finish afterwards. Only numbers and hang-ups are remembered in memory, of the latest calls.
class SandboxTwilio : public TwilioProvider
{
public:
    SandboxTwilio(SandboxOptions options, std::shared_ptr<SandboxLedger> ledger);

    void checkAccount(QObject *context, Callback<TwilioAccount> done) override;
    void placeCall(const PlaceCallSpec &spec, QObject *context, Callback<TwilioCall> done) override;
    void getCall(const QString &sid, QObject *context, Callback<TwilioCall> done) override;
    void hangUp(const QString &sid, bool cancel, QObject *context,
                Callback<TwilioCall> done) override;
    void listNumbers(QObject *context, Callback<QList<OwnedNumber>> done) override;
    void findCalls(const QString &to, qint64 sinceMs, QObject *context,
                   Callback<QList<TwilioCall>> done) override;

    static constexpr const char *AccountSid = "AC00000000000000000000000000000000";

private:
    struct HungUp
    {
        QString status;
        qint64 atMs;
    };
    std::optional<TwilioCall> callState(const QString &sid, qint64 nowMs) const;
    // Status and times only (what the phone line did).
    std::optional<TwilioCall> phoneState(const QString &sid, qint64 nowMs) const;
    int latency() const;

    SandboxOptions m_options;
    std::shared_ptr<SandboxLedger> m_ledger;
    mutable QMutex m_mutex;
    // What a placed call was: its numbers (for display) and its Ultravox call (to report its
    // hang-up).
    struct Placed
    {
        QString to;
        QString from;
        QString ultravoxCallId;
    };
    RecentHash<QString, Placed> m_placed; // by SID
    RecentHash<QString, HungUp> m_hungUp;
};
