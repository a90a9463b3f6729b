// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

// The sandbox's documented phone numbers, one per outcome, so that every path can be tried
// without an account. Every other valid number rings, is answered and completes.
namespace Sandbox {
enum class Scenario {
    Completes,     // rings, answered, a short conversation, completed
    Busy,          // rings briefly, busy
    NoAnswer,      // rings, nobody answers: no-answer
    Fails,         // accepted by Twilio, then fails to connect: failed
    TwilioRejects, // Twilio refuses the call outright (error 21217), after Ultravox accepted it
    Machine,       // an answering machine picks up (answered_by "machine_end_beep" when asked)
};

struct Number
{
    QString phoneNumber;
    Scenario scenario;
    QString outcome;
};

const QList<Number> &numbers();
Scenario scenarioFor(const QString &phoneNumber);

// An agent whose name contains this is refused by the sandbox Ultravox, to show an agent in
// `error` status and the Retry path.
inline const QString RejectedAgentMarker = QStringLiteral("sandbox-reject");

// The "From" number sandbox calls show when none is configured (a fictional 555 number).
inline const QString DefaultFromNumber = QStringLiteral("+14155550100");
inline const QString JoinUrlHost = QStringLiteral("sandbox.switchboard.invalid");

// Milliseconds from the start of a call at which each scenario reaches its states, at time scale
// 1. Tests shrink these with SandboxOptions::timeScale.
struct Timeline
{
    qint64 ringingAt;  // -1: never rings
    qint64 answeredAt; // -1: never answered
    qint64 endsAt;
};
Timeline timelineFor(Scenario scenario);

// How long after the end of a call its price (Twilio) and billed duration (Ultravox) arrive, in
// ms at time scale 1: they come late, as the real ones do.
constexpr qint64 CostDelayMs = 4000;
// Twilio's price per started minute of an answered sandbox call, in USD.
constexpr double PricePerMinute = 0.014;
} // namespace Sandbox
