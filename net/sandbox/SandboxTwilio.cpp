// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxTwilio.h"

#include "DeliverLater.h"
#include "Ids.h"
#include "SandboxScenarios.h"
#include "Timestamps.h"
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {
ProviderError twilioError(int httpStatus, int code, const QString &message)
{
    ProviderError error;
    error.provider = u"twilio"_s;
    error.httpStatus = httpStatus;
    error.code = QString::number(code);
    error.message = message;
    error.moreInfo = u"https://www.twilio.com/docs/errors/%1"_s.arg(code);
    return error;
}

// CA + 12 hex of the creation time in ms + 1 hex scenario (8 added when machine detection was
// asked) + 19 random hex = 34 characters.
constexpr int DetectionFlag = 8;

QString makeSid(qint64 createdMs, Sandbox::Scenario scenario, bool detection)
{
    return u"CA"_s + QString::number(createdMs, 16).rightJustified(12, u'0') +
           QString::number(int(scenario) + (detection ? DetectionFlag : 0), 16) +
           Ids::randomHex(19);
}

// The Ultravox call id in a sandbox join URL: wss://HOST/calls/ID/join.
QString ultravoxCallIdIn(const QString &twiml)
{
    const qsizetype start = twiml.indexOf(u"/calls/"_s);
    const qsizetype end = twiml.indexOf(u"/join"_s, start + 7);
    return start < 0 || end < 0 ? QString() : twiml.mid(start + 7, end - start - 7);
}

// Twilio's price text: negative for a charge, five decimals, per started minute.
QString priceFor(int answeredSeconds)
{
    const int minutes = (answeredSeconds + 59) / 60;
    return minutes == 0 ? u"0.00000"_s
                        : QString::number(-Sandbox::PricePerMinute * minutes, 'f', 5);
}
} // namespace

SandboxTwilio::SandboxTwilio(SandboxOptions options, std::shared_ptr<SandboxLedger> ledger)
    : m_options(options)
    , m_ledger(std::move(ledger))
{
}

int SandboxTwilio::latency() const
{
    return int(m_options.latencyMs * m_options.timeScale);
}

void SandboxTwilio::checkAccount(QObject *context, Callback<TwilioAccount> done)
{
    deliverLater<TwilioAccount>(
        context, latency(), std::move(done),
        TwilioAccount{QString::fromLatin1(AccountSid), u"Switchboard sandbox"_s, u"active"_s});
}

void SandboxTwilio::placeCall(const PlaceCallSpec &spec, QObject *context,
                              Callback<TwilioCall> done)
{
    const Sandbox::Scenario scenario = Sandbox::scenarioFor(spec.to);
    if (scenario == Sandbox::Scenario::TwilioRejects) {
        deliverLater<TwilioCall>(
            context, latency(), std::move(done),
            twilioError(
                400, 21217,
                u"Phone number does not appear to be valid (sandbox number %1)"_s.arg(spec.to)));
        return;
    }
    if (!spec.twiml.contains(u"<Stream url="_s)) {
        deliverLater<TwilioCall>(context, latency(), std::move(done),
                                 twilioError(400, 12100, u"Document parse failure: no <Stream>"_s));
        return;
    }
    if (!spec.machineDetection.isEmpty() && spec.machineDetection != u"Enable"_s &&
        spec.machineDetection != u"DetectMessageEnd"_s) {
        deliverLater<TwilioCall>(
            context, latency(), std::move(done),
            twilioError(400, 21201, u"MachineDetection must be Enable or DetectMessageEnd"_s));
        return;
    }
    const qint64 now = Timestamps::nowMs();
    const QString sid = makeSid(now, scenario, !spec.machineDetection.isEmpty());
    const QString ultravoxCallId = ultravoxCallIdIn(spec.twiml);
    {
        QMutexLocker locker(&m_mutex);
        m_placed.insert(sid, {spec.to, spec.from, ultravoxCallId});
    }
    m_ledger->placed(ultravoxCallId, {scenario, now, 0, scenario == Sandbox::Scenario::Machine});
    TwilioCall call = *callState(sid, now);
    deliverLater<TwilioCall>(context, latency(), std::move(done), call);
}

std::optional<TwilioCall> SandboxTwilio::callState(const QString &sid, qint64 nowMs) const
{
    std::optional<TwilioCall> call = phoneState(sid, nowMs);
    if (!call)
        return call;
    const int code = sid.mid(14, 1).toInt(nullptr, 16);
    const bool machine =
        Sandbox::Scenario(code & (DetectionFlag - 1)) == Sandbox::Scenario::Machine;
    // Synchronous detection: known once the call is answered, and only when it was asked for.
    if ((code & DetectionFlag) != 0 && call->startTime > 0)
        call->answeredBy = machine ? u"machine_end_beep"_s : u"human"_s;
    // The price comes a few seconds after the end, as Twilio's does.
    const qint64 pricedAt = call->endTime + qint64(Sandbox::CostDelayMs * m_options.timeScale);
    if (call->endTime > 0 && nowMs >= pricedAt) {
        call->price = priceFor(std::max(0, call->durationSeconds));
        call->priceUnit = u"USD"_s;
    }
    return call;
}

