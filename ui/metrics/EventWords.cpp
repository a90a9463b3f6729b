// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventWords.h"

#include "AgentRepository.h"
#include "AppError.h"
#include "CallRepository.h"
#include "CallWords.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

EventWords::EventWords(Store &store)
    : m_store(store)
{
}

QString EventWords::agentName(const QString &agentId)
{
    if (agentId.isEmpty())
        return {};
    if (const auto known = m_agentNames.constFind(agentId); known != m_agentNames.constEnd())
        return *known;
    QString name = agentId;
    try {
        if (const std::optional<Agent> agent = AgentRepository(m_store).find(agentId))
            name = agent->config.name;
        else
            name = tr("a deleted agent");
    } catch (const AppError &) {
        return agentId; // asked again next time
    }
    m_agentNames.insert(agentId, name);
    return name;
}

QString EventWords::callNumber(const QString &callSid)
{
    if (callSid.isEmpty())
        return {};
    if (const auto known = m_callNumbers.constFind(callSid); known != m_callNumbers.constEnd())
        return *known;
    try {
        if (const std::optional<CallRecord> call = CallRepository(m_store).find(callSid)) {
            const QString number = CallWords::number(call->phoneNumber);
            m_callNumbers.insert(callSid, number);
            return number;
        }
    } catch (const AppError &) {
    }
    return {};
}

QString EventWords::sentence(const EventRecord &event)
{
    const QJsonObject &details = event.details;
    const QString number = callNumber(event.callSid);
    const QString call = number.isEmpty() ? tr("Call") : tr("Call to %1").arg(number);
    if (event.type == EventTypes::CallInitiated)
        return details.value(u"test"_s).toBool() ? tr("Test call started")
                                                 : tr("%1 placed").arg(call);
    if (event.type == EventTypes::CallStatusChanged)
        return tr("%1: %2 → %3")
            .arg(call, details.value(u"from"_s).toString(), details.value(u"to"_s).toString());
    if (event.type == EventTypes::CallCompleted || event.type == EventTypes::CallFailed) {
        const QString status = details.value(u"status"_s).toString().replace(u'-', u' ');
        const int seconds = details.value(u"duration_seconds"_s).toInt(-1);
        if (event.type == EventTypes::CallCompleted && seconds >= 0)
            return tr("%1 completed after %2").arg(call, CallWords::duration(seconds));
        const QString error = details.value(u"error"_s).toObject().value(u"message"_s).toString();
        return error.isEmpty() ? tr("%1 ended: %2").arg(call, status)
                               : tr("%1 ended: %2 (%3)").arg(call, status, error);
    }
    const QString agent = agentName(event.agentId);
    if (event.type == EventTypes::AgentCreated)
        return tr("Agent %1 created").arg(details.value(u"name"_s).toString(agent));
    if (event.type == EventTypes::AgentUpdated)
        return details.contains(u"revision"_s) ? tr("Agent %1 saved (revision %2)")
                                                     .arg(agent)
                                                     .arg(details.value(u"revision"_s).toInteger())
                                               : tr("Agent %1 saved").arg(agent);
    if (event.type == EventTypes::AgentDeleted)
        return tr("Agent %1 deleted").arg(agent);
    if (event.type == EventTypes::AgentSyncFailed) {
        const QString reason = details.value(u"message"_s).toString();
        return reason.isEmpty() ? tr("Ultravox refused agent %1").arg(agent)
                                : tr("Ultravox refused agent %1: %2").arg(agent, reason);
    }
    const QString company = details.value(u"name"_s).toString();
    if (event.type == EventTypes::CompanyCreated)
        return tr("Company %1 created")
            .arg(company.isEmpty() ? QString::number(event.companyId) : company);
    if (event.type == EventTypes::CompanyUpdated)
        return tr("Company %1 saved").arg(event.companyId);
    if (event.type == EventTypes::CompanyDeleted)
        return tr("Company %1 deleted").arg(event.companyId);
    return QString(event.type).replace(u'_', u' ');
}

QString EventWords::details(const EventRecord &event)
{
    // The figures the sentences use are not repeated; the rest is listed plainly.
    static const QStringList said{u"from"_s, u"to"_s,       u"status"_s,  u"duration_seconds"_s,
                                  u"name"_s, u"revision"_s, u"message"_s, u"test"_s};
    QStringList pairs;
    for (auto it = event.details.constBegin(); it != event.details.constEnd(); ++it) {
        if (said.contains(it.key()))
            continue;
        QString value;
        if (it.value().isObject())
            value = it.value().toObject().value(u"message"_s).toString();
        if (value.isEmpty())
            value = it.value().isString()
                        ? it.value().toString()
                        : QString::fromUtf8(
                              QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact))
                              .mid(1)
                              .chopped(1);
        pairs << u"%1: %2"_s.arg(QString(it.key()).replace(u'_', u' '), value);
    }
    return pairs.join(u" · "_s);
}
