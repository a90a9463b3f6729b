// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallWords.h"

#include "CallOutcome.h"
#include "PhoneNumbers.h"

#include <algorithm>

using namespace Qt::StringLiterals;

QString CallWords::after(const CallRecord &call)
{
    if (call.answeredAt <= 0 || call.durationSeconds < 0)
        return {};
    return tr(" after %1").arg(duration(call.durationSeconds));
}

QString CallWords::duration(int seconds)
{
    seconds = std::max(0, seconds);
    if (seconds < 60)
        return tr("%n second(s)", nullptr, seconds);
    const QString minutes = tr("%n minute(s)", nullptr, seconds / 60);
    return seconds % 60 == 0 ? minutes
                             : tr("%1 %2").arg(minutes, tr("%n second(s)", nullptr, seconds % 60));
}

QString CallWords::number(const QString &e164)
{
    const PhoneNumbers::Normalized normalized = PhoneNumbers::normalize(e164, u"US"_s);
    return normalized.shown.isEmpty() ? e164 : normalized.shown;
}

QString CallWords::outcome(const CallRecord &call)
{
    switch (call.status) {
    case CallStatus::Initiated:
        return tr("Placing the call…");
    case CallStatus::Ringing:
        return tr("Ringing…");
    case CallStatus::InProgress:
        return tr("Connected: the agent is talking");
    default:
        break;
    }
    const QString reason = CallOutcome::endReasonCode(call);
    if (reason == u"operator"_s)
        return call.answeredAt > 0 ? tr("You hung up") + after(call)
                                   : tr("You hung up before the callee answered");
    if (reason == u"machine_hang_up"_s)
        return tr("An answering machine answered: Switchboard hung up") + after(call);
    if (reason == u"callee_hung_up"_s)
        return tr("The callee hung up") + after(call);
    if (reason == u"agent_hang_up_tool"_s)
        return tr("The agent ended the call") + after(call);
    if (reason == u"time_limit"_s)
        return tr("The call reached its time limit") + after(call);
    if (reason == u"unjoined"_s)
        return tr("The phone line never joined the agent");
    switch (call.status) {
    case CallStatus::Busy:
        return tr("The line was busy");
    case CallStatus::NoAnswer:
        return tr("The callee did not answer");
    case CallStatus::Canceled:
        return tr("The call was canceled before it was answered");
    case CallStatus::Failed:
        return tr("The call could not be connected");
    default:
        break;
    }
    return tr("The call ended") + after(call); // Ultravox has not said why yet
}
