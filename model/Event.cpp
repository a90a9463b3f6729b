// SPDX-License-Identifier: GPL-3.0-or-later
#include "Event.h"

#include "Timestamps.h"

using namespace Qt::StringLiterals;

QJsonObject EventRecord::toJson() const
{
    QJsonObject json{
        {u"id"_s, id}, {u"timestamp"_s, Timestamps::iso(timestamp)}, {u"type"_s, type}};
    if (!agentId.isEmpty())
        json.insert(u"agent_id"_s, agentId);
    if (!callSid.isEmpty())
        json.insert(u"call_sid"_s, callSid);
    if (companyId > 0)
        json.insert(u"company_id"_s, companyId);
    if (!details.isEmpty())
        json.insert(u"details"_s, details);
    return json;
}
