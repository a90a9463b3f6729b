// SPDX-License-Identifier: GPL-3.0-or-later
// The readers of campaign bodies (POST creates, PUT changes) and of agent export files (the
// import of the agents pane and of POST /api/v1/agents/import), as the controllers call them
// after ApiRequest::jsonObject(). What a reader accepts must be accepted again when written back
// out: a campaign's JSON read as an update changes nothing, an imported agent's config is valid.
#include "Agent.h"
#include "AgentExchange.h"
#include "ApiRequest.h"
#include "AppError.h"
#include "Campaign.h"
#include "FuzzSupport.h"
#include "Validation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
void readCampaign(const QJsonObject &body, bool creating)
{
    Campaign campaign;
    campaign.id = u"cmp_fuzz"_s;
    campaign.agentId = u"agent_fuzz"_s;
    campaign.name = u"Stored campaign"_s; // an update starts from a valid campaign
    FieldErrors errors;
    readCampaignJson(body, campaign, creating, errors);
    if (!errors.isEmpty())
        return;
    // Written out as the API shows it, and read back as an update: still valid, same rules.
    const QJsonObject shown = campaign.toJson({});
    QJsonObject writable;
    for (const QString &key : {u"name"_s, u"agent_id"_s, u"max_concurrent_calls"_s,
                               u"calls_per_minute"_s, u"calling_hours"_s, u"max_attempts"_s,
                               u"retry_delay_seconds"_s, u"retry_on"_s, u"start_at"_s}) {
        if (shown.contains(key))
            writable.insert(key, shown.value(key));
    }
    Campaign again = campaign;
    FieldErrors againErrors;
    readCampaignJson(writable, again, false, againErrors);
    if (!againErrors.isEmpty() || again.toJson({}) != shown)
        __builtin_trap();
}

void readAgentExport(const QJsonObject &document)
{
    FieldErrors errors;
    const QList<AgentExchange::Entry> entries =
        AgentExchange::read(document, {u"Existing agent"_s}, errors);
    for (const AgentExchange::Entry &entry : entries) {
        if (entry.config.has_value() == !entry.reason.isEmpty())
            __builtin_trap(); // importable, or skipped with a reason: never both, never neither
        if (entry.config) {
            FieldErrors configErrors;
            AgentConfig::fromJson(entry.config->toJson(), configErrors);
            if (!configErrors.isEmpty())
                __builtin_trap();
        }
    }
    QStringList ids;
    for (const AgentExchange::Entry &entry : entries) {
        if (entry.config)
            ids << u"agent_%1"_s.arg(entry.index);
    }
    QJsonDocument(AgentExchange::report(entries, ids)).toJson();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ApiRequest request;
    request.body = Fuzz::bytes(data + 1, size - 1);
    try {
        const QJsonObject body = request.jsonObject();
        switch (data[0] % 3) {
        case 0:
            readCampaign(body, true);
            break;
        case 1:
            readCampaign(body, false);
            break;
        case 2:
            readAgentExport(body);
            break;
        }
    } catch (const AppError &refused) {
        if (refused.message().isEmpty())
            __builtin_trap();
    }
    return 0;
}