std::optional<TwilioCall> SandboxTwilio::phoneState(const QString &sid, qint64 nowMs) const
{
    bool ok = false;
    const qint64 created = sid.mid(2, 12).toLongLong(&ok, 16);
    const int code = sid.mid(14, 1).toInt(nullptr, 16);
    const int scenarioCode = code & (DetectionFlag - 1);
    if (!sid.startsWith(u"CA"_s) || sid.size() != 34 || !ok ||
        scenarioCode > int(Sandbox::Scenario::Machine))
        return std::nullopt;

    const auto scenario = Sandbox::Scenario(scenarioCode);
    const Sandbox::Timeline timeline = Sandbox::timelineFor(scenario);
    const double scale = m_options.timeScale;
    const auto at = [&](qint64 ms) { return created + qint64(double(ms) * scale); };

    TwilioCall call;
    call.sid = sid;
    call.dateCreated = created;
    {
        QMutexLocker locker(&m_mutex);
        const Placed placed = m_placed.value(sid);
        call.to = placed.to;
        call.from = placed.from;
        if (m_hungUp.contains(sid)) {
            const HungUp hungUp = m_hungUp.value(sid);
            call.status = hungUp.status;
            if (timeline.answeredAt >= 0 && at(timeline.answeredAt) < hungUp.atMs) {
                call.startTime = at(timeline.answeredAt);
                call.durationSeconds = int((hungUp.atMs - call.startTime) / 1000);
            } else {
                call.durationSeconds = 0;
            }
            call.endTime = hungUp.atMs;
            return call;
        }
    }
    if (nowMs >= at(timeline.endsAt)) {
        switch (scenario) {
        case Sandbox::Scenario::Completes:
        case Sandbox::Scenario::Machine:
            call.status = u"completed"_s;
            break;
        case Sandbox::Scenario::Busy:
            call.status = u"busy"_s;
            break;
        case Sandbox::Scenario::NoAnswer:
            call.status = u"no-answer"_s;
            break;
        case Sandbox::Scenario::Fails:
        case Sandbox::Scenario::TwilioRejects:
            call.status = u"failed"_s;
            break;
        }
        call.endTime = at(timeline.endsAt);
        if (timeline.answeredAt >= 0)
            call.startTime = at(timeline.answeredAt);
        call.durationSeconds = call.startTime > 0 ? int((call.endTime - call.startTime) / 1000) : 0;
    } else if (timeline.answeredAt >= 0 && nowMs >= at(timeline.answeredAt)) {
        call.status = u"in-progress"_s;
        call.startTime = at(timeline.answeredAt);
    } else if (timeline.ringingAt >= 0 && nowMs >= at(timeline.ringingAt)) {
        call.status = u"ringing"_s;
    } else {
        call.status = u"queued"_s;
    }
    return call;
}

void SandboxTwilio::getCall(const QString &sid, QObject *context, Callback<TwilioCall> done)
{
    const std::optional<TwilioCall> call = callState(sid, Timestamps::nowMs());
    if (!call) {
        deliverLater<TwilioCall>(context, latency(), std::move(done),
                                 twilioError(404, 20404,
                                             u"The requested resource /Calls/%1.json "
                                             u"was not found"_s.arg(sid)));
        return;
    }
    deliverLater<TwilioCall>(context, latency(), std::move(done), *call);
}

void SandboxTwilio::hangUp(const QString &sid, bool cancel, QObject *context,
                           Callback<TwilioCall> done)
{
    const qint64 now = Timestamps::nowMs();
    std::optional<TwilioCall> call = callState(sid, now);
    if (!call) {
        deliverLater<TwilioCall>(
            context, latency(), std::move(done),
            twilioError(404, 20404, u"The requested resource was not found"_s));
        return;
    }
    const CallStatus current = callStatusFromTwilio(call->status);
    if (!isFinal(current)) {
        if (cancel && current == CallStatus::InProgress) {
            // Twilio ignores Status=canceled on an answered call; the caller asked for the wrong
            // one.
            deliverLater<TwilioCall>(context, latency(), std::move(done), *call);
            return;
        }
        QString ultravoxCallId;
        {
            QMutexLocker locker(&m_mutex);
            m_hungUp.insert(sid, {cancel ? u"canceled"_s : u"completed"_s, now});
            ultravoxCallId = m_placed.value(sid).ultravoxCallId;
        }
        m_ledger->hungUp(ultravoxCallId, now);
        call = callState(sid, now);
    }
    deliverLater<TwilioCall>(context, latency(), std::move(done), *call);
}

void SandboxTwilio::listNumbers(QObject *context, Callback<QList<OwnedNumber>> done)
{
    deliverLater<QList<OwnedNumber>>(
        context, latency(), std::move(done),
        QList<OwnedNumber>{{Sandbox::DefaultFromNumber, u"Sandbox line"_s}});
}

void SandboxTwilio::findCalls(const QString &to, qint64 sinceMs, QObject *context,
                              Callback<QList<TwilioCall>> done)
{
    // The sandbox remembers the numbers of its calls only while it runs: after a restart it
    // finds nothing, and the attempt's outcome is reported unknown, as Twilio's would be for a
    // call it never got.
    const qint64 now = Timestamps::nowMs();
    const QDate since = QDateTime::fromMSecsSinceEpoch(sinceMs, Qt::UTC).date();
    QStringList sids;
    {
        QMutexLocker locker(&m_mutex);
        const auto &placed = m_placed.all();
        for (auto it = placed.cbegin(); it != placed.cend(); ++it) {
            if (it.value().to == to)
                sids << it.key();
        }
    }
    QList<TwilioCall> found;
    for (const QString &sid : std::as_const(sids)) {
        const std::optional<TwilioCall> call = callState(sid, now);
        if (call && QDateTime::fromMSecsSinceEpoch(call->dateCreated, Qt::UTC).date() >= since)
            found << *call;
    }
    deliverLater<QList<TwilioCall>>(context, latency(), std::move(done), found);
}
