// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppOptions.h"

#include "Version.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace {
bool readInteger(const QCommandLineParser &parser, const QCommandLineOption &option, int min,
                 int max, int *value, QString *message)
{
    if (!parser.isSet(option))
        return true;
    const QString text = parser.value(option);
    bool ok = false;
    const int parsed = text.toInt(&ok);
    if (!ok || parsed < min || parsed > max) {
        *message = u"--%1 must be a whole number from %2 to %3 (got '%4')"_s
                       .arg(option.names().constFirst())
                       .arg(min)
                       .arg(max)
                       .arg(text);
        return false;
    }
    *value = parsed;
    return true;
}

bool readUrl(const QCommandLineParser &parser, const QCommandLineOption &option, QUrl *url,
             QString *message)
{
    if (!parser.isSet(option))
        return true;
    const QUrl parsed(parser.value(option), QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (parsed.scheme() != u"http"_s && parsed.scheme() != u"https"_s)) {
        *message = u"--%1 must be an http:// or https:// URL (got '%2')"_s.arg(
            option.names().constFirst(), parser.value(option));
        return false;
    }
    *url = parsed;
    if (!url->path().endsWith(u'/'))
        url->setPath(url->path() + u'/');
    return true;
}
} // namespace

AppOptions::Outcome AppOptions::parse(const QStringList &arguments, AppOptions *options,
                                      QString *message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Switchboard: a desktop console for Ultravox voice agents on Twilio phone lines."_s);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    const QCommandLineOption headless(u"headless"_s, u"Run the REST API only, without a window."_s);
    const QCommandLineOption port(u"port"_s, u"Port of the local REST API (default 8000)."_s,
                                  u"N"_s);
    const QCommandLineOption bind(u"bind"_s, u"Address to listen on (default 127.0.0.1)."_s,
                                  u"ADDR"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Folder for the database and settings."_s,
                                     u"DIR"_s);
    const QCommandLineOption database(
        u"database"_s, u"Database URL: sqlite:///path.db or postgresql://user:pass@host:port/db."_s,
        u"URL"_s);
    const QCommandLineOption sandbox(
        u"sandbox"_s, u"Simulate Ultravox and Twilio: no accounts, no network, no cost."_s);
    const QCommandLineOption ultravoxUrl(u"ultravox-url"_s, u"Base URL of the Ultravox API."_s,
                                         u"URL"_s);
    const QCommandLineOption twilioUrl(u"twilio-url"_s, u"Base URL of the Twilio API."_s, u"URL"_s);
    const QCommandLineOption perMinute(u"rate-limit-per-minute"_s,
                                       u"API requests a key may make per minute (default 60)."_s,
                                       u"N"_s);
    const QCommandLineOption perHour(u"rate-limit-per-hour"_s,
                                     u"API requests a key may make per hour (default 1000)."_s,
                                     u"N"_s);
    const QCommandLineOption burst(u"rate-limit-burst"_s,
                                   u"API requests a key may make at once (default 10)."_s, u"N"_s);
    const QCommandLineOption credentials(
        u"credentials"_s,
        u"File of NAME=value lines (SWITCHBOARD_API_KEY, ULTRAVOX_API_KEY, TWILIO_ACCOUNT_SID, "
        u"TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER) that win over the environment and the keychain."_s,
        u"FILE"_s);
    parser.addOptions({help, version, headless, port, bind, dataDir, database, sandbox, ultravoxUrl,
                       twilioUrl, perMinute, perHour, burst, credentials});
    parser.addPositionalArgument(u"tel-uri"_s, u"A tel: link, e.g. tel:+14155550123, to dial."_s,
                                 u"[tel:NUMBER]"_s);

    if (!parser.parse(arguments)) {
        *message = parser.errorText() + u"\nRun with --help to see the options."_s;
        return Outcome::ExitError;
    }
    if (parser.isSet(help)) {
        *message = parser.helpText();
        return Outcome::ExitOk;
    }
    if (parser.isSet(version)) {
        *message = u"switchboard %1"_s.arg(QStringLiteral(SWITCHBOARD_VERSION));
        return Outcome::ExitOk;
    }

    AppOptions result;
    result.headless = parser.isSet(headless);
    result.portGiven = parser.isSet(port);
    result.bindGiven = parser.isSet(bind);
    result.limitsGiven = parser.isSet(perMinute) || parser.isSet(perHour) || parser.isSet(burst);
    result.sandbox = parser.isSet(sandbox);
    int portNumber = result.port;
    if (!readInteger(parser, port, 1, 65535, &portNumber, message))
        return Outcome::ExitError;
    result.port = quint16(portNumber);
    if (parser.isSet(bind)) {
        const QString text = parser.value(bind);
        result.bindAddress =
            text == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(text);
        if (result.bindAddress.isNull()) {
            *message =
                u"--bind must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '%1')"_s.arg(text);
            return Outcome::ExitError;
        }
    }
    result.dataDir = parser.value(dataDir);
    result.databaseUrl = parser.value(database);
    result.credentialsFile = parser.value(credentials);
    if (!readUrl(parser, ultravoxUrl, &result.ultravoxUrl, message) ||
        !readUrl(parser, twilioUrl, &result.twilioUrl, message))
        return Outcome::ExitError;
    constexpr int Huge = 100000000;
    if (!readInteger(parser, perMinute, 1, Huge, &result.limits.perMinute, message) ||
        !readInteger(parser, perHour, 1, Huge, &result.limits.perHour, message) ||
        !readInteger(parser, burst, 1, Huge, &result.limits.burst, message))
        return Outcome::ExitError;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        *message = u"Expected at most one tel: link, got %1 arguments: %2"_s.arg(positional.size())
                       .arg(positional.join(u' '));
        return Outcome::ExitError;
    }
    if (!positional.isEmpty()) {
        const QString uri = positional.constFirst();
        if (!uri.startsWith(u"tel:"_s, Qt::CaseInsensitive)) {
            *message = u"Unexpected argument '%1': only a tel: link (tel:+14155550123) may follow "
                       u"the options"_s.arg(uri);
            return Outcome::ExitError;
        }
        result.telNumber = QUrl::fromPercentEncoding(uri.mid(4).toUtf8()).section(u';', 0, 0);
    }
    *options = result;
    return Outcome::Run;
}
