// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// Ultravox's data messages on a serverWebSocket call: JSON text frames with a `type`, beside
// binary frames of raw 16-bit little-endian mono PCM. Both sides of the protocol are here, so
// the console, the sandbox's simulated agent and the tests' fake speak it the same way.
namespace ConsoleProtocol {

enum class Medium { Text, Voice };
QString mediumName(Medium medium); // "text", "voice"
bool mediumFromName(const QString &name, Medium *medium);

// One 20 ms frame: Ultravox expects continuous audio in small chunks.
constexpr int FrameMs = 20;
constexpr int DefaultSampleRate = 16000;
int frameBytes(int sampleRate);

struct Message
{
    enum class Kind {
        Transcript,
        State,
        Pong,
        PlaybackClearBuffer,
        ToolInvocation,
        Debug,
        CallStarted,
        Other, // a message this version does not know; shown, never an error
    };
    Kind kind = Kind::Other;
    QString type;
    QJsonObject json;
    // transcript
    QString role;   // "user" or "agent"
    QString medium; // "text" or "voice"
    QString text;   // the whole utterance so far (exclusive with delta)
    QString delta;  // what was added since the last message of this utterance
    bool final = false;
    qint64 ordinal = 0;
    // state
    QString state;
    // pong
    double timestamp = 0;
    // client_tool_invocation
    QString toolName;
    QString invocationId;
    QJsonObject parameters;
    // debug
    QString debugText;
};

// Reads a text frame; nullopt with `error` set when it is not a JSON object with a type.
std::optional<Message> parse(const QByteArray &frame, QString *error);
// What a reader of the transcript sees for a message ("Tool call: hangUp(reason: done)").
QString readableLine(const Message &message);
QString toolCallLine(const QString &toolName, const QJsonObject &parameters);

// Client to server.
QByteArray userTextMessage(const QString &text);
QByteArray ping(double timestamp);
QByteArray hangUp(const QString &farewell = {});
QByteArray setOutputMedium(Medium medium);
// The console runs no client tools: it answers every invocation with this error, so the agent
// goes on instead of waiting for a result.
QByteArray clientToolNotRun(const QString &invocationId);

// Server to client.
QByteArray transcriptDelta(const QString &role, Medium medium, const QString &delta,
                           qint64 ordinal);
QByteArray transcriptFinal(const QString &role, Medium medium, const QString &text, qint64 ordinal);
QByteArray state(const QString &state);
QByteArray pong(double timestamp);
QByteArray playbackClearBuffer();
QByteArray callStarted(const QString &callId);
QByteArray toolInvocation(const QString &toolName, const QString &invocationId,
                          const QJsonObject &parameters);
QByteArray debug(const QString &message);

// Renders {{name}} placeholders of a prompt with the template context (left as they are when
// the context has no such name).
QString renderPrompt(const QString &prompt, const QJsonObject &templateContext);
} // namespace ConsoleProtocol
