// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProviderTypes.h"

using namespace Qt::StringLiterals;

QJsonObject ProviderError::toJson() const
{
    QJsonObject json{{u"provider"_s, provider}, {u"message"_s, message}};
    if (httpStatus > 0)
        json.insert(u"http_status"_s, httpStatus);
    if (!code.isEmpty())
        json.insert(u"code"_s, code);
    if (!moreInfo.isEmpty())
        json.insert(u"more_info"_s, moreInfo);
    if (retryAfterSeconds > 0)
        json.insert(u"retry_after_seconds"_s, retryAfterSeconds);
    if (kind == ErrorKind::ProviderTimeout)
        json.insert(u"reason"_s, u"timeout"_s);
    else if (kind == ErrorKind::ProviderUnavailable)
        json.insert(u"reason"_s, u"unavailable"_s);
    return json;
}

QString ProviderError::summary() const
{
    const QString name = provider == u"twilio"_s ? u"Twilio"_s : u"Ultravox"_s;
    if (kind == ErrorKind::ProviderTimeout)
        return u"%1 did not answer in time: %2"_s.arg(name, message);
    if (httpStatus == 0 && kind == ErrorKind::ProviderUnavailable)
        return u"%1 could not be reached: %2"_s.arg(name, message);
    if (httpStatus == 0) // refused before anything was sent, e.g. TwiML over Twilio's limit
        return u"The request to %1 was not sent: %2"_s.arg(name, message);
    QString text = u"%1 answered %2"_s.arg(name).arg(httpStatus);
    // Twilio's codes are numbers with documentation pages; Ultravox's "code" is the field its
    // message already names.
    if (!code.isEmpty() && provider == u"twilio"_s)
        text += u" (code "_s + code + u')';
    return text + u": "_s + message;
}

AppError ProviderError::toAppError(const QString &doing, QJsonObject extraDetails) const
{
    QJsonObject details = extraDetails;
    details.insert(u"provider"_s, toJson());
    AppError error(kind, doing + u" failed. "_s + summary(), details);
    if (retryAfterSeconds > 0)
        error.withRetryAfter(retryAfterSeconds);
    return error;
}

QString remoteAgentName(const QString &name)
{
    constexpr int UltravoxNameMax = 64;
    if (name.size() <= UltravoxNameMax)
        return name;
    QString shortened = name.left(UltravoxNameMax);
    if (shortened.back().isHighSurrogate())
        shortened.chop(1);
    return shortened.trimmed();
}

CallStatus callStatusFromTwilio(const QString &twilioStatus, bool *known)
{
    if (known)
        *known = true;
    if (twilioStatus == u"queued"_s || twilioStatus == u"initiated"_s)
        return CallStatus::Initiated;
    CallStatus status;
    if (callStatusFromString(twilioStatus, &status))
        return status;
    if (known)
        *known = false;
    return CallStatus::Initiated;
}

QString streamTwiml(const QString &joinUrl)
{
    QString escaped = joinUrl.toHtmlEscaped(); // & < > "
    escaped.replace(u'\'', u"&apos;"_s);
    return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\""_s +
           escaped + u"\"/></Connect></Response>"_s;
}
