// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QStringList>

// How a call turned out, in the API's codes and in plain words: who answered, who ended it, what
// it cost. Everything is read from what the providers reported; an unreported value stays null.
namespace CallOutcome {
inline const QString OnMachineHangUp = QStringLiteral("hang_up");
inline const QString OnMachineVoicemail = QStringLiteral("leave_voicemail");
inline const QString HungUpByOperator = QStringLiteral("operator");
inline const QString HungUpByMachineDetection = QStringLiteral("machine_detection");

const QStringList &onMachineActions();
const QStringList &answeredByValues(); // human, machine, fax, unknown
// Twilio's answered_by (human, machine_start, machine_end_beep, ..., fax, unknown) grouped into
// human, machine, fax or unknown; empty for an empty or null value.
QString answeredByFromTwilio(const QString &twilio);

// The end reason's code: callee_hung_up, agent_hang_up_tool, operator, machine_hang_up,
// time_limit, unjoined, provider_error, busy, no_answer, canceled; empty while not known.
QString endReasonCode(const CallRecord &call);
const QStringList &endReasonCodes();
QString endReasonText(const QString &code); // "the callee hung up"

// "pending" until the providers reported the cost or stopped being asked, then "reported"
// (a price came) or "not_reported".
QString costStatus(const CallRecord &call);
// Twilio reports charges as negative amounts; the cost is their absolute value. -1 when none.
double costAmount(const CallRecord &call);
QString costText(const CallRecord &call); // "0.0140 USD", "pending", "not reported"

// Ultravox's durations are strings like "61.5s"; -1 for null or garbage.
double secondsFromDuration(const QString &duration);

// The fields above as the API shows them on every call (each null until known).
void addToJson(const CallRecord &call, QJsonObject &json);
} // namespace CallOutcome
