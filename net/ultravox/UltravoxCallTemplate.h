// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QJsonArray>
#include <QJsonObject>

// An agent's configuration in Ultravox's terms (ultravox-openapi.yaml, ultravox.v1.CallTemplate):
// camelCase fields, durations as "30s" / "0.384s" strings, first speaker and built-in tools in
// Ultravox's shapes. Every field it writes is also a field of StartCallRequest, so the same object
// plus a `medium` is the body of an ad-hoc call (POST /api/calls) with that configuration.
namespace UltravoxCallTemplate {
// The whole callTemplate of the agent. Every setting is written, defaults included, because an
// agent is updated with PATCH, where a field left out would keep its old value on Ultravox.
QJsonObject fromAgentConfig(const AgentConfig &config);

// Milliseconds as Ultravox's protobuf duration string: 30000 -> "30s", 384 -> "0.384s".
QString duration(qint64 milliseconds);
// {"user": {}} or {"agent": {...}}: exactly one side, as the schema asks.
QJsonObject firstSpeakerSettings(const CallSettings &settings);
// [{"toolName": "hangUp", ...}, ...] for the built-in tools that are switched on.
QJsonArray selectedTools(const BuiltInTools &tools);
QJsonObject vadSettings(const CallSettings &settings);
QJsonArray inactivityMessages(const QList<InactivityMessage> &messages);
// END_BEHAVIOR_UNSPECIFIED (keep going), END_BEHAVIOR_HANG_UP_SOFT, END_BEHAVIOR_HANG_UP_STRICT.
QString endBehavior(InactivityEnd end);
} // namespace UltravoxCallTemplate
