// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConsoleProtocol.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ConsoleProtocol {
namespace {
QByteArray frame(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString spokenValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}
} // namespace

QString mediumName(Medium medium)
{
    return medium == Medium::Text ? u"text"_s : u"voice"_s;
}

bool mediumFromName(const QString &name, Medium *medium)
{
    if (name == u"text"_s)
        *medium = Medium::Text;
    else if (name == u"voice"_s)
        *medium = Medium::Voice;
    else
        return false;
    return true;
}

int frameBytes(int sampleRate)
{
    return sampleRate * FrameMs / 1000 * int(sizeof(qint16));
}

std::optional<Message> parse(const QByteArray &bytes, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"a data message that is not a JSON object (%1)"_s.arg(
            parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                         : u"not an object"_s);
        return std::nullopt;
    }
    Message message;
    message.json = document.object();
    message.type = message.json.value(u"type"_s).toString();
    if (message.type.isEmpty()) {
        *error = u"a data message without a type"_s;
        return std::nullopt;
    }
    const QJsonObject &json = message.json;
    if (message.type == u"transcript"_s) {
        message.kind = Message::Kind::Transcript;
        message.role = json.value(u"role"_s).toString();
        message.medium = json.value(u"medium"_s).toString();
        message.text = json.value(u"text"_s).toString();
        message.delta = json.value(u"delta"_s).toString();
        message.final = json.value(u"final"_s).toBool();
        message.ordinal = json.value(u"ordinal"_s).toInteger();
        if (message.role != u"user"_s && message.role != u"agent"_s) {
            *error = u"a transcript whose role is neither user nor agent"_s;
            return std::nullopt;
        }
    } else if (message.type == u"state"_s) {
        message.kind = Message::Kind::State;
        message.state = json.value(u"state"_s).toString();
    } else if (message.type == u"pong"_s) {
        message.kind = Message::Kind::Pong;
        message.timestamp = json.value(u"timestamp"_s).toDouble();
    } else if (message.type == u"playback_clear_buffer"_s) {
        message.kind = Message::Kind::PlaybackClearBuffer;
    } else if (message.type == u"client_tool_invocation"_s ||
               message.type == u"data_connection_tool_invocation"_s) {
        message.kind = Message::Kind::ToolInvocation;
        message.toolName = json.value(u"toolName"_s).toString();
        message.invocationId = json.value(u"invocationId"_s).toString();
        message.parameters = json.value(u"parameters"_s).toObject();
    } else if (message.type == u"debug"_s) {
        message.kind = Message::Kind::Debug;
        message.debugText = spokenValue(json.value(u"message"_s));
    } else if (message.type == u"call_started"_s) {
        message.kind = Message::Kind::CallStarted;
    }
    return message;
}

QString readableLine(const Message &message)
{
    switch (message.kind) {
    case Message::Kind::ToolInvocation:
        return toolCallLine(message.toolName, message.parameters);
    case Message::Kind::State:
        return u"State: "_s + message.state;
    case Message::Kind::PlaybackClearBuffer:
        return u"Playback buffer cleared (the user spoke over the agent)"_s;
    case Message::Kind::Debug:
        return u"Debug: "_s + message.debugText;
    case Message::Kind::CallStarted:
        return u"Call started: "_s + message.json.value(u"callId"_s).toString();
    case Message::Kind::Pong:
        return u"Pong"_s;
    case Message::Kind::Transcript:
        return message.role + u": "_s + (message.text.isEmpty() ? message.delta : message.text);
    case Message::Kind::Other:
        break;
    }
    return QString::fromUtf8(QJsonDocument(message.json).toJson(QJsonDocument::Compact));
}

QString toolCallLine(const QString &toolName, const QJsonObject &parameters)
{
    QStringList arguments;
    for (auto it = parameters.constBegin(); it != parameters.constEnd(); ++it)
        arguments << it.key() + u": "_s + spokenValue(it.value());
    return u"Tool call: %1(%2)"_s.arg(toolName, arguments.join(u", "_s));
}

QByteArray userTextMessage(const QString &text)
{
    return frame({{u"type"_s, u"user_text_message"_s}, {u"text"_s, text}});
}

QByteArray ping(double timestamp)
{
    return frame({{u"type"_s, u"ping"_s}, {u"timestamp"_s, timestamp}});
}

QByteArray hangUp(const QString &farewell)
{
    QJsonObject message{{u"type"_s, u"hang_up"_s}};
    if (!farewell.isEmpty())
        message.insert(u"message"_s, farewell);
    return frame(message);
}

QByteArray setOutputMedium(Medium medium)
{
    return frame({{u"type"_s, u"set_output_medium"_s}, {u"medium"_s, mediumName(medium)}});
}

QByteArray clientToolNotRun(const QString &invocationId)
{
    return frame(
        {{u"type"_s, u"client_tool_result"_s},
         {u"invocationId"_s, invocationId},
         {u"errorType"_s, u"implementation-error"_s},
         {u"errorMessage"_s, u"The Switchboard test console does not run client tools"_s}});
}

QByteArray transcriptDelta(const QString &role, Medium medium, const QString &delta, qint64 ordinal)
{
    return frame({{u"type"_s, u"transcript"_s},
                  {u"role"_s, role},
                  {u"medium"_s, mediumName(medium)},
                  {u"delta"_s, delta},
                  {u"final"_s, false},
                  {u"ordinal"_s, ordinal}});
}

QByteArray transcriptFinal(const QString &role, Medium medium, const QString &text, qint64 ordinal)
{
    return frame({{u"type"_s, u"transcript"_s},
                  {u"role"_s, role},
                  {u"medium"_s, mediumName(medium)},
                  {u"text"_s, text},
                  {u"final"_s, true},
                  {u"ordinal"_s, ordinal}});
}

QByteArray state(const QString &value)
{
    return frame({{u"type"_s, u"state"_s}, {u"state"_s, value}});
}

QByteArray pong(double timestamp)
{
    return frame({{u"type"_s, u"pong"_s}, {u"timestamp"_s, timestamp}});
}

QByteArray playbackClearBuffer()
{
    return frame({{u"type"_s, u"playback_clear_buffer"_s}});
}

QByteArray callStarted(const QString &callId)
{
    return frame({{u"type"_s, u"call_started"_s}, {u"callId"_s, callId}});
}

QByteArray toolInvocation(const QString &toolName, const QString &invocationId,
                          const QJsonObject &parameters)
{
    return frame({{u"type"_s, u"client_tool_invocation"_s},
                  {u"toolName"_s, toolName},
                  {u"invocationId"_s, invocationId},
                  {u"parameters"_s, parameters}});
}

QByteArray debug(const QString &message)
{
    return frame({{u"type"_s, u"debug"_s}, {u"message"_s, message}});
}

QString renderPrompt(const QString &prompt, const QJsonObject &templateContext)
{
    static const QRegularExpression placeholder(u"\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}"_s);
    QString rendered;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(prompt); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        rendered += prompt.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        rendered += templateContext.contains(name) ? spokenValue(templateContext.value(name))
                                                   : match.captured(0);
        last = match.capturedEnd();
    }
    rendered += prompt.mid(last);
    return rendered;
}
} // namespace ConsoleProtocol
